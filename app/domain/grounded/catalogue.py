"""The fact sections a grounded draft can hold, and the headings a nurse reads them under.

A fact section is filled from the notes by rule, never by the model, so its ids are the
vocabulary of the per-unit layouts (`resources/layouts/`): a layout names them in the order a
unit wants them.
"""

from enum import StrEnum


class FactSection(StrEnum):
    """One kind of fact a draft lists as the notes wrote it."""

    VITALS = "vitals"
    INTAKE_OUTPUT = "intake-output"
    LABS = "labs"
    MEDICATIONS = "medications"
    ALLERGIES = "allergies"
    CODE_STATUS = "code-status"
    LINES = "lines"
    PENDING = "pending"
    PLAN = "plan"

    @property
    def label(self) -> str:
        """The sub-heading the section is listed under in a draft."""
        return _LABELS[self]


_LABELS = {
    FactSection.VITALS: "Vital signs",
    FactSection.INTAKE_OUTPUT: "Intake and output",
    FactSection.LABS: "Labs",
    FactSection.MEDICATIONS: "Medications",
    FactSection.ALLERGIES: "Allergies",
    FactSection.CODE_STATUS: "Code status",
    FactSection.LINES: "Lines, drains and airways",
    FactSection.PENDING: "Pending tests and results",
    FactSection.PLAN: "Plan as written",
}

NOT_IN_NOTES = "Not documented in the notes."
"""What an empty fact section says, so a nurse sees it was looked for and not found."""
