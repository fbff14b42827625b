"""A compound value the notes give one thing, told of a measure: "blood pressure is at 1:1"
where 1:1 is the balloon pump's ratio."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "CV: HR 80S NSR. BP 130-140/70-80'S. IABP REMAINS ON 1:1 OVERNIGHT.\n"
    "LABS: BUN/CR 38/1.8. NEXT LYTES AT 9:30.\n"
    "ENDO: bs 196-281, on ss.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if "something other" in flag.reason]


@pytest.mark.parametrize(
    ("draft", "reason"),
    [
        (
            "The patient's blood pressure is at 1:1.",
            "Not found in the notes: the notes give 1:1 for something other than the blood "
            "pressure.",
        ),
        (
            "A heart rate of 130-140/70-80's overnight.",
            "Not found in the notes: the notes give 130-140/70 for something other than the "
            "heart rate.",
        ),
    ],
)
def test_a_value_the_notes_give_something_else_told_of_a_measure_is_flagged(
    draft: str, reason: str
) -> None:
    assert reason in _reasons(check_draft(SOURCE, draft))


@pytest.mark.parametrize(
    "draft",
    [
        "Blood pressure 130-140/70-80's overnight.",
        "Blood sugars 196-281 on the sliding scale.",
        "BUN/creatinine 38/1.8.",
        "Potassium to be rechecked at 9:30.",
        "The respiratory rate was 120-140.",
        "Given sodium bicarbonate and improved to 130-140/70.",
    ],
)
def test_a_measures_own_value_a_pair_a_time_or_a_value_the_notes_never_write_is_not_flagged(
    draft: str,
) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == []
