"""A ward, floor, unit or clinic the notes never name.

"The patient is on the ambulatory ward", "was admitted from a previous ambulatory ward",
"seen in the cardiology clinic": a small model places the patient somewhere the notes never
do, in two or three words the overlap measure leaves aside. A place of care is named by the
words before its noun; each of them must be the notes' own, or the notes must write the
place's initials ("CCU" for "the cardiac care unit"). A place with no such word ("to the
floor", "on the unit") names none, and is left be.
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_PLACE = re.compile(
    r"\b(?:on|in|to|from|at|into|onto|off)\s+"
    r"(?:(?:the|a|an|his|her|their|this|that|our)\s+)"
    r"(?P<name>(?:(?!(?:the|a|an|in|on|at|to|of|and|or|with|for|from)\b)[a-z][\w-]*\s+){1,3}?)"
    r"(?P<noun>wards?|floors?|units?|clinics?)\b"
    r"(?!\s+(?:of|secretary|clerk)\b)",
    re.IGNORECASE,
)
"""A place of care after a preposition and an article, with the words that name it: "on the
ambulatory ward", "from a previous surgical floor". A unit "of" something is an amount."""
_NAMELESS = frozenset(
    {
        "previous", "prior", "same", "new", "other", "another", "current", "regular", "usual",
        "general", "different", "original", "old", "own", "next", "first", "second", "third",
        "one", "two", "hospital", "hospitals", "nursing", "patient", "patients", "care",
    }
)  # fmt: skip
"""Words before a place's noun that name no place of their own ("the previous floor", "a
different unit")."""
_CUES = ("ward", "floor", "unit", "clinic")


def invented_place(sentence: str, notes: SourceNotes) -> str | None:
    """A place of care the sentence names in words the notes never use."""
    if not holds_any(sentence, _CUES):
        return None
    for match in _PLACE.finditer(sentence):
        words = match["name"].lower().split()
        initials = "".join(word[0] for word in words) + match["noun"][0].lower()
        if initials in notes.words:
            continue
        unknown = [
            word
            for word in words
            if word.isalpha() and word not in _NAMELESS and word not in notes.words
        ]
        if unknown:
            place = " ".join([*match["name"].split(), match["noun"]])
            return f"Not found in the notes: the notes never name the {place}."
    return None
