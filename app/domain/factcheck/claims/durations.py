"""Durations the notes never give.

"On critical condition for 72 years": the notes' 72 is the patient's age. A span of time the
draft states ("for 3 days", "2 weeks ago") is backed only where the notes write the same
number with the same unit, and not as an age ("72 yr old").
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes

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


def invented_duration(sentence: str, notes: SourceNotes) -> str | None:
    """A number of years, months, weeks or days that the notes never give as a span of time."""
    for match in _DRAFT_DURATION.finditer(sentence):
        number = match.group("number") or match.group("ago")
        unit = (match.group("unit") or match.group("ago_unit")).lower().rstrip("s")
        if not _in_notes(notes.text, number, unit):
            return (
                f"Not found in the notes: the source notes never give a span of {number} {unit}s."
            )
    return None


def _in_notes(text: str, number: str, unit: str) -> bool:
    written = re.compile(
        rf"(?<![\d.]){number}\s*-?\s*(?:{_UNITS[unit]})\b(?!\s*-?\s*old)", re.IGNORECASE
    )
    return written.search(text) is not None
