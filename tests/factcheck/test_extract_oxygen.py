from app.domain.factcheck.units import Quantity

from .helpers import facts_of, only


def test_flow_and_device_in_shorthand() -> None:
    oxygen = only("SpO2 93% on 2L NC", "vital.o2")
    assert oxygen.attributes == (("device", "nasal cannula"), ("flow", Quantity(2, "L/min")))


def test_flow_and_device_spelled_out_read_the_same() -> None:
    spelled = only("93% on two liters via nasal cannula", "vital.o2")
    assert spelled.attributes == only("SpO2 93% on 2L NC", "vital.o2").attributes


def test_room_air_is_a_device_without_flow() -> None:
    assert only("SpO2 96% RA", "vital.o2").attributes == (("device", "room air"),)


def test_a_flow_after_an_oxygen_word_is_oxygen() -> None:
    assert only("home O2 2L at night", "vital.o2").values("flow") == [Quantity(2, "L/min")]


def test_litres_removed_at_dialysis_are_not_oxygen() -> None:
    assert facts_of("HD completed, 2 L removed", "vital.o2") == []


def test_fio2_is_read_beside_its_device() -> None:
    found = facts_of("BiPAP 12/5, FiO2 35%", "vital.o2")
    assert [fact.attributes for fact in found] == [
        (("device", "BiPAP"),),
        (("fio2", Quantity(35, "%")),),
    ]
