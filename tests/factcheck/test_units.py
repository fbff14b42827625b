import pytest

from app.domain.factcheck.units import Quantity, quantities_agree, unit_symbol


@pytest.mark.parametrize(
    ("written", "symbol"),
    [("milligrams", "mg"), ("µg", "mcg"), ("LPM", "L/min"), ("°F", "F"), ("mm Hg", "mmHg")],
)
def test_spellings_of_a_unit_share_one_symbol(written: str, symbol: str) -> None:
    assert unit_symbol(written) == symbol


def test_micrograms_and_milligrams_of_the_same_amount_agree() -> None:
    assert quantities_agree(Quantity(500, "mcg"), Quantity(0.5, "mg", 1))


def test_litres_and_millilitres_of_the_same_volume_agree() -> None:
    assert quantities_agree(Quantity(2, "L"), Quantity(2000, "mL"))


def test_a_volume_written_without_decimals_is_not_loosely_rounded() -> None:
    assert not quantities_agree(Quantity(2, "L"), Quantity(1600, "mL"))


def test_fahrenheit_and_its_rounded_celsius_agree() -> None:
    assert quantities_agree(Quantity(101.2, "F", 1), Quantity(38.4, "C", 1))


def test_two_fahrenheit_readings_a_tenth_apart_differ() -> None:
    assert not quantities_agree(Quantity(101.2, "F", 1), Quantity(101.1, "F", 1))


def test_a_daily_patch_strength_agrees_with_the_same_milligrams() -> None:
    assert quantities_agree(Quantity(21, "mg/day"), Quantity(21, "mg"))


def test_units_of_different_dimensions_never_agree() -> None:
    assert not quantities_agree(Quantity(2, "mg/hr"), Quantity(2, "mL/hr"))


def test_a_missing_unit_takes_the_other_quantitys_unit() -> None:
    assert quantities_agree(Quantity(96, None), Quantity(96, "bpm"))
