"""What a user or IT can configure, and how the layers combine.

Defaults < user settings < machine policy. A value the policy sets is locked: the UI shows it
greyed with a padlock, and services refuse to change it.
"""

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$", to_lower=True)]


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    model_path: Path | None = None
    """A GGUF to use instead of the embedded demo model; it must come with `model_sha256`."""
    model_sha256: Sha256Hex | None = None
    context_tokens: int = Field(default=8192, ge=512, le=131072)
    idle_lock_minutes: int = Field(default=10, ge=1, le=240)
    clipboard_clear_seconds: int = Field(default=60, ge=5, le=3600)
    font_point_size: int = Field(default=11, ge=8, le=32)
    high_contrast: bool = False
    export_names_carry_mrn: bool = False
    """Whether proposed export file names carry the patient's MRN; never the name."""


SETTING_NAMES: frozenset[str] = frozenset(Settings.model_fields)


class LayeredSettings(BaseModel):
    """The effective settings plus which of them the machine policy has locked."""

    model_config = ConfigDict(frozen=True)

    effective: Settings
    locked: frozenset[str] = frozenset()

    def is_locked(self, name: str) -> bool:
        return name in self.locked


def combine(user: dict[str, object], policy: dict[str, object]) -> LayeredSettings:
    """Merge the layers; raises pydantic.ValidationError naming the field that is wrong."""
    merged = {**user, **policy}
    return LayeredSettings(effective=Settings.model_validate(merged), locked=frozenset(policy))
