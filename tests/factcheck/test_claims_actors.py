"""A draft sentence that has the patient do what only staff do to a patient."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "CV: HR 80S SR. HYPOTENSIVE TO 80S, NEO STARTED AND TITRATED TO KEEP MAP > 65.\n"
    "ABLE TO DRAW LABS FROM A-LINE. K 3.2, REPLETED WITH 40 MEQ KCL.\n"
    "RESP: ON VENT, PT SUCTIONED FOR THICK TAN SECRETIONS. SELF-EXTUBATED AT 0400.\n"
    "PAIN: PT MEDICATED WITH MORPHINE 2 MG WITH GOOD EFFECT. DENIES PAIN.\n"
    "ACTIVITY: PT AMBULATED TO CHAIR. PULLED OUT IV, NEW PIV PLACED.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if flag.kind == "sentence"]


@pytest.mark.parametrize(
    ("draft", "doing"),
    [
        ("The patient could draw labs from the a-line.", "drawing or sending labs"),
        ("The patient titrated the neo to keep MAP > 65.", "titrating a drip"),
        ("The patient suctioned for thick tan secretions.", "suctioning"),
        ("The patient medicated with morphine 2 mg with good effect.", "giving a drug"),
        ("The patient repleted the potassium with 40 mEq KCl.", "repleting electrolytes"),
        ("Pt was able to titrate neo to keep MAP > 65.", "titrating a drip"),
        ("The patient attempted to replace the foley x2.", "putting in a line or tube"),
        ("The patient continues to monitor uo.", "monitoring the patient"),
        ("The patient should continue to monitor resp status.", "monitoring the patient"),
        (
            "The patient should continue to monitor the patient's respiratory system.",
            "monitoring the patient",
        ),
        ("The patient should continue to monitor U/O and hematocrit.", "monitoring the patient"),
        ("The patient should continue to monitor their WBC and fever.", "monitoring the patient"),
        ("The patient should also be monitoring their hematocrit.", "monitoring the patient"),
        ("The patient should see the flowsheet for vent settings.", "reading the chart"),
    ],
)
def test_the_patient_doing_the_nurses_act_is_flagged(draft: str, doing: str) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == [
        f"Not found in the notes: this sentence has the patient {doing}, as staff."
    ]


def test_a_drip_changed_in_a_clause_joined_to_the_patients_state_is_flagged() -> None:
    draft = "The patient has become hypotensive and increased neo to keep MAP > 65."
    assert _reasons(check_draft(SOURCE, draft)) == [
        "Not found in the notes: this sentence has the patient changing a drip, as staff."
    ]


@pytest.mark.parametrize(
    "draft",
    [
        "Neo increased to keep MAP > 65.",
        "The patient became agitated and increased his effort to breathe.",
        "The patient's heart rate increased to the 80s.",
    ],
)
def test_a_change_that_is_no_drip_changed_by_the_patient_is_not_flagged(draft: str) -> None:
    assert not any("changing a drip" in reason for reason in _reasons(check_draft(SOURCE, draft)))


def test_the_patient_as_the_subject_of_a_later_clause_is_flagged() -> None:
    draft = "Hypotensive to 80s and the patient titrated the neo to keep MAP > 65."
    assert _reasons(check_draft(SOURCE, draft)) == [
        "Not found in the notes: this sentence has the patient titrating a drip, as staff."
    ]


def test_shorthand_that_drops_was_leaves_the_patient_the_object() -> None:
    assert _reasons(check_draft(SOURCE, "Pt suctioned for thick tan secretions overnight.")) == []


@pytest.mark.parametrize(
    "draft",
    [
        "The patient was suctioned for thick tan secretions.",
        "The patient has been medicated with morphine 2 mg with good effect.",
        "The patient was given morphine 2 mg with good effect.",
    ],
)
def test_the_patient_as_the_object_in_the_passive_is_not_flagged(draft: str) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == []


@pytest.mark.parametrize(
    "draft",
    [
        "The patient denies pain.",
        "The patient ambulated to the chair.",
        "The patient pulled out the IV.",
        "The patient self-extubated at 0400.",
        "The patient extubated himself at 0400.",
    ],
)
def test_what_patients_do_is_not_flagged(draft: str) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == []


def test_a_pronoun_for_a_clinician_named_before_it_is_not_the_patient() -> None:
    draft = "The MD was called and he titrated the neo to keep MAP > 65."
    assert _reasons(check_draft(SOURCE, draft)) == []


def test_the_patient_monitoring_their_own_weight_is_not_flagged() -> None:
    notes = SOURCE + "TEACHING: PT TO MONITOR WEIGHT DAILY AT HOME.\n"
    assert _reasons(check_draft(notes, "The patient should monitor their weight daily.")) == []


def test_a_patients_own_act_at_home_is_not_flagged() -> None:
    notes = SOURCE + "PMH: IDDM, ADMINISTERS OWN INSULIN AT HOME.\n"
    assert _reasons(check_draft(notes, "The patient administers insulin at home.")) == []


def test_the_patient_as_the_subject_of_an_infinitive_is_its_actor() -> None:
    draft = "The outstanding issue is the need for the patient to place a Foley catheter."

    assert _reasons(check_draft(SOURCE, draft)) == [
        "Not found in the notes: this sentence has the patient putting in a line or tube, as staff."
    ]


def test_a_plan_for_the_patient_to_do_what_a_patient_does_is_not_flagged() -> None:
    draft = "The plan is for the patient to wean off the ventilator."

    assert _reasons(check_draft(SOURCE, draft)) == []


def test_the_patients_response_that_was_staffs_act_is_flagged() -> None:
    draft = "The patient's response was to titrate the neo to keep MAP > 65."

    assert _reasons(check_draft(SOURCE, draft)) == [
        "Not found in the notes: this sentence has the patient titrating a drip, as staff."
    ]


def test_the_patient_performing_a_procedure_is_flagged() -> None:
    notes = "CV: L RADIAL ARTERY GRAFT. PULSES PALPABLE. DSG CHANGED.\n"
    draft = "The patient should continue to perform the left radial artery graft perfusion."

    assert _reasons(check_draft(notes, draft)) == [
        "Not found in the notes: this sentence has the patient performing a procedure, as staff."
    ]


@pytest.mark.parametrize(
    "draft",
    [
        "The patient performed ADLs with assist of one.",
        "The patient should continue to perform incentive spirometry.",
        "The patient performed well on the spontaneous breathing trial.",
    ],
)
def test_the_patient_performing_their_own_tasks_is_not_flagged(draft: str) -> None:
    notes = (
        "PT PERFORMED ADLS WITH ASSIST OF ONE. ENCOURAGED TO USE INCENTIVE SPIROMETRY.\n"
        "PERFORMED WELL ON SPONTANEOUS BREATHING TRIAL.\n"
    )

    assert not any("performing" in reason for reason in _reasons(check_draft(notes, draft)))


def test_the_patient_checking_a_test_is_flagged() -> None:
    notes = "CV: FREQUENT PAC'S. DR. POWELL AWARE. LYTES CHECKED AND EKG OBTAINED.\n"
    draft = "The patient has also checked the EKG for rate control."

    assert _reasons(check_draft(notes, draft)) == [
        "Not found in the notes: this sentence has the patient checking tests or vital signs, "
        "as staff."
    ]


def test_the_patient_acted_on_twice_after_was_is_not_flagged() -> None:
    notes = "RESP: ABG SHOWED RESP ACIDOSIS. LAVAGED AND SUCTIONED FOR THICK SECRETIONS.\n"
    draft = "ABG showed respiratory acidosis so he was lavaged and suctioned."

    assert _reasons(check_draft(notes, draft)) == []


@pytest.mark.parametrize(
    ("draft", "doing"),
    [
        (
            "The patient has been on neo and has been performing a bedside u/s procedure.",
            "performing a procedure",
        ),
        ("The patient is titrating the neo to keep MAP > 65.", "titrating a drip"),
        ("The patient should monitor their lopressor dose.", "monitoring the patient"),
    ],
)
def test_the_patient_acting_in_the_progressive_or_a_later_clause_is_flagged(
    draft: str, doing: str
) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == [
        f"Not found in the notes: this sentence has the patient {doing}, as staff."
    ]


def test_a_later_clause_of_a_sentence_about_someone_else_is_not_the_patients() -> None:
    draft = "The team was at the bedside and has been performing a bedside u/s procedure."
    assert not any("as staff" in reason for reason in _reasons(check_draft(SOURCE, draft)))


def test_the_patient_acted_on_in_a_later_clause_is_not_flagged() -> None:
    draft = "The patient became short of breath and was suctioned for thick tan secretions."
    assert _reasons(check_draft(SOURCE, draft)) == []


def test_the_patient_following_staffs_measures_is_flagged() -> None:
    report = check_draft(SOURCE, "The patient has been following BP, i/o, and acting as tol.")
    assert _reasons(report) == [
        "Not found in the notes: this sentence has the patient monitoring the patient, as staff."
    ]


def test_the_patient_following_commands_is_the_patients_own() -> None:
    assert _reasons(check_draft(SOURCE, "The patient has been following commands.")) == []


def test_the_patient_changing_a_drugs_dose_is_flagged() -> None:
    report = check_draft(SOURCE, "Additionally, the patient should increase aldactone to 50mg QD.")
    assert _reasons(report) == [
        "Not found in the notes: this sentence has the patient changing a drip, as staff."
    ]


def test_the_patient_increasing_their_activity_is_the_patients_own() -> None:
    assert _reasons(check_draft(SOURCE, "The patient should increase activity as tolerated.")) == []
