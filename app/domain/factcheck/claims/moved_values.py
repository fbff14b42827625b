"""A value the notes give one thing, told of a measure.

"The patient's blood pressure is at 1:1" where 1:1 is the balloon pump's ratio; "a heart
rate of 130-140/70" where that is the notes' blood pressure. The extractors bind a value to
its measure in the shapes notes write it, and these sentences write it in a shape they do not
bind, so no per-fact rule weighs it; every word and number is the notes'.

Only a compound value is judged, a range, a ratio or a pair ("120-140", "1:1", "120/70"): a
single number is written too often, for too many things, to say which the notes meant. The
value must follow a measure's name in the sentence (`measure_names`) with nothing but small
words between ("is at", "of", "remained stable at"): "sodium bicarbonate and improved to
7.35/30/104" gives no sodium. It is backed where the notes write it as a reading of that
measure, or after one of the measure's names in its clause; it is moved where the notes write
it, and only after other things. A value the notes never write is left to the per-fact rules
and the sentence measure: flagged here too, it doubled their flags on every reading that
changed between two of a patient's notes.
"""

import re
from functools import lru_cache

from app.domain.factcheck.claims.measures import measure_names, named_before
from app.domain.factcheck.claims.notes import SourceNotes
from app.domain.factcheck.extract.measure_catalogue import Measure
from app.domain.factcheck.phrases import word_set

_NUMBER = r"\d+(?:\.\d+)?"
_COMPOUND = (
    r"\d:\d(?![\d:])"
    rf"|{_NUMBER}(?:'?s)?\s*(?:-|to|/)\s*{_NUMBER}(?:'?s)?(?:\s*/\s*{_NUMBER}(?:'?s)?)?"
)
"""A ratio, a range or a pair: "1:1", "120-140", "120 to 130/70", "60's-80". A ratio is of
single digits: "9:30" is a time."""
_SMALL_WORDS = word_set(
    "is was are were remains remain remained stable steady at of to in the a an normal level",
    "levels reading readings value values range ranging from between around about",
    "approximately has have been had with consistently still now currently",
)
"""Words that may stand between a measure's name and its value."""
_VALUE = re.compile(rf"(?<![\d.])(?:{_COMPOUND})(?![\d])")
_FIRST_LOOK = re.compile(r"\d\s*(?:-|to|/|:)\s*\d")
"""What every compound value holds: a sentence without it is passed at once."""
_NAME_WORDS = 4
"""The most words a measure's name has ("white blood cell count")."""
_KEY_NOISE = re.compile(r"'?s|\s+")


def moved_value(sentence: str, notes: SourceNotes) -> str | None:
    """A compound value the sentence gives a measure that the notes only give other things."""
    lowered = sentence.lower()
    if _FIRST_LOOK.search(lowered) is None:
        return None
    for value in _VALUE.finditer(lowered):
        measure = _measure_before(lowered, value.start())
        if measure is None:
            continue
        places = _places(notes.written_lower, value.group())
        if not places or any(_backs(notes, measure.kind, start, end) for start, end in places):
            continue
        return (
            f"Not found in the notes: the notes give {value.group()} for something other "
            f"than the {measure.label}."
        )
    return None


def _measure_before(text: str, position: int) -> Measure | None:
    """The measure named right before `position`, small words aside. A name paired with
    another by a slash ("BUN/creatinine 38/1.8") gives the pair's value, not its own."""
    words = text[:position].split()[-(_NAME_WORDS + len(_SMALL_WORDS)) :]
    while words and words[-1] in _SMALL_WORDS:
        words.pop()
    names = measure_names()
    for size in range(min(_NAME_WORDS, len(words)), 0, -1):
        measure = names.get(" ".join(words[-size:]))
        if measure is not None:
            return measure
    return None


def _places(notes_lower: str, value: str) -> list[tuple[int, int]]:
    """Where the notes write this value, with any spacing and "to" for "-"."""
    return _notes_values(notes_lower).get(_key(value), [])


@lru_cache(maxsize=4)
def _notes_values(notes_lower: str) -> dict[str, list[tuple[int, int]]]:
    """Each compound value the notes write, by its key, with where: read once per notes."""
    found: dict[str, list[tuple[int, int]]] = {}
    for match in _VALUE.finditer(notes_lower):
        found.setdefault(_key(match.group()), []).append(match.span())
    return found


def _key(value: str) -> str:
    """A value as compared: its numbers and what parts them, "to" read as "-", decades'
    "'s" and spacing left out ("60's - 80" is "60-80")."""
    return _KEY_NOISE.sub("", value).replace("to", "-")


def _backs(notes: SourceNotes, kind: str, start: int, end: int) -> bool:
    """Whether the notes' value at [start, end) is a reading of the measure: inside one the
    extractors read, or after one of its names in its clause, in any case (a note written in
    lower case writes "bs" for "BS")."""
    if any(fact.start <= start and end <= fact.end for fact in notes.readings.get(kind, ())):
        return True
    return named_before(notes.written, kind, start)
