"""A clause about before this stay is history: not a medication given, nor a line in place."""

from app.domain.grounded.assemble import assemble_facts
from app.domain.grounded.catalogue import FactSection


def _listed(source: str, section: FactSection) -> str:
    return "\n".join(line.text for line in assemble_facts(source).lines(section))


def test_drugs_under_a_history_label_are_not_listed_as_given() -> None:
    source = (
        "HPI:\n\n"
        "PT WENT TO ST AGNES HOSP W SOB 3/2. TX'D W VANCO AND LASIX THERE.\n"
        "PT RETURNED HOME 3/5.\n\n"
        "CV: ON DILTIAZEM GTT @ 10MG/HR, HR 90'S.\n"
    )
    medications = _listed(source, FactSection.MEDICATIONS)
    assert "VANCO" not in medications
    assert "DILTIAZEM GTT" in medications


def test_a_history_label_with_text_ends_with_its_paragraph() -> None:
    source = (
        "pmh: afib on coumadin, copd; s/p cabg.\n"
        "resp: lungs coarse. albuterol nebs given x2 with effect.\n"
    )
    medications = _listed(source, FactSection.MEDICATIONS)
    assert "coumadin" not in medications
    assert "albuterol" in medications


def test_home_medications_are_not_listed_as_given() -> None:
    source = "MEDS AT HOME: LIPITOR, LOPRESSOR, LASIX.\nLASIX 40 MG IV GIVEN AT 1400.\n"
    medications = _listed(source, FactSection.MEDICATIONS)
    assert "LIPITOR" not in medications
    assert "LASIX 40 MG IV GIVEN AT 1400" in medications


def test_a_drug_the_clause_places_at_another_hospital_is_not_listed() -> None:
    source = (
        "72 YO M ADMITTED IN TRANSFER FROM SUBURBAN HOSPITAL REQUIRING NEO FOR LOW BP.\n"
        "NEO WEANED TO 0.5 MCG/KG/MIN THIS SHIFT.\n"
    )
    medications = _listed(source, FactSection.MEDICATIONS)
    assert "SUBURBAN" not in medications
    assert "NEO WEANED TO 0.5 MCG/KG/MIN THIS SHIFT" in medications


def test_a_drug_given_before_coming_in_is_not_listed() -> None:
    source = (
        "seen in clinic last wk, dx w uti and sent home on cipro. "
        "rec'd morphine enroute via ems.\n"
        "zofran 4mg iv given for nausea at 2200.\n"
    )
    medications = _listed(source, FactSection.MEDICATIONS)
    assert "cipro" not in medications
    assert "morphine" not in medications
    assert "zofran 4mg iv given" in medications


def test_the_past_perfect_of_earlier_in_the_shift_is_still_a_drug_given() -> None:
    source = "neuro: restless overnight. had received ativan 1mg iv at 2300 with good effect.\n"
    assert "ativan 1mg iv" in _listed(source, FactSection.MEDICATIONS)


def test_a_device_the_history_tells_of_is_not_listed_as_in_place() -> None:
    source = (
        "PT WAS ADMITTED TO COUNTY MEMORIAL 6/2 FOR VT ARREST AND TREATED WITH AICD.\n"
        "GU: FOLEY DRAINING CLEAR YELLOW URINE.\n"
    )
    lines = _listed(source, FactSection.LINES)
    assert "AICD" not in lines
    assert "FOLEY" in lines


def test_a_line_placed_at_the_outside_hospital_is_still_listed() -> None:
    source = "ACCESS: R IJ CVL PLACED AT OUTSIDE HOSPITAL 4/3, SITE CLEAN.\n"
    assert "R IJ CVL PLACED AT OUTSIDE HOSPITAL" in _listed(source, FactSection.LINES)


def test_an_implant_listed_in_the_history_is_still_listed() -> None:
    source = "PMH: CHF, PERM PACER- DDD MODE, DM2.\n"
    assert "PERM PACER" in _listed(source, FactSection.LINES)
