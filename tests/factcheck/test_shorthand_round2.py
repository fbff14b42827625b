"""Nursing shorthand read in the second round on real notes: each test is a habit of real ICU
notes, written in the notes' own style."""

from app.domain.factcheck import check_draft
from app.domain.factcheck.units import Quantity
from tests.factcheck.helpers import facts_of, only, value


def _flags(source: str, draft: str) -> list[str]:
    report = check_draft(source, draft)
    return [flag.text for flag in [*report.unsupported, *report.contradicted]]


def test_a_dose_before_the_drug_with_route_and_strength_words_between_is_its_dose() -> None:
    fact = only("RECIEVED 3 UNITS REGULAR SC INSULIN X1.", "medication")
    assert value(fact, "dose") == Quantity(3.0, "units", 0)
    assert value(fact, "route") == "subcut"


def test_a_dose_before_a_dose_of_phrase_is_its_dose() -> None:
    fact = only("given a 5mg sc dose of vitamin k.", "medication")
    assert value(fact, "dose") == Quantity(5.0, "mg", 0)


def test_a_bare_number_between_the_drug_and_its_route_is_the_dose() -> None:
    assert _flags("captopril 6.25 po and tolerated", "Captopril 6.25 mg by mouth.") == []


def test_a_dose_before_a_route_and_the_next_drug_belongs_to_that_drug() -> None:
    assert _flags("IVF D51/2NS with 40meq IV KCL at 150cc/hour", "40 mEq KCl in the fluids.") == []


def test_bibasilar_is_both_bases() -> None:
    assert _flags("BS DIMIISHED BIBASILAR.", "Breath sounds diminished at both bases.") == []


def test_bilat_after_the_body_part_is_both_sides_of_it() -> None:
    assert _flags("dim in bases bilat, atelectasis RLL", "Diminished at both bases.") == []


def test_a_percentage_before_a_mask_is_its_oxygen_fraction_not_a_saturation() -> None:
    source = "placed on 100% nrm sat's were 88%"
    assert _flags(source, "On a 100% non-rebreather her saturation was 88%.") == []


def test_a_decimal_glued_to_ft_is_a_face_tent_fraction() -> None:
    assert _flags("o2 increased to .50ft", "Oxygen increased to a 50% face tent.") == []


def test_ft_after_a_distance_stays_feet() -> None:
    assert facts_of("ambulated 25 ft with assist", "vital.o2") == []


def test_cc_hr_without_a_slash_is_millilitres_an_hour() -> None:
    assert _flags("u/o 20cc hr", "Urine output 20 mL/hr.") == []


def test_a_lower_case_ph_in_a_mixed_case_note_is_the_ph() -> None:
    assert value(only("Resp: abg done with ph 7.35.", "lab.ph")) == Quantity(7.35, None, 2)


def test_act_is_the_activated_clotting_time() -> None:
    assert _flags("act 159 @ 1850", "ACT 259 at 1850.") == ["ACT 259"]


def test_bs_with_a_number_is_a_blood_sugar() -> None:
    assert [fact.text for fact in facts_of("Bs 150-156.", "lab.glucose")] == ["Bs 150", "156"]


def test_short_drug_names_of_icu_drips_are_read() -> None:
    source = "Remains on NTG and SNP. Epi weaned. CACL gtt. hep at 1000u/hr."
    draft = "On nitroglycerin and nitroprusside; epinephrine weaned; calcium chloride; heparin."
    assert _flags(source, draft) == []


def test_peg_and_a_draining_ct_are_devices_in_lower_case_notes() -> None:
    source = "TF at goal via peg. Ct draining serosang."
    assert _flags(source, "Tube feeds via PEG. Chest tube draining serosanguinous fluid.") == []


def test_a_zero_written_for_the_letter_o_is_read_as_the_o() -> None:
    assert _flags("P04 = 1.7, sa02 95%", "Phosphorus 1.7; SaO2 95%.") == []


def test_a_side_before_a_spaced_sc_line_is_the_subclavian() -> None:
    assert _flags("R SC TLC placed", "Right subclavian triple-lumen line.") == []


def test_rad_with_a_full_stop_before_an_arterial_line_is_radial() -> None:
    assert _flags("l rad. aline", "Left radial arterial line.") == []


def test_crea_is_the_creatinine() -> None:
    assert _flags("bun 21 crea .4", "Creatinine 0.4.") == []


def test_a_blood_gas_written_with_dashes_is_read_as_its_slash_list() -> None:
    assert _flags("resp- abg 7.43-42-109- coarse", "ABG 7.43/42/109.") == []


def test_an_oral_drug_given_down_the_ng_tube_keeps_its_route() -> None:
    source = "ORAL VANCO STARTED. NGT IN PLACE."
    assert _flags(source, "Oral vancomycin started via NG tube.") == []


def test_a_ct_that_drains_is_a_chest_tube_with_its_output() -> None:
    assert _flags("Ct draining ~40 cchr.", "Chest tube draining about 40 cc an hour.") == []


def test_a_ct_of_the_head_is_no_device() -> None:
    assert facts_of("CT of head today", "device") == []


def test_a_liter_is_one_liter() -> None:
    assert _flags("received a liter NS bolus", "Given 1 liter normal saline.") == []


def test_a_dotted_abbreviation_at_the_end_of_a_line_is_read_and_keeps_the_line_break() -> None:
    fact = only("3.  Viagra p.r.n.\nALLERGIES: None.", "medication")
    assert value(fact, "prn") is True


def test_h_and_h_is_the_hemoglobin_and_the_hematocrit() -> None:
    assert _flags("H and H are 10.8 and 38.7.", "Hemoglobin 10.8, hematocrit 38.7.") == []


def test_a_tablet_count_between_the_dose_and_the_frequency_keeps_the_frequency() -> None:
    fact = only("Colace 100 mg 1 b.i.d.\nFOLLOWUP: one week.", "medication")
    assert value(fact, "frequency") == "2/day"


def test_one_a_day_is_daily() -> None:
    assert value(only("Bactrim DS one a day for ten days", "medication"), "frequency") == "1/day"


def test_no_known_medicine_allergies_is_no_known_allergies() -> None:
    assert [fact.kind for fact in facts_of("She has no known medicine allergies.", "allergy")]


def test_a_side_of_the_ureter_is_read() -> None:
    assert _flags("calcification in the right distal ureter", "Stone in the left ureter.") == [
        "left ureter"
    ]


def test_psa_is_a_lab_value() -> None:
    assert _flags("He has a PSA of 3.1.", "PSA 8.1.") == ["PSA 8.1"]
