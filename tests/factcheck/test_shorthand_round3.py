"""Habits of real notes read in the third round, on the false flags of faithful nursing drafts
and the misses of dictated summaries: each test is one general rule, in the notes' own style."""

from app.domain.factcheck import check_draft
from app.domain.factcheck.facts import BloodPressure
from app.domain.factcheck.units import Quantity
from tests.factcheck.helpers import facts_of, magnitude, only, value


def _flags(source: str, draft: str) -> list[str]:
    report = check_draft(source, draft)
    return [flag.text for flag in [*report.unsupported, *report.contradicted]]


def test_a_four_digit_level_after_down_to_is_a_value_not_a_time() -> None:
    assert facts_of("CK down to 2150.", "time") == []
    assert magnitude(only("CK down to 2150.", "lab")) == 2150


def test_a_time_after_to_closing_a_range_is_still_a_time() -> None:
    assert [fact.text for fact in facts_of("on the unit from 0700 to 1500", "time")] == [
        "0700",
        "1500",
    ]


def test_a_changed_level_after_down_to_is_flagged_as_that_level() -> None:
    report = check_draft("pm K 4.1, CK down to 2150/12%", "CK down to 2250.")
    assert [flag.kind for flag in report.unsupported] == ["lab.ck"]


def test_a_range_of_pressure_pairs_without_its_cue_is_a_blood_pressure_range() -> None:
    readings = [value(fact) for fact in facts_of("stable overnight, 110/60-140/80.", "vital.bp")]
    assert readings == [BloodPressure(110, 60), BloodPressure(140, 80)]


def test_a_pressure_range_far_from_its_cue_backs_the_draft() -> None:
    source = "BP STABLE ON NEO EXCEPT WITH TURNS AND BATHING. 72-150/40-78."
    assert _flags(source, "BP 72-150/40-78 on neosynephrine.") == []


def test_a_low_unlabelled_pressure_range_is_not_read_as_a_blood_pressure() -> None:
    assert facts_of("PA 40/20-45/25", "vital.bp") == []


def test_a_bare_number_before_a_frequency_is_the_dose() -> None:
    fact = only("MEDICATIONS: Ritalin 30 a day.", "medication")
    assert value(fact, "dose") == Quantity(30.0, None, 0)
    assert value(fact, "frequency") == "1/day"


def test_a_changed_bare_dose_before_a_frequency_is_contradicted() -> None:
    report = check_draft("MEDICATIONS: Ritalin 30 a day.", "Ritalin 40 a day.")
    assert [flag.kind for flag in report.contradicted] == ["medication"]


def test_per_day_is_once_a_day() -> None:
    fact = only("aspirin 325 mg per day", "medication")
    assert value(fact, "frequency") == "1/day"


def test_a_white_count_per_microlitre_is_read_in_thousands() -> None:
    assert value(only("Labs showed white count 7400.", "lab.wbc")) == Quantity(7.4, None, 1)


def test_a_white_count_per_microlitre_backs_the_same_count_in_thousands() -> None:
    assert _flags("white count 7400, hematocrit 40.1", "WBC 7.4.") == []


def test_a_changed_white_count_per_microlitre_is_contradicted() -> None:
    report = check_draft("white count 7400, hematocrit 40.1", "White count 17400.")
    assert [flag.kind for flag in report.contradicted] == ["lab.wbc"]


def test_a_platelet_count_per_microlitre_is_read_in_thousands() -> None:
    assert value(only("platelets 245,000", "lab.platelets")) == Quantity(245.0, None, 0)


def test_a_nasal_steroid_spray_count_is_its_dose() -> None:
    source = "Samples of Nasonex two sprays in each nostril given for three weeks."
    report = check_draft(source, "Nasonex samples, four sprays in each nostril.")
    assert [flag.kind for flag in report.contradicted] == ["medication"]


def test_mid_before_a_decade_reads_the_middle_of_it() -> None:
    reading = value(only("HR has run in the mid 70s all shift", "vital.hr"))
    assert reading == Quantity(73.0, None, 0, upto=77.0)


def test_a_decade_backs_a_draft_reading_inside_it() -> None:
    assert _flags("HR has run in the mid 70s all shift", "Heart rate 75.") == []


def test_a_decade_moved_to_another_decade_is_contradicted() -> None:
    report = check_draft("HR has run in the mid 70s all shift", "Heart rate in the mid 90s.")
    assert [flag.kind for flag in report.contradicted] == ["vital.hr"]


def test_high_and_low_parts_of_one_decade_do_not_back_each_other() -> None:
    report = check_draft("sats high 80s on 4L", "Saturations in the low 80s.")
    assert [flag.kind for flag in report.contradicted] == ["vital.spo2"]


def test_a_decade_after_a_dash_keeps_its_range() -> None:
    readings = [value(fact) for fact in facts_of("HR 60's-80", "vital.hr")]
    assert readings == [Quantity(60.0, None, 0, upto=69.0), Quantity(80.0, None, 0)]


def test_a_pressure_read_from_a_decade_is_a_systolic_span() -> None:
    assert [value(fact) for fact in facts_of("SBP in the 90s", "vital.bp")] == [
        BloodPressure(90, None, systolic_upto=99)
    ]


def test_a_trend_in_capitals_binds_its_second_value() -> None:
    readings = [magnitude(fact) for fact in facts_of("HR 88 TO 102", "vital.hr")]
    assert readings == [88.0, 102.0]


def test_in_before_a_value_without_a_unit_does_not_cut_the_cue_before_it() -> None:
    readings = [magnitude(fact) for fact in facts_of("BP ok, MAPS IN 70 TO 75.", "vital.map")]
    assert readings == [70.0, 75.0]


def test_a_decade_written_a_few_words_after_its_cue_backs_the_draft() -> None:
    source = "BS CHECKED X2 OVERNIGHT, 180'S."
    assert _flags(source, "Blood sugars in the 180s overnight.") == []


def test_a_value_the_notes_say_a_measure_moved_to_backs_the_draft() -> None:
    source = "LABS: Creatinine of 2.1.  Over the next days it was decreased to 1.2 with fluids."
    assert _flags(source, "Creatinine fell from 2.1 to 1.2.") == []


def test_a_value_moved_to_after_another_cue_does_not_back_the_draft() -> None:
    source = "Creatinine of 2.1. Glucose was decreased to 1.2 overnight."
    report = check_draft(source, "Creatinine fell from 2.1 to 1.2.")
    assert [flag.kind for flag in report.contradicted] == ["lab.creatinine"]


def test_sl_after_a_body_part_is_a_saline_lock() -> None:
    assert _flags("ACCESS: L. FOREARM SL. FOLEY DRAINING.", "Left forearm saline lock.") == []


def test_sl_after_a_drug_stays_sublingual() -> None:
    assert value(only("ntg 0.4 sl x1 for chest pain", "medication"), "route") == "sl"


def test_pmr_after_a_pacing_mode_is_a_pacemaker() -> None:
    assert _flags("PMH: CHF, VVI PMR FOR HEART BLOCK", "History of a VVI pacemaker.") == []


def test_a_lower_case_nc_before_oxygen_is_a_nasal_cannula() -> None:
    source = "resp: on nc 02, weaned 5->3, sats 96%"
    assert _flags(source, "Nasal cannula weaned from 5 to 3 L, saturations 96%.") == []


def test_a_side_after_a_score_out_of_ten_is_not_litres() -> None:
    assert _flags("c/o 5/10 r hip pain at noon", "Right hip pain 5/10.") == []


def test_c_slash_o_is_complains_of_not_cardiac_output() -> None:
    assert facts_of("c/o 4/10 pain in am", "vital.co") == []


def test_a_dotted_cardiac_output_before_a_slash_pair_is_output_and_index() -> None:
    assert _flags("C.O. 4.1/2.25. SVR 900.", "Cardiac output 4.1, index 2.25.") == []


def test_a_misspelt_quinton_is_a_dialysis_catheter() -> None:
    source = "L FEMORAL QUENTIN CATHETER PLACED FOR CRRT."
    assert _flags(source, "A left femoral Quinton catheter was placed for CRRT.") == []


def test_a_dose_after_including_belongs_to_the_infusion() -> None:
    source = "heparin gtt started at 900u/hr including 4000u IVB."
    assert _flags(source, "Heparin infusion at 900 units/hr with a 4000 unit IV bolus.") == []


def test_a_french_size_glued_to_its_number_sizes_the_device_after_it() -> None:
    assert _flags("arrived with a #18f/10cc foley to cd.", "Arrived with an 18 French Foley.") == []


def test_a_number_glued_to_f_without_a_device_is_not_a_french_size() -> None:
    assert facts_of("pt is a 65f with chf, foley in place", "device")[0].values("french") == []


def test_a_side_at_the_end_of_a_wrapped_line_belongs_to_the_part_on_the_next() -> None:
    fact = only("HAS SOME L. \n SIDE WEAKNESS TODAY.", "laterality")
    assert value(fact, "side") == "left"


def test_a_side_before_a_blank_line_names_no_part_after_it() -> None:
    assert facts_of("Plan: R\n\nArm weak", "laterality") == []


def test_the_bolus_of_an_infusion_after_a_stray_word_is_a_dose_of_that_drug() -> None:
    draft = "Heparin drip started at 1200 units/hr after a 5000 unit bolus."
    fact = only(draft, "medication")
    assert Quantity(5000.0, "units", 0) in fact.values("dose")


def test_the_total_of_a_fluid_after_its_rate_is_not_a_dose() -> None:
    fact = only("NS at 100 mL/hr for 1 liter.", "medication")
    assert fact.values("dose") == [Quantity(100.0, "mL/hr", 0)]


def test_the_number_after_a_tidal_volume_in_a_vent_slash_list_is_the_fio2() -> None:
    oxygen = facts_of("resp- vent @ 550/50/ac 20/p5", "vital.o2")
    assert [fio2 for fact in oxygen for fio2 in fact.values("fio2")] == [Quantity(50.0, "%", 0)]


def test_intubated_on_settings_is_on_a_ventilator() -> None:
    source = "Resp: remains intubated on simv 10, tv 500 +5 40%."
    assert _flags(source, "Ventilator on SIMV, FiO2 40%.") == []


def test_which_dose_of_a_course_does_not_part_the_drug_from_its_route() -> None:
    fact = only("MUCOMYST #3 DOSE GIVEN PO.", "medication")
    assert value(fact, "route") == "oral"


def test_a_long_drug_name_missing_a_syllable_is_read_as_that_drug() -> None:
    assert (
        _flags("ALLERGIES: CIPROFLOXIN (HIVES), CODEINE", "Allergies: ciprofloxacin, codeine.")
        == []
    )


def test_a_short_drug_name_missing_two_letters_is_not_read_as_that_drug() -> None:
    assert facts_of("pt had a lasx dose", "medication") == []


def test_the_count_of_an_interval_between_a_cue_and_its_value_is_no_reading() -> None:
    fact = only("magnesium drip on, magnesium checked every 6 hours, last 2.4.", "lab.magnesium")
    assert magnitude(fact) == 2.4


def test_an_interval_alone_after_a_cue_gives_no_reading() -> None:
    assert facts_of("potassium to be checked every 4 hours", "lab.potassium") == []
