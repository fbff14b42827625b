"""Sentences of a source note, the unit that condensing and the facts digest keep or drop."""

from app.domain.source_sentences import read_sentences, sentence_spans


def test_a_line_splits_into_sentences_at_closing_punctuation() -> None:
    line = "0700 BP 120/80. Likes tea; HR 72."
    assert [line[start:end] for start, end in sentence_spans(line)] == [
        "0700 BP 120/80.",
        "Likes tea;",
        "HR 72.",
    ]


def test_a_decimal_point_does_not_end_a_sentence() -> None:
    assert len(sentence_spans("Temp 37.2 C and K 3.4.")) == 1


def test_each_sentence_carries_the_facts_written_in_it() -> None:
    text = "0700 BP 120/80. Likes tea.\nHR 72."
    kinds = [[fact.kind for fact in sentence.facts] for sentence in read_sentences(text)]
    assert kinds == [["time", "vital.bp"], [], ["vital.hr"]]


def test_offsets_point_into_the_whole_text_across_lines() -> None:
    text = "Slept well.\nHR 72."
    last = read_sentences(text)[-1]
    assert (last.line, text[last.start : last.end]) == (1, "HR 72.")


def test_a_time_alone_does_not_make_a_sentence_clinical() -> None:
    (sentence,) = read_sentences("0700 resting in bed.")
    assert sentence.facts and not sentence.clinical_facts
