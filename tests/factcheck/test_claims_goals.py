"""A goal told as a reading: "BP is at 90 to 140" where the notes keep the BP there."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "CV: BP LABILE, DOPAMINE ADJUSTED. BP TO BE KEPT 90 TO 140 SYS. HR 60-80 SR.\n"
    "GI: TF INCREASED TO GOAL OF- 85CC/HR - RESIDUALS 15-30CC.\n"
)
GOAL = "Not found in the notes: the notes give 90 to 140 only as a goal or limit, not as a reading."


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if flag.kind == "sentence"]


def test_a_goal_range_told_as_a_reading_is_flagged() -> None:
    assert GOAL in _reasons(check_draft(SOURCE, "BP is at 90 to 140 mmHg, dopamine adjusted."))


@pytest.mark.parametrize(
    "draft",
    [
        "Dopamine adjusted to keep the BP at 90 to 140 systolic.",
        "The BP goal is 90 to 140 systolic.",
        "Heart rate 60-80 in sinus rhythm.",
        "Tube feeds at the goal of 85 mL/hr, residuals 15-30 mL.",
    ],
)
def test_a_goal_told_as_a_goal_or_a_reading_the_notes_give_is_not_flagged(draft: str) -> None:
    assert not any("only as a goal" in reason for reason in _reasons(check_draft(SOURCE, draft)))


def test_a_range_after_a_goal_that_already_has_its_value_is_a_reading() -> None:
    notes = "C/V NSR TO ST B/P MAP < 90 UNLESS AGTITATED HR 90-100 GOOD PEDAL PULSES\n"
    report = check_draft(notes, "Sinus rhythm, heart rate 90-100.")
    assert not any("only as a goal" in flag.reason for flag in report.unsupported)


def test_a_goal_range_that_ends_a_sentence_of_the_notes_is_still_their_goal() -> None:
    notes = "CARDIAC- CONTINUES ON DOPA AT 1-3MCGS/KG/MIN TO KEEP SBP 110-130.\n"
    [reason] = _reasons(check_draft(notes, "The patient's SBP is 110-130."))
    assert reason.endswith("110-130 only as a goal or limit, not as a reading.")
