"""Passage sentences that draw a cause or an inference the notes never draw."""

from app.domain.grounded.links import without_invented_links

NOTES = "Intubated 1700. Sedated with ativan. ABG 7.23/115/38. Free dilantin level 2.1."


def test_a_sentence_giving_a_result_the_notes_never_give_is_dropped() -> None:
    passage = (
        "Intubated at 1700. The patient was sedated with ativan, which has led to an "
        "increased free dilantin level."
    )

    assert without_invented_links(passage, NOTES) == "Intubated at 1700."


def test_a_sentence_drawing_an_inference_the_notes_never_draw_is_dropped() -> None:
    passage = "Full code, indicating that the patient was not in pain. Sedated with ativan."

    assert without_invented_links(passage, NOTES) == "Sedated with ativan."


def test_a_cause_the_notes_write_in_shorthand_is_kept() -> None:
    notes = "Hypotensive d/t sepsis, on levophed."
    passage = "Hypotensive due to sepsis, on levophed."

    assert without_invented_links(passage, notes) == passage


def test_a_sentence_without_a_link_is_kept() -> None:
    passage = "Sedated with ativan after intubation."

    assert without_invented_links(passage, NOTES) == passage


def test_a_cause_in_the_notes_does_not_allow_an_inference() -> None:
    notes = "Hypotensive d/t sepsis, on levophed."
    passage = "Hypotensive, suggesting sepsis. On levophed."

    assert without_invented_links(passage, notes) == "On levophed."


def test_the_number_of_a_list_item_that_went_goes_with_it() -> None:
    passage = "1. Sedated with ativan.\n2. Intubated, indicating respiratory failure."

    assert without_invented_links(passage, NOTES) == "1. Sedated with ativan."
