"""A weight the draft gives ("significant", "severe") that the notes never give anything; a
weight word the notes use, in any form or short form, is theirs."""

from app.domain.factcheck import check_draft

SOURCE = (
    "CV: HTN TO 160-180'S, MSO4 GTT INCREASED AND ATIVAN BOLUS GIVEN.\n"
    "RESP: SIG AMT THICK SECRETIONS, SUCTIONED Q2H.\n"
    "HX: SEVERE MR, CHF.\n"
)


def _weights(draft: str) -> list[str]:
    """The reasons the check gives for a weight the notes never give."""
    return [
        flag.reason
        for flag in check_draft(SOURCE, draft).unsupported
        if "never call" in flag.reason
    ]


def test_a_weight_the_notes_never_give_is_flagged() -> None:
    assert _weights("Blood pressure was a serious issue, in the 160s to 180s.") == [
        "Not found in the notes: the notes never call anything “serious”."
    ]


def test_a_weight_the_notes_give_in_another_form_is_theirs() -> None:
    assert _weights("She has severely regurgitant mitral valve disease and heart failure.") == []


def test_a_weight_the_notes_give_in_short_form_is_theirs() -> None:
    assert _weights("Significant amounts of thick secretions were suctioned.") == []
