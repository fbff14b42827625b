"""Durations the notes never give.

"On critical condition for 72 years": the notes' 72 is the patient's age. A span of time the
draft states ("for 3 days", "2 weeks ago") is backed only where the notes write the same
number with the same unit, in digits or words ("for ten days"), and not as an age ("72 yr
old").
"""

import re
from functools import lru_cache

from app.domain.factcheck.claims.notes import SourceNotes, holds_any
from app.domain.factcheck.numbers import WORDS, parse_numeral

_UNITS = {
    "year": r"y(?:ea)?rs?|y",
    "month": r"months?|mos?",
    "week": r"weeks?|wks?",
    "day": r"days?|d",
}
"""Units of a duration a draft may claim, with the ways notes write them. Hours and minutes
are left to the per-fact rules, which read times."""
_DRAFT_DURATION = re.compile(
    r"\bfor\s+(?:the\s+(?:past|last)\s+)?(?P<number>\d+)\s+(?P<unit>years?|months?|weeks?|days?)\b"
    r"|\b(?P<ago>\d+)\s+(?P<ago_unit>years?|months?|weeks?|days?)\s+ago\b",
    re.IGNORECASE,
)
_NOTES_DURATION = re.compile(
    rf"(?:(?<![\d.])(?P<digits>\d+)|(?<![a-z])(?P<words>{WORDS}))\s*-?\s*"
    rf"(?:{'|'.join(f'(?P<{unit}>{written})' for unit, written in _UNITS.items())})\b"
    r"(?!\s*-?\s*old)",
    re.IGNORECASE,
)
"""A span of time as notes write it: "10 days", "ten days", "2wks", "3 mos"; not an age."""


_CUES = ("year", "month", "week", "day")
"""Letters every span of time a draft states holds."""


def invented_duration(sentence: str, notes: SourceNotes) -> str | None:
    """A number of years, months, weeks or days that the notes never give as a span of time."""
    if not holds_any(sentence, _CUES):
        return None
    for match in _DRAFT_DURATION.finditer(sentence):
        number = match.group("number") or match.group("ago")
        unit = (match.group("unit") or match.group("ago_unit")).lower().rstrip("s")
        if (int(number), unit) not in _durations_in(notes.written):
            return (
                f"Not found in the notes: the source notes never give a span of {number} {unit}s."
            )
    return None


@lru_cache(maxsize=4)
def _durations_in(written: str) -> frozenset[tuple[int, str]]:
    """Every span of time the notes give, as (number, unit), read once per notes."""
    return frozenset(
        (
            int(match["digits"]) if match["digits"] else int(parse_numeral(match["words"]).value),
            next(unit for unit in _UNITS if match[unit] is not None),
        )
        for match in _NOTES_DURATION.finditer(written)
    )
