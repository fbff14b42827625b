"""Nursing shorthand is read as the spelled-out form it stands for, at the note's own offsets."""

from app.domain.factcheck import check_draft
from app.domain.factcheck.lexicon import drug_lexicon, same_drug
from app.domain.factcheck.phrases import Words
from app.domain.factcheck.shorthand import rewrite
from app.domain.factcheck.units import Quantity
from tests.factcheck.helpers import facts_of, magnitude, only, value


def test_a_rewritten_span_maps_back_to_the_original_characters() -> None:
    note = "HEPARIN @ 900U/HR"
    rewritten = rewrite(note)
    start = rewritten.text.index("900 units")
    begin, end = rewritten.span(start, start + len("900 units"))
    assert note[begin:end] == "900U"


def test_a_dose_after_an_at_sign_with_glued_units_is_read() -> None:
    fact = only("HEPARIN @ 1100U/HR", "medication")
    assert fact.key == "heparin"
    dose = value(fact, "dose")
    assert isinstance(dose, Quantity) and dose.magnitude == 1100


def test_a_decimal_without_its_leading_zero_is_the_whole_value() -> None:
    dose = value(only("ativan .5mg iv", "medication"), "dose")
    assert isinstance(dose, Quantity) and dose.magnitude == 0.5


def test_misspelt_microgram_units_are_micrograms() -> None:
    dose = value(only("propofol gtt at 28mcq", "medication"), "dose")
    assert isinstance(dose, Quantity) and dose.magnitude == 28 and dose.unit == "mcg"


def test_cubic_centimetres_per_hour_are_a_urine_output() -> None:
    assert [magnitude(fact) for fact in facts_of("u/o 30-45cc/hr", "io.output")] == [30, 45]


def test_an_ion_with_its_charge_sign_is_the_lab() -> None:
    assert magnitude(only("k+ 3.2 repleted", "lab.potassium")) == 3.2


def test_capitalised_lab_symbols_in_an_all_caps_note_are_cues() -> None:
    assert magnitude(only("MG 1.6 REPLACED", "lab.magnesium")) == 1.6


def test_a_temperature_with_its_site_glued_on_is_read_whole() -> None:
    assert magnitude(only("t max 101.8r", "vital.temp")) == 101.8


def test_a_rhythm_glued_to_a_heart_rate_range_leaves_the_range_whole() -> None:
    assert [magnitude(fact) for fact in facts_of("HR 56-64SB", "vital.hr")] == [56, 64]


def test_litres_glued_to_nasal_cannula_are_an_oxygen_flow() -> None:
    fact = only("sats 97% on 3lnc", "vital.o2")
    assert value(fact, "device") == "nasal cannula"


def test_dotted_route_and_frequency_abbreviations_keep_the_order_together() -> None:
    fact = only("lasix 40 mg p.o. b.i.d. for edema", "medication")
    assert value(fact, "route") == "oral"
    assert fact.values("frequency")


def test_a_lower_case_note_reads_its_abbreviations_as_capitals() -> None:
    assert only("neo at 40 mcg/min", "medication").key == "phenylephrine"


def test_a_short_form_listed_under_two_drugs_may_mean_either() -> None:
    meaning = drug_lexicon().match_at(Words("levo"), 0)
    assert meaning is not None
    assert same_drug(meaning.meaning, "norepinephrine")
    assert same_drug(meaning.meaning, "levofloxacin")
    assert not same_drug(meaning.meaning, "levetiracetam")


def test_a_plural_brand_name_is_the_drug() -> None:
    assert only("given 2 percocets", "medication").key == "acetaminophen-oxycodone"


def test_a_misspelt_morphine_abbreviation_with_a_zero_is_morphine() -> None:
    assert only("MS04 4 MG IV", "medication").key == "morphine"


def test_midnight_written_as_nurses_write_it_supports_midnight() -> None:
    report = check_draft("heparin started at midnoc", "Heparin was started at midnight.")
    assert not report.unsupported and not report.contradicted


def test_a_side_abbreviated_with_a_stop_supports_the_spelled_side() -> None:
    report = check_draft("R. GROIN SITE OOZING", "Oozing at the right groin site.")
    assert not report.unsupported and not report.contradicted


def test_cardiac_output_is_not_a_urine_output() -> None:
    assert facts_of("cardiac output 5.0", "io.output") == []
    assert magnitude(only("cardiac output 5.0", "vital.co")) == 5.0


def test_a_changed_value_in_shorthand_is_still_contradicted() -> None:
    report = check_draft("K+ 3.2 REPLETED W/ 40MEQ KCL", "Potassium 4.2, repleted with KCl.")
    assert [flag.kind for flag in report.contradicted] == ["lab.potassium"]


def test_a_dose_before_a_comma_belongs_to_the_drug_before_it() -> None:
    doses = [value(fact, "dose") for fact in facts_of("Lasix 80 mg, morphine 2 mg", "medication")]
    assert [dose.magnitude for dose in doses if isinstance(dose, Quantity)] == [80, 2]


def test_a_value_written_near_its_cue_but_not_bound_supports_the_draft() -> None:
    report = check_draft("HCT STABLE AT 28.3 TODAY", "Hematocrit 28.3.")
    assert not report.unsupported and not report.contradicted


def test_a_different_value_near_the_cue_is_still_flagged() -> None:
    report = check_draft("HCT STABLE AT 28.3 TODAY", "Hematocrit 23.8.")
    flags = [*report.unsupported, *report.contradicted]
    assert [flag.kind for flag in flags] == ["lab.hematocrit"]


def test_a_dose_written_past_other_words_after_its_drug_supports_the_draft() -> None:
    report = check_draft(
        "NEO INCREASED WITH HYPOTENSION THEN RETURNED TO 80MCG", "Phenylephrine at 80 mcg."
    )
    assert not report.unsupported and not report.contradicted


def test_a_bare_four_digit_time_in_the_notes_supports_the_same_time() -> None:
    report = check_draft("OR 0930->CABG", "Going to the OR at 0930 for CABG.")
    assert not report.unsupported and not report.contradicted


def test_a_time_the_notes_never_write_is_still_flagged() -> None:
    report = check_draft("OR 0930->CABG", "Going to the OR at 1130 for CABG.")
    assert [flag.kind for flag in [*report.unsupported, *report.contradicted]] == ["time"]


def test_both_sides_written_as_r_and_l_are_bilateral() -> None:
    assert value(only("R & L FOOT IV'S PLACED", "laterality"), "side") == "bilateral"


def test_a_side_glued_to_the_radial_artery_is_read() -> None:
    fact = only("ALINE PLACED LRA", "laterality")
    assert (fact.key, value(fact, "side")) == ("radial", "left")


def test_a_route_before_the_name_in_lower_case_is_read() -> None:
    fact = only("Started on po amio 400mg TID", "medication")
    assert value(fact, "route") == "oral"


def test_a_decimal_dose_before_route_and_name_is_read_whole() -> None:
    dose = value(only("given .5mg IV ativan", "medication"), "dose")
    assert isinstance(dose, Quantity) and dose.magnitude == 0.5


def test_a_time_opening_a_line_with_a_colon_is_a_time() -> None:
    report = check_draft("0600: c/o SOB, sats 90%", "Short of breath at 0600.")
    assert not report.unsupported and not report.contradicted


def test_a_value_written_right_before_its_cue_supports_the_draft() -> None:
    report = check_draft("heparin subtherapeutic at 52 PTT", "PTT 52 on heparin.")
    assert not [flag for flag in report.unsupported if flag.kind == "lab.ptt"]


def test_an_allergen_short_form_before_the_word_allergy_is_an_allergy() -> None:
    assert [fact.key for fact in facts_of("HX HEPARIN,AMIOD ALLERGY", "allergy")] == [
        "heparin",
        "amiodarone",
    ]


def test_a_drug_name_one_letter_off_is_the_drug() -> None:
    assert only("gave 1 percocett for back pain", "medication").key == "acetaminophen-oxycodone"


def test_a_long_drug_name_with_one_letter_moved_is_the_drug() -> None:
    assert only("metropolol restarted this am", "medication").key.startswith("metoprolol")


def test_an_english_word_one_letter_from_a_drug_name_is_not_the_drug() -> None:
    assert facts_of("improved ability to follow commands", "medication") == []


def test_a_pa_saturation_written_as_one_word_is_a_mixed_venous_saturation() -> None:
    assert magnitude(only("this am PAsat 61% PCWP 15", "vital.svo2")) == 61


def test_fm_is_a_face_mask() -> None:
    assert value(only("sats 97% on 40% FM", "vital.o2"), "device") == "simple mask"


def test_d5_one_half_is_dextrose_in_half_normal_saline() -> None:
    assert only("D5 1/2 at 100 mL/hr", "medication").key == "normal saline"


def test_a_count_written_right_before_the_drug_supports_the_dose() -> None:
    report = check_draft("med with 1 percocet for back pain", "Percocet 1 tablet for back pain.")
    assert not report.unsupported and not report.contradicted


def test_mic_is_micrograms() -> None:
    dose = value(only("re'd 25mic fentanyl x1", "medication"), "dose")
    assert dose == Quantity(25, "mcg", 0)
