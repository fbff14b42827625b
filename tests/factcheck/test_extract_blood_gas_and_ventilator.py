"""Blood-gas slash lists and ventilator FiO2 settings written without labels."""

from app.domain.factcheck import extract_facts
from app.domain.factcheck.units import Quantity
from tests.factcheck.helpers import facts_of, magnitude, value


def test_a_blood_gas_with_the_ph_first_is_read_in_laboratory_order() -> None:
    kinds = {fact.kind: magnitude(fact) for fact in extract_facts("ABG 7.38/44/88/25")}
    assert kinds == {"lab.ph": 7.38, "lab.pco2": 44, "lab.po2": 88, "lab.bicarbonate": 25}


def test_a_blood_gas_with_the_ph_third_is_read_in_bedside_order() -> None:
    kinds = {fact.kind: magnitude(fact) for fact in extract_facts("abg 96/41/7.36/23/0")}
    assert kinds == {"lab.po2": 96, "lab.pco2": 41, "lab.ph": 7.36, "lab.bicarbonate": 23}


def test_a_slash_list_without_a_ph_is_not_a_blood_gas() -> None:
    assert facts_of("PAP 48/22/30", "lab") == []


def test_a_bare_percentage_in_ventilator_settings_is_the_fio2() -> None:
    fact = facts_of("ON VENT AC 550X14, 45%, PEEP 8", "vital.o2")[-1]
    assert value(fact, "fio2") == Quantity(45, "%", 0)


def test_a_saturation_on_a_ventilator_line_stays_a_saturation() -> None:
    text = "vented on AC, sats 97%"
    assert facts_of(text, "vital.spo2")
    assert all(not fact.values("fio2") for fact in facts_of(text, "vital.o2"))


def test_a_leading_stop_fraction_after_the_rate_is_the_fio2() -> None:
    fact = facts_of("intubated on AC 500x12x.35", "vital.o2")[-1]
    assert value(fact, "fio2") == Quantity(35, "%", 0)


def test_a_value_never_ends_inside_a_longer_number() -> None:
    assert magnitude(facts_of("INR 2.3/PT 18.1", "lab.inr")[0]) == 2.3


def test_a_base_excess_before_the_bicarbonate_leaves_the_rest_of_the_gas_read() -> None:
    kinds = {fact.kind: magnitude(fact) for fact in extract_facts("ABG 7.33/48/71/0/25")}
    assert kinds == {"lab.ph": 7.33, "lab.pco2": 48, "lab.po2": 71}
