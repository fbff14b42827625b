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
from functools import cache

from app.domain.factcheck.claims.measures import (
    measure_name_alternation,
    measure_names,
    mention_pattern,
)
from app.domain.factcheck.claims.notes import SourceNotes

_NUMBER = r"\d+(?:\.\d+)?"
_COMPOUND = (
    r"\d:\d(?![\d:])"
    rf"|{_NUMBER}(?:'?s)?\s*(?:-|to|/)\s*{_NUMBER}(?:'?s)?(?:\s*/\s*{_NUMBER}(?:'?s)?)?"
)
"""A ratio, a range or a pair: "1:1", "120-140", "120 to 130/70", "60's-80". A ratio is of
single digits: "9:30" is a time."""
_SMALL_WORDS = (
    r"(?:is|was|are|were|remains?|remained|stable|steady|at|of|to|in|the|a|an|normal|levels?"
    r"|readings?|values?|range|ranging|from|between|around|about|approximately|has|have|been"
    r"|had|with|consistently|still|now|currently)"
)
"""Words that may stand between a measure's name and its value."""
_REACH = 40
"""Characters before a value on the notes' line where its measure's name is looked for."""
_NUMBER_PART = re.compile(_NUMBER)
_CLAUSE_END = re.compile(r"[.;](?!\d)")
_SEPARATOR = re.compile(r"(?:'?s)?\s*(-|to|/|:)\s*")


def moved_value(sentence: str, notes: SourceNotes) -> str | None:
    """A compound value the sentence gives a measure that the notes only give other things."""
    lowered = sentence.lower()
    if not any(character.isdigit() for character in lowered):
        return None
    for match in _named_value().finditer(lowered):
        measure = measure_names()[match["name"]]
        places = _places(notes.written_lower, match["value"])
        if not places or any(_backs(notes, measure.kind, start, end) for start, end in places):
            continue
        return (
            f"Not found in the notes: the notes give {match['value']} for something other "
            f"than the {measure.label}."
        )
    return None


@cache
def _named_value() -> re.Pattern[str]:
    """A measure's name, then after small words only a compound value. A name paired with
    another by a slash ("BUN/creatinine 38/1.8") gives the pair's value, not its own."""
    return re.compile(
        rf"(?<![a-z/])(?P<name>{measure_name_alternation()})(?![a-z/])"
        rf"(?:\s+{_SMALL_WORDS})*\s+(?P<value>{_COMPOUND})(?![\d])"
    )


def _places(notes_lower: str, value: str) -> list[tuple[int, int]]:
    """Where the notes write this value, with any spacing and "to" for "-"."""
    numbers = _NUMBER_PART.findall(value)
    separators = _SEPARATOR.findall(value)
    if len(separators) != len(numbers) - 1:
        return []
    pattern = re.escape(numbers[0])
    for separator, number in zip(separators, numbers[1:], strict=True):
        written = "(?:-|to)" if separator in ("-", "to") else re.escape(separator)
        pattern += rf"(?:'?s)?\s*{written}\s*{re.escape(number)}"
    found = re.finditer(rf"(?<![\d.]){pattern}(?![\d]|\.\d)", notes_lower)
    return [match.span() for match in found]


def _backs(notes: SourceNotes, kind: str, start: int, end: int) -> bool:
    """Whether the notes' value at [start, end) is a reading of the measure: inside one the
    extractors read, or after one of its names in its clause, in any case (a note written in
    lower case writes "bs" for "BS")."""
    if any(fact.start <= start and end <= fact.end for fact in notes.readings.get(kind, ())):
        return True
    line_start = notes.written.rfind("\n", 0, start) + 1
    before = _CLAUSE_END.split(notes.written[max(line_start, start - _REACH) : start])[-1]
    mention = mention_pattern(kind)
    return mention.search(before) is not None or mention.search(before.upper()) is not None
