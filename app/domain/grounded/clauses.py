"""Where a fact's clause begins and ends: the part of a note a line is copied from.

A sentence of a nursing note often lists several orders ("HEP STARTED AT 1000U, AGGRESTAT CONT
AT 25CC/HR"), so a medication's line is the comma-separated part that names it; a part of a
single word ("LEVO, OXI AND FLAGYL ALL STARTED") says too little alone, and the whole sentence
is taken instead.
"""

import re
from bisect import bisect_right
from collections.abc import Sequence

from app.domain.grounded.lines import Span
from app.domain.source_sentences import Sentence

_PART_BREAK = re.compile(r"[,;]")
_MIN_PART_WORDS = 2


class Clauses:
    """The sentences of a source, for finding the clause around an offset."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self._sentences = list(sentences)
        self._starts = [sentence.start for sentence in self._sentences]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding `offset`, if any does."""
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return None
        sentence = self._sentences[index]
        return sentence if offset < sentence.end else None

    def part_at(self, source: str, offset: int) -> Span | None:
        """The comma-separated part of the sentence holding `offset`, or the whole sentence
        when that part is a single word."""
        sentence = self.sentence_at(offset)
        if sentence is None:
            return None
        start, end = sentence.start, sentence.end
        for match in _PART_BREAK.finditer(source, sentence.start, sentence.end):
            if match.start() < offset:
                start = match.end()
            else:
                end = match.start()
                break
        if len(source[start:end].split()) < _MIN_PART_WORDS:
            return Span(sentence.start, sentence.end)
        return Span(start, end)


def merge_spans(spans: Sequence[Span], used: set[tuple[int, int]]) -> list[Span]:
    """The spans with overlapping ones joined, less those within a span already listed
    elsewhere (`used`, which gains the result), in source order.

    Two drugs of one sentence may give a part and the whole sentence ("…KAYEXALATE" and
    "…KAYEXALATE, DEXTROSE, INSULIN"): joined, the sentence is listed once.
    """
    merged: list[Span] = []
    for span in sorted(spans, key=lambda span: (span.start, -span.end)):
        if merged and span.start < merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    kept = [
        span
        for span in merged
        if not any(start <= span.start and span.end <= end for start, end in used)
    ]
    used.update((span.start, span.end) for span in kept)
    return kept
