"""Medications called unchanged where the notes change one: "no changes in … any medications"
beside "metoprolol restarted this am"."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "CV: BP 110-116/50-60, HR 50-60 SB. Metoprolol restarted this am.\n"
    "RESP: Sats 95-96% on room air.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if "did not change" in flag.reason]


@pytest.mark.parametrize(
    "draft",
    [
        "Vital signs stable, with no changes in blood pressure or any medications.",
        "No new medications this shift.",
        "Her medications are unchanged.",
    ],
)
def test_medications_called_unchanged_beside_a_change_in_the_notes_are_flagged(
    draft: str,
) -> None:
    [reason] = _reasons(check_draft(SOURCE, draft))
    assert reason.startswith("Contradicts the notes: they change metoprolol")


def test_a_change_the_medication_reader_marks_is_read() -> None:
    notes = "CV: Lopressor increased to 50 mg PO BID.\n"

    assert _reasons(check_draft(notes, "No medication changes overnight.")) != []


@pytest.mark.parametrize(
    "notes",
    [
        "CV: On metoprolol 25 mg PO BID. BP 110/60.\n",
        "CV: Metoprolol restarted. No change in med regimen otherwise.\n",
    ],
)
def test_medications_the_notes_leave_unchanged_or_call_unchanged_are_not_flagged(
    notes: str,
) -> None:
    assert _reasons(check_draft(notes, "Her medications are unchanged.")) == []
