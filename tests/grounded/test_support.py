"""A passage keeps only the sentences the safety net finds in the notes, judged in the draft."""

from app.domain.factcheck import check_draft
from app.domain.grounded.support import flagged_sentences, kept_in_draft, supported_sentences
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


def _flagged_in(source: str, draft: str, start: int, end: int) -> list[str]:
    return [
        draft[sentence.start : sentence.end]
        for sentence in flagged_sentences(check_draft(source, draft))
        if sentence.start < end and start < sentence.end
    ]


def test_a_passage_keeps_no_sentence_the_check_of_the_whole_draft_flags() -> None:
    before = "Situation:\n"
    after = "\n\nBackground:\nAllergies: penicillin (hives). Code status: FULL CODE.\n"
    passage = (
        "68 yo M admitted with CHF exacerbation. "
        "His wife, 45 years old, moved him to the cardiac floor on a stretcher. "
        "Lasix 40 mg IV given with good response."
    )
    assert _flagged_in(SHIFT, before + passage + after, len(before), len(before) + len(passage))
    kept = kept_in_draft(SHIFT, before, passage, after)
    assert kept == (
        "68 yo M admitted with CHF exacerbation. Lasix 40 mg IV given with good response."
    )
    assert _flagged_in(SHIFT, before + kept + after, len(before), len(before) + len(kept)) == []


def test_a_passage_whose_every_sentence_the_draft_check_flags_is_empty() -> None:
    assert (
        kept_in_draft(SHIFT, "Situation:\n", "His wife is 45 years old and sings in a choir.", "\n")
        == ""
    )


SPREAD_NOTES = (
    "BP 150/90 at 0800, pt resting.\n"
    "Neuro: alert and oriented x3.\n"
    "GI: tolerating clear liquids.\n"
    "Hypotension overnight, resolved with fluid bolus.\n"
)


def test_a_sentence_joining_words_the_notes_write_apart_is_dropped_though_review_passes() -> None:
    passage = "The patient had high blood pressure and ongoing hypotension overnight."
    assert not flagged_sentences(check_draft(SPREAD_NOTES, passage))
    assert supported_sentences(SPREAD_NOTES, passage) == ""


def test_a_sentence_restating_one_place_of_the_notes_is_kept() -> None:
    passage = "Hypotension overnight resolved with a fluid bolus."
    assert supported_sentences(SPREAD_NOTES, passage) == passage


def test_a_lists_marks_go_and_its_supported_items_stay() -> None:
    passage = (
        "1. Hypotension overnight resolved with a fluid bolus.\n"
        "2. The moon was full and the staff sang songs."
    )
    assert supported_sentences(SPREAD_NOTES, passage) == (
        "Hypotension overnight resolved with a fluid bolus."
    )
