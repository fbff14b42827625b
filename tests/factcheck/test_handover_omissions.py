"""Handover items left out of a draft: isolation, airways, lines and drains, pending results,
fall risk and pressure injuries, read from the words nurses write for them."""

from app.domain.factcheck import check_draft
from app.domain.review import CRITICAL_OMISSIONS


def _omitted(source: str, draft: str) -> list[tuple[str, str]]:
    return [(item.kind, item.text) for item in check_draft(source, draft).omitted]


def test_contact_precautions_left_out_are_an_isolation_omission() -> None:
    omitted = _omitted("ID: on contact precautions for h/o VRE.", "ID: afebrile.")
    assert ("isolation", "contact precautions") in omitted
    assert ("isolation", "VRE") in omitted


def test_an_organism_named_in_the_draft_is_handed_over() -> None:
    assert _omitted("mrsa in sputum.", "MRSA in the sputum.") == []


def test_an_endotracheal_tube_left_out_is_an_airway_omission() -> None:
    assert ("airway", "ETT") in _omitted("Resp: ETT 7.5 at 23 lip.", "Resp: lungs clear.")


def test_a_ventilator_in_the_draft_hands_over_the_airway() -> None:
    assert _omitted("Orally intubated on vent.", "On the ventilator, assist control.") == []


def test_an_arterial_line_left_out_is_a_line_omission() -> None:
    assert ("line", "aline") in _omitted("bp 90/50 via r rad aline.", "BP 90/50.")


def test_a_line_removed_in_the_notes_is_not_to_hand_over() -> None:
    assert _omitted("Aline and swan d/c.", "Stable.") == []


def test_a_line_to_be_removed_later_is_still_there() -> None:
    assert ("line", "foley") in _omitted("foley to be dc at midnight.", "Voiding.")


def test_a_negated_device_is_not_to_hand_over() -> None:
    assert _omitted("No foley. Skin without breakdown.", "Voiding, skin intact.") == []


def test_a_planned_device_is_not_one_in_place() -> None:
    assert _omitted("plan to trach on thursday.", "Stable.") == []


def test_a_pending_result_left_out_is_an_omission() -> None:
    assert ("pending", "pend") in _omitted("Am lytes pend.", "Morning labs drawn.")


def test_fall_risk_and_a_pressure_injury_left_out_are_omissions() -> None:
    omitted = _omitted("High fall risk, bed alarm on. Stage 3 decub on coccyx.", "Stable.")
    assert {kind for kind, _ in omitted} == {"fall_risk", "skin"}


def test_isolation_and_airway_block_signing_and_the_rest_do_not() -> None:
    assert {"isolation", "airway"} <= CRITICAL_OMISSIONS
    assert not {"line", "pending", "fall_risk", "skin"} & CRITICAL_OMISSIONS
