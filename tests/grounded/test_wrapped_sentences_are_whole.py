"""A sentence a hard-wrapped note runs over two lines is listed whole, never as a one-word
fragment of it."""

from app.domain.grounded.assemble import assemble_facts
from app.domain.grounded.catalogue import FactSection

WRAPPED = """\
CV: HR 80-90 SR, NO ECTOPY. SBP 110-130. PTT 88 THIS AM, HEPARIN
GTT DECREASED TO 900U/HR PER PROTOCOL. K 3.4 REPLACED, REPEAT K
PENDING. PEDAL PULSES PALPABLE BILAT. GROIN SITE CLEAN, NO OOZE.
GU: FOLEY DRAINING CLEAR YELLOW URINE 40-60CC/HR.
"""


def _texts(source: str, section: FactSection) -> list[str]:
    return [line.text for line in assemble_facts(source).lines(section)]


def test_a_drug_wrapped_onto_the_next_line_is_listed_with_its_clause() -> None:
    medications = _texts(WRAPPED, FactSection.MEDICATIONS)
    assert "Changed: HEPARIN GTT DECREASED TO 900U/HR PER PROTOCOL." in medications
    assert "Given: HEPARIN" not in medications


def test_a_pending_test_wrapped_onto_the_next_line_is_listed_whole() -> None:
    assert _texts(WRAPPED, FactSection.PENDING) == ["K 3.4 REPLACED, REPEAT K PENDING."]


def test_short_list_lines_of_a_free_typed_note_are_not_joined() -> None:
    source = (
        "Neuro: alert and oriented x3, moving all extremities, follows commands well.\n"
        "Meds given overnight\n"
        "Tylenol 650 mg po for temp 38.4\n"
        "Ativan 1 mg iv for anxiety\n"
    )
    medications = _texts(source, FactSection.MEDICATIONS)
    assert "Given: Tylenol 650 mg po for temp 38.4" in medications
    assert "Given: Ativan 1 mg iv for anxiety" in medications


def test_a_side_initial_does_not_cut_a_line_from_its_site() -> None:
    source = "ACCESS: R. FEM CVL PLACED 1/4, DSG DRY AND INTACT.\n"
    assert _texts(source, FactSection.LINES) == ["ACCESS: R. FEM CVL PLACED 1/4"]
