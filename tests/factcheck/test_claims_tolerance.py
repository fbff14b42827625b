"""Whether the patient tolerated something, turned round: "not tolerating pressure support"
against notes that say "tolerating pressure support", or the reverse. What the notes say both
ways, or never say was tolerated or not, is not judged."""

from app.domain.factcheck import check_draft

SOURCE = (
    "RESP: PT S/P RESP ARREST CURRENTLY TOLERATING PRESSURE SUPPORT MODE OF VENTILATION.\n"
    "GI: NOT TOLERATING TF, RESIDUALS 200CC, TF HELD.\n"
    "CV: LOPRESSOR 25MG PO GIVEN, TOLERATED.\n"
)


def _flips(source: str, draft: str) -> list[str]:
    """The reasons the check gives for a tolerance turned round."""
    return [
        flag.reason
        for flag in check_draft(source, draft).unsupported
        if "toler" in flag.reason.lower()
    ]


def test_not_tolerating_what_the_notes_say_was_tolerated_is_flagged() -> None:
    assert _flips(SOURCE, "The patient is intolerating pressure support mode.") == [
        "Contradicts the notes: the notes say “TOLERATING PRESSURE SUPPORT MODE OF VENTILATION”."
    ]


def test_tolerating_what_the_notes_say_was_not_tolerated_is_flagged() -> None:
    assert _flips(SOURCE, "She tolerated her tube feeds well.") == [
        "Contradicts the notes: the notes say “NOT TOLERATING TF”."
    ]


def test_a_tolerance_as_the_notes_say_it_is_not_flagged() -> None:
    assert _flips(SOURCE, "The patient was not tolerating tube feeds; they were held.") == []


def test_what_the_notes_never_say_was_tolerated_is_not_judged() -> None:
    assert _flips(SOURCE, "The patient did not tolerate the CPAP trial.") == []


def test_what_the_notes_say_both_ways_is_not_judged() -> None:
    source = SOURCE + "PM: TOLERATING TF AT 20CC/HR.\n"

    assert _flips(source, "The patient is not tolerating tube feeds.") == []


def test_not_having_been_able_to_tolerate_what_the_notes_say_was_tolerated_is_flagged() -> None:
    assert _flips(SOURCE, "She has not been able to tolerate pressure support mode.") != []
