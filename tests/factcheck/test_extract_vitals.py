import pytest

from app.domain.factcheck.compare import values_agree
from app.domain.factcheck.facts import BloodPressure
from app.domain.factcheck.units import Quantity

from .helpers import facts_of, magnitude, only, value


@pytest.mark.parametrize(
    "written", ["BP 142/88", "blood pressure 142/88 mmHg", "B/P: 142/88", "BP of 142 over 88"]
)
def test_blood_pressure_in_its_common_spellings(written: str) -> None:
    assert value(only(written, "vital.bp")) == BloodPressure(142, 88)


def test_a_pressure_with_mmhg_needs_no_cue() -> None:
    assert value(only("was 142/88 mmHg sitting", "vital.bp")) == BloodPressure(142, 88)


def test_a_systolic_pressure_alone_is_a_blood_pressure_without_diastolic() -> None:
    assert value(only("SBP up to 184", "vital.bp")) == BloodPressure(184, None)


@pytest.mark.parametrize("written", ["HR 96", "heart rate of 96", "pulse 96", "P 96", "96 bpm"])
def test_heart_rate_in_its_common_spellings(written: str) -> None:
    assert magnitude(only(written, "vital.hr")) == 96


def test_a_lone_letter_p_before_a_word_is_not_a_heart_rate() -> None:
    assert facts_of("P waves normal", "vital.hr") == []


def test_a_trend_binds_both_values_to_the_measure() -> None:
    assert [fact.text for fact in facts_of("HR 88-102 overnight", "vital.hr")] == ["HR 88", "102"]


def test_a_blood_pressure_trend_with_an_arrow_binds_both_readings() -> None:
    assert len(facts_of("BP 158/92 -> 146/86", "vital.bp")) == 2


@pytest.mark.parametrize("written", ["SpO2 94%", "sats of 94%", "O2 sat 94", "94% on RA"])
def test_oxygen_saturation_in_its_common_spellings(written: str) -> None:
    assert magnitude(only(written, "vital.spo2")) == 94


def test_a_percentage_without_oxygen_context_is_not_a_saturation() -> None:
    assert facts_of("ate 75% of lunch", "vital.spo2") == []


def test_temperature_keeps_its_unit() -> None:
    assert value(only("T 101.2 F", "vital.temp")) == Quantity(101.2, "F", 1)


def test_a_temperature_without_a_unit_is_read_by_its_size() -> None:
    assert value(only("temp 37.9", "vital.temp")) == Quantity(37.9, "C", 1)


def test_celsius_and_fahrenheit_readings_of_one_temperature_agree() -> None:
    celsius = value(only("Tmax 38.4 °C", "vital.temp"))
    assert values_agree(celsius, value(only("febrile to 101.2 degrees F", "vital.temp")))


@pytest.mark.parametrize("written", ["pain 6/10", "pain of 6 out of 10", "rates pain 6/10"])
def test_pain_scores_in_their_common_spellings(written: str) -> None:
    assert magnitude(only(written, "vital.pain")) == 6


def test_a_goal_is_marked_as_a_target_not_a_reading() -> None:
    assert only("wean O2 to keep sats > 92%", "vital.spo2").target


def test_an_implausible_number_is_left_unbound() -> None:
    assert facts_of("HR 500", "vital.hr") == []


def test_a_number_in_another_clause_is_not_bound() -> None:
    assert facts_of("Heart rate regular. 96 cookies", "vital.hr") == []


def test_a_diastolic_range_end_is_never_read_as_a_systolic() -> None:
    readings = [value(fact) for fact in facts_of("BP 95-130/60-70", "vital.bp")]
    assert readings == [BloodPressure(95, 60), BloodPressure(130, 70)]


def test_a_systolic_range_over_a_diastolic_decade_keeps_both_systolics() -> None:
    readings = [value(fact) for fact in facts_of("SBP 100-120/40's", "vital.bp")]
    assert readings == [BloodPressure(100, 40), BloodPressure(120, 40)]
