"""Ages the notes never give.

Nursing notes rarely state an age, so a model fills one in, or writes another number where an
age goes ("a 98.9-99.1 male": the patient's temperatures). No per-fact rule reads an age.
"""

import re
from functools import lru_cache

from app.domain.factcheck.claims.notes import SourceNotes

_NUMBER = r"\d{1,3}(?:\.\d+)?(?:\s*(?:-|to)\s*\d{1,3}(?:\.\d+)?)?"
_DRAFT_AGE = re.compile(
    rf"\b(?P<age>{_NUMBER})(?:\s*|-)(?:years?|yrs?)(?:\s*|-)old\b"
    rf"|\b(?P<short>{_NUMBER})\s*(?:yo|y/o|y\.o\.)(?!\w)"
    rf"|\b(?:a|an)\s+(?P<before>{_NUMBER})(?:\s*|-)(?:male|female|man|woman|gentleman|lady"
    r"|boy|girl)\b"
    rf"|\bage[sd]?\s+(?P<after>{_NUMBER})\b",
    re.IGNORECASE,
)
"""An age as a draft writes one: "a 67-year-old", "67 yo", "a 67 male", "aged 67"."""
_NOTES_AGE = re.compile(
    r"\b(?P<age>\d{1,3})\s*(?:-\s*)?(?:years?|yrs?|yo\b|y/o|y\.o\.|y\b|m\b|f\b|male|female|man"
    r"|woman|gentleman|lady|boy|girl)"
    r"|\bage[sd]?\s*:?\s*(?P<after>\d{1,3})\b",
    re.IGNORECASE,
)
_OLDEST = 120


def invented_age(sentence: str, notes: SourceNotes) -> str | None:
    """An age that is not a whole number of years, or that the notes never state."""
    for match in _DRAFT_AGE.finditer(sentence):
        written = next(group for group in match.groups() if group is not None)
        if not written.isdigit() or int(written) > _OLDEST:
            return (
                f"Not found in the notes: “{written}” where the sentence gives an age is "
                "not an age."
            )
        if int(written) not in _ages_in(notes.text):
            return f"Not found in the notes: the source notes never give the age {written}."
    return None


@lru_cache(maxsize=4)
def _ages_in(text: str) -> frozenset[int]:
    """The ages the notes state, read once per notes."""
    return frozenset(
        int(next(group for group in match.groups() if group is not None))
        for match in _NOTES_AGE.finditer(text)
    )
