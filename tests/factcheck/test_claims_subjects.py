"""A description the notes give one subject, told of another: "The patient's diet was
unchanged, cont. with duoderm" where the notes say it of the skin."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "CV: PT HEART RATE SINUS RHYTHM. BLOOD PRESSURE STABLE AT 130-140/70-80'S.\n"
    "GI: TOL T/F, INCREASED TO 45CC/HR (GOAL).\n"
    "SKIN- UNCHANGED, CONT. WITH DUODERM INTACT ON COCCYX.\n"
    "ID: URINE NOTED TO BE VERY CLOUDY MID-DAY, AND SAMPLE WAS SENT.\n"
    "NEURO: CALM, NO C/O PAIN OR DISCOMFORT.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if flag.kind == "sentence"]


def test_a_description_the_notes_give_another_subject_is_flagged() -> None:
    report = check_draft(SOURCE, "The patient's diet is very cloudy mid-day, sample sent.")

    assert _reasons(report) == [
        "Not found in the notes: the notes say “ID: URINE NOTED TO BE VERY CLOUDY MID-DAY, AND "
        "SAMPLE WAS SENT” of temperature or urine, not of the diet."
    ]


def test_a_line_that_names_no_subject_is_about_its_heading() -> None:
    draft = "The patient's diet was unchanged, continues with duoderm intact on coccyx."

    assert any(
        "of skin, not of the diet" in reason for reason in _reasons(check_draft(SOURCE, draft))
    )


def test_a_reading_moved_to_another_measure_of_the_same_line_is_flagged() -> None:
    draft = "The patient's heart rate is stable at 130-140/70-80's."

    assert any(
        "of blood pressure, not of the heart rate" in reason
        for reason in _reasons(check_draft(SOURCE, draft))
    )


@pytest.mark.parametrize(
    "draft",
    [
        "The patient's blood pressure is stable at 130-140/70-80's.",
        "The patient's skin is unchanged, with the duoderm intact on the coccyx.",
        "The patient's urine was very cloudy mid-day and a sample was sent.",
        "The patient's neurological status is calm, with no complaint of pain or discomfort.",
    ],
)
def test_a_description_of_its_own_subject_or_a_whole_system_is_not_flagged(draft: str) -> None:
    assert not any(", not of the " in reason for reason in _reasons(check_draft(SOURCE, draft)))
