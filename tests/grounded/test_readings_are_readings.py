"""Only readings of a measure are listed as vital signs: not a difference between two, nor a
setting under a heading that shares the measure's name."""

from app.domain.grounded.assemble import assemble_facts
from app.domain.grounded.catalogue import FactSection


def _vitals(source: str) -> str:
    return "\n".join(line.text for line in assemble_facts(source).lines(FactSection.VITALS))


def test_a_difference_between_two_pressures_is_not_a_blood_pressure() -> None:
    source = "CV: L ARM SBP 30 POINTS LOWER THAN R ARM. BP 132/70 R ARM.\n"
    vitals = _vitals(source)
    assert "SBP 30" not in vitals
    assert "BP 132/70" in vitals


def test_a_setting_under_a_resp_heading_is_not_a_respiratory_rate() -> None:
    source = "RESP: WEANED TO PS 10. RR 18-22, SATS 97%.\n"
    vitals = _vitals(source)
    assert "WEANED" not in vitals
    assert "RR 18-22" in vitals
