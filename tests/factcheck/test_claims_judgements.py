"""Judgements about values that the values contradict: a measure called normal where its
value is outside the adult range, called high or low where it is within, and a comparison
with a target the notes never set. Judgements the notes make themselves, nursing words such
as "stable", and sentences that plan or tell of a change are left alone."""

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "CV: HR 96 -> 104 -> 88, SR. BP 128/70.\n"
    "RESP: RR 18, sats 96% RA.\n"
    "ID: T 38.1 C at 0400, given tylenol.\n"
    "LABS: K 3.9, Na 139.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if flag.kind == "sentence"]


def test_a_value_called_normal_outside_the_range_is_flagged_with_value_and_range() -> None:
    [reason] = _reasons(check_draft(SOURCE, "HR 104, within normal limits."))
    assert "104" in reason
    assert "60–100" in reason


def test_a_fever_called_comfortable_is_flagged() -> None:
    [reason] = _reasons(check_draft(SOURCE, "The temperature was comfortable, with T on 38.1 C."))
    assert "38.1" in reason


def test_a_value_called_normal_within_the_range_is_supported() -> None:
    assert _reasons(check_draft(SOURCE, "HR 88, within normal limits.")) == []


def test_a_value_called_low_within_the_range_is_flagged() -> None:
    [reason] = _reasons(check_draft(SOURCE, "Potassium was low at 3.9."))
    assert "3.5–5.0" in reason


def test_a_value_called_high_above_the_range_is_supported() -> None:
    assert _reasons(check_draft(SOURCE, "The heart rate was high at 104.")) == []


def test_afebrile_is_flagged_where_every_temperature_in_the_notes_is_a_fever() -> None:
    [reason] = _reasons(check_draft(SOURCE, "The patient was afebrile."))
    assert "38.1" in reason


def test_hypotensive_is_flagged_where_every_blood_pressure_in_the_notes_is_normal() -> None:
    assert len(_reasons(check_draft(SOURCE, "The patient was hypotensive."))) == 1


def test_a_judgement_one_reading_in_the_notes_fits_is_supported() -> None:
    assert _reasons(check_draft(SOURCE, "The patient was tachycardic.")) == []


def test_a_judgement_the_notes_make_themselves_is_supported() -> None:
    source = SOURCE + "Hypotensive to 90s briefly, responded to fluid.\n"
    assert _reasons(check_draft(source, "The patient was hypotensive.")) == []


def test_afebrile_is_flagged_where_the_notes_call_the_patient_febrile() -> None:
    report = check_draft("ID: febrile overnight, cultures sent.\n", "The patient was afebrile.")
    assert len(_reasons(report)) == 1


def test_a_lab_the_notes_mark_high_backs_a_draft_calling_it_elevated() -> None:
    source = SOURCE + "Creatinine 1.2 (H) per lab.\n"
    assert _reasons(check_draft(source, "The creatinine was elevated at 1.2.")) == []


def test_a_denied_judgement_is_not_weighed() -> None:
    assert _reasons(check_draft(SOURCE, "The patient was not hypotensive.")) == []


def test_stable_is_not_weighed() -> None:
    assert _reasons(check_draft(SOURCE, "The heart rate was stable at 104.")) == []


def test_a_plan_is_not_weighed() -> None:
    assert _reasons(check_draft(SOURCE, "Call the team if the heart rate is low.")) == []


def test_a_judgement_beside_a_change_is_weighed_against_every_reading() -> None:
    draft = "The heart rate rose to 104, then returned to normal."
    assert _reasons(check_draft(SOURCE, draft)) == []


def test_a_decade_qualifier_is_no_judgement() -> None:
    assert _reasons(check_draft(SOURCE, "Sats in the low 90s on room air.")) == []


def test_a_measure_named_for_a_diet_is_no_reading() -> None:
    source = SOURCE + "Renal diet, K restricted.\n"
    assert _reasons(check_draft(source, "He is on a low-potassium renal diet.")) == []


def test_a_judgement_of_another_word_is_not_said_of_the_measure_before_it() -> None:
    source = "ID: afebrile. CV: SVR 600, on milrinone.\n"
    assert _reasons(check_draft(source, "Afebrile with a low SVR on milrinone.")) == []


def test_a_value_on_the_bound_of_the_range_fits_either_judgement() -> None:
    source = "CV: SBP 140, HR 80.\n"
    assert _reasons(check_draft(source, "Hypertensive with SBP 140.")) == []


def test_the_end_of_a_range_the_sentence_gives_is_a_value_it_names() -> None:
    source = "CV: SBP 130-160, HR 80.\n"
    assert _reasons(check_draft(source, "Hypertensive with SBP 130-160.")) == []


def test_a_comparison_with_a_target_the_notes_never_set_is_flagged() -> None:
    report = check_draft(
        "CV: BP 142/88.\n", "A blood pressure of 142/88, higher than the target of 134/82."
    )
    [reason] = _reasons(report)
    assert "134/82" in reason


def test_a_comparison_with_a_target_the_notes_set_is_supported() -> None:
    source = "CV: BP 142/88, goal SBP < 140.\n"
    assert _reasons(check_draft(source, "BP 142/88, above the goal of 140.")) == []


def test_a_sentence_the_notes_write_is_never_flagged() -> None:
    source = "CV: HR 104, WNL for her.\n"
    assert _reasons(check_draft(source, "HR 104, WNL for her.")) == []


def test_a_low_mean_pressure_backs_hypotensive_whatever_the_systolic() -> None:
    source = "CV: BP 96/40, MAP 58 on levophed.\n"
    assert _reasons(check_draft(source, "Hypotensive with a MAP of 58.")) == []


def test_comfortable_after_a_temperature_value_is_said_of_the_patient() -> None:
    assert _reasons(check_draft(SOURCE, "T 38.1 C, comfortable on room air.")) == []


def test_a_fever_the_notes_deny_backs_afebrile() -> None:
    source = "ID: no fever overnight, T 38.1 C at 0400 per report.\n"
    assert _reasons(check_draft(source, "The patient was afebrile.")) == []


def test_a_denial_on_the_line_before_does_not_turn_the_notes_judgement() -> None:
    source = "RESP: sats 96%, no cough\nID afebrile, T 38.1 C at 0400.\n"
    assert _reasons(check_draft(source, "The patient was afebrile.")) == []
