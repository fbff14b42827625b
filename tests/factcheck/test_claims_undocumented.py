"""Something the notes write of, called undocumented: "The patient's neuro status is not
documented" beside a "neuro:" line."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "NEURO: PROPOFOL WEANED TO OFF. NO IMPROVEMENT IN NEURO STATUS.\n"
    "GI: COFFEE GROUND EMESIS FROM ETT OVERNIGHT.\n"
    "ENDO: BLOOD SUGARS TREATED PER S/S.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if "not documented" in flag.reason]


@pytest.mark.parametrize(
    ("draft", "thing"),
    [
        ("The patient's neuro status is not documented.", "neuro"),
        ("The history of a coffee ground emesis was not mentioned.", "coffee ground emesis"),
        ("There is no documentation of the emesis.", "emesis"),
    ],
)
def test_a_thing_the_notes_write_of_called_undocumented_is_flagged(draft: str, thing: str) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == [
        f"Contradicts the notes: they do write of the {thing}; this says it is not documented."
    ]


@pytest.mark.parametrize(
    "draft",
    [
        "The patient's code status is not documented.",
        "Blood sugar levels are not documented.",
        "Not documented.",
    ],
)
def test_what_the_notes_leave_out_or_values_they_do_not_give_are_not_flagged(draft: str) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == []
