"""Allergies: the allergens a note lists, or its statement that there are none.

A list runs from a cue ("Allergies:", "allergic to") to the end of its sentence or line, or to a
word that starts another clause ("given", "received"); reactions in it ("hives", "rash") are
skipped because only names in the allergen lexicon are read. "penicillin and sulfa allergies"
is read backwards from the word "allergies".
"""

import re

from app.domain.factcheck.facts import Fact
from app.domain.factcheck.lexicon import allergen_lexicon
from app.domain.factcheck.phrases import PhraseMatch
from app.domain.factcheck.spans import Document

KIND = "allergy"
NONE_KNOWN = "none known"

_NONE = re.compile(
    r"NKDA\b|NKA\b|no\s+known\s+(?:drug\s+|medicine\s+|medication\s+)?allerg(?:y|ies)\b"
    r"|allerg(?:y|ies)\s*:\s*(?:none|nil)\b|denies\s+(?:any\s+)?allerg(?:y|ies)\b",
    re.IGNORECASE,
)
_LIST_CUE = re.compile(
    r"allerg(?:y|ies)\s*(?::|to\b|include[sd]?\b|are\b|of\b|-)"
    r"|allergic\s+(?:reactions?\s+)?to\b|ALL\s*:",
    re.IGNORECASE,
)
_LIST_END = re.compile(
    r"\n|\.(?=\s|$)|\b(?:given|gave|received|administered|started|but|however|tolerat\w*|"
    r"takes|taking|currently|code\s+status|code)\b",
    re.IGNORECASE,
)
_CUE_WORDS = frozenset({"allergy", "allergies", "allergic", "all", "nkda", "nka", "no", "denies"})
_BACKWARD_SEPARATOR = re.compile(r"(?:\s*(?:,|and|or|/|&)\s*|\s+)\Z", re.IGNORECASE)
_TRAILING_SPACE = " \t-"
_BACKWARD_REACH = 60


def extract_allergies(document: Document) -> list[Fact]:
    text = document.text
    lexicon = allergen_lexicon()
    facts: list[Fact] = []
    list_ends = _ListEnds(text)
    for index in document.tokens_where(_CUE_WORDS):
        token = document.tokens[index]
        if not document.is_free(token.start, token.end):
            continue
        none_known = _NONE.match(text, token.start)
        if none_known:
            document.claim(none_known.start(), none_known.end(), KIND)
            facts.append(_fact(none_known.start(), none_known.end(), text, NONE_KNOWN))
            continue
        cue = _LIST_CUE.match(text, token.start)
        if cue:
            end = list_ends.after(cue.end())
            facts.extend(_claim_names(document, lexicon.find_all(document.words, cue.end(), end)))
        elif token.word.startswith("allerg"):
            end = token.start
            while end > 0 and text[end - 1] in _TRAILING_SPACE:
                end -= 1
            names = lexicon.find_all(document.words, max(0, end - _BACKWARD_REACH), end)
            facts.extend(_claim_names(document, _chain_ending_at(text, names, end)))
    return sorted(facts, key=lambda fact: fact.start)


class _ListEnds:
    """Where a list that starts at a position ends: the first `_LIST_END` at or after it.

    Cues are met left to right, so one search serves every cue before the end it found: a text
    that repeats "Allergies:" without ever ending the list is searched once, not once per cue.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._searched_from = len(text) + 1
        self._end = len(text)

    def after(self, position: int) -> int:
        if not self._searched_from <= position <= self._end:
            found = _LIST_END.search(self._text, position)
            self._searched_from = position
            self._end = found.start() if found else len(self._text)
        return self._end


def _chain_ending_at(text: str, names: list[PhraseMatch], end: int) -> list[PhraseMatch]:
    """The names that run, separated only by commas or "and", up to position end."""
    chain: list[PhraseMatch] = []
    for name in reversed(names):
        if not _BACKWARD_SEPARATOR.fullmatch(text, name.end, end) and name.end != end:
            break
        chain.append(name)
        end = name.start
    return chain[::-1]


def _claim_names(document: Document, names: list[PhraseMatch]) -> list[Fact]:
    facts = []
    for name in names:
        if document.is_free(name.start, name.end):
            document.claim(name.start, name.end, KIND)
            facts.append(_fact(name.start, name.end, document.text, name.meaning))
    return facts


def _fact(start: int, end: int, text: str, allergen: str) -> Fact:
    return Fact(kind=KIND, key=allergen, start=start, end=end, text=text[start:end])
