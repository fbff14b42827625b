"""Fixed phrases found by looking up words rather than by regular expressions.

The many spellings of a cue, device, body part or drug stay plain, readable lists, and finding
them costs a set intersection and one lookup per candidate, however long the lists grow: a
regular-expression alternation of hundreds of spellings is tried at every character instead.
"""

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from functools import partial
from itertools import accumulate
from typing import NamedTuple

from app.domain.factcheck.numbers import NUMBER_WORDS

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
"""The text cut into gaps and tokens in turn (gap, token, gap, …, gap): one call in C finds
every token, and the lengths of the pieces give each token's offsets, where a match object per
token cost more than the rest of the tokenising."""
_JOINER = re.compile(r"[ \t\-/&.#]{0,3}")
_APOSTROPHE = re.compile(r"['’]")
_LONGEST_PHRASE_WORDS = 5


class Token(NamedTuple):
    """A word or number of the text, with its lowercased form for lookup."""

    start: int
    end: int
    text: str
    word: str
    is_number: bool
    """Whether a number starts here: digits, or a number word such as "two"."""


_make_token = partial(tuple.__new__, Token)
"""A token built from its fields without the named tuple's Python-level __new__."""


class Words:
    """A text split into tokens, with where each lowercased word occurs."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.positions: dict[str, list[int]] = defaultdict(list)
        self.phrase_starts: dict[PhraseIndex, list[int]] = {}
        """Per phrase index, the tokens where one of its phrases may start: looked up once per
        text, not once per search of a part of it."""
        parts = _TOKEN_SPLIT.split(text)
        offsets = list(accumulate(map(len, parts)))
        starts, ends = offsets[0:-1:2], offsets[1::2]
        lowered = text.lower()
        words = [lowered[start:end] for start, end in zip(starts, ends, strict=True)]
        if "'" in text or "’" in text:
            words = [
                _APOSTROPHE.sub("", word) if "'" in word or "’" in word else word for word in words
            ]
        numbers = [word[0].isdigit() or word in NUMBER_WORDS for word in words]
        self.tokens: list[Token] = list(
            map(_make_token, zip(starts, ends, parts[1::2], words, numbers, strict=True))
        )
        for index, word in enumerate(words):
            self.positions[word].append(index)

    def indexes_of(self, words: Iterable[str]) -> list[int]:
        """Indexes of the tokens whose lowercased word is one of `words`, in text order."""
        found = [index for word in words for index in self.positions.get(word, ())]
        return sorted(found)


def word_set(*lines: str) -> frozenset[str]:
    """The words of some lines of space-separated words: a long vocabulary kept readable."""
    return frozenset(word for line in lines for word in line.split())


def phrase_key(phrase: str) -> str:
    """The lookup key of a phrase: its words, lowercased, without apostrophes."""
    return " ".join(_APOSTROPHE.sub("", word.lower()) for word in _TOKEN.findall(phrase))


class PhraseMatch(NamedTuple):
    """Where a phrase was found, what it means, and the tokens it spans."""

    start: int
    end: int
    meaning: str
    first_token: int
    last_token: int


_make_match = partial(tuple.__new__, PhraseMatch)
"""A phrase match built from its fields without the named tuple's Python-level __new__: the
measurement reader alone looks up a few hundred phrases in a note."""


class PhraseIndex:
    """Phrases and what each means; exact phrases match only with their own capitals."""

    def __init__(
        self, phrases: Iterable[tuple[str, str]], exact: Iterable[tuple[str, str]] = ()
    ) -> None:
        self._meanings: dict[str, str] = {}
        self._exact: dict[str, dict[str, str]] = {}
        for spelling, meaning in phrases:
            self._meanings.setdefault(phrase_key(spelling), meaning)
        for spelling, meaning in exact:
            self._exact.setdefault(phrase_key(spelling), {}).setdefault(spelling, meaning)
        keys = [*self._meanings, *self._exact]
        self._first_words = frozenset(key.split(" ", 1)[0] for key in keys)
        self._extendable = frozenset(
            " ".join(words[:length])
            for words in (key.split(" ") for key in keys)
            for length in range(1, len(words))
        )
        """Word runs that begin some longer phrase: only these are worth extending."""
        longest = max((key.count(" ") + 1 for key in keys), default=1)
        self._longest = min(_LONGEST_PHRASE_WORDS, longest)

    def match_at(self, words: Words, index: int) -> PhraseMatch | None:
        """The longest phrase that starts at token `index`."""
        tokens, text = words.tokens, words.text
        first = tokens[index]
        if first.word not in self._first_words:
            return None
        keys = [first.word]
        if first.word in self._extendable:
            for following in range(index + 1, min(index + self._longest, len(tokens))):
                if keys[-1] not in self._extendable:
                    break
                gap_start, gap_end = tokens[following - 1].end, tokens[following].start
                if _JOINER.fullmatch(text, gap_start, gap_end) is None:
                    break
                keys.append(keys[-1] + " " + tokens[following].word)
        start = first.start
        for offset in range(len(keys) - 1, -1, -1):
            end = tokens[index + offset].end
            exact = self._exact.get(keys[offset])
            if exact and text[start:end] in exact:
                return _make_match((start, end, exact[text[start:end]], index, index + offset))
            meaning = self._meanings.get(keys[offset])
            if meaning is not None:
                return _make_match((start, end, meaning, index, index + offset))
        return None

    def find_all(self, words: Words, start: int = 0, end: int | None = None) -> list[PhraseMatch]:
        """Every phrase in text[start:end], left to right, the longest where phrases overlap."""
        stop = len(words.text) if end is None else end
        tokens = words.tokens
        first = bisect_left(tokens, start, key=lambda token: token.start)
        candidates = words.phrase_starts.get(self)
        if candidates is None:
            present = self._first_words & words.positions.keys()
            candidates = words.phrase_starts[self] = words.indexes_of(present)
        found: list[PhraseMatch] = []
        reached = first
        for position in range(bisect_left(candidates, first), len(candidates)):
            index = candidates[position]
            if tokens[index].start >= stop:
                break
            if index < reached:
                continue
            match = self.match_at(words, index)
            if match is not None and match.end <= stop:
                found.append(match)
                reached = match.last_token + 1
        return found
