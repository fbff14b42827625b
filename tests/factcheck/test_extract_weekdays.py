"""Days of the week: a draft's day is compared with the day the notes name for it."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft
from tests.factcheck.helpers import facts_of


def _date_flags(report: FactCheckReport) -> list[str]:
    return [
        flag.text for flag in [*report.unsupported, *report.contradicted] if flag.kind == "date"
    ]


def test_a_day_the_notes_give_as_another_day_is_contradicted() -> None:
    source = "PLAN IS FOR HER TO BE CONTACTED BY CASE MANAGEMENT ON MONDAY.\n"

    report = check_draft(source, "Case management will contact her on Thursday.")

    assert [flag.text for flag in report.contradicted if flag.kind == "date"] == ["Thursday"]


def test_the_notes_day_cut_short_backs_the_day_spelt_out() -> None:
    source = "SHE IS ANXIOUS TO GO HOME ON MON, ASKING FOR PAIN MEDS.\n"

    assert _date_flags(check_draft(source, "She hopes to go home on Monday.")) == []


def test_days_cut_short_either_side_of_a_slash_are_both_read() -> None:
    days = [fact.values("weekday") for fact in facts_of("PT to work with pt Wed/Thurs.", "date")]

    assert days == [["wednesday"], ["thursday"]]


@pytest.mark.parametrize(
    "text",
    ["SOB and sat dropped to 90%.", "Weaned to 1L NC and sat 88% RA.", "Mon reading noisy."],
)
def test_a_short_word_that_only_looks_like_a_day_is_not_read_as_one(text: str) -> None:
    assert facts_of(text, "date") == []


def test_a_day_the_notes_never_name_is_left_to_its_sentence() -> None:
    source = "NEURO: A+OX3, MAE. RESP: LS CLEAR.\n"

    report = check_draft(source, "She asked about her garden club meeting on Thursday.")

    assert _date_flags(report) == []
    assert [flag.kind for flag in report.unsupported] == ["sentence"]
