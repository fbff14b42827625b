"""A recommendation that asks for an act the notes say was already done: the model copies an
event of the notes and puts "should be" before it."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "80 Y/O MALE. SSCP AT DINNER, SON BROUGHT HIM TO UNION HOSP. WHERE HE WAS TREATED WITH ASA,"
    " SL NTG X3 AND HEPARIN. HE WAS TRANSFERED TO GH FOR FURTHER EVAL AND POSSIBLE CATH.\n"
    "CV: LABILE BP. GAVE A TOTAL OF 1300CC LR. LASIX 40 MG IV GIVEN AT 1400.\n"
    "PLAN: TO BE TRANSFERRED TO FLOOR WHEN BED AVAILABLE.\n"
    "BROUGHT TO CCU AT 2330. RECEIVED 500CC OF HESPAN FOR LOW FILLING PRESSURES.\n"
)
DONE = "Not found in the notes: this recommends what the source notes say was already done."


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if flag.kind == "sentence"]


@pytest.mark.parametrize(
    "draft",
    [
        "The patient should be treated with ASA, SL NTG x3 and heparin.",
        "He should be transferred to GH for further evaluation and possible cath.",
        "The patient should be given a total of 1300cc LR for the labile blood pressure.",
        "Chest pain comes and goes, and the patient should be transferred to GH for a cath.",
        "He should be brought to the CCU at 2330 for monitoring.",
        "The patient should receive 500cc of Hespan for low filling pressures.",
    ],
)
def test_a_recommendation_of_an_act_the_notes_tell_as_done_is_flagged(draft: str) -> None:
    assert DONE in _reasons(check_draft(SOURCE, draft))


def test_an_act_the_notes_plan_may_be_recommended() -> None:
    report = check_draft(SOURCE, "He should be transferred to the floor when a bed is available.")
    assert DONE not in _reasons(report)


@pytest.mark.parametrize(
    "draft",
    [
        "Lasix 40 mg IV should be given again if the urine output drops.",
        "He should be given lasix 40 mg IV in the morning.",
        "Heparin should be continued as ordered.",
    ],
)
def test_a_recommendation_to_repeat_an_act_or_on_a_condition_is_not_flagged(draft: str) -> None:
    assert DONE not in _reasons(check_draft(SOURCE, draft))


def test_a_recommendation_of_another_act_than_the_notes_tell_is_not_flagged() -> None:
    report = check_draft(SOURCE, "He should be treated with beta blockers before the cath.")
    assert DONE not in _reasons(report)


def test_a_drug_the_notes_say_was_received_is_no_plan_to_give() -> None:
    notes = "MS: RECEIVED .5MG IV ATIVAN AT ~4PM WITH VOMITING, SLEEPING SINCE.\n"
    draft = "The patient should also be given .5mg IV ativan at ~4pm with vomiting."
    assert check_draft(notes, draft).unsupported[0].reason == (
        "Not found in the notes: this recommends what the source notes say was already done."
    )


def test_a_drug_the_notes_gave_this_morning_is_no_plan_to_give_this_morning() -> None:
    notes = "end: given 8u lente insulin this am,. insulin gtt off at noon.\n"
    report = check_draft(notes, "They should also be given 8u lente insulin this am.")
    assert DONE in _reasons(report)
