"""Person names a draft gives that the notes never give: a titled name, a first name, a
placeholder or a title with no name; and the capitalised words that are no one's name."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "NEURO: A&O X3, MAE. Line pulled by Dr Halvorsen, site dry.\n"
    "CV: HR 80S SR. HYPOTENSIVE TO 80S OVERNIGHT, NEO STARTED.\n"
    "77 YO F ADMITTED FROM CALVERT HOSPITAL. DAUGHTER KRISSY IN TO VISIT.\n"
    "RESP: ON 2L NC, SATS 95%. FOLEY DRAINING CLEAR URINE.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if flag.kind == "sentence"]


def test_a_first_name_the_notes_never_give_is_flagged_by_name() -> None:
    report = check_draft(SOURCE, "Patient: Sarah, 77 years old, hypotensive overnight.")
    assert _reasons(report) == ["Not found in the notes: the source notes never name Sarah."]


def test_a_titled_surname_the_notes_never_give_is_flagged() -> None:
    report = check_draft(SOURCE, "Patient: Mr. Smith, hypotensive overnight, neo started.")
    assert _reasons(report) == ["Not found in the notes: the source notes never name Smith."]


def test_a_doctor_the_notes_never_name_is_flagged_as_never_named() -> None:
    report = check_draft(SOURCE, "The line was pulled by Dr. Denapoli.")
    assert _reasons(report) == ["Not found in the notes: the source notes never name Denapoli."]


def test_a_name_the_notes_write_in_capitals_is_theirs() -> None:
    assert _reasons(check_draft(SOURCE, "Her daughter Krissy came in to visit.")) == []


def test_a_titled_name_the_notes_give_is_theirs() -> None:
    assert _reasons(check_draft(SOURCE, "The line was pulled by Dr. Halvorsen.")) == []


def test_a_placeholder_name_is_flagged_as_a_placeholder() -> None:
    report = check_draft(SOURCE, "Patient: John Doe, hypotensive overnight.")
    assert _reasons(report) == [
        'Not found in the notes: "John Doe" is a placeholder, not a name the source notes give.'
    ]


@pytest.mark.parametrize("placeholder", ["[Name]", "[Patient Name]", "Patient X"])
def test_a_template_placeholder_is_flagged(placeholder: str) -> None:
    report = check_draft(SOURCE, f"{placeholder} was hypotensive overnight.")
    assert _reasons(report) == [
        f'Not found in the notes: "{placeholder}" is a placeholder, not a name the source '
        "notes give."
    ]


def test_a_title_with_no_name_after_it_is_flagged() -> None:
    report = check_draft(SOURCE, "Patient: Mr.\nHypotensive overnight, neo started.")
    assert _reasons(report) == [
        'Not found in the notes: this sentence gives the title "Mr." without a name.'
    ]


def test_a_shorthand_word_after_a_title_is_no_name() -> None:
    report = check_draft(SOURCE, "Patient: Mrs. YO, a 77-year-old female, hypotensive overnight.")
    assert _reasons(report) == [
        'Not found in the notes: this sentence gives the title "Mrs." without a name.'
    ]


def test_a_title_standing_for_the_doctor_is_no_missing_name() -> None:
    assert _reasons(check_draft(SOURCE + "MD AWARE.\n", "Dr. aware of the hypotension.")) == []


def test_a_title_and_its_name_stay_in_one_sentence() -> None:
    draft = "The line was pulled by Dr. Halvorsen. Site dry."
    first, *_ = check_draft(SOURCE, draft).sentences
    assert draft[first.start : first.end] == "The line was pulled by Dr. Halvorsen"


@pytest.mark.parametrize(
    "draft",
    [
        "Foley draining clear urine, Cheyne-Stokes breathing noted.",
        "Admitted from Calvert Hospital in April.",
        "Admitted from Frederick Memorial on Monday.",
        "Mallory-Weiss tear ruled out, Glasgow score 15.",
    ],
)
def test_eponyms_places_and_dates_name_no_one(draft: str) -> None:
    assert not any("never name" in reason for reason in _reasons(check_draft(SOURCE, draft)))


def test_the_name_on_the_patient_bar_is_no_invention() -> None:
    draft = "Patient: Sarah Jones, hypotensive overnight, neo started."
    assert _reasons(check_draft(SOURCE, draft, patient_name="Sarah Jones")) == []


def test_another_name_than_the_patient_bar_is_still_flagged() -> None:
    draft = "Patient: Sarah, 77 years old, hypotensive overnight."
    report = check_draft(SOURCE, draft, patient_name="Ruth Jones")
    assert _reasons(report) == ["Not found in the notes: the source notes never name Sarah."]


def test_a_name_the_notes_give_spelt_otherwise_is_flagged() -> None:
    source = "SOCIAL: DAUGHTER LORRIE MORALES VISITED, UPDATED ON PLAN.\n"

    assert _reasons(check_draft(source, "Daughter Lori Morales visited and was updated.")) == [
        "Contradicts the notes: the notes write the name “lorrie morales”."
    ]


def test_a_name_the_notes_give_spelt_as_they_spell_it_is_theirs() -> None:
    source = "SOCIAL: DAUGHTER LORRIE MORALES VISITED, UPDATED ON PLAN.\n"

    assert _reasons(check_draft(source, "Daughter Lorrie Morales visited and was updated.")) == []


def test_a_word_like_another_beside_a_drug_is_no_name() -> None:
    source = "CV: INCREASING DOPAMINE FOR SBP 80S.\n"

    assert (
        _reasons(check_draft(source, "Increased Dopamine for systolic pressure in the 80s.")) == []
    )
