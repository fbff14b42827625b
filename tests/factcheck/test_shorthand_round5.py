"""Habits of real notes read in the fifth round, on the misses of planted errors in drafts of
notes no set had used: each test is one general rule, in the notes' own style."""

import pytest

from app.domain.factcheck import check_draft
from tests.factcheck.helpers import facts_of, only


def _flags(source: str, draft: str) -> list[str]:
    report = check_draft(source, draft)
    return [flag.text for flag in [*report.unsupported, *report.contradicted]]


def test_a_systolic_decade_backs_a_draft_reading_inside_it() -> None:
    assert _flags("SBP 130s-150. no c/o cp.", "Systolic blood pressure in the 130s.") == []


def test_a_systolic_decade_moved_to_another_decade_is_contradicted() -> None:
    report = check_draft("SBP 130s-150. no c/o cp.", "Systolic blood pressure 100s-120.")
    assert [flag.kind for flag in report.contradicted] == ["vital.bp", "vital.bp"]


def test_htn_before_a_value_reads_a_blood_pressure() -> None:
    assert _flags("pt became consistently HTn to 160's", "Hypertensive to the 160s.") == []


def test_htn_as_a_history_reads_no_blood_pressure() -> None:
    assert _flags("PMH: HTN x 20 yrs, DM.", "History of hypertension for 20 years.") == []


def test_a_tube_feed_rate_changed_in_the_draft_is_contradicted() -> None:
    report = check_draft(
        "Rate increased to goal of 55cc/hr of nepro with promod powder.",
        "Rate increased to the goal of 75 mL/hr of Nepro.",
    )
    assert [flag.kind for flag in report.contradicted] == ["medication"]


def test_a_feed_formula_and_tube_feeds_are_one_feed() -> None:
    assert _flags("TF Nepro at goal 55cc/hr.", "Tube feeds at goal, 55 mL/hr.") == []


def test_a_feeds_route_and_titration_are_not_asked_of_the_notes() -> None:
    source = (
        "NGT in place at right nare. pt on tube feedings with rate titrated to max 85cc/hr "
        "by 10cc/hr increments q4hr."
    )
    draft = "Tube feeds via the NG tube, titrated every 4 hours to a maximum of 85 mL/hr."
    assert _flags(source, draft) == []


def test_tube_feeds_the_notes_stop_in_lower_case_shorthand_are_off() -> None:
    source = "was on impact w/ fiber at 90/hr. residual > 1,000 cc. TF off pending abd ct."
    assert _flags(source, "High residuals, so tube feeds are off until the CT.") == []


def test_iv_fluids_restate_the_saline_the_notes_run() -> None:
    assert _flags("NS @ 100cc/hr.", "IV fluids at 100 mL/hr.") == []


def test_iv_fluids_at_another_rate_than_the_notes_saline_are_contradicted() -> None:
    report = check_draft("NS @ 100cc/hr.", "IV fluids at 150 mL/hr.")
    assert [flag.kind for flag in report.contradicted] == ["medication"]


def test_iv_fluids_are_no_high_alert_drug_though_their_class_holds_dextrose() -> None:
    report = check_draft("D50 1 amp given.", "IV fluids at 50 mL/hr.")
    assert [flag.kind for flag in [*report.unsupported, *report.contradicted]] == ["medication"]


def test_a_reading_after_now_continues_the_measure_before_it() -> None:
    report = check_draft("temp 100.8 (now noted to be 101R)", "Temperature 100.8, now 103.")
    assert [flag.text for flag in report.contradicted] == ["103"]


def test_a_reading_after_now_that_the_notes_give_is_backed() -> None:
    assert _flags("temp 100.8 (now noted to be 101R)", "Temperature 100.8, now 101.") == []


@pytest.mark.parametrize(
    ("written", "part", "side"),
    [
        ("LS course throughout lung fields on right", "lung", "right"),
        ("Lungs coarse throughout on the left", "lung", "left"),
        ("NEURO: pupils 4mm right, brisk", "eye", "right"),
    ],
)
def test_a_side_written_after_its_part_gives_the_part_its_side(
    written: str, part: str, side: str
) -> None:
    fact = only(written, "laterality")
    assert (fact.key, dict(fact.attributes)["side"]) == (part, side)


def test_a_letter_after_a_value_is_a_unit_not_a_side() -> None:
    assert facts_of("Lungs clear, face tent and 4 L nasal cannula", "laterality") == []


@pytest.mark.parametrize(
    ("written", "part"),
    [
        ("S/P L LUMPECTOMY IN 1983", "breast"),
        ("s/p R fem-pop", "fem-pop"),
        ("stage 3 decub on left upper buttock", "buttock"),
        ("R hemicolectomy 2 yrs ago", "colon"),
    ],
)
def test_a_procedure_or_part_names_the_part_its_side_is_of(written: str, part: str) -> None:
    assert only(written, "laterality").key == part


def test_a_device_beside_a_groin_keeps_the_side_of_its_own_groin() -> None:
    source = "R groin SWAN, site oozing. L groin IABP site intact."
    report = check_draft(source, "Swan in the right groin; IABP site in the right groin intact.")
    assert [flag.text for flag in report.contradicted] == ["right groin"]


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("cvp 13-15.", "vital.cvp"),
        ("pa 40/20, pcw 17", "vital.wedge"),
        ("PA 70/38 PWP 40 with V waves", "vital.pap"),
        ("PADS 19-20. HEPARIN GTT @ 700U", "vital.pad"),
        ("co/ci 4.2/2.75, SVR 1067", "vital.svr"),
    ],
)
def test_a_pulmonary_artery_catheters_readings_are_read(written: str, kind: str) -> None:
    assert facts_of(written, kind)


def test_a_changed_central_venous_pressure_is_contradicted() -> None:
    report = check_draft("PA pressures 25-34/19-22, CVP 3-8, wedge 8-10.", "CVP 13-18.")
    assert {flag.kind for flag in report.contradicted} == {"vital.cvp"}


def test_as_needed_written_before_the_drug_backs_the_drafts_as_needed() -> None:
    source = "MEDICATED PRN THROUGHOUT THE DAY WITH MSO4 2-4MG FOR RESTLESSNESS."
    assert _flags(source, "Given morphine 2-4 mg as needed for restlessness.") == []


def test_as_needed_said_of_another_drug_does_not_back_the_drafts_as_needed() -> None:
    source = "MSO4 2-4MG GIVEN FOR RESTLESSNESS. TYLENOL PRN."
    assert _flags(source, "Given morphine 2-4 mg as needed for restlessness.") != []


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("REMAINDER OF VENT SETTING ARE 30% FIO2, TV 500, PEEP 7.5.", "vital.peep"),
        ("CPAP 5/5, PS 10, spont TVs 560 to 580s", "vital.tidal_volume"),
        ("Trialed on psv +10 c peep5.", "vital.peep"),
        ("PEAK PRESSURES RANGED FROM 28-38.", "vital.peak_pressure"),
    ],
)
def test_a_labelled_ventilator_setting_is_read(written: str, kind: str) -> None:
    assert facts_of(written, kind)


def test_a_changed_labelled_ventilator_setting_is_contradicted() -> None:
    report = check_draft("VENT SETTING ARE 30% FIO2, TV 500, PEEP 7.5.", "PEEP 10.")
    assert [flag.kind for flag in report.contradicted] == ["vital.peep"]


def test_a_setting_spelt_out_from_the_notes_slash_list_is_theirs() -> None:
    source = "resp: ac/700 (decreased to 600)/ rate 12, peep 5. tidal volumes 500 to 600."
    draft = "Assist control, tidal volume decreased from 700 to 600, rate 12, PEEP 5."
    assert _flags(source, draft) == []


def test_a_setting_the_notes_only_write_in_a_slash_list_is_not_asked_of_them() -> None:
    assert _flags("Vent AC 700/14/.60/5.", "Tidal volume 700, PEEP 5.") == []


def test_parenteral_nutrition_at_another_rate_is_contradicted() -> None:
    report = check_draft("NUTRITION PROVIDED BY TPN AT 62.5CCH.", "TPN at 82.5 mL/hr.")
    assert [flag.kind for flag in report.contradicted] == ["medication"]


@pytest.mark.parametrize(
    ("written", "part", "side"),
    [
        ("PICC line R brachial.", "upper arm", "right"),
        ("hot pack to reddened area RLarm.", "arm", "right"),
        ("SCD'S ON BILAT.", "leg", "bilateral"),
    ],
)
def test_more_ways_of_writing_a_part_and_its_side(written: str, part: str, side: str) -> None:
    fact = only(written, "laterality")
    assert (fact.key, dict(fact.attributes)["side"]) == (part, side)


def test_a_finding_on_both_sides_a_few_words_after_its_part_is_no_side_of_the_part() -> None:
    assert facts_of("Lungs coarse on both sides.", "laterality") == []


def test_the_incentive_spirometer_in_capitals_is_no_verb() -> None:
    assert _flags("USING IS TO 500CC.", "Uses the incentive spirometer to 500 mL.") == []


def test_words_joined_by_a_slash_are_each_read_as_evidence() -> None:
    source = "Pulses present bil dp/pt w/ warm to touch."
    draft = "Dorsalis pedis and posterior tibial pulses present on both sides, feet warm."
    assert _flags(source, draft) == []


def test_mct_is_the_mediastinal_chest_tube() -> None:
    assert _flags("MCT D/CED THIS AM.", "Mediastinal chest tube removed this morning.") == []


@pytest.mark.parametrize(
    "written",
    [
        "Potassium replaced with 40 mEq IV.",
        "LABS=K REPLACED W 40MEQ IV. AM LABS PENDING.",
        "K+ 3.7 in am and pt replaced with 40meq IV and repeat K+ pending.",
    ],
)
def test_potassium_replaced_by_a_dose_in_meq_is_potassium_chloride_given(written: str) -> None:
    order = only(written, "medication")
    assert (order.key, order.values("route")) == ("potassium chloride", ["iv"])


def test_a_potassium_level_is_still_a_level() -> None:
    assert facts_of("potassium 4.1, K 3.2 this am", "medication") == []


def test_a_frequency_written_before_the_drug_is_the_orders() -> None:
    assert only("cont on bid lasix.", "medication").values("frequency") == ["2/day"]


def test_a_bare_dose_after_a_route_before_the_name_is_still_read() -> None:
    order = only("IV lasix 40 bid", "medication")
    assert (order.values("route"), order.values("frequency")) == (["iv"], ["2/day"])
    assert [dose.magnitude for dose in order.values("dose")] == [40.0]


def test_a_fluid_volume_before_bolus_and_the_fluid_is_its_dose() -> None:
    order = only("RECEIVED > 4L BOLUS NS.", "medication")
    assert [dose.magnitude for dose in order.values("dose")] == [4.0]


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        ("attempted to take o2 off w/sat to 88-89%", "Off oxygen, saturations fell to 88-89%."),
        ("2l on w/sat up to 97%", "Back on 2 L, saturations rose to 97%."),
        ("PT'S DUAGHTER IS HEALTH CARE PROXY.", "Her daughter is the health care proxy."),
        ("pt has tlcl that was placed over cordis", "Triple-lumen catheter placed over a cordis."),
        (
            "PA cath inserted over a wire RSCL",
            "PA catheter inserted over a wire, right subclavian.",
        ),
        ("CHEST CT SHOWED R LL PNEUMONIA.", "Chest CT showed a right lower lobe pneumonia."),
        ("GU: ANURIC ON ADMIT. CREATINE 1.9.", "Anuric on admission. Creatinine 1.9."),
        (
            "JPx2 from leg with mod output, CT dry.",
            "Two JP drains with moderate output; chest tubes dry.",
        ),
        ("in good spirits, a&ox3, mae, skin w&d.", "Alert and oriented x3, skin warm and dry."),
    ],
)
def test_more_shorthand_the_faithful_restatement_of_reads_as_the_notes(
    source: str, draft: str
) -> None:
    assert _flags(source, draft) == []


def test_a_misspelt_english_word_is_no_relative() -> None:
    assert _flags("pt states he would rather rest.", "His mother visited.") != []


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        (
            "Ballon pump to right femoral site. Old dsd on left groin.",
            "Balloon pump in the left femoral site.",
        ),
        ("Pt vented on 5 and 5 at 50% sating at 97%.", "Ventilated at 50%, saturating 87%."),
        ("Pt vented on 5 and 5 at 50% sating at 97%.", "Ventilated on 5 and 5 at 70%."),
        (
            "bp stable 110-120's increasing to 140's with stimulation.",
            "Blood pressure 110-120s, rising to the 180s.",
        ),
        ("CV-MP SR and changed to Apaced 88 no VEA", "Sinus rhythm, changed to A-paced at 68."),
        (
            "Presently on 100% PCV rate 16/PEEP 25 with fair ABG.",
            "Pressure control, rate 16, PEEP 15.",
        ),
    ],
)
def test_a_changed_reading_in_those_shapes_is_flagged(source: str, draft: str) -> None:
    assert _flags(source, draft) != []


def test_av_paced_in_percent_is_the_share_of_beats_paced() -> None:
    assert _flags("HR 60-70s AV paced 100%", "Heart rate 60-70s, AV paced 100%.") == []


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        (
            "dialysis cath remain in place in left fem vein",
            "The dialysis catheter remains in place.",
        ),
        ("f/c draining adequate amounts of urine.", "Foley draining adequate urine."),
        ("lopressor presently iv ? change to po", "Lopressor is IV for now."),
        ("? d/c ct in am, and d/c dialysis cath", "Possibly remove the chest tube in the morning."),
        (
            "pt palced on c-pap with 10ips.. stv=430.",
            "Placed on CPAP; spontaneous tidal volume 430.",
        ),
        (
            "cv:hr 80s to 90s. 1stavb with rare pvcs.",
            "Heart rate 80s to 90s, first-degree AV block.",
        ),
        (
            "resp: lscta and dim bases. o2sats mid 90s on 2ls.",
            "Lungs clear, diminished at the bases.",
        ),
        ("o2sats mid 90s on 2ls.", "Saturations in the mid 90s on 2 L."),
        ("MENTAL STATUS IMPROVED 6PM ABLE TO STATE TIME.", "Mental status improved by 6 PM."),
        ("B/P MAP < 90 UNLESS AGTITATED HR 90-100 GOOD PEDAL PULSES", "Heart rate 90-100."),
    ],
)
def test_held_out_eights_shorthand_reads_as_the_notes(source: str, draft: str) -> None:
    assert _flags(source, draft) == []


def test_a_rate_the_notes_give_after_currently_at_is_the_running_drips() -> None:
    source = "insulin gtt increased as high as 15u/hr for goal bs 80-120.\ncurrently at 13u/hr."
    report = check_draft(source, "Insulin drip up to 15 units/hr; now at 3 units/hr.")
    assert [flag.text for flag in report.contradicted] == ["3 units/hr"]


def test_a_rate_after_a_drug_with_no_rate_is_not_the_earlier_drips() -> None:
    source = "heparin cont at 2100u/hr. insulin gtt titrated per protocol, now at 8u/hr."
    order = [fact for fact in facts_of(source, "medication") if fact.text == "8u/hr"]
    assert order == []


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        (
            "7A-7P. PT RETURNED FROM CATH LAB.",
            "Day shift, 7 AM to 7 PM. Returned from the cath lab.",
        ),
        ("PT IS S/P CABG X3 10/5.", "Status post CABG x3 on 10/5."),
        ("Pt also has R rad al, and R IJ cordis.", "Also has a right radial arterial line."),
        ("TACHYPNIC 30-37.", "Remains tachypneic, 30-37."),
        (
            "noted coarse crackles 2nd dose of lasix given at 2000",
            "A second dose of Lasix was given at 8 PM.",
        ),
        ("PT. HAS REMAINED A/A/O WITH C/O RIGHT SHEATH DISCOMFORT.", "Alert, awake and oriented."),
    ],
)
def test_held_out_nines_shorthand_reads_as_the_notes(source: str, draft: str) -> None:
    assert _flags(source, draft) == []


def test_a_score_out_of_five_is_still_no_date() -> None:
    assert facts_of("strength 4/5 bilat", "date") == []
