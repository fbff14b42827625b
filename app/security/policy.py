"""The machine policy IT pushes: validated whole, or the app does not start.

A policy with one bad field is refused entirely, naming the file and the field, because
running with the valid half of a policy would silently drop a control IT believes is on.
"""

import json
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.domain.errors import WardScribeError
from app.domain.settings import Settings
from app.identity.config import IdentityPolicy


class PolicyInvalid(WardScribeError):
    pass


class BreakGlassPolicy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    enabled: bool = False
    max_minutes: int = Field(default=60, ge=5, le=720)


class MachinePolicy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    settings: dict[str, Any] = Field(default_factory=dict)
    """Overrides of `Settings`; each key present here is locked for the user."""
    break_glass: BreakGlassPolicy = BreakGlassPolicy()
    identity: IdentityPolicy | None = None
    """Which sign-in provider this workstation uses; none means local accounts."""


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "(top level)"
    return f"{field}: {first['msg']}"


def _parse(path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    try:
        if path.suffix.lower() == ".json":
            parsed = json.loads(raw.decode("utf-8-sig"))
            if not isinstance(parsed, dict):
                raise PolicyInvalid(f"Machine policy {path} must hold a JSON object.")
            return parsed
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
        raise PolicyInvalid(f"Machine policy {path} cannot be read: {error}") from None


def load_policy(path: Path) -> MachinePolicy | None:
    """Return the policy at `path`, None when there is none, or raise PolicyInvalid."""
    if not path.exists():
        return None
    try:
        policy = MachinePolicy.model_validate(_parse(path))
    except ValidationError as error:
        raise PolicyInvalid(f"Machine policy {path} is invalid: {_describe(error)}.") from None
    try:
        Settings.model_validate(policy.settings)
    except ValidationError as error:
        raise PolicyInvalid(
            f"Machine policy {path} is invalid: settings.{_describe(error)}."
        ) from None
    return policy
