"""An act the notes only ask about, told as decided: "should start heparin tonight" where the
notes write "? re-start heparin tonight"."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "CV: IABP D/C'D AT 3:30PM. ? RE STARTING HEPARIN GTT VS COUMADIN, AWAIT TEAM DECISION.\n"
    "RESP: ON 2L NC. PLAN TO WEAN O2 AS TOLERATED.\n"
    "P: MONITOR GROIN SITES. ? RE-START HEPARIN TONIGHT.\n"
    "LABETALOL TO BEGIN WHEN AVAILABLE, NOT STARTED EARLIER D/T ? ALLERGIES.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if "only ask" in flag.reason]


def test_an_act_the_notes_only_ask_about_recommended_as_decided_is_flagged() -> None:
    report = check_draft(SOURCE, "The patient should start heparin tonight.")

    assert _reasons(report) == [
        "Not found in the notes: the notes only ask about the heparin "
        "(“? re starting heparin gtt vs coumadin”); this hands it over as decided."
    ]


@pytest.mark.parametrize(
    "draft",
    [
        "The team will decide whether to restart heparin tonight.",
        "Consider restarting heparin tonight.",
        "Oxygen should be weaned as tolerated.",
        "Labetalol should begin when available.",
        "The patient should continue to have the groin sites monitored.",
    ],
)
def test_a_question_kept_open_or_an_act_the_notes_plan_is_not_flagged(draft: str) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == []


def test_a_different_act_on_an_object_the_notes_ask_about_is_not_flagged() -> None:
    notes = "P: ?ATTEMPT TO WEAN VENT IN AM.\n"

    assert _reasons(check_draft(notes, "The plan is to continue vent support.")) == []


def test_a_question_mark_after_a_plan_asks_about_what_follows_it_not_the_plan() -> None:
    notes = (
        "renal team feels pt should have higher bp for renal perfusion--? note pt remains on "
        "lopressor 25mg po bid\n"
    )
    draft = "The renal team feels she should have a higher blood pressure for renal perfusion."
    report = check_draft(notes, draft)
    assert not any("only ask about" in flag.reason for flag in report.unsupported)
