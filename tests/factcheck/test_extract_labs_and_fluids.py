import pytest

from app.domain.factcheck.units import Quantity

from .helpers import facts_of, magnitude, only, value


@pytest.mark.parametrize("written", ["K 3.2", "K+ 3.2", "potassium 3.2", "potassium was 3.2"])
def test_potassium_in_its_common_spellings(written: str) -> None:
    assert magnitude(only(written, "lab.potassium")) == 3.2


def test_a_dose_after_a_lab_name_is_not_a_lab_value() -> None:
    assert facts_of("magnesium 2 g IV given", "lab.magnesium") == []


def test_a_replacement_drug_name_is_not_a_lab_cue() -> None:
    assert facts_of("potassium chloride 20 mEq PO", "lab.potassium") == []


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("Na 134", "lab.sodium"),
        ("Cr 1.6", "lab.creatinine"),
        ("Hgb 9.1", "lab.hemoglobin"),
        ("plt 74", "lab.platelets"),
        ("INR 2.8", "lab.inr"),
        ("WBC 17.8", "lab.wbc"),
        ("lactate 3.4", "lab.lactate"),
        ("fingerstick 188", "lab.glucose"),
        ("CIWA 14", "score.ciwa"),
    ],
)
def test_each_measure_is_read_by_its_abbreviation(written: str, kind: str) -> None:
    assert only(written, kind).text == written


def test_a_hemoglobin_hematocrit_pair_gives_both_labs() -> None:
    assert {fact.kind for fact in facts_of("H/H 6.9/21.0", "lab")} == {
        "lab.hemoglobin",
        "lab.hematocrit",
    }


def test_weight_converts_between_pounds_and_kilograms() -> None:
    assert value(only("weight 181 lb", "weight")) == Quantity(181, "lb")


def test_a_height_is_read_in_centimetres_or_without_a_unit() -> None:
    assert value(only("height 170 cm", "height")) == Quantity(170, "cm")
    assert magnitude(only("The patient's height was 248 this pm", "height")) == 248


def test_intake_and_output_are_read_from_their_cues() -> None:
    found = facts_of("Intake 480 mL PO, output 1,550 mL", "io")
    assert [(fact.kind, fact.text) for fact in found] == [
        ("io.intake", "Intake 480 mL"),
        ("io.output", "output 1,550 mL"),
    ]


def test_an_output_cue_may_follow_its_volume() -> None:
    assert only("returned 600 mL of cloudy urine", "io.output").text == "600 mL"


def test_an_ordinary_in_is_not_an_intake_cue() -> None:
    assert facts_of("Hemovac in place, 60 mL serosang", "io.intake") == []


def test_a_drain_with_a_volume_is_an_output() -> None:
    assert only("Hemovac in place, 60 mL serosang", "io.output").text.endswith("60 mL")


def test_a_negative_net_balance_keeps_its_sign() -> None:
    assert magnitude(only("net negative 1070 mL", "io.net")) == -1070
