"""The sentences of a source note, each with the clinical facts it states.

A sentence is the smallest unit that can be kept word for word and still read correctly, so
both ways of shortening a long source (condensing and the facts digest) keep or drop whole
sentences and decide by the facts the fact checker finds in them.
"""

import re
from dataclasses import dataclass

from app.domain.factcheck import Fact, extract_facts

_SENTENCE_BREAK = re.compile(r"(?<=[.;!?])[ \t]+(?=[A-Z0-9(\"'])")
_UNSCORED_FACTS = frozenset({"time", "date"})
"""Nearly every line of timed notes has a time: a time alone does not make a sentence a fact."""


@dataclass(frozen=True, slots=True)
class Sentence:
    line: int
    """Index of the source line the sentence is on (sentences never span lines)."""
    start: int
    end: int
    facts: tuple[Fact, ...]
    """Every fact that overlaps the sentence; a fact that straddles two belongs to both."""

    @property
    def clinical_facts(self) -> tuple[Fact, ...]:
        """The facts that make the sentence worth keeping: all but its times and dates."""
        return tuple(fact for fact in self.facts if fact.kind not in _UNSCORED_FACTS)


def sentence_spans(line: str) -> list[tuple[int, int]]:
    """Start and end offsets of each non-blank sentence in one line."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(line):
        spans.append((start, match.start()))
        start = match.end()
    if line[start:].strip():
        spans.append((start, len(line.rstrip())))
    return [(begin, end) for begin, end in spans if line[begin:end].strip()]


def read_sentences(text: str) -> list[Sentence]:
    """The sentences of `text` in order, with offsets into `text` and their facts."""
    bounds: list[tuple[int, int, int]] = []
    offset = 0
    for line_index, line in enumerate(text.split("\n")):
        bounds.extend(
            (line_index, offset + start, offset + end) for start, end in sentence_spans(line)
        )
        offset += len(line) + 1
    facts_by_sentence: list[list[Fact]] = [[] for _ in bounds]
    position = 0
    for fact in extract_facts(text):
        while position < len(bounds) - 1 and bounds[position][2] <= fact.start:
            position += 1
        index = position
        while index < len(bounds) and bounds[index][1] < fact.end:
            if bounds[index][2] > fact.start:
                facts_by_sentence[index].append(fact)
            index += 1
    return [
        Sentence(line, start, end, tuple(facts))
        for (line, start, end), facts in zip(bounds, facts_by_sentence, strict=True)
    ]
