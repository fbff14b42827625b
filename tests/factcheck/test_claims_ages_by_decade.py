"""An age a draft tells by its decade ("in her 70s"), backed only by an age in that decade."""

import pytest

from app.domain.factcheck import check_draft


def _reasons(source: str, draft: str) -> list[str]:
    report = check_draft(source, draft)
    return [flag.reason for flag in report.unsupported if "age in the" in flag.reason]


@pytest.mark.parametrize("draft", ["The patient is in her 70s.", "The patient is in a 70s age."])
def test_a_decade_of_life_the_notes_never_give_is_flagged(draft: str) -> None:
    source = "CV: bp 95-105/45-50, cont on dopa at 8mcg/min."

    assert _reasons(source, draft) == [
        "Not found in the notes: the source notes never give an age in the 70s."
    ]


@pytest.mark.parametrize("draft", ["A woman in her early 70s after MVR.", "In his 70's, s/p MVR."])
def test_a_decade_holding_the_age_the_notes_give_is_backed(draft: str) -> None:
    assert _reasons("72 yo female s/p MVR.", draft) == []


def test_an_age_of_another_decade_is_flagged() -> None:
    assert _reasons("72 yo female s/p MVR.", "A woman in her 80s after MVR.") != []


def test_a_measure_in_its_decade_is_no_age() -> None:
    assert _reasons("HR 70-79 SR.", "Heart rate in the 70s.") == []
