"""Diagnoses and conditions a draft says the patient has that the notes never name, in any of
the ways nurses write them; and the mentions that are no such claim."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft
from app.paths import resources_dir

SOURCE = (
    "NEURO: A&O X3, MAE. PMH: S/P CABG, HX MI, COPD.\n"
    "STERNAL WOUND INFECTION, ON VANCO. HR 50S SINUS BRADY.\n"
    "CALCIUM CHLORIDE 1G GIVEN. PNA ON CXR, CULTURES SENT.\n"
    "RESP: 2L NC, SATS 95%. FOLEY DRAINING CLEAR URINE.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    """The reasons this rule gives: sentence evidence may flag a test's sentence for its other
    words, which is not this rule's to judge."""
    return [
        flag.reason
        for flag in report.unsupported
        if flag.kind == "sentence" and flag.reason.endswith("under this or any other name.")
    ]


def _never_mentions(condition: str) -> list[str]:
    return [
        f"Not found in the notes: the source notes never mention {condition}, under this or "
        "any other name."
    ]


def test_a_stroke_the_notes_never_mention_is_flagged_by_name() -> None:
    report = check_draft(
        SOURCE, "The patient has also had a stroke in the sternal wound infection."
    )
    assert _reasons(report) == _never_mentions("stroke")


def test_a_finding_added_to_the_notes_words_is_flagged() -> None:
    report = check_draft(SOURCE, "Heart rate in the 50s with a sinus brady cyst.")
    assert _reasons(report) == _never_mentions("cyst")


def test_a_condition_in_a_history_of_known_ones_is_flagged() -> None:
    report = check_draft(SOURCE, "He has a history of heart disease, COPD and diabetes.")
    assert _reasons(report) == _never_mentions("diabetes")


def test_symptoms_the_patient_is_said_to_have_claim_their_condition() -> None:
    report = check_draft(SOURCE, "The patient was experiencing symptoms of diabetes and COPD.")
    assert _reasons(report) == _never_mentions("diabetes")


def test_a_plan_to_treat_a_condition_claims_it() -> None:
    report = check_draft(SOURCE, "The next shift should be ordered to treat diabetes.")
    assert _reasons(report) == _never_mentions("diabetes")


def test_a_standing_order_to_treat_a_condition_is_no_claim() -> None:
    report = check_draft(SOURCE, "Treat hypoglycemia per protocol if it occurs.")
    assert _reasons(report) == []


def test_a_general_class_with_no_member_in_the_notes_is_flagged() -> None:
    report = check_draft(SOURCE, "The patient has a severe neurological disorder.")
    assert _reasons(report) == _never_mentions("neurological disorder")


def test_an_abbreviation_the_notes_never_write_is_flagged_as_written() -> None:
    report = check_draft(SOURCE, "Sternal wound infection, on vancomycin, with a new CVA.")
    assert _reasons(report) == _never_mentions("CVA")


def test_an_adjective_of_a_condition_is_a_claim_of_it() -> None:
    report = check_draft(SOURCE, "The patient is septic with a sternal wound infection.")
    assert _reasons(report) == _never_mentions("septic")


@pytest.mark.parametrize(
    "draft",
    [
        "History of myocardial infarction and coronary artery bypass grafting.",
        "Pneumonia on chest x-ray, cultures sent.",
        "Chronic obstructive pulmonary disease, on 2 litres nasal cannula.",
        "Sternal wound infections, on vancomycin.",
    ],
)
def test_a_condition_the_notes_write_in_shorthand_is_theirs(draft: str) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == []


@pytest.mark.parametrize(
    "draft",
    [
        "The patient has a history of heart disease.",
        "He has lung disease and an infection of the sternal wound.",
    ],
)
def test_a_more_general_condition_than_one_the_notes_name_is_theirs(draft: str) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == []


def test_a_condition_the_notes_misspell_is_theirs() -> None:
    source = SOURCE + "CXR: RLL PNEMONIA, GI: ABD DISTENDED +ACSITES.\n"
    draft = "Right lower lobe pneumonia on chest x-ray; abdomen distended with ascites."
    assert _reasons(check_draft(source, draft)) == []


def test_a_condition_the_notes_name_only_in_a_negation_is_theirs() -> None:
    source = SOURCE + "NO SIGNS OF STROKE, PUPILS EQUAL.\n"
    assert _reasons(check_draft(source, "The patient had a stroke, pupils equal.")) == []


@pytest.mark.parametrize(
    "draft",
    [
        "No signs of stroke, alert and oriented.",
        "Monitor for bleeding at the sternal wound.",
        "Watch for signs and symptoms of stroke.",
        "CT head to rule out stroke, alert and oriented.",
        "Possible sepsis from the sternal wound infection.",
        "Seizure precautions maintained, alert and oriented.",
        "If the heart rate drops further, assess for heart block.",
        "The patient is at risk of falls and pressure ulcers.",
        "Situation awareness: escalating confusion or seizure activity - call MD.",
    ],
)
def test_a_negated_doubtful_or_planned_condition_is_no_claim(draft: str) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == []


def test_a_phrase_that_holds_a_condition_word_but_names_none_is_no_claim() -> None:
    report = check_draft(SOURCE, "Infectious disease consulted about the sternal wound infection.")
    assert _reasons(report) == []


def test_shorthand_that_is_also_an_ordinary_word_is_no_claim() -> None:
    assert _reasons(check_draft(SOURCE, "Wears hearing aids, alert and oriented.")) == []


def test_every_general_condition_in_the_lexicon_is_a_condition_of_its_own() -> None:
    rows = [
        line.split("\t")
        for line in (resources_dir() / "lexicon" / "conditions.tsv").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    canonical = {row[1] for row in rows}
    general = {parent.strip() for row in rows for parent in row[2].split(",") if parent.strip()}
    assert all(len(row) == 4 and row[3] in {"claim", "support"} for row in rows)
    assert general <= canonical


def test_an_overdose_the_notes_never_mention_is_flagged() -> None:
    notes = "NEURO: AO X3, ANXIOUS. RISPERIDONE 1MG PO @ 0520.\n"
    report = check_draft(notes, "Anxious, with a risperidone overdose overnight.")
    assert _reasons(report) == _never_mentions("overdose")
