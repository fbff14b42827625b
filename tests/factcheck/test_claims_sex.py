"""A draft sentence that gives the patient the other sex than the notes clearly give, or a sex
where the notes give nobody's."""

from app.domain.factcheck import FactCheckReport, check_draft

MALE_NOTES = (
    "NEURO: A&O X3, HE IS CALM AND COOPERATIVE.\n"
    "CV: HR 80S SR. HYPOTENSIVE TO 80S, NEO STARTED; HIS BP NOW 110/60.\n"
    "RESP: ON 2L NC, SATS 95%. HE DENIES SOB.\n"
)
MALE_WITH_FAMILY = MALE_NOTES + "SOCIAL: DAUGHTER CALLED, SHE WAS UPDATED ON PLAN.\n"
FEMALE_NOTES = (
    "78 YO F ADMITTED WITH HYPOTENSION. SHE IS CALM.\n"
    "CV: HR 80S SR, NEO STARTED; HER BP NOW 110/60.\n"
    "RESP: ON 2L NC, SATS 95%. SHE DENIES SOB.\n"
)
UNCLEAR_NOTES = (
    "NEURO: A&O X3, CALM AND COOPERATIVE.\n"
    "CV: HR 80S SR. HYPOTENSIVE TO 80S, NEO STARTED; BP NOW 110/60.\n"
    "RESP: ON 2L NC, SATS 95%. DENIES SOB, SHE SAYS.\n"
)
CALLS_FEMALE = (
    "Not found in the notes: this sentence calls the patient female; the notes describe a male "
    "patient."
)
CALLS_MALE = (
    "Not found in the notes: this sentence calls the patient male; the notes describe a female "
    "patient."
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if flag.kind == "sentence"]


def test_a_female_patient_the_notes_call_he_is_flagged() -> None:
    report = check_draft(MALE_NOTES, "The patient is a female with hypotension, neo started.")
    assert _reasons(report) == [CALLS_FEMALE]


def test_she_for_a_patient_the_notes_call_he_is_flagged() -> None:
    report = check_draft(MALE_NOTES, "She is calm and cooperative.")
    assert _reasons(report) == [CALLS_FEMALE]


def test_his_for_a_patient_the_notes_call_she_is_flagged() -> None:
    report = check_draft(FEMALE_NOTES, "The patient remains on neo and his BP is 110/60.")
    assert _reasons(report) == [CALLS_MALE]


def test_a_male_after_the_age_in_shorthand_is_flagged() -> None:
    report = check_draft(FEMALE_NOTES, "Pt is a 78 yo M admitted with hypotension.")
    assert _reasons(report) == [CALLS_MALE]


def test_each_sentence_with_the_wrong_sex_is_flagged() -> None:
    draft = "The patient is a woman on neo. She is calm and cooperative."
    assert _reasons(check_draft(MALE_NOTES, draft)) == [CALLS_FEMALE, CALLS_FEMALE]


def test_the_sex_the_notes_give_is_not_flagged() -> None:
    assert _reasons(check_draft(MALE_NOTES, "He is calm and his BP is 110/60.")) == []


def test_a_pronoun_for_a_relative_named_before_it_is_not_the_patients() -> None:
    draft = "The patient's daughter called and she was updated on the plan."
    assert _reasons(check_draft(MALE_WITH_FAMILY, draft)) == []


def test_a_lone_pronoun_may_be_a_relative_the_notes_speak_of() -> None:
    assert _reasons(check_draft(MALE_WITH_FAMILY, "She was updated on the plan.")) == []


def test_a_pronoun_after_the_patient_is_the_patients_whoever_else_the_notes_name() -> None:
    draft = "The patient is calm and she denies shortness of breath."
    assert _reasons(check_draft(MALE_WITH_FAMILY, draft)) == [CALLS_FEMALE]


def test_a_relatives_pronoun_in_the_notes_does_not_give_the_patient_a_sex() -> None:
    notes = "NEURO: A&O X3.\nDAUGHTER CALLED, SHE WILL VISIT; SHE ASKED THAT HER BROTHER CALL.\n"
    assert _reasons(check_draft(notes, "He is alert and oriented.")) == []


def test_notes_that_give_no_sex_clearly_flag_none() -> None:
    assert _reasons(check_draft(UNCLEAR_NOTES, "He is calm and cooperative.")) == []


def test_a_mental_status_heading_in_capitals_is_no_female_title() -> None:
    notes = MALE_NOTES + "MS: ALERT, MAE.\n"
    assert _reasons(check_draft(notes, "She is calm and cooperative.")) == [CALLS_FEMALE]


SILENT_NOTES = (
    "NEURO: AROUSABLE TO VOICE, NODS APPROPRIATELY. PERRLA.\n"
    "CV: HR 80S SR, BP 110/60.\n"
    "RESP: CPAP 5/5, SATS 100%.\n"
)


def test_a_sex_word_where_the_notes_give_nobodys_sex_is_flagged() -> None:
    report = check_draft(SILENT_NOTES, "Patient: arousable to voice, male, nods appropriately.")
    assert _reasons(report) == [
        "Not found in the notes: this sentence calls the patient male; the notes never give the "
        "patient's sex."
    ]


def test_a_pronoun_where_the_notes_give_nobodys_sex_is_not_flagged() -> None:
    assert _reasons(check_draft(SILENT_NOTES, "He is arousable to voice, PERRLA.")) == []


def test_an_age_with_its_sex_glued_on_gives_the_notes_a_sex() -> None:
    source = "58M ADMITTED WITH GI BLEED.\n" + SILENT_NOTES
    assert _reasons(check_draft(source, "A 58-year-old man, arousable to voice.")) == []
