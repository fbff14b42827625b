"""Note kinds, drafts and patients: what a nurse works on."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from app.domain.coverage import Coverage


class NoteKind(StrEnum):
    SHIFT_SBAR = "shift-sbar"
    SHIFT_DAR = "shift-dar"
    SHIFT_NARRATIVE = "shift-narrative"
    IPASS = "ipass"
    DISCHARGE = "discharge"
    SUMMARY = "summary"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    NoteKind.SHIFT_SBAR: "Shift note (SBAR)",
    NoteKind.SHIFT_DAR: "Shift note (DAR)",
    NoteKind.SHIFT_NARRATIVE: "Shift note (narrative)",
    NoteKind.IPASS: "I-PASS handoff",
    NoteKind.DISCHARGE: "Discharge summary",
    NoteKind.SUMMARY: "Summary of notes",
}


class DraftStatus(StrEnum):
    DRAFT = "draft"
    REVIEWED = "reviewed"
    SIGNED = "signed"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def kinds_labelled(text: str) -> list[NoteKind]:
    """The note kinds whose label or code contains `text`, so "sbar" or "discharge" finds them."""
    wanted = text.strip().casefold()
    if not wanted:
        return []
    return [kind for kind in NoteKind if wanted in kind.label.casefold() or wanted in kind.value]


class Patient(BaseModel):
    """A patient as the chart identifies them: what a nurse checks before trusting a note.

    Identity beyond name and MRN is optional so a patient typed in a hurry can still be
    registered, but the desk shows every empty field as "not recorded", never as blank.
    """

    model_config = ConfigDict(frozen=True)

    mrn: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    unit: str = ""
    bed: str = ""
    encounter_date: str = ""
    birth_date: str = ""
    """ISO date (YYYY-MM-DD); the desk shows the age it gives."""
    sex: str = Field(default="", max_length=20)
    allergies: str = Field(default="", max_length=300)
    """As the chart lists them, e.g. "penicillin (hives)" or "NKDA"."""
    code_status: str = Field(default="", max_length=60)


class Draft(BaseModel):
    """One document in progress: the source notes it came from and the text a person edits.

    `revision` increases on every save so a stale editor cannot silently overwrite newer text.
    """

    model_config = ConfigDict(frozen=True)

    id: str
    patient_mrn: str
    author_id: str
    kind: NoteKind
    status: DraftStatus = DraftStatus.DRAFT
    source_text: str
    text: str
    template_id: str
    template_version: int
    model_sha256: str | None = None
    model_source: str | None = None
    """Where the text was drafted (`EngineInfo.provenance`): this computer's model and hash, or
    the hospital server and what it reported of its model."""
    layout_id: str | None = None
    layout_version: int | None = None
    """The layout (`app.domain.grounded.layout`) a grounded or facts-only draft was laid out
    by, as `template_id`/`template_version` record the template; None for a whole-note draft."""
    created_at: datetime
    updated_at: datetime
    revision: int = Field(default=1, ge=1)
    coverage: Coverage | None = None
    """How much of the source the last generation saw; None for text never generated."""


@dataclass(frozen=True, slots=True)
class DraftSummary:
    """What a drafts list shows: enough to pick one, without loading note text.

    A plain dataclass, unlike the other models here: a list builds ten thousand of these from
    rows the store has just read under its own schema, and pydantic's per-instance validation
    was a third of the time the desk takes to show them.
    """

    id: str
    patient_mrn: str
    author_id: str
    kind: NoteKind
    status: DraftStatus
    updated_at: datetime
    patient_name: str = ""
    """Read with the row so a list can show whose draft it is without a query per row."""
