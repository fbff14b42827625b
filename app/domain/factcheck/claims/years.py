"""A calendar year the notes never give.

"The patient was admitted on October 3, 2023" where the notes write "admitted 10/3": a small
model completes a date with a year of its own (often the year it was trained in). No per-fact
rule reads a year, and the rest of the sentence is the notes'. A year counts as given where the
notes write it in four digits anywhere, or in two at the end of a date ("10/14/87").
"""

import re
from functools import lru_cache

from app.domain.factcheck.claims.notes import SourceNotes

_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d/:.]|\s*(?:cc|ml|hrs?|hours|h\b|mg|units?|am|pm))"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DRAFT_YEAR = re.compile(
    rf"(?:\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+|\b{_MONTH}\.?,?\s+"
    rf"|(?<![\d/])\d{{1,2}}[/-]\d{{1,2}}[/-]|\b(?:in|during|year)\s+){_YEAR}",
    re.IGNORECASE,
)
"""A year as a draft dates something: "October 3, 2023", "Oct 2023", "10/3/2023", "in
2023"; a four-digit time ("at 2000", "since 1930") is no year."""
_NOTES_YEARS = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NOTES_SHORT_YEARS = re.compile(r"(?<![\d/])\d{1,2}[/-]\d{1,2}[/-](\d\d)(?!\d)")
_CUES = ("19", "20")
"""Digits every year this rule weighs starts with."""


def invented_year(sentence: str, notes: SourceNotes) -> str | None:
    """A year the sentence dates something in that the notes never write."""
    if not any(cue in sentence for cue in _CUES):
        return None
    for match in _DRAFT_YEAR.finditer(sentence):
        year = match["year"]
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
