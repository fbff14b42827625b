"""The text being read: its words, the spans extractors have claimed, and where clauses end.

Extractors run in a fixed order and claim the text they explain, so a later extractor does not
read "20 mEq" of an order as a lab value or "0800" of a time as a volume.
"""

import re
from bisect import bisect_left, bisect_right

from app.domain.factcheck.phrases import Token, Words

_CLAUSE_END = re.compile(r"[\n;?!]|\.(?=\s|\Z)")
_ABBREVIATION_BEFORE_STOP = re.compile(r"(?:\b(?:Dr|Mr|Mrs|Ms|vs|St|(?i:cont))|approx)\Z")
_ABBREVIATION_REACH = 6
_SIGN = "+-−"


def skip_blanks(text: str, position: int) -> int:
    """Where the text goes on after the spaces and tabs at `position` (a line break stops it)."""
    while position < len(text) and text[position] in " \t":
        position += 1
    return position


class Claims:
    """Claimed spans, kept sorted; callers claim only spans that are still free."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._spans: list[tuple[int, int, str]] = []

    def add(self, start: int, end: int, kind: str) -> None:
        """Claim [start, end) for a fact of this kind."""
        index = bisect_left(self._starts, start)
        self._starts.insert(index, start)
        self._spans.insert(index, (start, end, kind))

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The claimed spans sharing at least one character with [start, end), in order."""
        found = []
        index = bisect_right(self._starts, end - 1) - 1
        while index >= 0 and self._spans[index][1] > start:
            found.append(self._spans[index])
            index -= 1
        return found[::-1]

    def is_free(self, start: int, end: int) -> bool:
        return not self.overlapping(start, end)


class Boundaries:
    """Where the clauses of a text end: newlines, semicolons and sentence-ending stops."""

    def __init__(self, text: str) -> None:
        self._ends = [
            match.start()
            for match in _CLAUSE_END.finditer(text)
            if match.group() != "."
            or not _ABBREVIATION_BEFORE_STOP.search(
                text, max(0, match.start() - _ABBREVIATION_REACH), match.start()
            )
        ]

    def crossed(self, start: int, end: int) -> bool:
        """Whether a clause ends anywhere in [start, end)."""
        index = bisect_left(self._ends, start)
        return index < len(self._ends) and self._ends[index] < end

    def clause_start(self, position: int) -> int:
        """The offset just after the last clause end before position."""
        index = bisect_left(self._ends, position) - 1
        return self._ends[index] + 1 if index >= 0 else 0

    def clause_end(self, position: int, text_length: int) -> int:
        """The offset of the first clause end at or after position (the text's end if none)."""
        index = bisect_left(self._ends, position)
        return self._ends[index] if index < len(self._ends) else text_length


class Document:
    """A text being read by the extractors, with its words, claims and clause boundaries."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = Words(text)
        self.tokens: list[Token] = self.words.tokens
        self._number_tokens = [token for token in self.tokens if token.is_number]
        self.claims = Claims()
        self.boundaries = Boundaries(text)

    def claim(self, start: int, end: int, kind: str) -> None:
        self.claims.add(start, end, kind)

    def is_free(self, start: int, end: int) -> bool:
        return self.claims.is_free(start, end)

    def number_led(self, pattern: re.Pattern[str], *, signed: bool = False) -> list[re.Match[str]]:
        """Matches of a pattern that starts with a number, tried only where a number starts.

        With signed=True a "+" or "-" written just before the number may start the match.
        """
        found: list[re.Match[str]] = []
        reached = -1
        for token in self._number_tokens:
            if token.start < reached:
                continue
            match = None
            if signed and token.start > 0 and self.text[token.start - 1] in _SIGN:
                match = pattern.match(self.text, token.start - 1)
            match = match or pattern.match(self.text, token.start)
            if match is not None:
                found.append(match)
                reached = match.end()
        return found

    def tokens_where(self, words: frozenset[str] | set[str]) -> list[int]:
        """Indexes of the tokens whose lowercased word is one of `words`, in text order."""
        return self.words.indexes_of(words & self.words.positions.keys())
