import pytest

from app.domain.factcheck.normalize import (
    AS_NEEDED,
    DOSE_COUNT,
    FREQUENCY,
    ROUTE,
    dose_count_of,
    frequency_of,
    route_of,
)


def route(written: str) -> str:
    match = ROUTE.fullmatch(written)
    assert match, written
    return route_of(match)


def frequency(written: str) -> str:
    match = FREQUENCY.fullmatch(written)
    assert match, written
    return frequency_of(match)


@pytest.mark.parametrize("written", ["PO", "po", "by mouth", "orally"])
def test_oral_spellings_are_one_route(written: str) -> None:
    assert route(written) == "oral"


@pytest.mark.parametrize("written", ["SQ", "SC", "subcut", "subq", "subcutaneously"])
def test_subcutaneous_spellings_are_one_route(written: str) -> None:
    assert route(written) == "subcut"


@pytest.mark.parametrize("written", ["IV", "IV push", "IVP", "IVPB", "intravenously"])
def test_intravenous_spellings_are_one_route(written: str) -> None:
    assert route(written) == "iv"


def test_feeding_tube_routes_are_enteral() -> None:
    assert route("per NG tube") == route("via PEG") == "enteral"


def test_lowercase_sc_is_not_read_as_a_route() -> None:
    assert ROUTE.fullmatch("sc") is None


@pytest.mark.parametrize("written", ["BID", "b.i.d.", "twice daily", "twice a day", "q12h"])
def test_twice_daily_spellings_are_one_frequency(written: str) -> None:
    assert frequency(written) == "2/day"


@pytest.mark.parametrize("written", ["q4h", "q 4 hrs", "every 4 hours", "every four hours"])
def test_every_four_hours_spellings_are_one_frequency(written: str) -> None:
    assert frequency(written) == "q4h"


def test_a_range_of_hours_is_kept_as_a_range() -> None:
    assert frequency("every 4 to 6 hours") == frequency("q4-6h") == "q4-6h"


def test_bedtime_is_not_the_same_as_daily() -> None:
    assert frequency("at bedtime") != frequency("daily")


@pytest.mark.parametrize("written", ["PRN", "prn", "as needed", "p.r.n."])
def test_as_needed_spellings_are_recognised(written: str) -> None:
    assert AS_NEEDED.fullmatch(written)


@pytest.mark.parametrize(("written", "count"), [("x1", 1), ("once", 1), ("for two doses", 2)])
def test_dose_counts_are_read(written: str, count: int) -> None:
    match = DOSE_COUNT.fullmatch(written)
    assert match and dose_count_of(match) == count


def test_a_duration_is_not_a_dose_count() -> None:
    assert DOSE_COUNT.fullmatch("x 24h") is None
