"""The printable shape of an export: title, patient header, body and the AI-use footer."""

from dataclasses import dataclass

from app.domain.notes import Draft, Patient


def ai_footer(reviewer: str) -> str:
    """The disclosure every export carries, so a reader of the EHR knows a model drafted it."""
    return f"AI-assisted draft, reviewed by {reviewer}"


def patient_header(patient: Patient) -> str:
    """One line that identifies the patient on every page and at the top of the clipboard text."""
    place = ", ".join(part for part in (patient.unit, patient.bed and f"bed {patient.bed}") if part)
    encounter = patient.encounter_date and f"encounter {patient.encounter_date}"
    return " · ".join(
        part for part in (patient.name, f"MRN {patient.mrn}", place, encounter) if part
    )


@dataclass(frozen=True)
class ExportDocument:
    title: str
    patient_header: str
    body: str
    footer: str

    def as_text(self) -> str:
        """What the clipboard gets: header line, the note, then the disclosure."""
        return f"{self.patient_header}\n\n{self.body.strip()}\n\n{self.footer}\n"


def export_document(draft: Draft, patient: Patient, reviewer: str) -> ExportDocument:
    return ExportDocument(
        title=draft.kind.label,
        patient_header=patient_header(patient),
        body=draft.text,
        footer=ai_footer(reviewer),
    )
