"""Times of day and calendar dates.

"1845", "18:45", "6:45 PM" and "6:45pm" are one time. A bare four-digit number is a time only
where the notes treat it as one (at the start of an entry, after "at", "by", "since", "given",
in a range such as 0700-1900), because 1850 may as well be a BNP or a year. Numbers such as
"6/10" or "2/5" are scores, not dates, unless written with a year or a leading zero.
"""

import re

from app.domain.factcheck.facts import CalendarDate, ClockTime, Fact
from app.domain.factcheck.phrases import word_set
from app.domain.factcheck.spans import Document

_MERIDIEM = r"(?P<meridiem>[ap])\.?\s?m\b\.?"

_CLOCK = re.compile(
    rf"(?<![\d:/.])(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?:\s?{_MERIDIEM})?(?![\d:])",
    re.IGNORECASE,
)
_HOUR_MERIDIEM = re.compile(
    rf"(?<![\d:/.])(?P<hour>1[0-2]|0?[1-9])(?P<minute>[0-5]\d)?\s?{_MERIDIEM}(?![A-Za-z])",
    re.IGNORECASE,
)
"""An hour with its meridiem ("6am", "10 PM"), its minutes glued on without a colon ("630AM",
"1130pm")."""
_NOON_MIDNIGHT = frozenset({"noon", "midnight"})

_MILITARY = re.compile(
    r"(?<![\d.,/:#])(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)(?![\d/:%]|[.,]\d)"
)
_MILITARY_BEFORE = re.compile(
    r"(?:\b(?:at|@|from|to|until|till|til|by|since|around|about|approx|approximately|between|"
    r"and|before|after|given|started|stopped|completed|placed|removed|drawn|paged|notified|due|"
    r"time|then|on|last|next)\.?\s*|~\s*|[-–]\s*|^[ \t\-•*]*|\d{1,2}/\d{1,2}(?:/\d{2,4})?\s+)\Z",
    re.IGNORECASE | re.MULTILINE,
)
_TREND_TO = re.compile(
    r"\b(?:up|down|increased|decreased|rose|risen|fell|fallen|dropped|climbed|improved|"
    r"trend(?:ed|ing)?|went)\s+to\s*\Z",
    re.IGNORECASE,
)
"""A value that moved to a number: "CK down to 1039", "BNP up to 1850" read a level, not a time
(a time after "to" closes a range: "from 0700 to 1500")."""
_MILITARY_AFTER = re.compile(r"^(?:\s*(?:hrs?\b|hours\b|h\b)|\s*[-–]\s*(?:[01]\d|2[0-3])[0-5]\d|:)")
_NOT_A_TIME_AFTER = re.compile(
    r"\s*(?:%|(?:mg|mcg|ml|cc|g|units?|meq|mmol|kg|lbs?|L|K)(?![A-Za-z]))", re.IGNORECASE
)
_LOOKBEHIND = 24

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_NAME = (
    r"(?P<month_name>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_SLASH_DATE = re.compile(
    r"(?<![\d/.])(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])"
    r"(?:/(?P<year>\d{4}|\d{2}))?(?![\d/]|\.\d)"
)
_ISO_DATE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<month>1[0-2]|0[1-9])-(?P<day>3[01]|[12]\d|0[1-9])(?!\d)"
)
_MONTH_FIRST_DATE = re.compile(
    rf"{_MONTH_NAME}\s+(?P<day>3[01]|[12]\d|0?[1-9]){_ORDINAL}(?:,?\s+(?P<year>(?:19|20)\d{{2}}))?\b"
)
_DAY_FIRST_DATE = re.compile(
    rf"(?P<day>3[01]|[12]\d|0?[1-9]){_ORDINAL}\s+{_MONTH_NAME}(?:,?\s+(?P<year>(?:19|20)\d{{2}}))?\b"
)
_MONTH_WORDS = word_set(
    "jan january feb february mar march apr april may jun june jul july aug august",
    "sep sept september oct october nov november dec december",
)
_WEEKDAYS = {
    "monday": "monday",
    "tuesday": "tuesday",
    "wednesday": "wednesday",
    "thursday": "thursday",
    "friday": "friday",
    "saturday": "saturday",
    "sunday": "sunday",
    "mon": "monday",
    "tue": "tuesday",
    "tues": "tuesday",
    "wed": "wednesday",
    "weds": "wednesday",
    "thu": "thursday",
    "thur": "thursday",
    "thurs": "thursday",
    "fri": "friday",
}
"""Days of the week, spelt out or cut short, each with its full name. "Sat" and "sun" are
left out: a note's "sat" is a saturation far more often than a Saturday."""
_WEEKDAY_WORDS = frozenset(_WEEKDAYS)
WEEKDAY = "weekday"
"""The key and the attribute of a day of the week, which a calendar date is compared apart from."""
_WEEKDAY_SHORT_CONTEXT = re.compile(
    r"(?:\b(?:on|by|until|till|til|next|this|last|every)\s+|/)\Z", re.IGNORECASE
)
"""What stands before a day cut short that reads as one ("ON MON", "Wed/Thurs"): alone, "wed"
may be a marriage and "mon" a monitor."""
_DATE_BEFORE = re.compile(
    r"\b(?:on|since|from|until|through|thru|dated|date|admitted|admit|admission|placed|inserted|"
    r"removed|changed|started|stopped|DOS|DOB|s/p|discharged)\s*:?\s*\Z",
    re.IGNORECASE,
)
_SCORE_DENOMINATORS = {2, 3, 4, 5, 10}
"""Days that read as the denominator of a score (pain 6/10, strength 2/5) unless context says
the number is a date."""


def extract_times(document: Document) -> list[Fact]:
    """Times of day, claimed so that no later extractor reads them as numbers."""
    text = document.text
    facts: list[Fact] = []
    for match in document.number_led(_CLOCK):
        hour, minute = int(match.group("hour")), int(match.group("minute"))
        meridiem = match.group("meridiem")
        known = meridiem is not None or hour == 0 or hour > 12 or match.group("hour")[0] == "0"
        facts.append(_time_fact(match, _to_minutes(hour, minute, meridiem), known))
    for match in document.number_led(_HOUR_MERIDIEM):
        hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
        facts.append(_time_fact(match, _to_minutes(hour, minute, match.group("meridiem")), True))
    for index in document.tokens_where(_NOON_MIDNIGHT):
        token = document.tokens[index]
        minutes = 12 * 60 if token.word == "noon" else 0
        facts.append(_fact("time", token.start, token.end, text, ClockTime(minutes, True)))
    for match in document.number_led(_MILITARY):
        if _reads_as_military_time(text, match):
            minutes = int(match.group("hour")) * 60 + int(match.group("minute"))
            facts.append(_time_fact(match, minutes, True))
    return _claim_free(document, facts)


_PRESSURES_BEFORE = re.compile(
    r"\b(?:bi-?pap|cpap|ipap|epap|ps|psv|peep|pressure\s+support|settings?)\s*(?:of|at|on|[:(])?\s*\Z",
    re.IGNORECASE,
)
"""What names a pair of airway pressures ("BiPAP 10/5", "PS 15/5"): the pair is no date, nor
is a list that ends in a percentage ("on 10/5/50%", pressure support, PEEP and FiO2)."""


def extract_dates(document: Document) -> list[Fact]:
    """Calendar dates, claimed so that "11/16" is not read as a blood pressure or a score."""
    text = document.text
    facts: list[Fact] = []
    for match in document.number_led(_ISO_DATE):
        date = CalendarDate(int(match["month"]), int(match["day"]), int(match["year"]))
        facts.append(_date_fact(match, date))
    month_first = [
        named
        for index in document.tokens_where(_MONTH_WORDS)
        if (named := _MONTH_FIRST_DATE.match(text, document.tokens[index].start))
    ]
    for match in [*month_first, *document.number_led(_DAY_FIRST_DATE)]:
        year = match.group("year")
        month = _MONTHS[match.group("month_name")[:3].lower()]
        date = CalendarDate(month, int(match.group("day")), int(year) if year else None)
        facts.append(_date_fact(match, date))
    for match in document.number_led(_SLASH_DATE):
        if not _reads_as_date(text, match):
            continue
        year = match.group("year")
        full_year = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
        date = CalendarDate(int(match["month"]), int(match["day"]), full_year)
        facts.append(_date_fact(match, date))
    facts.extend(_weekdays(document))
    return _claim_free(document, facts)


def _weekdays(document: Document) -> list[Fact]:
    """Each day of the week the text names: spelt out anywhere, cut short only where a word
    before it or a slash beside it makes it a day (`_WEEKDAY_SHORT_CONTEXT`)."""
    text = document.text
    facts = []
    for index in document.tokens_where(_WEEKDAY_WORDS):
        token = document.tokens[index]
        day = _WEEKDAYS[token.word]
        if token.word != day:
            before = text[max(0, token.start - _LOOKBEHIND) : token.start]
            if not _WEEKDAY_SHORT_CONTEXT.search(before) and not text.startswith("/", token.end):
                continue
        facts.append(
            Fact(
                kind="date",
                key=WEEKDAY,
                start=token.start,
                end=token.end,
                text=token.text,
                attributes=((WEEKDAY, day),),
            )
        )
    return facts


def _to_minutes(hour: int, minute: int, meridiem: str | None) -> int:
    if meridiem is not None:
        hour = hour % 12 + (12 if meridiem.lower() == "p" else 0)
    return hour * 60 + minute


def _reads_as_military_time(text: str, match: re.Match[str]) -> bool:
    after = text[match.end() : match.end() + 12]
    if _NOT_A_TIME_AFTER.match(after):
        return False
    before = text[max(0, match.start() - _LOOKBEHIND) : match.start()]
    if _MILITARY_AFTER.match(after):
        return True
    return _MILITARY_BEFORE.search(before) is not None and _TREND_TO.search(before) is None


def _reads_as_date(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - _LOOKBEHIND) : match.start()]
    if _PRESSURES_BEFORE.search(before) or text.startswith("%", match.end()):
        return False
    if match.group("year"):
        return True
    if match.group("month").startswith("0") or match.group("day").startswith("0"):
        return True
    if int(match.group("day")) not in _SCORE_DENOMINATORS:
        return True
    if int(match.group("month")) > int(match.group("day")):
        return True
    return _DATE_BEFORE.search(before) is not None


def _time_fact(match: re.Match[str], minutes: int, meridiem_known: bool) -> Fact:
    clock = ClockTime(minutes % (24 * 60), meridiem_known)
    return _fact("time", match.start(), match.end(), match.string, clock)


def _date_fact(match: re.Match[str], date: CalendarDate) -> Fact:
    return _fact("date", match.start(), match.end(), match.string, date)


def _fact(kind: str, start: int, end: int, text: str, value: ClockTime | CalendarDate) -> Fact:
    attribute = "clock" if kind == "time" else "date"
    return Fact(
        kind=kind,
        key="",
        start=start,
        end=end,
        text=text[start:end],
        attributes=((attribute, value),),
    )


def _claim_free(document: Document, facts: list[Fact]) -> list[Fact]:
    kept = []
    for fact in sorted(facts, key=lambda fact: (fact.start, -(fact.end - fact.start))):
        if document.is_free(fact.start, fact.end):
            document.claim(fact.start, fact.end, fact.kind)
            kept.append(fact)
    return kept
