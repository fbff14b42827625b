"""Durations the notes never give.

"On critical condition for 72 years": the notes' 72 is the patient's age. A span of time the
draft states ("for 3 days", "over the past two weeks", "a 5-day history", "2 weeks ago") is
backed only where the notes write the same length, in digits or words ("for ten days", "14
days" for "2 weeks"), and not as an age ("72 yr old", "58 y.o.").

A vague span ("for several months", "over the past few weeks", "several years ago") is a claim
too: a small model adds one to a note that gives no history at all. It is backed where the
notes give a span in that unit in any form ("x 10 days", "1 week ago", "13yrs ago", "few
weeks", "since 1992" for years), or one whose length a speaker would call a few of that unit:
at least two of them and under two of the next unit up ("10 days" backs "several days" and
"1 year" backs "many months", but "10 days" is not "a few weeks", nor "13 yrs ago" "several
days").
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from app.domain.factcheck.claims.notes import SourceNotes, holds_any, line_holding
from app.domain.factcheck.numbers import WORDS, parse_numeral
from app.domain.factcheck.phrases import word_set

_DAYS: dict[str, float] = {
    "second": 1 / 86_400,
    "hour": 1 / 24,
    "day": 1,
    "week": 7,
    "month": 30,
    "year": 365,
}
"""Each unit's length in days, shortest first: what a vague span is weighed in."""
_UNIT_WORD = re.compile(
    r"(?:(?P<year>years?|yrs?)|(?P<month>months?|mos?)|(?P<week>weeks?|wks?)|(?P<day>days?)"
    r"|(?P<second>seconds?|secs?)|(?P<hour>hours?|hrs?))\b"
)
_UNIT_LETTER = re.compile(r"\d(?:(?P<year>y)(?![./]?o\b)|(?P<day>d)|(?P<hour>h))\b")
"""Units of a duration as notes write them, read in lower case. A lone letter counts only
against its digits ("x4d", "10y"), never as "2D echo", "D dimer" or an age ("58 y.o.",
"70y/o"). Seconds are read here ("in the last 70 seconds" where the notes time nothing in
seconds), and hours (`_DRAFT_HOURS`); minutes are left to the per-fact rules, which read
times. The notes are searched for the unit first and read back from it: a pattern that tried
a number at every place in the notes would cost more than the rest of the rule."""
_NUMBER_BEFORE = re.compile(
    rf"(?:(?<![\d.])(?P<digits>\d+)|(?<![a-z])(?P<words>{WORDS}))\s*-?\s*\Z"
)
"""The number a unit counts: "10 days", "ten days", "2wks"."""
_AN_AGE_AFTER = re.compile(r"\s*-?\s*old\b|\s+of\s+age\b")
_VAGUE_BEFORE = re.compile(
    r"(?<![a-z])(?:several|few|many|some|couple(?:\s+of)?|past|last|next|previous|prior|for"
    r"|over|x)\s+\Z"
)
_ONE_BEFORE = re.compile(r"(?<![a-z])(?:past|last|next|this|previous|prior|a|one)\s+\Z")
_AGO_AFTER = re.compile(r"\s+ago\b")
"""A span or timing the notes give without a number of its own ("few weeks", "months ago",
"last week", "in the next couple weeks")."""
_TWO_LETTERS = re.compile(r"(?<![a-z])[a-z]{2}(?![a-z])")
_FUNCTION_PAIRS = word_set(
    "he on in of to at is an as by or no up it we me my be do go so us am if pt"
)
"""Two-letter words that name nothing a span could be of."""
_TIME_WORDS = "years months weeks days yrs wks ago past last history hx several few many some"
"""Words of time and history ("for several years", "a history of"): a line of the notes that
shares only these with a sentence speaks of another thing."""
_CALENDAR_YEAR = re.compile(
    r"(?:19[3-9]\d|20[0-2]\d)(?![\d/]|\.\d|\s*(?:cc|mls?|mg|mcg|units?|u|k?cal|g|cm|kg|hrs?)\b)"
)
"""A calendar year ("s/p MI 1992"), which is years ago; not a volume ("1950 cc")."""
_CLOCK_BEFORE = re.compile(r"(?:\bat|@|\bby|\buntil|\btill?|~|\baround|\bapprox\.?)\s*\Z")
"""Words before a four-digit number that make it a time of day ("spoke with family at 2000",
"neo added ~ 2000"), not a year."""
_LOOK_BACK = 40
"""How far before a unit its number or quantifier is looked for."""

_PLAIN_UNIT = r"(?P<{name}>years?|yrs?|months?|weeks?|wks?|days?|seconds?|secs?)"
_DRAFT_NUMBER = rf"\d+|(?<![a-z]){WORDS}(?![a-z])"
_DRAFT_DURATION = re.compile(
    r"(?=[\dfoidwxtsenz])"
    r"(?:\b(?:for|over|in|during|within|x)\s+(?:the\s+)?(?:(?:past|last|previous|preceding|prior)\s+)?"
    r"(?:(?:about|around|approximately|nearly|almost|over|more\s+than|at\s+least|roughly|only"
    r"|just)\s+)?"
    rf"(?:(?:{_DRAFT_NUMBER})\s*(?:-|to)\s*)?(?P<number>{_DRAFT_NUMBER})\s*-?\s*"
    + _PLAIN_UNIT.format(name="unit")
    + r"\b(?!\s*-?\s*old)"
    rf"|(?<![\d.])(?P<ago>{_DRAFT_NUMBER})\s*-?\s*"
    + _PLAIN_UNIT.format(name="ago_unit")
    + r"\s+(?:ago\b|(?:history|hx)\b)"
    rf"|(?<![\d.])(?P<history>{_DRAFT_NUMBER})-"
    + _PLAIN_UNIT.format(name="history_unit")
    + r"\s+(?:history|hx|course|of)\b)",
    re.IGNORECASE,
)
"""A span of time a draft states: "for the past 3 months", "over two weeks", "for 2-3 days",
"2 weeks ago", "a 5-day history". The look-ahead for the letters and digits a span can start
with ("for", "over", "in", "during", "within", "x", a digit, a number word) fails at most
characters at once, where the number words were tried at every one: twice as fast."""
_DRAFT_HOURS = re.compile(
    r"(?:\b(?:for|last(?:ed|ing|s)|(?:duration|length|period)\s+of)\s+"
    r"(?:(?:about|around|approximately|nearly|almost|over|more\s+than|at\s+least)\s+)?"
    rf"(?:(?:{_DRAFT_NUMBER})\s*(?:-|to)\s*)?(?P<number>{_DRAFT_NUMBER})\s*-?\s*(?:hours?|hrs?)\b"
    rf"|(?<![\d.])(?P<ago>{_DRAFT_NUMBER})\s*(?:hours?|hrs?)\s+ago\b)",
    re.IGNORECASE,
)
"""A span of hours a draft states: "for 12 hours", "a sleep duration of 12 hours", "lasted 3
hours", "2 hours ago". A window ("over the past 24 hours", "in the last 12 hours") is the
time the notes cover, not a span they give, and is not read."""
_DRAFT_VAGUE = re.compile(
    r"\b(?:(?:for|over|in|during|within|since)\s+(?:the\s+)?"
    r"(?:(?:past|last|previous|preceding|prior|next)\s+)?"
    r"(?:several|a\s+few|few|many|some|a\s+couple(?:\s+of)?|couple(?:\s+of)?|a\s+number\s+of)"
    r"|(?:several|a\s+few|many|some|a\s+couple(?:\s+of)?)(?=\s+\w+\s+ago\b))\s+"
    r"(?P<unit>years|months|weeks|days)\b",
    re.IGNORECASE,
)
"""A span of time a draft states without a number: "for several months", "over the past few
weeks", "several years ago"."""
_DRAFT_MORE_THAN_ONE = re.compile(
    r"\b(?:for|over|since|in)\s+(?:the\s+)?(?:(?:past|last)\s+)?(?:over|more\s+than|at\s+least"
    r"|almost|nearly|about|around)\s+an?\s+(?P<unit>year|month|week|day)\b",
    re.IGNORECASE,
)
"""A span given as about or more than one unit ("for over a week", "for more than a year"):
as vague as "several weeks", and weighed the same way."""
_UNIT_NAMES = {
    "y": "year",
    "yr": "year",
    "year": "year",
    "month": "month",
    "wk": "week",
    "week": "week",
    "day": "day",
    "second": "second",
    "sec": "second",
    "hour": "hour",
    "hr": "hour",
    "h": "hour",
}

_WHOLE_HOURS = {"hour": 1, "day": 24, "week": 168}
"""The units a span may be given in another of, by their hours."""

_CUES = ("year", "yr", "month", "week", "wk", "day", "sec")
"""Letters every span of time a draft states in days or longer, or seconds, holds."""
_HOUR_CUES = ("hour", "hr")
"""Letters every span of hours holds: read apart, as "HR" (the heart rate) is common."""


def invented_duration(sentence: str, notes: SourceNotes) -> str | None:
    """A span of years, months, weeks, days, hours or seconds, numbered or vague, that the
    notes never give."""
    spans, hours = holds_any(sentence, _CUES), holds_any(sentence, _HOUR_CUES)
    if not spans and not hours:
        return None
    given = _durations_in(notes.written)
    for match in _DRAFT_DURATION.finditer(sentence) if spans else ():
        number = match["number"] or match["ago"] or match["history"]
        unit = _unit(match["unit"] or match["ago_unit"] or match["history_unit"])
        length = int(parse_numeral(number).value)
        if not _gives_span(given, length, unit):
            return (
                f"Not found in the notes: the source notes never give a span of "
                f"{_counted(length, unit)}."
            )
    for match in _DRAFT_HOURS.finditer(sentence) if hours else ():
        length = int(parse_numeral(match["number"] or match["ago"]).value)
        if not _gives_span(given, length, "hour"):
            return (
                f"Not found in the notes: the source notes never give a span of "
                f"{_counted(length, 'hour')}."
            )
    vague = chain(_DRAFT_VAGUE.finditer(sentence), _DRAFT_MORE_THAN_ONE.finditer(sentence))
    for match in vague if spans else ():
        unit = _unit(match["unit"])
        if not _spoken_of(_spans_in(notes.written).lines.get(unit, ()), sentence, notes):
            return (
                f"Not found in the notes: the source notes give no span of {unit}s that "
                f"“{match.group(0).strip()}” could stand for."
            )
    return None


def _spoken_of(lines: tuple[str, ...], sentence: str, notes: SourceNotes) -> bool:
    """Whether a line of the notes that gives a span of the unit speaks of what the sentence
    does: shares a content term or an abbreviation with it, the words of time and numbers
    aside. "Has had cough since lung surgery 20 yrs ago" backs "a cough for several years",
    not "on the balloon pump for several years"."""
    if not lines:
        return False
    topic = (notes.terms(sentence) | _abbreviations(sentence)) - notes.terms(_TIME_WORDS)
    return any(
        not term.isdigit() and term in topic
        for line in lines
        for term in chain(notes.terms(line), _abbreviations(line))
    )


def _abbreviations(text: str) -> set[str]:
    """The two-letter words of a text, lowered, that are no function word ("MI", "BP"): the
    content terms leave words this short out."""
    return set(_TWO_LETTERS.findall(text.lower())) - _FUNCTION_PAIRS


def _counted(length: int, unit: str) -> str:
    return f"{length} {unit}" if length == 1 else f"{length} {unit}s"


def _unit(written: str) -> str:
    return _UNIT_NAMES[written.lower().rstrip("s")]


def _gives_span(given: frozenset[tuple[int, str]], length: int, unit: str) -> bool:
    """Whether the notes give this span: its number and unit, or as many hours in hours, days
    or weeks ("14 days" for "2 weeks", "2 days" for "48 hours"), which are whole hours as
    months and years are not."""
    if (length, unit) in given:
        return True
    if unit not in _WHOLE_HOURS:
        return False
    hours = length * _WHOLE_HOURS[unit]
    return any(
        hours % per == 0 and (hours // per, other) in given for other, per in _WHOLE_HOURS.items()
    )


@dataclass(frozen=True, slots=True)
class _NotesSpans:
    given: frozenset[tuple[int, str]]
    """Every span of time the notes give, as (number, unit)."""
    lines: dict[str, tuple[str, ...]]
    """The lines of the notes a vague span may stand for, by its unit: those that give a span
    or timing in that unit, in any form, and those whose numbered span is a few of it
    (`_a_few_of`)."""


def _durations_in(written: str) -> frozenset[tuple[int, str]]:
    return _spans_in(written).given


@lru_cache(maxsize=4)
def _spans_in(written: str) -> _NotesSpans:
    """The spans of time the notes give, and the lines they give them in, read once per
    notes."""
    lowered = written.lower()
    given: set[tuple[int, str]] = set()
    lines: dict[str, set[str]] = {}
    for match in chain(_UNIT_WORD.finditer(lowered), _UNIT_LETTER.finditer(lowered)):
        unit = str(match.lastgroup)
        start, end = match.span(unit)
        if start and lowered[start - 1].isalpha():
            continue
        line = line_holding(written, start)
        before = lowered[max(0, start - _LOOK_BACK) : start]
        number = _NUMBER_BEFORE.search(before)
        if number is not None and not _AN_AGE_AFTER.match(lowered, end):
            length = int(parse_numeral(number["digits"] or number["words"]).value)
            given.add((length, unit))
            for few in {unit} | _a_few_of(length * _DAYS[unit]):
                lines.setdefault(few, set()).add(line)
        plural = match[unit].endswith("s")
        if (
            (plural and _VAGUE_BEFORE.search(before))
            or (not plural and unit != "day" and _ONE_BEFORE.search(before))
            or _AGO_AFTER.match(lowered, end)
        ):
            lines.setdefault(unit, set()).add(line)
    for match in _CALENDAR_YEAR.finditer(lowered):
        clock_before = _CLOCK_BEFORE.search(lowered, max(0, match.start() - 10), match.start())
        if clock_before is None and not (
            match.start() and lowered[match.start() - 1] in "0123456789./"
        ):
            lines.setdefault("year", set()).add(line_holding(written, match.start()))
    return _NotesSpans(
        frozenset(given), {unit: tuple(sorted(found)) for unit, found in lines.items()}
    )


def _a_few_of(days: float) -> set[str]:
    """The units a span of this many days is a few of: at least two of the unit, and under two
    of the next unit up (ten days are several days, not a few weeks)."""
    lengths = list(_DAYS.values())
    return {
        unit
        for index, (unit, unit_days) in enumerate(_DAYS.items())
        if days >= 2 * unit_days and (index + 1 == len(lengths) or days < 2 * lengths[index + 1])
    }
