"""The facts digest: what a part of the source comes down to when even condensing is too long."""

from app.domain.fact_digest import FactDigest, digest_part, merge
from app.domain.factcheck import check_draft
from app.domain.source_sentences import read_sentences
from tests.fixtures.long_notes import multi_day_notes

SHIFT = (
    "0700 HR 88, BP 130/80, RR 18, SpO2 95% on 2 L NC.\n"
    "0900 HR 92, BP 142/88, RR 18, SpO2 97% on RA. Metoprolol 25 mg PO given.\n"
    "1100 HR 79, RR 18. Metoprolol 25 mg PO given. Likes tea with her crossword."
)


def _digest(text: str, label: str = "2026-11-18 07:00") -> FactDigest:
    return digest_part(
        text, read_sentences(text), label=label, first_line=1, last_line=text.count("\n") + 1
    )


def test_a_measured_value_is_given_as_its_range_count_and_latest_reading() -> None:
    assert "heart rate 79–92 (3 values, last 79)" in _digest(SHIFT).render()


def test_an_unchanged_value_is_given_once_with_its_count() -> None:
    assert "respiratory rate 18 (3 values);" in _digest(SHIFT).render()


def test_blood_pressure_is_given_as_readings_the_notes_wrote_not_a_made_up_pair() -> None:
    assert "blood pressure 130/80 to 142/88 (2 values, last 142/88)" in _digest(SHIFT).render()


def test_oxygen_delivery_is_given_as_the_sequence_of_its_changes() -> None:
    assert "Oxygen delivery: 2 L NC, then RA." in _digest(SHIFT).render().splitlines()


def test_other_fact_sentences_appear_once_word_for_word_with_how_often_they_were_written() -> None:
    lines = _digest(SHIFT).render().splitlines()
    assert "Metoprolol 25 mg PO given. (×2)" in lines


def test_sentences_without_facts_are_dropped() -> None:
    assert "crossword" not in _digest(SHIFT).render()


def test_the_digest_is_headed_by_the_note_it_comes_from() -> None:
    assert _digest(SHIFT).render().splitlines()[0] == "Facts from 2026-11-18 07:00:"


def test_an_unlabelled_part_is_headed_by_its_lines() -> None:
    assert _digest(SHIFT, label="").render().startswith("Facts from lines 1–3:")


def test_a_part_without_facts_says_so_rather_than_coming_out_empty() -> None:
    rendered = _digest("Chatted about the garden and the weather.").render()
    assert rendered.splitlines()[1] == "No vital signs, doses or findings written."


def test_merged_digests_span_their_first_and_last_notes_and_pool_their_values() -> None:
    later = _digest("0700 HR 100. Metoprolol 25 mg PO given.", label="2026-11-19 07:00")
    rendered = merge([_digest(SHIFT), later]).render()
    assert rendered.startswith("Facts from 2026-11-18 07:00 to 2026-11-19 07:00 (2 notes):")
    assert "heart rate 79–100 (4 values, last 100)" in rendered
    assert "Metoprolol 25 mg PO given. (×3)" in rendered


def test_merging_leaves_the_digests_it_joins_unchanged() -> None:
    first = _digest(SHIFT)
    before = first.render()
    merge([first, _digest("0700 HR 100.", label="2026-11-19 07:00")])
    assert first.render() == before


def test_the_fact_checker_finds_every_value_of_a_digest_in_its_source() -> None:
    source = multi_day_notes(6_000)
    report = check_draft(source, _digest(source, label="").render())
    assert report.unsupported == []
    assert report.contradicted == []
