"""The source notes as the claim rules read them: sentences, their content terms, and the
notes' vocabulary."""

import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Set
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from app.domain.factcheck.facts import Fact

KNOWN_PREFIX = 6
_LETTERS = re.compile(r"[a-z]+")
_Key = TypeVar("_Key", bound=Hashable)


def holds_any(sentence: str, cues: tuple[str, ...]) -> bool:
    """Whether the sentence holds any of these lower-case letter runs, case aside: a rule's
    first look, a few substring tests where its pattern would scan the whole sentence, so a
    sentence with none of its words costs the rule next to nothing. The tests run as one `map`
    of the lowered sentence's own containment test: every rule asks this of every sentence, and
    a generator around the tests cost more than the tests."""
    return any(map(sentence.lower().__contains__, cues))


def holds_word(sentence: str, words: Set[str]) -> bool:
    """Whether the sentence holds any of these lower-case words, case aside: a rule's first
    look where its cues are whole words. A sentence's words are read once for every rule that
    asks."""
    return not words.isdisjoint(_sentence_words(sentence))


@lru_cache(maxsize=8)
def _sentence_words(sentence: str) -> frozenset[str]:
    return frozenset(_LETTERS.findall(sentence.lower()))


def line_holding(text: str, start: int, end: int | None = None) -> str:
    """The line of the text that holds [start, end), or the character at `start`: a nursing
    note's line is one system, headed by its name ("GU: CLEAR YELLOW URINE")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start if end is None else end)
    return text[line_start : line_end if line_end >= 0 else len(text)]


@dataclass(frozen=True, slots=True)
class SourceNotes:
    """The notes, split into sentences, with the same content terms sentence evidence uses (so
    a rule and the overlap measure agree on what a word is)."""

    text: str
    """The notes as the checker reads them (shorthand spelt out): what sentences index."""
    written: str
    """The notes as given. A rule that reads a value as written ("23-year-old", "ten days")
    reads it here: spelling out shorthand may part a number from its unit."""
    spans: tuple[tuple[int, int], ...]
    """Each sentence's [start, end) in `text`."""
    sentence_terms: tuple[frozenset[str], ...]
    vocabulary: Set[str]
    terms: Callable[[str], set[str]]
    """The content terms of a piece of text: stopwords left out, abbreviations spelt out,
    words stemmed."""
    patient_name: str = ""
    """The name on the patient bar, where the desk knows it: a name the draft may give though
    the notes never write it (the model is never shown it, a nurse may type it in)."""
    readings: Mapping[str, tuple[Fact, ...]] = field(default_factory=dict)
    """The notes' facts by kind ("vital.hr"), goals left out, at offsets in `written`: read
    once per check by the fact extraction, so a rule weighing a value never reads the notes
    again."""

    @property
    def sentences(self) -> tuple[str, ...]:
        return tuple(self.text[start:end] for start, end in self.spans)

    def say_together(self, first: set[str], second: set[str], share: float) -> bool:
        """Whether one passage of the notes holds a term of each set, and at least `share` of
        their terms together: two things the notes say together, not each somewhere in the
        notes. A passage is a sentence and the next when no line break parts them
        ("Hypotensive to 80s. Neo started."); a nursing note's next line is another system."""
        both = first | second
        wanted = share * len(both)
        spans, text, last = self.spans, self.text, len(self.spans) - 1
        for index, terms in enumerate(self.sentence_terms):
            passage = terms
            if index < last and text.find("\n", spans[index][1], spans[index + 1][0]) < 0:
                passage = terms | self.sentence_terms[index + 1]
            if (
                not passage.isdisjoint(first)
                and not passage.isdisjoint(second)
                and len(passage & both) >= wanted
            ):
                return True
        return False

    def knows(self, term: str) -> bool:
        """Whether the notes use this term or another form of its word ("hemodynamics",
        "hemodynamically"): the first KNOWN_PREFIX letters of a longer word are enough."""
        if term in self.vocabulary:
            return True
        if len(term) < KNOWN_PREFIX:
            return False
        return any(known.startswith(term[:KNOWN_PREFIX]) for known in self.vocabulary)

    def repeat(self, passage: str) -> bool:
        """Whether the notes write this passage themselves, case and spacing aside: a claim
        in the notes' own words is theirs, whatever it says, so no rule judges it."""
        return _flattened(passage) in _flattened(self.written)

    @property
    def written_lower(self) -> str:
        """The notes as given, in lower case: lowered once per notes, not each time a rule
        looks a pattern up in them."""
        return _lowered(self.written)

    @property
    def text_lower(self) -> str:
        """The notes as the checker reads them, in lower case, lowered once per notes."""
        return _lowered(self.text)

    def missing(self, terms: set[str]) -> int:
        """How many of these terms the notes never use."""
        return len(terms - self.vocabulary)

    @property
    def words(self) -> frozenset[str]:
        """Every run of letters in the notes as given, and in the patient bar's name, in lower
        case: a name the notes write in any case ("MR LOMISH", "Dr. Smith") is one of them. Made
        once per notes, when a rule first asks, not for each sentence."""
        return _letter_runs(self.written, self.patient_name)


@dataclass(frozen=True, slots=True)
class SaidWays:
    """How the notes say a thing that can be said two ways (able or unable to do it, moved to
    or from a place): the ways they use, and their first words for it, which a reason quotes."""

    ways: frozenset[bool]
    written: str

    def only_not(self, way: bool) -> bool:
        """Whether the notes say it only the other way: a draft saying it `way` turns it round."""
        return self.ways == {not way}


def ways_said(mentions: Iterable[tuple[_Key, bool, str]]) -> dict[_Key, SaidWays]:
    """Each thing the mentions name, with the ways they say it and the first words written."""
    ways: dict[_Key, set[bool]] = {}
    written: dict[_Key, str] = {}
    for key, way, words in mentions:
        ways.setdefault(key, set()).add(way)
        written.setdefault(key, words)
    return {key: SaidWays(frozenset(found), written[key]) for key, found in ways.items()}


def readings_by_kind(facts: Iterable[Fact]) -> dict[str, tuple[Fact, ...]]:
    """The notes' facts by kind, in the order written, goals and thresholds ("keep SpO2 >
    92%") left out: they are no reading."""
    found: dict[str, list[Fact]] = {}
    for fact in facts:
        if not fact.target:
            found.setdefault(fact.kind, []).append(fact)
    return {kind: tuple(kind_facts) for kind, kind_facts in found.items()}


@lru_cache(maxsize=4)
def _letter_runs(*texts: str) -> frozenset[str]:
    return frozenset(word for text in texts for word in _LETTERS.findall(text.lower()))


@lru_cache(maxsize=4)
def _lowered(text: str) -> str:
    return text.lower()


@lru_cache(maxsize=4)
def _flattened(text: str) -> str:
    """The text in lower case with every run of spacing one space; the notes' form is kept
    for the check rather than made again for each sentence."""
    return " ".join(text.lower().split())
