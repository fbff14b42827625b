"""Per-unit layouts of grounded drafts: which fact sections each kind lists, where, and what the
model is asked to write between them.

A layout is TOML data (`resources/layouts/default.toml`; a unit's own file beside it, or one
the machine policy names) so a unit's educator can reorder or drop sections without code. Each
kind lists its sections in order; a section has the template's heading (so the desk, the
exports and the review find the same headings as in any draft of that kind; kinds without
headings use "") and items, each a fact section id (`vitals`, `labs`, …) or `prose:<slot>`,
one of the passages the model writes, whose instruction the file also holds.
"""

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from app.domain.errors import WardScribeError
from app.domain.grounded.catalogue import FactSection
from app.domain.notes import NoteKind
from app.paths import resources_dir

PROSE_PREFIX = "prose:"
DEFAULT_LAYOUT = "default"


class LayoutInvalid(WardScribeError):
    """A layout file is missing, not TOML, or names a section or slot that does not exist."""


class ProseSlot(BaseModel):
    """A passage the model writes: what to write, and at most how many tokens."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    instruction: str = Field(min_length=1)
    max_tokens: int = Field(default=120, ge=8, le=1000)
    needs: tuple[str, ...] = ()
    """Phrases one of which the notes must hold, at the start of a word and in any case, for
    the model to be asked for the passage (none: it always is). A passage the notes give
    nothing to write from is left for the nurse: asked for patient instructions from notes
    that hold no teaching and no discharge plan, a small model writes advice of its own ("The
    patient should be aware of their blood pressure, heart rate and oxygen saturation")."""

    def written_from(self, notes: str) -> bool:
        """Whether the notes hold what the passage is written from."""
        if not self.needs:
            return True
        phrases = "|".join(re.escape(phrase) for phrase in self.needs)
        return re.search(rf"(?<![A-Za-z])(?:{phrases})", notes, re.IGNORECASE) is not None


class LayoutSection(BaseModel):
    """One heading of a kind's draft and the items under it, in order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    heading: str = ""
    items: tuple[str, ...] = Field(min_length=1)

    def fact_sections(self) -> list[FactSection]:
        return [FactSection(item) for item in self.items if not item.startswith(PROSE_PREFIX)]


class DraftLayout(BaseModel):
    """A unit's layout of every kind of grounded draft, versioned like a template."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    version: int = Field(ge=1)
    prose: dict[str, ProseSlot] = Field(default_factory=dict)
    kinds: dict[NoteKind, tuple[LayoutSection, ...]]

    @model_validator(mode="after")
    def _items_exist(self) -> "DraftLayout":
        known = {section.value for section in FactSection}
        for kind, sections in self.kinds.items():
            for section in sections:
                for item in section.items:
                    slot = item.removeprefix(PROSE_PREFIX)
                    if item.startswith(PROSE_PREFIX) and slot not in self.prose:
                        raise ValueError(f"{kind.value}: prose slot {slot!r} is not defined")
                    if not item.startswith(PROSE_PREFIX) and item not in known:
                        raise ValueError(
                            f"{kind.value}: {item!r} is not a fact section "
                            f"(one of {', '.join(sorted(known))}) nor prose:<slot>"
                        )
        missing = [kind.value for kind in NoteKind if kind not in self.kinds]
        if missing:
            raise ValueError(f"no layout for {', '.join(missing)}")
        return self

    def sections(self, kind: NoteKind) -> tuple[LayoutSection, ...]:
        return self.kinds[kind]

    def slots(self, kind: NoteKind) -> list[str]:
        """The prose slots of a kind, in the order they appear."""
        return [
            item.removeprefix(PROSE_PREFIX)
            for section in self.kinds[kind]
            for item in section.items
            if item.startswith(PROSE_PREFIX)
        ]


def layouts_dir() -> Path:
    return resources_dir() / "layouts"


def unit_file_name(unit: str) -> str:
    """The file a unit's own layout lives in: "4 West" reads `4-west.toml`."""
    slug = "-".join("".join(ch if ch.isalnum() else " " for ch in unit.casefold()).split())
    return f"{slug or DEFAULT_LAYOUT}.toml"


def load_layout(path: Path) -> DraftLayout:
    """The layout in `path`, validated; LayoutInvalid names the file and what is wrong."""
    fields = _read_toml(path)
    try:
        return DraftLayout.model_validate(fields)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in detail['loc']) or 'layout'}: {detail['msg']}"
            for detail in error.errors()
        )
        raise LayoutInvalid(f"{path}: {problems}") from None


def shipped_layout(unit: str, directory: Path | None = None) -> DraftLayout:
    """The unit's shipped layout, or the default one when the unit has none of its own."""
    directory = directory or layouts_dir()
    own = directory / unit_file_name(unit) if unit.strip() else None
    return load_layout(own if own is not None and own.exists() else directory / "default.toml")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        raise LayoutInvalid(f"{path}: the layout file does not exist.") from None
    except tomllib.TOMLDecodeError as error:
        raise LayoutInvalid(f"{path}: not valid TOML ({error}).") from None
