"""Claims a draft sentence makes in the notes' own words that the notes never make: a
clinician the notes never mention, a role, an age, an impossible reading, a cause, a
prognosis, a condition, an invented clause."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "NEURO: A&O X3, MAE. Line pulled by Dr Halvorsen, site dry.\n"
    "CV: HR 80S SR. HYPOTENSIVE TO 80S OVERNIGHT, NEO STARTED.\n"
    "RESP: HX COPD, ON 2L NC, SATS 95%.\n"
    "GI: EATING AND TAKING MEDS WITHOUT DIFFICULTY.\n"
    "ENDO: INSULIN DRIP STARTED DUE TO GLUCOSE 380.\n"
    "PLAN: EXPECT TO TRANSFER TO THE FLOOR TOMORROW.\n"
)


def _sentence_flags(report: FactCheckReport) -> list[str]:
    return [flag.text for flag in report.unsupported if flag.kind == "sentence"]


def test_a_nurse_the_notes_never_mention_is_not_found_in_the_notes() -> None:
    draft = "The nurse titrated neo overnight for the hypotension"
    assert _sentence_flags(check_draft(SOURCE, draft)) == [draft]


def test_a_nurse_the_notes_mention_is_supported() -> None:
    draft = "The nurse titrated neo overnight for the hypotension"
    assert _sentence_flags(check_draft(SOURCE + "RN AT BEDSIDE.\n", draft)) == []


def test_a_role_the_notes_do_not_give_a_named_person_is_flagged() -> None:
    report = check_draft(
        SOURCE + "RN AT BEDSIDE.\n", "Halvorsen, a registered nurse, pulled the line"
    )
    [flag] = report.unsupported
    assert "Halvorsen" in flag.reason


def test_the_title_the_notes_give_a_named_person_is_supported() -> None:
    assert _sentence_flags(check_draft(SOURCE, "The line was pulled by Dr. Halvorsen")) == []


def test_a_temperature_written_as_an_age_is_not_an_age() -> None:
    report = check_draft(SOURCE, "A 98.6-99.2 male with COPD on 2 liters")
    [flag] = report.unsupported
    assert "not an age" in flag.reason


def test_an_age_the_notes_never_give_is_flagged() -> None:
    report = check_draft(SOURCE, "A 61-year-old man with COPD on 2 liters")
    [flag] = report.unsupported
    assert "61" in flag.reason


def test_an_age_the_notes_give_is_supported() -> None:
    report = check_draft("72 YO M. " + SOURCE, "A 72-year-old man with COPD on 2 liters")
    assert _sentence_flags(report) == []


def test_a_blood_pressure_lower_than_its_diastolic_cannot_be_one() -> None:
    report = check_draft("BP 96/- 104/- ON NEO.", "Blood pressure 96/104 on neo")
    assert not report.sentences[0].supported


def test_a_blood_pressure_higher_first_is_not_judged_impossible() -> None:
    report = check_draft("BP 104/60 ON NEO.", "Blood pressure 104/60 on neo")
    assert report.sentences[0].supported


def test_a_patient_placed_on_a_shift_is_flagged() -> None:
    assert len(_sentence_flags(check_draft(SOURCE, "The patient is on the CV shift"))) == 1


@pytest.mark.parametrize(
    "draft",
    [
        "The patient was admitted to the post-cabg X4 LIMA shift",
        "The patient is on the CSRU Admission shift",
        "She was transferred to the night shift on neo",
        "The patient is currently on the 7p-7a shift",
        "She is on this shift as a COPD patient on 2L NC",
        "The patient is on the OR sedated neo shift",
        "Neuro is on an alert oriented shift following commands",
        "The patient is on the stable NSR 70's shift",
        "The patient is on the Resp HX COPD 2L NC sats 95% shift",
    ],
)
def test_a_patient_admitted_to_or_placed_on_a_shift_in_any_form_is_flagged(draft: str) -> None:
    report = check_draft(SOURCE, draft)
    [flag] = [flag for flag in report.unsupported if flag.kind == "sentence"]
    assert "on a shift" in flag.reason


@pytest.mark.parametrize(
    "draft",
    [
        "During this shift the patient was hypotensive to 80s and neo was started",
        "The patient slept most of the shift",
        "Over the shift the patient remained on 2L NC",
        "The patient remained on 2L NC this shift",
        "The patient was hypotensive on this shift as a result of sepsis",
        "The patient was admitted on the night shift",
    ],
)
def test_a_shift_as_a_time_is_not_a_patient_on_a_shift(draft: str) -> None:
    report = check_draft(SOURCE, draft)
    assert not any("on a shift" in flag.reason for flag in report.unsupported)


def test_staff_on_a_shift_are_not_flagged() -> None:
    report = check_draft(SOURCE, "The nurse is on the night shift with the patient")
    assert not any("on a shift" in flag.reason for flag in report.unsupported)


def test_a_number_opening_the_patient_line_that_no_age_of_the_notes_gives_is_flagged() -> None:
    report = check_draft(SOURCE, "Patient: 86, with COPD on 2L NC")
    [flag] = report.unsupported
    assert flag.reason == "Not found in the notes: the source notes never give the age 86."


def test_a_time_opening_the_patient_line_is_not_an_age() -> None:
    report = check_draft(SOURCE, "Patient: 2330 s/p neo started for hypotension")
    assert any("not an age" in flag.reason for flag in report.unsupported)


def test_the_notes_age_opening_the_patient_line_is_supported() -> None:
    assert _sentence_flags(check_draft("72 YO M. " + SOURCE, "Patient: 72, COPD on 2L NC")) == []


def test_a_span_of_days_opening_the_patient_line_is_no_age() -> None:
    report = check_draft(SOURCE, "Patient: 3 days on 2L NC with COPD")
    assert not any("age" in flag.reason for flag in report.unsupported)


def test_a_cause_the_notes_never_give_is_flagged() -> None:
    draft = "The hypotension was caused by the COPD"
    assert _sentence_flags(check_draft(SOURCE, draft)) == [draft]


@pytest.mark.parametrize(
    "draft",
    [
        "The COPD, which was causing the hypotension overnight",
        "The COPD causes the hypotension overnight",
    ],
)
def test_a_cause_told_forwards_that_the_notes_never_give_is_flagged(draft: str) -> None:
    assert _sentence_flags(check_draft(SOURCE, draft)) == [draft]


def test_a_cause_the_notes_state_is_supported() -> None:
    draft = "Insulin infusion started because of a glucose of 380"
    assert _sentence_flags(check_draft(SOURCE, draft)) == []


def test_a_purpose_the_notes_never_give_is_flagged() -> None:
    draft = "Neo was started to ensure that the saturations stay above 95%"
    assert _sentence_flags(check_draft(SOURCE, draft)) == [draft]


def test_a_reassurance_the_notes_do_not_make_is_flagged() -> None:
    draft = "The patient should be able to keep taking meds without difficulty"
    assert _sentence_flags(check_draft(SOURCE, draft)) == [draft]


def test_a_prognosis_the_notes_state_is_supported() -> None:
    draft = "The patient is expected to transfer to the floor tomorrow"
    assert _sentence_flags(check_draft(SOURCE, draft)) == []


def test_a_condition_on_a_treatment_the_notes_never_name_is_flagged() -> None:
    draft = "If the patient is given a chest CT, repeat the glucose"
    assert _sentence_flags(check_draft(SOURCE, draft)) == [draft]


def test_a_condition_on_a_treatment_the_notes_name_is_a_plan() -> None:
    draft = "If the patient is given insulin, recheck the glucose"
    assert _sentence_flags(check_draft(SOURCE, draft)) == []


def test_a_condition_in_words_the_notes_never_use_is_flagged() -> None:
    draft = "If the sternal wound dehiscence worsens, page surgery"
    assert _sentence_flags(check_draft(SOURCE, draft)) == [draft]


def test_an_invented_clause_in_a_true_sentence_is_flagged() -> None:
    draft = "History of COPD on 2 liters, which has kept him from gardening and travelling abroad"
    report = check_draft(SOURCE, draft)
    [flag] = report.unsupported
    assert "gardening" in flag.reason


def test_a_sentence_of_true_clauses_is_supported() -> None:
    draft = "History of COPD on 2 liters, and saturations are 95%"
    assert _sentence_flags(check_draft(SOURCE, draft)) == []


def test_a_nursing_progress_note_has_a_nurse() -> None:
    draft = "The nurse titrated neo overnight for the hypotension"
    assert _sentence_flags(check_draft("NPN 7P-7A. " + SOURCE, draft)) == []


def test_a_cause_sharing_one_word_with_each_half_is_not_linked() -> None:
    draft = "Neo was started because of a worsening COPD flare with wheezing in both lungs"
    report = check_draft("CV: NEO STARTED, HX COPD, SATS 95%.\n", draft)
    assert any("do not link" in flag.reason for flag in report.unsupported)


LINKED_SOURCE = (
    "NEURO: SEDATED WITH ATIVAN.\n"
    "LABS: FREE DILANTIN LEVEL PENDING.\n"
    "RESP: INTUBATED AT 1700.\n"
    "CXR: LLL INFILTRATE, C/W PNEUMONIA.\n"
)


def _link_flags(draft: str) -> list[str]:
    report = check_draft(LINKED_SOURCE, draft)
    return [flag.reason for flag in report.unsupported if "do not link" in flag.reason]


def test_a_result_opening_its_own_clause_is_linked_to_the_clause_before() -> None:
    draft = "Sedated with ativan, which has led to increased free dilantin levels"
    assert _link_flags(draft) == [
        "Not found in the notes: the notes do not link “Sedated with ativan” with "
        "“increased free dilantin levels”."
    ]


def test_an_inference_the_notes_never_draw_is_flagged() -> None:
    assert _link_flags("Intubated at 1700, indicating that the free dilantin level is high")


def test_a_conclusion_drawn_with_which_means_that_is_flagged() -> None:
    draft = "He is sedated with ativan, which means that the free dilantin level is pending"
    assert _link_flags(draft)


def test_an_inference_the_notes_draw_themselves_is_not_flagged() -> None:
    assert _link_flags("Infiltrate in the left lower lobe, suggesting pneumonia") == []


def test_an_age_written_as_a_duration_is_flagged() -> None:
    report = check_draft("72 YO M. " + SOURCE, "He has had COPD for 72 years")
    [flag] = report.unsupported
    assert "72 years" in flag.reason


def test_a_duration_the_notes_give_is_supported() -> None:
    report = check_draft("COPD X 12 YRS. " + SOURCE, "He has had COPD for 12 years")
    assert _sentence_flags(report) == []


def test_a_claim_is_flagged_beside_a_flagged_fact_in_its_sentence() -> None:
    draft = "Halvorsen, a registered nurse, gave vancomycin 1 g IV"
    report = check_draft(SOURCE + "RN AT BEDSIDE.\n", draft)
    assert sorted(flag.kind for flag in report.unsupported) == ["medication", "sentence"]


@pytest.mark.parametrize(
    "written",
    [
        "A 58-year-old woman.",
        "Patient is a 58 year old female.",
        "Woman aged 58.",
        "58 y/o F.",
        "58yo F.",
        "Age: 58.",
        "58-year-old female admitted overnight.",
    ],
)
def test_an_age_is_read_however_the_notes_write_it(written: str) -> None:
    report = check_draft(written + " " + SOURCE, "A 58-year-old with COPD on 2 liters")
    assert _sentence_flags(report) == []


@pytest.mark.parametrize(
    "draft",
    [
        "A 58 year old woman with COPD on 2 liters",
        "Woman aged 58 with COPD on 2 liters",
        "58 y/o woman with COPD on 2 liters",
        "58yo woman with COPD on 2 liters",
        "Age: 58, with COPD on 2 liters",
    ],
)
def test_an_age_is_read_however_the_draft_writes_it(draft: str) -> None:
    assert _sentence_flags(check_draft("58-year-old woman. " + SOURCE, draft)) == []


def test_an_age_with_half_a_year_is_its_whole_years() -> None:
    report = check_draft("A 4-1/2-year-old girl. " + SOURCE, "A 4 1/2-year-old girl on 2 liters")
    assert _sentence_flags(report) == []


def test_an_age_in_another_number_of_years_than_the_notes_is_still_flagged() -> None:
    report = check_draft("58-year-old woman. " + SOURCE, "A 85-year-old woman on 2 liters")
    [flag] = report.unsupported
    assert "85" in flag.reason


def test_a_span_the_notes_write_in_words_backs_one_in_digits() -> None:
    source = "Sent home on cephalexin twice a day for seven days.\n"
    report = check_draft(source, "Discharged on cephalexin twice a day for 7 days")
    assert _sentence_flags(report) == []


def test_an_impossible_pair_the_notes_write_themselves_is_theirs() -> None:
    report = check_draft("BP 96/104 ON ARRIVAL, REPEAT PENDING.", "BP 96/104 on arrival")
    assert report.sentences[0].supported


def test_a_sentence_copied_from_the_notes_is_never_a_claim_of_the_draft() -> None:
    source = "The cause was never found. Nurse at bedside, BP 60/90 before the line was placed."
    assert check_draft(source, source).unsupported == []
