"""A ward, floor, unit or clinic a draft names that the notes never do."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "NEURO: ALERT, ORIENTED. OOB TO CHAIR.\n"
    "CV: HR 80S SR. BP STABLE. CAPTOPRIL STARTED, TOL WELL.\n"
    "PLAN: POSSIBLE TRANSFER TO FLOOR TODAY. WILL NEED 1 UNIT PRBC. TO CCU FROM CATH LAB.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if "never name" in flag.reason]


@pytest.mark.parametrize(
    ("draft", "place"),
    [
        ("The patient is on the ambulatory ward.", "ambulatory ward"),
        ("The patient was admitted from a previous ambulatory ward.", "previous ambulatory ward"),
        ("She was seen in the cardiology clinic last week.", "cardiology clinic"),
        ("Transferred to the orthopedic floor this morning.", "orthopedic floor"),
    ],
)
def test_a_place_named_in_words_the_notes_never_use_is_flagged(draft: str, place: str) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == [
        f"Not found in the notes: the notes never name the {place}."
    ]


@pytest.mark.parametrize(
    "draft",
    [
        "Possible transfer to the floor today.",
        "Came to the cardiac care unit from the cath lab.",
        "Will need a unit of packed red cells.",
        "Sitting in the chair on the unit.",
    ],
)
def test_a_place_the_notes_name_or_no_place_at_all_is_not_flagged(draft: str) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == []
