"""A word the model garbled, which neither the notes nor any dictionary write: "Percepotec for
pain" where the notes give Percocet."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "NEURO: A+OX3, MAE. PAIN: percocet 1 tab with good relief.\n"
    "CV: s/p cardiac CATH, RSBP lower than left. Hx ALZHEIMERS.\n"
    "RESP: unable to swollow pills, trach collar 40%. Desat to 88% with suctioning.\n"
)


def _garbled(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if "neither a word" in flag.reason]


@pytest.mark.parametrize(
    ("draft", "garbled"),
    [
        ("Percepotec for pain with good relief.", "Percepotec"),
        ("She was transferred after a catheteric procedure.", "catheteric"),
        ("She was given hemparin overnight.", "hemparin"),
    ],
)
def test_a_word_neither_the_notes_nor_the_dictionary_write_is_flagged(
    draft: str, garbled: str
) -> None:
    assert _garbled(check_draft(SOURCE, draft)) == [
        f"Not found in the notes: “{garbled}” is neither a word of the notes nor an English "
        "or clinical word."
    ]


def test_a_misspelling_the_notes_write_themselves_is_not_flagged() -> None:
    assert _garbled(check_draft(SOURCE, "Unable to swollow pills.")) == []


def test_a_word_one_letter_off_a_word_of_the_notes_is_not_flagged() -> None:
    assert _garbled(check_draft(SOURCE, "Unable to swolow pills.")) == []


def test_a_word_of_the_notes_with_an_ending_added_or_taken_off_is_not_flagged() -> None:
    assert _garbled(check_draft(SOURCE, "History of alzheimer disease.")) == []


@pytest.mark.parametrize(
    "draft",
    [
        "Desaturating to 88% with suctioning.",
        "Pain trended down after the percocet.",
        "She was reintubated overnight.",
    ],
)
def test_a_dictionary_word_with_an_ending_or_prefix_it_leaves_out_is_not_flagged(
    draft: str,
) -> None:
    assert _garbled(check_draft(SOURCE, draft)) == []


def test_a_capitalised_name_inside_a_sentence_is_not_flagged() -> None:
    assert _garbled(check_draft(SOURCE, "Allergy: Bactrim (Stevens-Johnson syndrome).")) == []


def test_a_word_shorter_than_six_letters_is_not_read() -> None:
    assert _garbled(check_draft(SOURCE, "Patient AAOX3, MAE x4.")) == []
