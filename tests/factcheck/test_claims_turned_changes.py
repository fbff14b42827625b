"""A measure a draft says went one way where the notes only say it went the other: read in
the words and arrows nurses write a change with."""

import pytest

from app.domain.factcheck import check_draft


def _reasons(source: str, draft: str) -> list[str]:
    report = check_draft(source, draft)
    return [flag.reason for flag in report.unsupported if "the notes say" in flag.reason]


def test_a_fall_where_the_notes_only_say_the_measure_rose_is_flagged() -> None:
    source = "GU: Urine output has increased on lasix gtt. A: Increased u/o."

    [reason] = _reasons(source, "The patient has had a decrease in their urine output.")
    assert reason == "Contradicts the notes: the notes say “Urine output has increased”."


@pytest.mark.parametrize(
    "source",
    ["HAS SINCE ^63 WITH ^U/O.", "u/o increasing since lasix given", "INCREASED U/O THIS PM"],
)
def test_a_rise_is_read_in_the_words_and_arrows_of_the_notes(source: str) -> None:
    assert _reasons(source, "Urine output decreased this afternoon.") != []


def test_a_change_the_notes_give_both_ways_is_left_to_the_nurse() -> None:
    source = "BP DROPPED TO 70S AFTER PROPOFOL. BP INCREASED WITH NEO."

    assert _reasons(source, "Blood pressure dropped after propofol.") == []
    assert _reasons(source, "Blood pressure increased with Neo.") == []


def test_a_change_the_notes_never_give_is_left_to_the_values() -> None:
    assert _reasons("BP 90-100/50s, HR 80s.", "Blood pressure decreased overnight.") == []


@pytest.mark.parametrize(
    "source", ["OBSERVE FOR DECREASED U/O.", "No decrease in u/o with lasix.", "u/o if decreased"]
)
def test_a_change_the_notes_deny_or_watch_for_is_no_change(source: str) -> None:
    assert _reasons(source, "Urine output increased.") == []


def test_a_change_to_a_value_is_left_to_the_trend_rule() -> None:
    source = "SATS DROPPING TO 88% ON AC, RECRUITMENT BREATHS GIVEN."

    assert _reasons(source, "Saturations rose to 98 to 100% after recruitment breaths.") == []


def test_a_denied_change_in_the_draft_claims_none() -> None:
    source = "BP DROPPED TO 80S. NS BOLUS GIVEN."

    assert _reasons(source, "Given a bolus, with no increase in blood pressure.") == []


def test_a_change_the_notes_say_started_counts_as_a_change() -> None:
    source = (
        "Slowly during the night her SBP started to rise. After turning her she dropped her BP."
    )

    assert _reasons(source, "Over the night her SBP slowly rose.") == []
