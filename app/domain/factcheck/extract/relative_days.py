"""Days and parts of the day told relative to the note: tomorrow, tonight, this morning.

"Next dialysis planned for the day after tomorrow" where the notes plan it for tomorrow; "wean
milrinone tonight" where the notes wean it in the morning. A draft names these in a few plain
words, and those are read here. The notes write them every way a nurse does ("in am", "noc",
"o/n", "this pm", "tmrw"), and the check reads the notes for them by `said_in_notes`, which
accepts any of a day's forms anywhere in the notes: a part of the day is what many events
share, so only one the notes never name at all is flagged.
"""

import re

from app.domain.factcheck.facts import Fact
from app.domain.factcheck.spans import Document

RELATIVE_DAY = "relative day"
"""The key of every fact read here; its attribute of the same name holds the day."""

_DAYS = {
    "day after tomorrow": ("date", r"day\s+after\s+tomorrow"),
    "tomorrow": ("date", r"tomorrow"),
    "yesterday": ("date", r"yesterday"),
    "day before yesterday": (
        "date",
        r"(?:the\s+)?day\s+before\s+yesterday|(?:two|2)\s+days\s+ago",
    ),
    "tonight": ("time", r"tonight|this\s+evening"),
    "this morning": ("time", r"this\s+morning"),
    "this afternoon": ("time", r"this\s+afternoon"),
}
"""Each day or part of the day a draft names, with the kind of fact it is and its words."""
_GROUPS = {day: "d" + str(index) for index, day in enumerate(_DAYS)}
"""A group name for each day, for one pattern that says which matched."""
_DRAFT_WORDS = re.compile(
    "|".join(rf"\b(?P<{_GROUPS[day]}>{words})\b" for day, (_, words) in _DAYS.items()),
    re.IGNORECASE,
)
_NAMES = {group: day for day, group in _GROUPS.items()}

_IN_NOTES = {
    "day after tomorrow": r"day\s+after\s+(?:tomorrow|tmrw)",
    "tomorrow": r"tomorrow|tmrw|tmw|tomm?or+ow|\bin\s+(?:the\s+)?a\.?m\b|in\s+the\s+morning|\bam\b",
    "yesterday": r"yesterday|\byest\b|last\s+night|prior\s+day|day\s+before",
    "day before yesterday": (
        r"day\s+before\s+(?:yesterday|yest)\b|\b(?:two|2)\s+days\s+(?:ago|prior)"
    ),
    "tonight": r"tonight|tonite|evening|\beve\b|\bnoc\b|overnight|\bo/n\b|night|\bthis\s+pm\b",
    "this morning": r"morning|\ba\.?m\b",
    "this afternoon": r"afternoon|\bp\.?m\b",
}
"""The ways notes write each day, looked for anywhere in them: "in am" is tomorrow morning and
a bare "am" either morning, "this pm" the afternoon or the evening."""
_IN_NOTES_PATTERNS = {day: re.compile(words, re.IGNORECASE) for day, words in _IN_NOTES.items()}


_FIRST_WORDS = frozenset({"day", "the", "two", "2", "tomorrow", "yesterday", "tonight", "this"})
"""The words a day of `_DAYS` starts with: only there is the pattern tried."""


def extract_relative_days(document: Document) -> list[Fact]:
    """Each day or part of the day the text names in a draft's plain words."""
    text, tokens = document.text, document.tokens
    facts = []
    for index in document.tokens_where(_FIRST_WORDS):
        match = _DRAFT_WORDS.match(text, tokens[index].start)
        if match is None:
            continue
        start, end = match.span()
        if not document.is_free(start, end):
            continue
        day = _NAMES[str(match.lastgroup)]
        kind = _DAYS[day][0]
        document.claim(start, end, kind)
        facts.append(
            Fact(
                kind=kind,
                key=RELATIVE_DAY,
                start=start,
                end=end,
                text=match.group(),
                attributes=((RELATIVE_DAY, day),),
            )
        )
    return facts


def said_in_notes(day: str, notes: str) -> bool:
    """Whether the notes name this day or part of the day in any of the ways nurses write it."""
    return _IN_NOTES_PATTERNS[day].search(notes) is not None
