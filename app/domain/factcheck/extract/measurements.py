"""Numbers bound to what they measure: "BP 142/88", "heart rate of 96", "96 bpm", "850 mL urine".

A cue binds the first number after it when only words separate them (no other number, no end
of clause, nothing another extractor has claimed, at most a short phrase such as "was" or
"this morning of"). Trends after a bound value ("88-102", "158/92 -> 146/86") bind to the same
measure. Numbers left over are bound by their units ("mmHg", "bpm", "°F", "kg", "/10") or by a
cue that follows them ("850 mL urine", "1320 in"). A number a cue cannot hold (a dose unit after
"potassium", a heart rate of 500) is left unbound rather than misread.
"""

import re
from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

from app.domain.factcheck.extract.measure_catalogue import (
    MEASURE_BY_KIND,
    MEASURES,
    PAIRED,
    VITAL_SIGNS_LIST,
    Measure,
    PairedMeasure,
    VitalSignsList,
)
from app.domain.factcheck.extract.oxygen import SPO2_CONTEXT_AFTER, SPO2_CONTEXT_BEFORE
from app.domain.factcheck.facts import BloodPressure, Fact, Value
from app.domain.factcheck.numbers import NOT_INSIDE_A_NUMBER, NUMBER, Numeral, parse_numeral
from app.domain.factcheck.phrases import PhraseIndex, PhraseMatch, Words, word_set
from app.domain.factcheck.spans import Document, skip_blanks
from app.domain.factcheck.units import UNIT, UNITS, Quantity, unit_symbol

_VALUE = re.compile(
    rf"{NOT_INSIDE_A_NUMBER}(?P<sign>[+\-−](?=\d))?(?P<number>{NUMBER})(?!\.?\d)(?P<decade>(?<=\d0)s)?"
    rf"(?:\s*(?:/|\bover\b)\s*(?P<second>{NUMBER})(?!\.?\d))?"
    rf"(?:\s*out\s+of\s+(?P<out_of>10)\b)?"
    rf"(?:\s*(?(second)(?!hr\b))(?P<unit>{UNIT})(?![ \t]*\d))?(?!\w|/\s*\d)",
    re.IGNORECASE,
)
"""A number, or a pair over a slash, with its unit. A pair is not given "hr": after a blood
pressure it opens the heart rate ("88-95/50 HR increased"), and a pair is no count of hours."""
_TIGHT_GAP = re.compile(
    r"\+?[ \t]*(?:[:=]|(?:was|is|at|of)(?=[ \t]))?[ \t]*(?:(?:down|up)[ \t]+to[ \t]+)?",
    re.IGNORECASE,
)
"""What may part a short cue from its value: a colon, an equals sign, or one of "was", "is",
"at", "of" ("K was 3.4", "CO AT 7.2", "CI of 4.0"), and a change's "down to" or "up to" ("pH
was down to 7.14")."""
_MAX_GAP = 40
_MAX_TRAILING_GAP = 30
_CONTINUATION = re.compile(
    r"\s*/?\s*(?:,\s*)?(?:(?:-|–|—|to|→|->|then|and|now|today|tod|yest(?:erday)?|down\s+to"
    r"|up\s+to|improved\s+to|(?:[-–—]\s*)?(?:(?:which|that)\s+(?:has\s+|then\s+)?)?(?:ris(?:ing|es|en)|rose"
    r"|increas(?:ing|ed)|drop(?:ping|ped)|fall(?:ing|s)|fell|decreas(?:ing|ed)|climb(?:ing|ed))"
    r"\s+to(?:\s+the)?)\s*(?:,\s*)?)",
    re.IGNORECASE,
)
"""What joins a value to the next of the same measure: a range's dash, a trend ("then", "which
decreased to"), or the day each was read ("wbc yest 13.9 today 16.3", "13.9 yesterday, 16.3
today")."""
_LIST_CONTINUATION = re.compile(r"\s*,\s*")
_SECOND_OF_A_CUE_PAIR = re.compile(r"(?<!\d)/\Z")
"""What stands right before the second cue of a pair ("BUN/Cr", "H/H"), which the pair reads:
not a value ("BUN 25/Cr 1.2" gives the creatinine its own)."""
_SIDE = r"(?:left|right|lt|rt|[LR])\.?(?:\s+(?:pupil|eye))?"
_SIDE_CONTINUATION = re.compile(
    rf"(?:\s+\w+)?\s*(?:[,;]\s*(?:and\s+)?(?:the\s+)?(?:{_SIDE}\s*)?|(?:and\s+)?(?:the\s+)?{_SIDE}\s*)",
    re.IGNORECASE,
)
"""Between one side's value and the other's ("3mm brisk, left 5mm", "4mm right, 6mm left")."""
_RANGE_JOINER = re.compile(r"[ \t]*(?:-|–|to)[ \t]*", re.IGNORECASE)
_PRESSURE_RANGE_JOINER = re.compile(r"[ \t]*(?:-|–|->|→)[ \t]*")
DECADE_PARTS = {
    "low": (0, 3),
    "lower": (0, 3),
    "mid": (3, 7),
    "middle": (3, 7),
    "high": (6, 9),
    "upper": (6, 9),
}
"""Which part of a decade a qualifier names: the low 90s are 90 to 93, the high 80s 86 to 89."""
_QUALIFIER_REACH = 8
_UNLABELLED_SYSTOLIC_LOW = 50
"""Below this an unlabelled pressure pair is more likely a pulmonary artery pressure."""
_COMPARATOR_SIGNS = ("<", ">", "≤", "≥", "=")
_COMPARATOR_WORDS = word_set("than above below under over")
"""Words that end a comparison before a number ("less than 7", "above 92%")."""
_GOAL_BEFORE = re.compile(
    r"\b(?:goal|target|keep|maintain|parameters?|titrate\s+to|call\s+if|notify\s+if|hold\s+if|"
    r"transfuse\s+(?:for|if))\b",
    re.IGNORECASE,
)
_GOAL_REACH = 24
_NEGATIVE_WORDS = re.compile(r"\b(?:negative|neg|minus)\b", re.IGNORECASE)
_WORD_NUMBER = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"(?<![A-Za-z])\d")
"""A digit that starts a number, not one inside a word such as "q1h" or "x4"."""
_GOAL_WORDS = word_set(
    "goal target keep maintain parameter parameters titrate call notify hold transfuse"
)
_FREE_IN_GAPS = frozenset({"time", "date"})
_INTERVAL = re.compile(
    r"(?-i:[EeQqFfOo])(?<!\w.)(?:(?<=e)very|(?<=q)|(?<=f)or|(?<=o)ver)"
    r"\s+\d+(?:\s*(?:-|to)\s*\d+)?\s*"
    r"(?:hours?|hrs?|h|minutes?|mins?|days?|weeks?)\b",
    re.IGNORECASE,
)
r"""How often or how long ("checked every 3 hours", "for 2 days"): its number is no reading, so
"ionized calcium checked every 3 hours, last 1.01" binds 1.01. It is "\b(?:every|q|for|over)"
written from a class of the first letters that the engine skips to (where case is ignored, a
class with letters, or a look-ahead, lets it skip nowhere), each word then checking its own
first letter behind it."""
_VITALS_LIST_REACH = 120
_FAHRENHEIT_FROM = 50
"""A temperature written without a unit is Fahrenheit from this value up."""
_PLAUSIBLE_TEMPERATURE = {"C": (30.0, 45.0), "F": (86.0, 113.0)}
_KIND_BY_UNIT = {
    "C": "vital.temp",
    "F": "vital.temp",
    "kg": "weight",
    "lb": "weight",
    "bpm": "vital.hr",
    "breaths/min": "vital.rr",
}
"""Units that name their measure, so the number needs no cue ("101.2 °F", "82 kg")."""


_SCORE_OUT_OF_TEN = re.compile(r"\s*\d+(?:\s*-\s*\d+)?\s*/\s*10\b")
_COMPLAINS_OF = "c/o"
"""A nurse's "c/o" is "complains of" ("c/o pain"); only a value right after it makes it the
cardiac output its letters spell ("C/O 5.6/67")."""
_PAIR_OPENED_BY = {paired.first: paired for paired in PAIRED}
"""A cue of the first measure of a pair, before a slash pair, names both ("C.O. 3.6/2.13" is the
cardiac output and index, "Hgb 9.1/27" the hemoglobin and hematocrit)."""


_HOURS = frozenset({"hr", "hrs"})
_NUMBER_JUST_BEFORE = re.compile(r"\d ?\Z")
"""A number right before "hr" may make it hours ("1hr post transfusion", "2 hrs ago")."""


class _Cue(NamedTuple):
    start: int
    end: int
    subject: Measure | PairedMeasure | VitalSignsList
    tight: bool
    """The value must follow at once ("K 3.2", "in 1,320 mL")."""
    weak: bool
    """The value must carry one of the measure's units."""


_LOWER_CASE_CUES = frozenset({"FS", "BS", "FSBS", "K", "TM", "CO", "CI", "CR"})
"""Capitalised cues that mixed-case notes also write in lower case ("bs 206", "k 3.4")."""


def exact_spellings(measure: Measure) -> tuple[str, ...]:
    """Every way the measure's exact cues are read: as written, in capitals (a note written in
    capitals: "CA"), and in lower case where mixed-case notes write them so ("bs 206")."""
    lower = [cue.lower() for cue in measure.exact_cues if cue.upper() in _LOWER_CASE_CUES]
    return tuple(dict.fromkeys((*measure.exact_cues, *map(str.upper, measure.exact_cues), *lower)))


def _cue_index() -> tuple[PhraseIndex, dict[str, _Cue]]:
    """All cue phrases; each meaning names a template _Cue (without a position)."""
    phrases: list[tuple[str, str]] = []
    exact: list[tuple[str, str]] = []
    templates: dict[str, _Cue] = {}
    for measure in MEASURES:
        for strength, spellings, tight, weak in (
            ("strong", measure.cues, False, False),
            ("weak", measure.weak_cues, False, True),
            ("adjacent", measure.adjacent_cues, True, True),
        ):
            meaning = f"{measure.kind} {strength}"
            templates[meaning] = _Cue(0, 0, measure, tight, weak)
            phrases.extend((spelling, meaning) for spelling in spellings)
        meaning = f"{measure.kind} exact"
        templates[meaning] = _Cue(0, 0, measure, True, False)
        exact.extend((spelling, meaning) for spelling in exact_spellings(measure))
    for index, paired in enumerate(PAIRED):
        meaning = f"paired {index}"
        templates[meaning] = _Cue(0, 0, paired, False, False)
        phrases.extend((spelling, meaning) for spelling in paired.cues)
    templates["vital signs"] = _Cue(0, 0, VITAL_SIGNS_LIST, False, False)
    phrases.extend((spelling, "vital signs") for spelling in VITAL_SIGNS_LIST.cues)
    exact.extend((spelling, "vital signs") for spelling in VITAL_SIGNS_LIST.exact_cues)
    return PhraseIndex(phrases, exact), templates


_CUES, _CUE_TEMPLATES = _cue_index()


@lru_cache(maxsize=4)
def cue_matches(words: Words) -> tuple[PhraseMatch, ...]:
    """Every measure cue in a text's words, remembered for the few texts being checked (by
    identity): the reader and the look-up of unbound values both ask."""
    return tuple(_CUES.find_all(words))


def named_measure_ends(words: Words) -> list[int]:
    """Where each cue that names its measure outright ends ("bp", "cvp", "PEEP"; not a weak or
    adjacent cue such as "in", nor an "hr" after a slash: "1000U/HR"), in text order."""
    return [
        match.end
        for match in cue_matches(words)
        if not match.meaning.endswith((" weak", " adjacent"))
        and match.meaning != "vital signs"
        and words.text[match.start - 1 : match.start] != "/"
    ]


def cue_spans(words: Words) -> list[tuple[str, int, int]]:
    """Where each measure's cue stands in a text, as (kind, start, end): for looking up a value
    written near its cue in a way the reader does not bind ("Cr up to 4.8", "48 PTT")."""
    found: list[tuple[str, int, int]] = []
    for match in cue_matches(words):
        template = _CUE_TEMPLATES[match.meaning].subject
        if isinstance(template, Measure):
            found.append((template.kind, match.start, match.end))
        elif isinstance(template, PairedMeasure):
            found.append((template.first, match.start, match.end))
            found.append((template.second, match.start, match.end))
    return found


def extract_measurements(document: Document) -> list[Fact]:
    """Vital signs, weights, intake and output, labs and scores, as bound values."""
    reader = _Reader(document)
    reader.bind_after_cues()
    reader.bind_before_cues()
    reader.bind_by_units()
    reader.bind_vital_sign_lists()
    return sorted(reader.facts, key=lambda fact: fact.start)


class _Reader:
    """One pass over a document's numbers and cues, remembering which are already bound."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.text
        self.intervals = [match.span() for match in _INTERVAL.finditer(self.text)]
        self.values = [
            match
            for match in document.number_led(_VALUE, signed=True)
            if document.is_free(match.start(), match.end()) and not self._in_interval(match.start())
        ]
        self.value_starts = [value.start() for value in self.values]
        self.cues = self._find_cues()
        self.cue_at = {cue.start: cue for cue in self.cues}
        self.bound: set[int] = set()
        self.used_cues: set[int] = set()
        self.facts: list[Fact] = []
        self.mentions_goals = bool(_GOAL_WORDS & document.words.positions.keys())

    def _find_cues(self) -> list[_Cue]:
        """Free cues; a tight cue is kept only beside a value, so that an ordinary "in" or a
        lone "R" does not cut short the reach of the cue before it."""
        cues = []
        for match in cue_matches(self.document.words):
            if not self.document.is_free(match.start, match.end):
                continue
            if _SECOND_OF_A_CUE_PAIR.search(self.text, max(0, match.start - 2), match.start):
                continue
            if self._complains_of(match):
                continue
            if self._hours_after_a_number(match):
                continue
            cue = _CUE_TEMPLATES[match.meaning]._replace(start=match.start, end=match.end)
            if (
                not cue.tight
                or self._value_right_after(cue.end, needs_unit=cue.weak)
                or self._value_right_before(cue)
            ):
                cues.append(cue)
        return cues

    def _complains_of(self, match: PhraseMatch) -> bool:
        """Whether this "c/o" is "complains of": not followed by a value, or followed by a
        pain score ("c/o 3/10 l back pain")."""
        if self.text[match.start : match.end].lower() != _COMPLAINS_OF:
            return False
        return not self._value_right_after(match.end, needs_unit=False) or bool(
            _SCORE_OUT_OF_TEN.match(self.text, match.end)
        )

    def _hours_after_a_number(self, match: PhraseMatch) -> bool:
        """Whether this "hr" is the hours of a number before it ("1hr post transfusion"), not
        the heart rate's cue, which a value follows ("PR 0.24 HR 70")."""
        text = self.text
        return (
            text[match.start : match.end].lower() in _HOURS
            and _NUMBER_JUST_BEFORE.search(text, max(0, match.start - 3), match.start) is not None
            and not self._value_right_after(match.end, needs_unit=False)
        )

    def _value_right_after(self, position: int, *, needs_unit: bool) -> bool:
        """Whether a value stands right after; for a cue that only reads a value with a unit,
        one with a unit ("in 1,320 mL", but not the "in" of "MAPs in 90s")."""
        gap = _TIGHT_GAP.match(self.text, position)
        value_start = gap.end() if gap else position
        index = bisect_left(self.value_starts, value_start)
        if index >= len(self.values) or self.value_starts[index] != value_start:
            return False
        return not needs_unit or self.values[index].group("unit") is not None

    def _value_right_before(self, cue: _Cue) -> bool:
        value_first = isinstance(cue.subject, Measure) and cue.subject.value_first
        if not (cue.weak or value_first):
            return False
        index = bisect_left(self.value_starts, cue.start) - 1
        return index >= 0 and self.text[self.values[index].end() : cue.start].strip() == ""

    def bind_after_cues(self) -> None:
        for index, cue in enumerate(self.cues):
            next_cue = self.cues[index + 1].start if index + 1 < len(self.cues) else len(self.text)
            value_index = self._first_value_after(cue.end, min(next_cue, cue.end + _MAX_GAP))
            if value_index is None:
                continue
            value = self.values[value_index]
            if not self._gap_is_words(cue.end, value.start(), tight=cue.tight):
                continue
            if isinstance(cue.subject, VitalSignsList):
                continue
            if self._written_value_first(cue, value):
                continue
            if isinstance(cue.subject, PairedMeasure):
                self._bind_pair(cue.subject, cue.start, value_index)
                continue
            pair = _PAIR_OPENED_BY.get(cue.subject.kind)
            if pair is not None and value.group("second") is not None and not value.group("unit"):
                self._bind_pair(pair, cue.start, value_index)
                continue
            range_unit = self._range_unit(value_index)
            if range_unit not in cue.subject.units:
                range_unit = None
            fact = self._bind(cue.subject, value_index, cue.start, weak=cue.weak, unit=range_unit)
            if fact is not None:
                self.used_cues.add(cue.start)
                self._bind_continuation(cue.subject, value_index)

    def _written_value_first(self, cue: _Cue, value: re.Match[str]) -> bool:
        """Whether the text writes each value before its cue here, so that the value after this
        cue is the next cue's ("5 PEEP ..10 PS"): a value stands right before this cue, and the
        one after it stands right before another cue that may follow its value."""
        following = self.cue_at.get(skip_blanks(self.text, value.end()))
        if following is None or not isinstance(following.subject, Measure):
            return False
        if not following.subject.value_first:
            return False
        index = bisect_left(self.value_starts, cue.start) - 1
        return index >= 0 and not self.text[self.values[index].end() : cue.start].strip()

    def _range_unit(self, index: int) -> str | None:
        """The unit of the range this value opens, written once after its second value
        ("urine 30-50cc", "pupils 3-4 mm"), or None."""
        if index + 1 >= len(self.values) or self.values[index].group("unit"):
            return None
        value, following = self.values[index], self.values[index + 1]
        if not following.group("unit"):
            return None
        if _RANGE_JOINER.fullmatch(self.text, value.end(), following.start()) is None:
            return None
        return unit_symbol(following.group("unit"))

    def bind_before_cues(self) -> None:
        for cue in self.cues:
            measure = cue.subject
            if cue.start in self.used_cues or not isinstance(measure, Measure):
                continue
            if not (cue.weak or measure.value_first):
                continue
            index = bisect_left(self.value_starts, cue.start) - 1
            if index < 0 or index in self.bound:
                continue
            value = self.values[index]
            gap = self.text[value.end() : cue.start]
            if len(gap) > _MAX_TRAILING_GAP or not self._gap_is_words(value.end(), cue.start):
                continue
            if cue.tight and gap.strip():
                continue
            if self._bind(measure, index, value.start(), weak=cue.weak) is not None:
                self._bind_range_opening(measure, index - 1)

    def _bind_range_opening(self, measure: Measure, index: int) -> None:
        """The first end of a range whose second end a cue after it bound ("30-50cc/hour via
        foley"): the range is one reading, its unit written once."""
        if index < 0 or index in self.bound:
            return
        unit = self._range_unit(index)
        if unit is not None and unit in measure.units:
            self._bind(measure, index, self.values[index].start(), weak=False, unit=unit)

    def bind_by_units(self) -> None:
        for index, value in enumerate(self.values):
            if index in self.bound:
                continue
            kind = self._kind_from_unit(value)
            if kind is not None:
                measure = MEASURE_BY_KIND[kind]
                if self._bind(measure, index, value.start(), weak=False) is not None:
                    self._bind_range_opening(measure, index - 1)
            elif self._opens_pressure_range(index):
                self._bind_pressure_range(index)

    def _opens_pressure_range(self, index: int) -> bool:
        """Whether two slash pairs joined by a dash stand here ("110/60-140/80", and the
        rewritten "68-142/44-80"): a range of blood pressures, whatever cue it lost."""
        if index + 1 >= len(self.values) or index + 1 in self.bound:
            return False
        value, following = self.values[index], self.values[index + 1]
        return (
            value.group("second") is not None
            and following.group("second") is not None
            and not value.group("unit")
            and _PRESSURE_RANGE_JOINER.fullmatch(self.text, value.end(), following.start())
            is not None
        )

    def _bind_pressure_range(self, index: int) -> None:
        pressure = MEASURE_BY_KIND["vital.bp"]
        readings = [_reading(pressure, self.values[at], weak=False) for at in (index, index + 1)]
        if not all(
            isinstance(reading, BloodPressure) and reading.systolic >= _UNLABELLED_SYSTOLIC_LOW
            for reading in readings
        ):
            return
        for at in (index, index + 1):
            self._bind(pressure, at, self.values[at].start(), weak=False)

    def bind_vital_sign_lists(self) -> None:
        """Bind the unlabelled numbers of a vital-signs list by their shape, one per measure."""
        bound_at = [(fact.kind, fact.start) for fact in self.facts]
        for cue in self.cues:
            if not isinstance(cue.subject, VitalSignsList):
                continue
            clause_end = self.document.boundaries.clause_end(cue.end, len(self.text))
            end = min(clause_end, cue.end + _VITALS_LIST_REACH)
            stated = {kind for kind, position in bound_at if cue.end <= position < end}
            index = bisect_left(self.value_starts, cue.end)
            while index < len(self.values) and self.value_starts[index] < end:
                if index not in self.bound:
                    for kind in _unlabelled_vital_kinds(self.values[index]):
                        value_start = self.value_starts[index]
                        measure = MEASURE_BY_KIND[kind]
                        if kind not in stated and self._bind(
                            measure, index, value_start, weak=False
                        ):
                            stated.add(kind)
                            break
                index += 1

    def _kind_from_unit(self, value: re.Match[str]) -> str | None:
        symbol = unit_symbol(value.group("unit")) if value.group("unit") else None
        has_second = value.group("second") is not None
        if symbol == "mmHg" and has_second:
            return "vital.bp"
        if symbol in _KIND_BY_UNIT:
            return _KIND_BY_UNIT[symbol]
        if symbol is None and has_second and _number(value.group("second")) == 10:
            return "vital.pain"
        if symbol == "%" and (
            SPO2_CONTEXT_AFTER.match(self.text, value.end())
            or SPO2_CONTEXT_BEFORE.search(self.text, max(0, value.start() - 20), value.start())
        ):
            return "vital.spo2"
        return None

    def _first_value_after(self, position: int, limit: int) -> int | None:
        index = bisect_left(self.value_starts, position)
        if index < len(self.values) and self.value_starts[index] < limit:
            return index
        return None

    def _gap_is_words(self, start: int, end: int, *, tight: bool = False) -> bool:
        """Whether only words (or claimed times and dates) stand between start and end."""
        if tight:
            return _TIGHT_GAP.fullmatch(self.text, start, end) is not None
        if self.document.boundaries.crossed(start, end):
            return False
        position = start
        for claim_start, claim_end, kind in self.document.claims.overlapping(start, end):
            if kind not in _FREE_IN_GAPS or self._digit_between(position, claim_start):
                return False
            position = claim_end
        return not self._digit_between(position, end)

    def _digit_between(self, start: int, end: int) -> bool:
        """Whether a number starts in [start, end), other than the count of an interval."""
        return any(
            not self._in_interval(digit.start()) for digit in _DIGIT.finditer(self.text, start, end)
        )

    def _in_interval(self, position: int) -> bool:
        return any(low <= position < high for low, high in self.intervals)

    def _bind(
        self, measure: Measure, index: int, start: int, *, weak: bool, unit: str | None = None
    ) -> Fact | None:
        """Bind a value to a measure; `unit` is the unit of the range the value opens, where
        only the range's second value writes it."""
        if index in self.bound:
            return None
        value = self.values[index]
        reading = _reading(measure, value, weak=weak, unit=unit)
        if reading is None:
            return None
        negative = measure.signed and _is_negative(value, self.text[start : value.start()])
        if negative and isinstance(reading, Quantity):
            reading = Quantity(-abs(reading.magnitude), reading.unit, reading.decimals)
        self.bound.add(index)
        fact = Fact(
            kind=measure.kind,
            key="",
            start=start,
            end=value.end(),
            text=self.text[start : value.end()],
            attributes=(("value", reading),),
            target=self._is_target(start, value.start()),
        )
        self.facts.append(fact)
        return fact

    def _bind_continuation(self, measure: Measure, index: int) -> None:
        while index + 1 < len(self.values):
            value, following = self.values[index], self.values[index + 1]
            joiner = _CONTINUATION.fullmatch(self.text, value.end(), following.start())
            if joiner is None and measure.shape == "pressure":
                joiner = _LIST_CONTINUATION.fullmatch(self.text, value.end(), following.start())
            if joiner is None and measure.sided:
                joiner = _SIDE_CONTINUATION.fullmatch(self.text, value.end(), following.start())
            if joiner is None:
                return
            if self._bind(measure, index + 1, following.start(), weak=False) is None:
                return
            index += 1

    def _bind_pair(self, paired: PairedMeasure, cue_start: int, index: int) -> None:
        value = self.values[index]
        if value.group("second") is None:
            return
        self.bound.add(index)
        for kind, group, start in (
            (paired.first, "number", cue_start),
            (paired.second, "second", value.start("second")),
        ):
            measure = MEASURE_BY_KIND[kind]
            numeral = parse_numeral(value.group(group))
            reading = Quantity(numeral.value, None, numeral.decimals)
            if not measure.low <= numeral.value <= measure.high:
                continue
            end = value.end(group)
            self.facts.append(
                Fact(
                    kind=kind,
                    key="",
                    start=start,
                    end=end,
                    text=self.text[start:end],
                    attributes=(("value", reading),),
                )
            )

    def _is_target(self, start: int, value_start: int) -> bool:
        before_value = self.text[max(start, value_start - _GOAL_REACH) : value_start].rstrip()
        if before_value.endswith(_COMPARATOR_SIGNS):
            return True
        last_word = before_value.rsplit(None, 1)[-1].lower() if before_value else ""
        if last_word in _COMPARATOR_WORDS:
            return True
        if not self.mentions_goals:
            return False
        clause_start = max(self.document.boundaries.clause_start(start), start - _GOAL_REACH)
        return bool(_GOAL_BEFORE.search(self.text, clause_start, value_start))


def _unlabelled_vital_kinds(value: re.Match[str]) -> tuple[str, ...]:
    """The vital signs an unlabelled number in a vital-signs list may be, most likely first."""
    if value.group("second") is not None:
        return ("vital.bp",)
    if value.group("unit"):
        return ("vital.spo2",) if unit_symbol(value.group("unit")) == "%" else ("vital.temp",)
    if "." in value.group("number"):
        return ("vital.temp",)
    return ("vital.hr", "vital.rr")


def _number(written: str) -> float:
    return parse_numeral(written).value


def _is_negative(value: re.Match[str], before: str) -> bool:
    sign = value.group("sign")
    if sign:
        return sign in "-−"
    return bool(_NEGATIVE_WORDS.search(before))


def _reading(
    measure: Measure, value: re.Match[str], *, weak: bool, unit: str | None = None
) -> Value | None:
    """The value a measure reads from a number, or None when the number cannot be one;
    `unit` is the unit the number takes from the range it opens."""
    symbol = unit or (unit_symbol(value.group("unit")) if value.group("unit") else None)
    if symbol is None:
        unit_fits = not weak and not _WORD_NUMBER.match(value.group("number"))
    else:
        unit_fits = symbol in measure.units
    if not unit_fits:
        return None
    if value.group("decade"):
        return _decade(measure, value)
    return _shaped(measure, value, symbol)


def _shaped(measure: Measure, value: re.Match[str], symbol: str | None) -> Value | None:
    """A number read by the shape of its measure: a pressure, a score, or an amount."""
    if measure.shape == "pressure":
        return _pressure(measure, value)
    if measure.shape == "score10":
        return _score_of_ten(value)
    if value.group("second") is not None:
        return None
    if measure.kind == "vital.temp":
        return _temperature(value, symbol)
    return _amount(measure, value, symbol)


def _score_of_ten(value: re.Match[str]) -> Quantity | None:
    second = value.group("second")
    out_of_ten = (second is not None and _number(second) == 10) or value.group("out_of")
    first = parse_numeral(value.group("number"))
    if not out_of_ten or first.value > 10:
        return None
    return Quantity(first.value, None, first.decimals)


def _amount(measure: Measure, value: re.Match[str], symbol: str | None) -> Quantity | None:
    first = parse_numeral(value.group("number"))
    if symbol is None and measure.per_microlitre_from is not None:
        first = _in_thousands(first, measure.per_microlitre_from)
    unit = UNITS.get(symbol) if symbol else None
    converts = unit is not None and unit.dimension in {"volume", "weight"}
    base = unit.to_base(first.value) if unit is not None and converts else first.value
    if not measure.low <= base <= measure.high:
        return None
    return Quantity(first.value, symbol, first.decimals)


def _decade(measure: Measure, value: re.Match[str]) -> Quantity | BloodPressure | None:
    """A reading written as a decade ("80s", "mid 80s", "high 90s"): the values it spans. A
    pressure's decade is its systolic's ("SBP 130s", "BP 90s"); scores are not read this way."""
    if measure.shape == "score10" or value.group("second") is not None or value.group("unit"):
        return None
    tens = _number(value.group("number"))
    before = value.string[max(0, value.start() - _QUALIFIER_REACH) : value.start()].split()
    qualifier = before[-1].lower() if before else ""
    low, high = DECADE_PARTS.get(qualifier, (0, 9))
    if not measure.low <= tens + low and tens + high <= measure.high:
        return None
    if measure.shape == "pressure":
        return BloodPressure(int(tens + low), None, systolic_upto=int(tens + high))
    return Quantity(tens + low, None, 0, upto=tens + high)


def _in_thousands(numeral: Numeral, per_microlitre_from: float) -> Numeral:
    """A whole cell count per microlitre ("6200", "245,000") in thousands (6.2, 245), keeping
    the digits it states: 6200 states two decimals' worth less than 6.20 would."""
    if numeral.decimals or numeral.value < per_microlitre_from:
        return numeral
    whole = int(numeral.value)
    trailing_zeros = len(str(whole)) - len(str(whole).rstrip("0"))
    decimals = max(0, 3 - trailing_zeros)
    return Numeral(round(whole / 1000, decimals), decimals)


def _pressure(measure: Measure, value: re.Match[str]) -> BloodPressure | None:
    systolic = _number(value.group("number"))
    if not measure.low <= systolic <= measure.high or systolic != int(systolic):
        return None
    second = value.group("second")
    if second is None:
        return BloodPressure(int(systolic), None)
    diastolic = _number(second)
    if not 10 <= diastolic < systolic or diastolic != int(diastolic):
        return None
    return BloodPressure(int(systolic), int(diastolic))


def _temperature(value: re.Match[str], symbol: str | None) -> Quantity | None:
    numeral = parse_numeral(value.group("number"))
    unit = symbol or ("F" if numeral.value >= _FAHRENHEIT_FROM else "C")
    low, high = _PLAUSIBLE_TEMPERATURE[unit]
    if not low <= numeral.value <= high:
        return None
    return Quantity(numeral.value, unit, numeral.decimals)
