"""A colour, clarity or consistency told of a measure: "blood sugar levels are clear yellow"."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "GU: CLEAR YELLOW URINE, MARGINAL OUTPUT.\n"
    "ENDO: BLOOD SUGARS TREATED PER S/S.\n"
    "CT DRAINING S/S DRAINAGE.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if flag.kind == "sentence"]


def test_a_look_told_of_the_vital_signs_is_flagged() -> None:
    report = check_draft(SOURCE, "The patient's vital signs were clear.")

    assert _reasons(report) == [
        "Not in the notes: “clear” describes a fluid or the skin, not vital signs."
    ]


def test_a_look_told_of_a_measure_is_flagged() -> None:
    report = check_draft(SOURCE, "The patient's blood sugar levels are clear yellow.")

    assert _reasons(report) == [
        "Not in the notes: “clear” describes a fluid or the skin, not blood sugar."
    ]


@pytest.mark.parametrize(
    "draft",
    [
        "Urine is clear yellow with marginal output.",
        "Blood sugars were treated per sliding scale; urine clear yellow.",
        "The chest tube drainage is serosanguinous.",
    ],
)
def test_a_look_told_of_a_fluid_is_not_flagged(draft: str) -> None:
    assert not any("describes a fluid" in reason for reason in _reasons(check_draft(SOURCE, draft)))
