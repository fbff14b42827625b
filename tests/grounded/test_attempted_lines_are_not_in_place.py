"""A line only tried for was never in place, so it is not listed among lines/drains/airways."""

from app.domain.grounded.assemble import assemble_facts
from app.domain.grounded.catalogue import FactSection


def _lines(source: str) -> str:
    return "\n".join(line.text for line in assemble_facts(source).lines(FactSection.LINES))


def test_an_attempted_line_is_not_listed() -> None:
    source = "ACCESS: 2 PIVS. ATTEMPTED ALINE X3 BY HO.\nGU: FOLEY TO GRAVITY.\n"
    lines = _lines(source)
    assert "ALINE" not in lines
    assert "FOLEY TO GRAVITY" in lines


def test_a_line_that_could_not_be_placed_is_not_listed() -> None:
    source = "gu: voiding via urinal. unable to place foley d/t stricture, urology aware.\n"
    assert "foley" not in _lines(source)


def test_a_device_in_place_that_the_patient_tries_to_pull_is_listed() -> None:
    source = "resp: ETT 7.5 taped at 22 at the lip. pt attempting to pull at ETT, mitts on.\n"
    assert "ETT 7.5" in _lines(source)
