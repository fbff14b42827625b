"""The printable shape of an export: title, patient header, body and the AI-use footer."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from app.domain.notes import Draft, Patient
from app.domain.patient_identity import identity_lines


def ai_footer(reviewer: str) -> str:
    """The disclosure every export carries, so a reader of the EHR knows a model drafted it."""
    return f"AI-assisted draft, reviewed by {reviewer}"


@dataclass(frozen=True)
class Signature:
    """Who signed the note and when: the provenance an EHR reader checks."""

    signer: str
    signed_at: datetime


def provenance_footer(reviewer: str, signature: Signature | None) -> str:
    """The AI-use disclosure; for a signed note, that its signer verified it, and when."""
    if signature is None:
        return ai_footer(reviewer)
    when = signature.signed_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"AI-assisted draft, verified and signed by {signature.signer} on {when}"


def patient_header(patient: Patient, today: date | None = None) -> str:
    """The lines that identify the patient on every page and at the top of the clipboard text:
    name, MRN and age/sex; allergies and code status; then where they are."""
    place = ", ".join(part for part in (patient.unit, patient.bed and f"bed {patient.bed}") if part)
    encounter = patient.encounter_date and f"encounter {patient.encounter_date}"
    where = " · ".join(part for part in (place, encounter) if part)
    who, safety = identity_lines(patient, today or date.today())
    return "\n".join(line for line in (who, safety, where) if line)


@dataclass(frozen=True)
class ExportDocument:
    title: str
    patient_header: str
    body: str
    footer: str

    def as_text(self) -> str:
        """What the clipboard gets: header line, the note, then the disclosure."""
        return f"{self.patient_header}\n\n{self.body.strip()}\n\n{self.footer}\n"


def export_document(
    draft: Draft, patient: Patient, reviewer: str, signature: Signature | None = None
) -> ExportDocument:
    return ExportDocument(
        title=draft.kind.label,
        patient_header=patient_header(patient),
        body=draft.text,
        footer=provenance_footer(reviewer, signature),
    )
