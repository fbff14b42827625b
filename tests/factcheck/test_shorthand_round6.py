"""Habits of real notes read in the sixth round, on the misses and false flags of planted
errors in drafts of notes no set had used: each test is one general rule, in the notes' own
style."""

import pytest

from app.domain.factcheck import check_draft
from app.domain.factcheck.units import Quantity
from tests.factcheck.helpers import facts_of, magnitude, only


def _flags(source: str, draft: str) -> list[str]:
    report = check_draft(source, draft)
    return [flag.text for flag in [*report.unsupported, *report.contradicted]]


def _kinds_flagged(source: str, draft: str) -> list[str]:
    report = check_draft(source, draft)
    return [flag.kind for flag in [*report.unsupported, *report.contradicted]]


def test_pupil_size_is_read_as_a_measure() -> None:
    assert magnitude(only("NEURO: pupils 2mm unreactive. unresponsive.", "vital.pupil")) == 2


def test_a_pupil_size_changed_in_the_draft_is_contradicted() -> None:
    report = check_draft("pupils 2mm unreactive.", "Pupils 5 mm and unreactive.")
    assert [flag.kind for flag in report.contradicted] == ["vital.pupil"]


def test_each_sides_pupil_size_is_read() -> None:
    sizes = [magnitude(fact) for fact in facts_of("pupils 4mm right, 6mm left", "vital.pupil")]
    assert sizes == [4, 6]


def test_the_other_sides_pupil_in_the_draft_is_backed() -> None:
    assert _flags("R eye 1-2mm, L 3mm.", "Pupils hard to assess: right 1-2 mm, left 3 mm.") == []


def test_a_weak_cue_reads_a_range_whose_unit_follows_its_second_value() -> None:
    first, second = facts_of("urine 30-50cc", "io.output")
    assert first.values("value") == [Quantity(30.0, "mL", 0)]
    assert magnitude(second) == 50


def test_an_output_after_cont_dot_is_still_its_cues() -> None:
    assert magnitude(only("HOURLY URINES CONT. TO BE >25CC", "io.output")) == 25


def test_a_value_after_which_decreased_to_continues_the_lab() -> None:
    report = check_draft(
        "Received 1 unit FFP for INR 7.0 decreased to 3.3 and received 2nd unit.",
        "Received FFP for an INR of 7.0, which decreased to 1.3.",
    )
    assert [flag.kind for flag in report.contradicted] == ["lab.inr"]


def test_a_balloon_pumps_assist_ratio_changed_in_the_draft_is_contradicted() -> None:
    report = check_draft("IABP at 1:1; bleeding from site.", "IABP at 1:3, bleeding from site.")
    assert [flag.kind for flag in report.contradicted] == ["device"]


def test_a_ratio_the_notes_give_a_sentence_after_the_pump_is_not_flagged() -> None:
    source = "Pt also has IABP in R fem site. Pt on 1:1 with poor dia aug."
    assert _flags(source, "IABP in the right femoral site at 1:1.") == []


def test_a_gauge_written_after_a_hash_is_the_devices() -> None:
    device = only("Peripheral angio #20, right hand patent for IVF", "device")
    assert (device.key, device.values("gauge")) == ("peripheral IV", [Quantity(20.0, "G")])


def test_a_side_before_a_mediastinal_chest_tube_is_read() -> None:
    report = check_draft("L MED. CT CLOTTING OFF.", "The right mediastinal chest tube is clotting.")
    assert [flag.kind for flag in report.contradicted] == ["laterality"]


@pytest.mark.parametrize(
    "source",
    [
        "ct on r side remains in place and draining lrge amts of sero-sang fluid.",
        "l pleural ct left in place.",
    ],
)
def test_a_ct_named_by_its_side_or_its_place_is_a_chest_tube(source: str) -> None:
    assert only(source, "device").key == "chest tube"


def test_a_chest_ct_is_a_scan() -> None:
    assert facts_of("chest ct showed r effusion", "device") == []


def test_a_bare_a_c_is_a_ventilator_mode_not_a_side() -> None:
    assert facts_of("vent on a/c 500x14", "laterality") == []


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        ("d/l PICC patent to L a/c.", "Double-lumen PICC in the left antecubital is patent."),
        ("IV ACCESS: # 18 L ANTECUB.", "IV access: 18-gauge in the left antecubital."),
        ("BILT SOFT WRIST RESTRAINTS. PEERL.", "Pupils equal and reactive to light."),
        ("POST TEE SHOWING ONLY MILD TR.", "TEE showed only mild tricuspid regurgitation."),
        ("OGT->LCWSX DRAINING BILIOUS MATERIAL.", "OG tube to low continuous wall suction."),
        ("OGT placement confirmed; placed to LCS.", "OG tube placed to low continuous suction."),
        ("Peripheral angio x3 patent for IVF", "Three peripheral IVs patent for IV fluids."),
        ("K+ 3.5 REPLACED. GIVEN MAG OXIDE 240 MG. PO.", "Given magnesium oxide 240 mg by mouth."),
        ("pt's daugther and son-inlaw in to visit.", "Daughter and son-in-law in to visit."),
    ],
)
def test_held_out_tens_shorthand_reads_as_the_notes(source: str, draft: str) -> None:
    assert _flags(source, draft) == []


def test_the_stop_of_a_dose_before_a_route_is_the_units() -> None:
    lasix = only("Lasix 40 mg. IV given.", "medication")
    assert lasix.values("route") == ["iv"]


def test_a_dose_ending_a_sentence_before_iv_fluids_keeps_its_stop() -> None:
    medications = facts_of("Lasix 40 mg. IV fluids at 150 mL/hr.", "medication")
    assert [(fact.key, fact.values("route")) for fact in medications] == [
        ("furosemide", []),
        ("IV fluids", []),
    ]


def test_a_relatives_name_with_two_letters_swapped_is_still_that_relative() -> None:
    assert _kinds_flagged("daugther in to visit.", "Her daughter visited.") == []


def test_a_size_after_a_hash_beside_a_foley_is_its_french_size() -> None:
    foley = only("foley - leak changed to #16", "device")
    assert foley.values("french") == [Quantity(16.0, "Fr")]


def test_decades_written_where_an_age_goes_are_no_age() -> None:
    report = check_draft(
        "cv: sr 60-80's, no ectopy. pt using urinal.",
        "The patient is a 60-80's woman with no pain.",
    )
    assert [flag.kind for flag in report.unsupported] == ["sentence"]
