import pytest

from app.domain.factcheck.numbers import parse_numeral


def test_digits_keep_the_decimals_they_were_written_with() -> None:
    assert parse_numeral("3.20").decimals == 2


def test_thousands_commas_are_read_as_one_number() -> None:
    assert parse_numeral("1,250").value == 1250


@pytest.mark.parametrize(("written", "expected"), [("two", 2), ("Twelve", 12), ("twenty-five", 25)])
def test_number_words_are_read_as_numbers(written: str, expected: int) -> None:
    assert parse_numeral(written).value == expected
