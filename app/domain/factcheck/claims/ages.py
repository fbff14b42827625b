"""Ages the notes never give.

Nursing notes rarely state an age, so a model fills one in, or writes another number where an
age goes ("a 98.9-99.1 male": the patient's temperatures). No per-fact rule reads an age.
Ages are read from the notes as written, in every way a note writes one ("23-year-old",
"23 y/o", "23yo", "aged 23", "age: 23", "3-1/2-year-old"), and compared in whole years.
"""

import re
from functools import lru_cache

from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_WHOLE = r"(?<![\d./])\d{1,3}"
"""A whole number that is not the end of a fraction or a decimal ("1/2" in "3 1/2")."""
_HALF = r"(?:(?:\s+|-)\d/\d)?"
"""A fraction of a year after the whole years: "3 1/2-year-old", "3-1/2-year-old"."""
_NUMBER = rf"{_WHOLE}(?:\.\d+)?{_HALF}(?:\s*(?:-|to)\s*\d{{1,3}}(?:\.\d+)?)?"
"""An age as a draft may write it, a range or a decimal included, so that a temperature
written where an age goes is read whole and found to be no age."""
_SEX = r"(?:male|female|man|woman|gentleman|lady|boy|girl)"
_UNIT = (
    r"(?:%|°|(?:days?|d|weeks?|wks?|months?|mos?|hours?|hrs?|h|pod|mg|mcg|g|kg|lbs?|ml|cc|l"
    r"|units?|mmhg|bpm|mm|cm|mins?|minutes?)\b)"
)
"""A unit after a number that makes it a measure or a span, not an age ("Pt: 3 days
post-op")."""
_DECADE_WORDS = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
    "seventies": 70, "eighties": 80, "nineties": 90,
}  # fmt: skip
_DECADE_OF_LIFE = re.compile(
    rf"\bin\s+(?:his|her|their|a|an)\s+(?:(?:early|mid|late)[\s-]+)?"
    rf"(?P<decade>[1-9]0'?s|{'|'.join(_DECADE_WORDS)})(?:\s+age)?\b",
    re.IGNORECASE,
)
"""An age told by its decade ("in her 70s", "in his late sixties", "in a 70s age")."""
_DRAFT_AGE = re.compile(
    rf"(?P<age>{_NUMBER})(?:\s*|-)(?:years?|yrs?)(?:\s*|-)old\b"
    rf"|(?P<short>{_NUMBER})\s*-?\s*(?:yo|y/o|y\.o\.)(?!\w)"
    rf"|\b(?:a|an)\s+(?P<before>{_NUMBER}(?:'?s)?)(?:\s*|-){_SEX}\b"
    rf"|\bage[sd]?\s*:?\s*(?P<after>{_NUMBER})\b"
    rf"|\b(?:patient|pt)\s*:\s*(?P<label>(?<![\d./])\d+(?:\.\d+)?)(?![\w./%-]|\s*{_UNIT})",
    re.IGNORECASE,
)
"""An age as a draft writes one: "a 67-year-old", "67 yo", "a 67 male" (or "a 60-80's woman",
a heart rate's decades where the age goes), "aged 67", "age: 67",
and the bare number a line that introduces the patient opens with ("Patient: 67, with …"),
where a model also puts a rate or a time ("Patient: 86, with underlying … SB")."""
_NOTES_AGE = re.compile(
    rf"(?P<age>{_WHOLE}){_HALF}\s*(?:-\s*)?(?:years?|yrs?|yo\b|y/o|y\.o\.|y\b|m\b|f\b|{_SEX})"
    rf"|\bage[sd]?\s*:?\s*(?P<after>{_WHOLE})\b",
    re.IGNORECASE,
)
_WHOLE_YEARS = re.compile(rf"^{_WHOLE}{_HALF}$")
_OLDEST = 120


_CUES = (
    "old", "yo", "y/o", "y.o", "age", "male", "man", "lady", "boy", "girl", "patient:", "pt:",
    "0s", "0's", "ties",
)  # fmt: skip
"""Letters every age a draft writes holds (“woman” holds “man”)."""


def invented_age(sentence: str, notes: SourceNotes) -> str | None:
    """An age that is not a number of years, or that the notes never state."""
    if not holds_any(sentence, _CUES):
        return None
    for match in _DRAFT_AGE.finditer(sentence):
        written = next(group for group in match.groups() if group is not None)
        years = _years(written)
        if years is None:
            return (
                f"Not found in the notes: “{written}” where the sentence gives an age is "
                "not an age."
            )
        if years not in _ages_in(notes.written):
            return f"Not found in the notes: the source notes never give the age {written}."
    for match in _DECADE_OF_LIFE.finditer(sentence):
        written = match.group("decade")
        decade = _DECADE_WORDS.get(written.lower()) or int(written[:2])
        if not any(decade <= age < decade + 10 for age in _ages_in(notes.written)):
            return f"Not found in the notes: the source notes never give an age in the {written}."
    return None


def _years(written: str) -> int | None:
    """The whole years of an age ("3 1/2" is 3), or None where the number is no age."""
    if _WHOLE_YEARS.match(written) is None:
        return None
    years = int(re.split(r"[\s-]", written, maxsplit=1)[0])
    return years if years <= _OLDEST else None


@lru_cache(maxsize=4)
def _ages_in(written: str) -> frozenset[int]:
    """The whole years of every age the notes state, read once per notes."""
    return frozenset(
        int(next(group for group in match.groups() if group is not None))
        for match in _NOTES_AGE.finditer(written)
    )
