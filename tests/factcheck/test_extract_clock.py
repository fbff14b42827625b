import pytest

from app.domain.factcheck.compare import values_agree
from app.domain.factcheck.facts import CalendarDate

from .helpers import facts_of, only, value


@pytest.mark.parametrize("written", ["1845", "18:45", "6:45 PM", "6:45pm", "6:45 p.m."])
def test_one_time_of_day_in_its_common_spellings(written: str) -> None:
    reference = value(only("given at 1845", "time"), "clock")
    assert values_agree(value(only(f"given at {written}", "time"), "clock"), reference)


def test_a_time_without_am_or_pm_matches_either_half_of_the_day() -> None:
    evening = value(only("given at 18:45", "time"), "clock")
    assert values_agree(value(only("given at 6:45", "time"), "clock"), evening)


def test_noon_and_midnight_are_times() -> None:
    noon = value(only("at noon", "time"), "clock")
    assert values_agree(noon, value(only("at 1200", "time"), "clock"))


def test_a_four_digit_number_starting_an_entry_is_a_time() -> None:
    assert only("VS stable.\n0800 Meds given.", "time").text == "0800"


def test_a_four_digit_lab_value_is_not_a_time() -> None:
    assert facts_of("BNP 1850, lipase 1240", "time") == []


def test_a_year_is_not_a_time() -> None:
    assert facts_of("s/p CABG 2015", "time") == []


def test_a_volume_is_not_a_time() -> None:
    assert facts_of("bolus at 1000 mL/hr", "time") == []


def test_both_ends_of_a_shift_range_are_times() -> None:
    assert [fact.text for fact in facts_of("Night shift 1900-0700", "time")] == ["1900", "0700"]


def test_a_slash_date_is_read_with_its_year() -> None:
    assert value(only("Admitted 11/16/2024.", "date"), "date") == CalendarDate(11, 16, 2024)


def test_a_named_month_date_is_read() -> None:
    assert value(only("seen Nov 14, 2024", "date"), "date") == CalendarDate(11, 14, 2024)


def test_a_pain_score_is_not_a_date() -> None:
    assert facts_of("pain of 6/10 and 3/10 later", "date") == []


def test_a_strength_score_is_not_a_date() -> None:
    assert facts_of("LUE 2/5", "date") == []


def test_a_score_like_date_is_a_date_where_the_context_says_so() -> None:
    assert only("Foley removed 10/10, voiding", "date").text == "10/10"
