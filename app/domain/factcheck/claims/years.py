"""A calendar year the notes never give.

"The patient was admitted on October 3, 2023" where the notes write "admitted 10/3": a small
model completes a date with a year of its own (often the year it was trained in). No per-fact
rule reads a year, and the rest of the sentence is the notes'. A year counts as given where the
notes write it in four digits anywhere, or in two at the end of a date ("10/14/87").
"""

import re
from functools import lru_cache

from app.domain.factcheck.claims.notes import SourceNotes

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_CANDIDATE = re.compile(r"(?<![\d:.])(?:19|20)\d\d(?!\d|[/:.]\d)")
"""Four digits that may be a year: found first, as most sentences have none."""
_DATED = re.compile(
    rf"(?:\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+|\b{_MONTH}\.?,?\s+"
    r"|(?<![\d/])\d{1,2}[/-]\d{1,2}[/-]|\b(?:in|during|year)\s+)$",
    re.IGNORECASE,
)
"""What dates the four digits after it: "October 3, ", "Oct ", "10/3/", "in "."""
_NOT_A_YEAR = re.compile(r"\s*(?:cc|ml|hrs?|hours|h\b|mg|units?|am|pm)", re.IGNORECASE)
"""A unit after four digits that makes them an amount or a time."""
_BEFORE = 25
"""How many characters before four digits are read for what dates them."""
_NOTES_YEARS = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NOTES_SHORT_YEARS = re.compile(r"(?<![\d/])\d{1,2}[/-]\d{1,2}[/-](\d\d)(?!\d)")
_CUES = ("19", "20")
"""Digits every year this rule weighs starts with."""


def invented_year(sentence: str, notes: SourceNotes) -> str | None:
    """A year the sentence dates something in that the notes never write."""
    if not any(cue in sentence for cue in _CUES):
        return None
    for match in _CANDIDATE.finditer(sentence):
        year = match.group()
        if _NOT_A_YEAR.match(sentence, match.end()) or not _DATED.search(
            sentence, max(0, match.start() - _BEFORE), match.start()
        ):
            continue
        if year not in _years_in(notes.written):
            return f"Not found in the notes: the source notes never give the year {year}."
    return None


@lru_cache(maxsize=4)
def _years_in(written: str) -> frozenset[str]:
    """Every year the notes may mean, read once per notes: four digits anywhere (a time such
    as "2000" only widens what passes), and a date's two-digit year in either century."""
    years = set(_NOTES_YEARS.findall(written))
    for short in _NOTES_SHORT_YEARS.findall(written):
        years.update({f"19{short}", f"20{short}"})
    return frozenset(years)
