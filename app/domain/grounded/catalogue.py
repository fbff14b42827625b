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
        """The sub-heading the section is listed under in a draft: two words at most, so the
        safety net, which leaves sentences of fewer than three words to its per-fact rules,
        never reads a sub-heading as a claim."""
        return _LABELS[self]


_LABELS = {
    FactSection.VITALS: "Vital signs",
    FactSection.INTAKE_OUTPUT: "Intake/output",
    FactSection.LABS: "Labs",
    FactSection.MEDICATIONS: "Medications",
    FactSection.ALLERGIES: "Allergies",
    FactSection.CODE_STATUS: "Code status",
    FactSection.LINES: "Lines/drains/airways",
    FactSection.PENDING: "Pending tests/results",
    FactSection.PLAN: "Plan as written",
}

NOT_IN_NOTES = "Not documented."
"""What a heading says when none of its fact sections has anything in the notes (a fact
section the notes say nothing of is left out rather than listed empty)."""
