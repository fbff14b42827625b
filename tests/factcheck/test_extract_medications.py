import pytest

from app.domain.factcheck.units import Quantity

from .helpers import facts_of, only


def test_an_order_is_read_with_dose_route_and_frequency() -> None:
    order = only("metoprolol 25 mg PO BID", "medication")
    assert order.attributes == (
        ("dose", Quantity(25, "mg")),
        ("route", "oral"),
        ("frequency", "2/day"),
    )


def test_a_brand_name_order_in_words_reads_the_same() -> None:
    brand = only("Lopressor 25 milligrams by mouth twice daily", "medication")
    assert brand.key == "metoprolol tartrate"
    assert brand.attributes == only("metoprolol 25 mg PO BID", "medication").attributes


def test_as_needed_use_is_read() -> None:
    assert only("morphine 2 mg IV q4h PRN pain", "medication").values("prn") == [True]


def test_a_dose_written_before_the_name_belongs_to_it() -> None:
    assert only("Gave 650 mg Tylenol PO", "medication").values("dose") == [Quantity(650, "mg")]


def test_a_route_written_before_the_name_belongs_to_it() -> None:
    assert only("IV Tylenol 1 g given", "medication").values("route") == ["iv"]


def test_a_dose_change_states_both_doses() -> None:
    order = only("metoprolol increased from 25 mg to 50 mg PO BID", "medication")
    assert order.values("dose") == [Quantity(25, "mg"), Quantity(50, "mg")]


def test_the_next_drug_ends_an_order() -> None:
    orders = facts_of("Lasix 40 mg IV and 20 mEq KCl PO", "medication")
    assert [order.values("dose") for order in orders] == [
        [Quantity(40, "mg")],
        [Quantity(20, "mEq")],
    ]


def test_words_outside_the_order_end_it_before_a_stray_route() -> None:
    order = only("Tylenol 650 mg given for temp 101.2, IV site changed.", "medication")
    assert order.values("route") == []


def test_a_volume_after_a_stray_word_is_not_a_second_dose() -> None:
    order = only("furosemide 40 mg IV given at 0215, followed by 500 mL of urine", "medication")
    assert order.values("dose") == [Quantity(40, "mg")]


def test_a_further_dose_in_the_same_units_still_belongs_to_the_order() -> None:
    order = only("lispro 4 units at 1300 and 2 units at 1800", "medication")
    assert order.values("dose") == [Quantity(4, "units"), Quantity(2, "units")]


def test_a_device_gauge_is_not_read_as_grams() -> None:
    order = only("vancomycin 1,250 mg IV q12h infusing via PIV 20g", "medication")
    assert order.values("dose") == [Quantity(1250, "mg")]


def test_a_new_rate_for_an_unnamed_infusion_is_a_dose_of_the_running_drug() -> None:
    text = "Morphine infusion at 2 mg/hr IV. Later the infusion was increased to 3 mg/hr."
    assert [order.values("dose") for order in facts_of(text, "medication")] == [
        [Quantity(2, "mg/hr")],
        [Quantity(3, "mg/hr")],
    ]


@pytest.mark.parametrize("cue", ["new order", "started", "increased", "discontinued"])
def test_a_new_or_changed_medication_is_marked(cue: str) -> None:
    assert only(f"Heparin 5000 units subcut q8h {cue} today.", "medication").changed


def test_a_routine_dose_is_not_marked_changed() -> None:
    assert not only("Metformin 1000 mg PO given.", "medication").changed
