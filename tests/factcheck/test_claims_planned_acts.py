"""An act the notes only plan, told as done: the model drops the "to" of a plan."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "CARDIAC: HCT 23.2. GIVEN 1U PRBC. TO CHECK POST TRANSFUSION HCT.\n"
    "GU: UROLOGY HERE TO PLACE FOLEY FIBEROPTICALLY. FOLEY PLACED WITH LARGE OUTPUT.\n"
    "PLAN: WILL TRANSFER TO FLOOR IN AM. AWAITING ABG TO EXTUBATE.\n"
)
PLANNED = "Not found in the notes: this tells as done what the source notes only plan."


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if flag.kind == "sentence"]


@pytest.mark.parametrize(
    "draft",
    [
        "The patient has been checked post transfusion hct.",
        "The patient was transferred to the floor in the AM.",
        "The patient has since transferred to the floor in the AM.",
    ],
)
def test_an_act_the_notes_only_plan_told_as_done_is_flagged(draft: str) -> None:
    assert PLANNED in _reasons(check_draft(SOURCE, draft))


def test_an_act_the_notes_plan_and_then_tell_done_in_shorthand_is_not_flagged() -> None:
    report = check_draft(SOURCE, "The patient has been placed a foley fiberoptically.")
    assert PLANNED not in _reasons(report)


def test_a_plan_told_as_a_plan_is_not_flagged() -> None:
    report = check_draft(SOURCE, "The post transfusion hematocrit is to be checked.")
    assert PLANNED not in _reasons(report)


def test_an_act_done_to_another_object_than_the_plan_is_not_flagged() -> None:
    assert PLANNED not in _reasons(check_draft(SOURCE, "The patient was transfused with 1 unit."))


def test_an_act_the_notes_only_plan_told_as_going_on_is_flagged() -> None:
    source = "PLAN: cont to increase activity, to receive unit blood, ct tubes out today.\n"
    report = check_draft(source, "The patient has been receiving unit blood.")
    assert _reasons(report) == [PLANNED]


def test_an_act_going_on_that_the_notes_tell_done_is_not_flagged() -> None:
    source = "HEME: received unit blood at 1400. Plan to receive unit blood again if hct < 25.\n"
    assert _reasons(check_draft(source, "The patient has been receiving unit blood.")) == []
