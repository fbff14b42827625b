"""The reviewed copy: every replacement's place in the copy, and replacements the nurse adds."""

from app.domain.deidentify import deidentify
from app.domain.deidentify.review import ADDED_TAG, MarkedCopy, marked_copy, replace_also


def marked_texts(copy: MarkedCopy) -> list[str]:
    return [copy.text[start:end] for start, end in copy.marks]


def test_each_mark_covers_a_surrogate_in_the_copy() -> None:
    copy = marked_copy(deidentify("Mr Halvorsen seen 3/14 by Dr. Okafor."))
    assert marked_texts(copy) == ["[PATIENT]", "[DATE]", "[CLINICIAN-1]"]


def test_marks_follow_a_header_put_before_the_copy() -> None:
    copy = marked_copy(deidentify("Mr Halvorsen resting."), header="Method line\n\n")
    assert copy.text.startswith("Method line\n\nMr [PATIENT]")
    assert marked_texts(copy) == ["[PATIENT]"]


def test_a_phrase_the_nurse_adds_is_replaced_wherever_it_stands_in_any_case() -> None:
    copy = replace_also(MarkedCopy("Likes the Orioles. orioles on tv.", ()), "orioles")
    assert copy.text == f"Likes the {ADDED_TAG}. {ADDED_TAG} on tv."
    assert marked_texts(copy) == [ADDED_TAG, ADDED_TAG]


def test_an_added_replacement_keeps_the_earlier_marks_in_place() -> None:
    copy = replace_also(marked_copy(deidentify("Mr Halvorsen, a Ravens fan, seen 3/14.")), "Ravens")
    assert copy.text == f"Mr [PATIENT], a {ADDED_TAG} fan, seen [DATE]."
    assert marked_texts(copy) == ["[PATIENT]", ADDED_TAG, "[DATE]"]


def test_only_whole_words_are_replaced() -> None:
    copy = replace_also(MarkedCopy("Ann annotated the chart.", ()), "ann")
    assert copy.text == f"{ADDED_TAG} annotated the chart."


def test_an_empty_phrase_changes_nothing() -> None:
    copy = MarkedCopy("Resting.", ())
    assert replace_also(copy, "  ") == copy
