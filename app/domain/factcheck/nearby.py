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

from app.domain.factcheck.extract.measurements import (
    DECADE_PARTS,
    cue_spans,
    named_measure_ends,
)
from app.domain.factcheck.lexicon import drug_mentions, same_drug_or_class
from app.domain.factcheck.numbers import DIGITS, parse_numeral
from app.domain.factcheck.phrases import Words

# The patterns that scan the whole text (the clock times, numbers, and words of change) open
# with a look-ahead for their first character: the engine skips to it rather than test the
# look-behind (or word boundary) after it at every character.
_BARE_CLOCK = re.compile(
    r"(?=[012])(?<![\d.,/:#])(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)(?![\d/:%]|[.,]\d)"
    r"(?!\s*(?:mg|mcg|ml|cc|g|units?|meq|mmol|kg|lbs?|L|K)\b)",
    re.IGNORECASE,
)
_HALF_DAY = 12 * 60
_DOSE_OF_NEXT_DRUG = re.compile(
    rf"(?<![\w.,])(?:{DIGITS})\s*[A-Za-z]{{0,6}}\.?"
    r"(?:\s+(?i:po|iv|ivp|sq|sc|sl|pr|im|ng|og|pt|per\s+(?:ngt|ogt|gt|peg)))?\s*\Z"
)
"""A dose written right before the next drug's name, a route between or none ("… and another
2mg ativan", "25mg captopril, 50mg po lopressor"): that drug's, not the one named before it."""
_NUMBER_AT_END = re.compile(rf"(?<![\w.,])(?:{DIGITS})\Z")
_NUMBER = re.compile(rf"(?=\d)(?<![\w.,])(?:{DIGITS})(?![\d]|[.,]\d|'?[sS]\b)")
"""A number, but not a decade's tens ("80s" is not 80)."""
_DECADE = re.compile(
    rf"(?:\b(?P<part>{'|'.join(DECADE_PARTS)})\s+(?:the\s+)?)?"
    r"(?<![\w.,])(?P<tens>[1-9]\d*0)'?[sS]\b",
    re.IGNORECASE,
)
MEASURE_REACH = 30
"""Characters after a measure's cue in which its value may stand."""

TREND_REACH = 100
"""Characters after a measure's cue in which a value it moved to may stand, with no other cue
between ("Creatinine of 1.4. During the stay it was decreased to 0.8")."""
_TREND_TO = re.compile(
    r"(?=[diurfctw])\b(?:decreased|increased|down|up|rose|risen|fell|fallen|dropped|climbed|improved|"
    r"trended|went)\s+to\s*",
    re.IGNORECASE,
)

DRUG_REACH = 90
"""Characters after a drug's name in which its dose may stand."""


_NEXT_SECTION = re.compile(r"\n(?:[ \t]*\n|[ \t]*[A-Za-z][A-Za-z/& ]{1,24}(?::|--?|=))")
"""A line that opens another part of the notes ("\ncardiac: pt in nsr 80-90", "\n PULM=RESTED"),
or a blank line: a drug's dose is not written there. A line break alone may only wrap the
line."""


_LABELLED_VALUE = re.compile(r"[ \t]*(?:[:=<>~]|of|at|is|was)?[ \t]*(?=\d)")
"""What may stand between a measure's name and its value: where it ends, the value starts."""


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
    def _decades(self) -> list[tuple[int, float, float]]:
        """Each decade written ("high 80s"): where it starts and the lowest and highest value
        it spans."""
        decades = []
        for match in _DECADE.finditer(self._text):
            tens = float(match["tens"])
            low, high = DECADE_PARTS.get((match["part"] or "").lower(), (0, 9))
            decades.append((match.start("tens"), tens + low, tens + high))
        return decades

    @cached_property
    def _cues(self) -> dict[str, list[tuple[int, int]]]:
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for kind, start, end in cue_spans(self._words):
            spans[kind].append((start, end))
        return spans

    @cached_property
    def _trend_values(self) -> tuple[list[int], list[float]]:
        """Numbers written after a word of change and "to" ("decreased to 0.8")."""
        starts: list[int] = []
        values: list[float] = []
        for trend in _TREND_TO.finditer(self._text):
            number = _NUMBER.match(self._text, trend.end())
            if number is not None:
                starts.append(number.start())
                values.append(parse_numeral(number.group()).value)
        return starts, values

    @cached_property
    def _unlabelled_numbers(self) -> tuple[list[int], list[float]]:
        """The numbers no measure's name stands right before ("cvp 6", "map<60"): a drug's
        dose may be one of these, not one of those. A drug's own name is no such measure
        ("digoxin .125" is a dose, though "digoxin" also names its level)."""
        drug_ends = {end for _, _, end in self._drugs}
        labelled = {
            value.end()
            for cue_end in named_measure_ends(self._words)
            if cue_end not in drug_ends
            and (value := _LABELLED_VALUE.match(self._text, cue_end)) is not None
        }
        starts, values = self._numbers
        kept = [index for index, start in enumerate(starts) if start not in labelled]
        return [starts[index] for index in kept], [values[index] for index in kept]

    @cached_property
    def _cue_starts(self) -> list[int]:
        return sorted(start for spans in self._cues.values() for start, _ in spans)

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

    def near_cue(self, kind: str, number: float, upto: float | None = None) -> bool:
        """Whether the number is written shortly after a cue of this measure, or just before;
        for a decade (`number` up to `upto`: "mid 80s"), whether a decade it overlaps is
        ("FSBG stable X 3 in 160's")."""
        if upto is not None:
            return any(
                end <= start < end + MEASURE_REACH and low <= upto and number <= high
                for _, end in self._cues[kind]
                for start, low, high in self._decades
            )
        return any(
            self._between(end, end + MEASURE_REACH, number)
            or self._just_before(start, number)
            or self._between(end, self._trend_limit(end), number, self._trend_values)
            for start, end in self._cues[kind]
        )

    def _trend_limit(self, cue_end: int) -> int:
        """Where the reach of a cue for a value it moved to ends: at the next cue."""
        index = bisect_left(self._cue_starts, cue_end)
        following = self._cue_starts[index] if index < len(self._cue_starts) else len(self._text)
        return min(cue_end + TREND_REACH, following)

    def near_drug(self, drug: str, number: float) -> bool:
        """Whether the number is written shortly after a name of this drug, before the next
        drug named and the next part of the notes, unless a measure's name stands right before it
        ("levo w/bp 90-104/50, … cvp 6": the 6 is the CVP's), or right before the drug's name
        ("1 percocet")."""
        for index, (name, start, end) in enumerate(self._drugs):
            if not same_drug_or_class(name, drug):
                continue
            if self._just_before(start, number):
                return True
            limit = end + DRUG_REACH
            next_section = _NEXT_SECTION.search(self._text, end, limit)
            if next_section is not None:
                limit = next_section.start()
            if index + 1 < len(self._drugs) and self._drugs[index + 1][1] <= limit:
                limit = self._drugs[index + 1][1]
                dose_of_next = _DOSE_OF_NEXT_DRUG.search(self._text, end, limit)
                if dose_of_next is not None:
                    limit = dose_of_next.start()
            if self._between(end, limit, number, self._unlabelled_numbers):
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

    def _between(
        self,
        start: int,
        end: int,
        number: float,
        numbers: tuple[list[int], list[float]] | None = None,
    ) -> bool:
        starts, values = self._numbers if numbers is None else numbers
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        return number in values[first:last]
