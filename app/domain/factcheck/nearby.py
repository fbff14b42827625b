"""Values the notes write near their subject without the reader binding them.

The reader binds a value to its cue only when nothing but small words stand between, so
"Cr up to 4.8", "HCT stable at 28.3" or "NEO ... RETURNED TO 80MCG" leave the value unread.
Before a draft value is flagged, the source is searched for the same number written shortly
after a cue of the same measure, or after a name of the same drug: where it is there, the
draft restates the notes and is not flagged. A number elsewhere in the notes does not count.
A time is looked up as a bare four-digit clock time anywhere in the notes ("OR 0930->CABG",
"2000 c/o nausea"), which the reader binds only after a word such as "at".
"""

import re
from bisect import bisect_left
from collections import defaultdict
from functools import cached_property

from app.domain.factcheck.extract.measurements import cue_spans
from app.domain.factcheck.lexicon import drug_mentions, same_drug
from app.domain.factcheck.numbers import DIGITS, parse_numeral
from app.domain.factcheck.phrases import Words

_BARE_CLOCK = re.compile(
    r"(?<![\d.,/:#])(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)(?![\d/:%]|[.,]\d)"
    r"(?!\s*(?:mg|mcg|ml|cc|g|units?|meq|mmol|kg|lbs?|L|K)\b)",
    re.IGNORECASE,
)
_HALF_DAY = 12 * 60
_NUMBER_AT_END = re.compile(rf"(?<![\w.,])(?:{DIGITS})\Z")
_NUMBER = re.compile(rf"(?<![\w.,])(?:{DIGITS})(?![\d]|[.,]\d)")
MEASURE_REACH = 30
"""Characters after a measure's cue in which its value may stand."""

DRUG_REACH = 90
"""Characters after a drug's name in which its dose may stand."""


class NearbyValues:
    """The numbers of a source text and where its cues and drug names end."""

    def __init__(self, rewritten: str, words: Words) -> None:
        """`rewritten` is the source with its shorthand spelt out; `words` are its words."""
        self._text = rewritten
        self._words = words

    @cached_property
    def _numbers(self) -> tuple[list[int], list[float]]:
        matches = list(_NUMBER.finditer(self._text))
        return (
            [match.start() for match in matches],
            [parse_numeral(match.group()).value for match in matches],
        )

    @cached_property
    def _cues(self) -> dict[str, list[tuple[int, int]]]:
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for kind, start, end in cue_spans(self._words):
            spans[kind].append((start, end))
        return spans

    @cached_property
    def _drugs(self) -> list[tuple[str, int, int]]:
        return [(match.meaning, match.start, match.end) for match in drug_mentions(self._words)]

    @cached_property
    def _clock_minutes(self) -> frozenset[int]:
        return frozenset(
            int(match.group("hour")) * 60 + int(match.group("minute"))
            for match in _BARE_CLOCK.finditer(self._text)
        )

    def clock_written(self, minutes: int, meridiem_known: bool) -> bool:
        """Whether the notes write this time of day as a bare four-digit clock time."""
        if meridiem_known:
            return minutes in self._clock_minutes
        return any(minutes % _HALF_DAY == other % _HALF_DAY for other in self._clock_minutes)

    def near_cue(self, kind: str, number: float) -> bool:
        """Whether the number is written shortly after a cue of this measure, or just before."""
        return any(
            self._between(end, end + MEASURE_REACH, number) or self._just_before(start, number)
            for start, end in self._cues[kind]
        )

    def near_drug(self, drug: str, number: float) -> bool:
        """Whether the number is written shortly after a name of this drug, before the next
        drug named, or right before the name ("1 percocet")."""
        for index, (name, start, end) in enumerate(self._drugs):
            if not same_drug(name, drug):
                continue
            if self._just_before(start, number):
                return True
            limit = end + DRUG_REACH
            if index + 1 < len(self._drugs):
                limit = min(limit, self._drugs[index + 1][1])
            if self._between(end, limit, number):
                return True
        return False

    def _just_before(self, cue_start: int, number: float) -> bool:
        """Whether the number stands right before the cue, parted by spaces only ("48 PTT")."""
        text = self._text
        end = cue_start
        while end > 0 and text[end - 1] == " ":
            end -= 1
        begin = end
        while begin > 0 and (text[begin - 1].isdecimal() or text[begin - 1] in ".,"):
            begin -= 1
        # The number can only lie in the run of digits, points and commas just before: search
        # there, not the whole text before the cue (the lookbehind still sees the text before).
        match = _NUMBER_AT_END.search(text, begin, end)
        return match is not None and parse_numeral(match.group()).value == number

    def _between(self, start: int, end: int, number: float) -> bool:
        starts, values = self._numbers
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        return number in values[first:last]
