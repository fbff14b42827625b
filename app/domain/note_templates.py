"""Note templates: what each kind of document asks of the model, and where its sections stand.

Each kind lives in `resources/templates/<kind>.toml` so clinical staff can review the wording
without reading code; the system prompt is one shared file, `system.toml`. Prompts put the
source notes first and the kind's instructions after them (`app.inference.prompt` builds
them), so every kind drafted from the same notes shares one prompt prefix.
"""

import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.domain.errors import WardScribeError
from app.domain.generation import GenerationParams
from app.domain.notes import NoteKind
from app.domain.sections import heading_pattern
from app.paths import resources_dir

_SHARED_FILE = "system.toml"


class TemplateInvalid(WardScribeError):
    """A note template file is missing, not TOML, or has a field with a wrong value."""


class NoteTemplate(BaseModel):
    """One kind of document: its headings, instructions and sampling settings."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    version: int = Field(ge=1)
    kind: NoteKind
    label: str = Field(min_length=1)
    sections: tuple[str, ...]
    system: str = Field(min_length=1)
    instructions: str = Field(min_length=1)
    params: GenerationParams


def templates_dir() -> Path:
    return resources_dir() / "templates"


def load_template(kind: NoteKind, directory: Path | None = None) -> NoteTemplate:
    """The template for `kind`, validated; TemplateInvalid names the file and the field."""
    directory = directory or templates_dir()
    path = directory / f"{kind.value}.toml"
    fields = _read_toml(path)
    if "system" in fields:
        raise TemplateInvalid(
            f"{path}: field 'system' is not allowed here; every kind shares the system prompt "
            f"in {directory / _SHARED_FILE}."
        )
    shared_path = directory / _SHARED_FILE
    shared = _read_toml(shared_path)
    if not isinstance(shared.get("system"), str) or not shared["system"].strip():
        raise TemplateInvalid(f"{shared_path}: field 'system' must be non-empty text.")
    try:
        template = NoteTemplate.model_validate({**fields, "system": shared["system"]})
    except ValidationError as error:
        raise TemplateInvalid(f"{path}: {_describe(error)}") from None
    if template.kind is not kind:
        raise TemplateInvalid(
            f"{path}: field 'kind' is {template.kind.value!r} but the file is for {kind.value!r}."
        )
    return template


def missing_sections(template: NoteTemplate, text: str) -> list[str]:
    """The template's headings that do not start a line of `text`, in template order.

    A heading counts in the forms small models write it: `Situation:`, `**Situation**`,
    `## Situation`, `1. Situation:`, any letter case.
    """
    return [heading for heading in template.sections if not heading_pattern(heading).search(text)]


def split_sections(template: NoteTemplate, text: str) -> list[tuple[str, str]]:
    """The template's headings found in `text`, in text order, each with the text under it.

    Headings are recognised exactly as `missing_sections` recognises them, so an export never
    disagrees with the desk about which sections a draft has. Text before the first heading is
    returned under the template's label, so nothing the nurse wrote is dropped.
    """
    found = sorted(
        (match.start(), match.end(), heading)
        for heading in template.sections
        if (match := heading_pattern(heading).search(text)) is not None
    )
    first = found[0][0] if found else len(text)
    sections = [(template.label, text[:first].strip())] if text[:first].strip() else []
    for index, (_, end, heading) in enumerate(found):
        following = found[index + 1][0] if index + 1 < len(found) else len(text)
        sections.append((heading, text[end:following].strip()))
    return sections


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        raise TemplateInvalid(f"{path}: the template file does not exist.") from None
    except tomllib.TOMLDecodeError as error:
        raise TemplateInvalid(f"{path}: not valid TOML ({error}).") from None


def _describe(error: ValidationError) -> str:
    problems = [
        f"field '{'.'.join(str(part) for part in detail['loc'])}': {detail['msg']}"
        for detail in error.errors()
    ]
    return "; ".join(problems)
