"""A measure said to have risen or fallen to a value, where the notes' readings do not move so.

"The patient's oxygen saturation has been reduced to 96%" where the notes give "sats 94-96%",
"blood pressure has been increased to SBP 189-190" where 189-190 is the first reading: the
value is the notes', so the per-fact rules pass it, and the change is the claim. A change to a
value is backed where an earlier reading of the measure in the notes lies the other side of
it, or where the notes write a change word just before that reading themselves ("HR down to
80s"). A range ("94-96") is one reading, not a rise from its low end.
"""

import re
from functools import cache

from app.domain.factcheck.claims.measures import measure_name_alternation, measure_names
from app.domain.factcheck.claims.notes import SourceNotes, holds_any
from app.domain.factcheck.extract.measure_catalogue import MEASURE_BY_KIND
from app.domain.factcheck.facts import BloodPressure, Fact
from app.domain.factcheck.units import Quantity

_UP = r"increas[a-z]*|rose|risen|rising|climb[a-z]*|went\s+up"
_DOWN = r"decreas[a-z]*|reduc[a-z]*|drop(?:s|ped|ping)?|fell|falling|fallen|went\s+down|lowered"
_CHANGE_TO = re.compile(
    rf"(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\s+(?:from\s+\S+\s+)?to\s+(?:[A-Za-z]{{1,4}}\s+)?"
    r"(?P<value>\d+(?:\.\d+)?)",
    re.IGNORECASE,
)
"""A change to a value: "reduced to 96%", "increased from 80 to HR 110", "went up to 4"."""
_CUES = (
    "increas",
    "rose",
    "risen",
    "rising",
    "climb",
    "went",
    "decreas",
    "reduc",
    "drop",
    "fell",
    "fall",
    "lowered",
)
"""Letters every change word holds: most sentences have none."""
_NAME_REACH = 60
"""How far before the change word the measure's name is looked for."""
_NOTES_CHANGE = re.compile(
    r"(?:up|down|increas|decreas|drop|fell|rose|reduc|climb|improv|worsen|from"
    r"|\d[%'sS]*\s*(?:->|→))[^\n]{0,20}\Z|\bto\s+~?\d+(?:\.\d+)?'?s?\Z",
    re.IGNORECASE,
)
"""A change the notes write themselves just before a reading ("down to", "80->", "from 110s"),
or the "to" of one right before its value ("took o2 off w/sat to 88-89%").
An arrow is a change only after a number: after a word ("O2 SATS-> 94-96%") it is the notes'
way of setting a label off from its value."""
_NOTES_REACH = 24
"""How far before a reading the notes' own change word is looked for; it may also stand
between the reading's name and its value ("hct drop to 26")."""
_RANGE_GAP = re.compile(r"\s*(?:-|to)\s*\Z")


def invented_trend(sentence: str, notes: SourceNotes) -> str | None:
    """The rise or fall to a value this sentence claims that the notes' readings do not make."""
    if not holds_any(sentence, _CUES):
        return None
    for change in _CHANGE_TO.finditer(sentence):
        kind = _measure_before(sentence, change.start())
        if kind is None:
            continue
        readings = notes.readings.get(kind, ())
        value = float(change.group("value"))
        reached = next(
            (index for index, fact in enumerate(readings) if _value(fact) == value), None
        )
        if reached is None:
            continue
        reading = readings[reached]
        if _NOTES_CHANGE.search(notes.written, max(reading.start - _NOTES_REACH, 0), reading.end):
            continue
        earlier = _earlier(notes.written, readings, reached)
        rising = change.group("up") is not None
        label = MEASURE_BY_KIND[kind].label
        if earlier is None:
            return (
                f"Not found in the notes: the notes give no earlier {label} for it to have "
                f"{'risen' if rising else 'fallen'} from."
            )
        if earlier != value and (earlier < value) != rising:
            return (
                f"Contradicts the notes: the notes' {label} {'fell' if rising else 'rose'} to "
                f"“{reading.text}”."
            )
    return None


def _measure_before(sentence: str, position: int) -> str | None:
    """The kind of the last measure the sentence names in the `_NAME_REACH` characters before
    `position`."""
    window = sentence[max(position - _NAME_REACH, 0) : position].lower()
    found = None
    for match in _name_pattern().finditer(window):
        found = measure_names()[match.group()].kind
    return found


@cache
def _name_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z]){measure_name_alternation()}(?![a-z])")


def _value(fact: Fact) -> float | None:
    """A reading's number (a blood pressure's systolic)."""
    for value in fact.values("value"):
        if isinstance(value, Quantity):
            return value.magnitude
        if isinstance(value, BloodPressure):
            return float(value.systolic)
    return None


def _earlier(notes: str, readings: tuple[Fact, ...], index: int) -> float | None:
    """The reading before `index` that is not the low end of the same range, or None."""
    position = index
    while position > 0:
        previous, current = readings[position - 1], readings[position]
        if _RANGE_GAP.fullmatch(notes, previous.end, current.start) is None:
            return _value(previous)
        position -= 1
    return None
