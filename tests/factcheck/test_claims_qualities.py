"""A quality the notes give something, turned into its opposite: "poor breath" where the notes
say "GOOD BREATH SOUNDS", "a high dose" for "very low dose", "cool" for "warm"."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "RESP: O2 WEANED TO 4L NP GOOD BREATH SOUNDS, WEAK COUGH.\n"
    "GU: ADEQUATE UO VIA FOLEY.\n"
    "GI: APPETITE POOR, TAKING SIPS.\n"
    "PAIN: FAIR EFFECT FROM PERCOCET.\n"
    "CV: CONSIDER ADDING VERY LOW DOSE CAPTOPRIL. EXTREMITIES WARM.\n"
    "SUX FOR LG AMT THICK YELLOW SECRETIONS.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.contradicted + report.unsupported]


def test_a_thing_the_notes_call_good_called_poor_is_flagged() -> None:
    report = check_draft(SOURCE, "The patient has symptoms of poor breath sounds.")

    assert "Contradicts the notes: the notes call the breath good, not poor." in _reasons(report)


def test_a_thing_the_notes_call_poor_called_good_after_it_is_flagged() -> None:
    report = check_draft(SOURCE, "Her appetite was good, taking sips.")

    assert "Contradicts the notes: the notes call the appetite poor, not good." in _reasons(report)


@pytest.mark.parametrize(
    "draft",
    [
        "Good breath sounds on 4 liters.",
        "She has a weak cough.",
        "Urine output is adequate via the Foley.",
        "Her appetite is not good.",
        "Percocet gave good effect.",
    ],
)
def test_the_notes_own_quality_or_a_thing_they_never_judge_is_not_flagged(draft: str) -> None:
    assert not any("the notes call" in reason for reason in _reasons(check_draft(SOURCE, draft)))


def test_a_thing_the_notes_call_both_good_and_poor_is_not_judged() -> None:
    notes = SOURCE + "RESP LATER: POOR BREATH SOUNDS AT BASES.\n"

    report = check_draft(notes, "Poor breath sounds at the bases.")

    assert not any("the notes call" in reason for reason in _reasons(report))


@pytest.mark.parametrize(
    ("draft", "reason"),
    [
        (
            "The patient should be given a high dose of captopril.",
            "the notes call the dose of captopril low, not high.",
        ),
        ("Her extremities were cool to touch.", "the notes call the extremities warm, not cool."),
        ("Suctioned for thin yellow secretions.", "the notes call the secretions thick, not thin."),
        (
            "Suctioned for a small amount of secretions.",
            "the notes call the amount of secretions lg, not small.",
        ),
    ],
)
def test_a_thing_put_at_the_other_end_of_a_scale_is_flagged(draft: str, reason: str) -> None:
    assert f"Contradicts the notes: {reason}" in _reasons(check_draft(SOURCE, draft))


@pytest.mark.parametrize(
    "draft",
    [
        "Captopril to be added at a very low dose.",
        "Extremities warm.",
        "Suctioned for a large amount of thick yellow secretions.",
        "Low blood pressure overnight.",
        "Moderate amount of secretions.",
    ],
)
def test_the_notes_own_end_of_a_scale_or_a_thing_they_never_place_is_not_flagged(
    draft: str,
) -> None:
    assert not any("the notes call" in reason for reason in _reasons(check_draft(SOURCE, draft)))


def test_a_quality_listed_before_another_with_a_comma_judges_the_thing_after_both() -> None:
    source = "RESP--WEAK, PRODUCTIVE COUGH, THICK RUST COLORED SPUTUM.\n"

    report = check_draft(source, "He has a strong productive cough.")

    assert "Contradicts the notes: the notes call the cough weak, not strong." in _reasons(report)


def test_a_comma_before_a_word_that_is_no_quality_or_look_ends_the_quality() -> None:
    source = "RESP--PT WEAK, COUGH PRODUCTIVE OF THICK SPUTUM.\n"

    assert _reasons(check_draft(source, "He has a strong productive cough.")) == []


def test_a_thing_the_notes_call_stable_called_uncontrolled_is_flagged() -> None:
    source = "CV- PT CURRENTLY WITH STABLE HEMODYNAMICS WITH STABLE PRESSOR DOSE.\n"

    report = check_draft(source, "The main issue is uncontrolled hemodynamics.")

    assert (
        "Contradicts the notes: the notes call the hemodynamics stable, not uncontrolled."
        in _reasons(report)
    )
