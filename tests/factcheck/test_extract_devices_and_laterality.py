import pytest

from app.domain.factcheck.extract.laterality import BOTH, LEFT, RIGHT
from app.domain.factcheck.units import Quantity

from .helpers import facts_of, only


@pytest.mark.parametrize("written", ["PIV 20g", "20 gauge IV", "20g PIV", "peripheral IV 20 gauge"])
def test_a_peripheral_iv_and_its_gauge(written: str) -> None:
    device = only(written, "device")
    assert device.key == "peripheral IV"
    assert device.values("gauge") == [Quantity(20, "G")]


def test_a_french_size_belongs_to_the_nearest_device() -> None:
    assert only("Foley placed (14 Fr)", "device").values("french") == [Quantity(14, "Fr")]


def test_a_plain_iv_route_is_not_a_device() -> None:
    assert facts_of("Lasix 40 mg IV given", "device") == []


@pytest.mark.parametrize(
    ("written", "device"),
    [("JP drain", "JP drain"), ("NG tube", "NG tube"), ("central line", "central line")],
)
def test_lines_and_drains_are_named(written: str, device: str) -> None:
    assert only(written, "device").key == device


@pytest.mark.parametrize(
    ("written", "side", "part"),
    [
        ("L forearm", LEFT, "forearm"),
        ("right antecubital", RIGHT, "antecubital"),
        ("RLE", RIGHT, "lower extremity"),
        ("bilat bases", BOTH, "base"),
        ("R total hip", RIGHT, "hip"),
        ("left lower quadrant", LEFT, "lower quadrant"),
    ],
)
def test_sides_and_body_parts(written: str, side: str, part: str) -> None:
    fact = only(written, "laterality")
    assert (fact.values("side"), fact.key) == ([side], part)


def test_a_side_records_the_device_it_describes() -> None:
    assert only("PIV 20g L forearm", "laterality").anchor == "iv"


def test_a_side_letter_before_a_number_is_not_a_side() -> None:
    assert facts_of("R 20, P 88", "laterality") == []


def test_an_ordinal_between_side_and_part_keeps_the_side() -> None:
    fact = only("old right 4th toe infection healed", "laterality")
    assert (fact.key, fact.values("side")) == ("foot", [RIGHT])
