"""A passage keeps only the sentences the safety net finds in the notes."""

from app.domain.grounded.support import supported_sentences
from tests.grounded.notes import SHIFT


def test_a_sentence_the_notes_do_not_hold_is_dropped_and_the_rest_kept() -> None:
    passage = (
        "68 yo M admitted with CHF exacerbation. "
        "His daughter, a pharmacist, visited from Ohio and brought his dog. "
        "Lasix 40 mg IV given with good response."
    )
    assert supported_sentences(SHIFT, passage) == (
        "68 yo M admitted with CHF exacerbation. Lasix 40 mg IV given with good response."
    )


def test_a_sentence_with_a_contradicted_value_is_dropped() -> None:
    passage = "Lasix 80 mg IV given with good response. Pain 2/10."
    assert "80 mg" not in supported_sentences(SHIFT, passage)


def test_paragraphs_keep_their_breaks() -> None:
    passage = "68 yo M admitted with CHF exacerbation.\nLasix 40 mg IV given with good response."
    assert supported_sentences(SHIFT, passage) == passage


def test_a_passage_with_nothing_supported_is_empty() -> None:
    assert supported_sentences(SHIFT, "The moon was full and the staff sang songs.") == ""
