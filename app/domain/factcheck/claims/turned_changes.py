"""A measure said to have gone down where the notes only say it went up, or the reverse.

"The patient has been experiencing a decrease in their urine output" where the notes write
"Urine output has increased" and "Increased u/o": every word is the notes', no value is given
for the per-fact rules or `trends` to weigh, and the direction is the claim. A measure the
notes say moved both ways ("BP dropped to 70s, then rose with neo"), or never say moved, is
left alone: a draft may read a change off the notes' values, which this rule does not weigh.
"""

import re
from functools import cache, lru_cache

from app.domain.factcheck.claims.notes import SourceNotes, holds_any
from app.domain.factcheck.extract.measure_catalogue import MEASURES, Measure

_UP, _DOWN = "up", "down"
_UP_WORDS = r"increas[a-z]*|ris(?:e|es|en|ing)|rose|climb(?:s|ed|ing)?|went\s+up|trending\s+up"
_DOWN_WORDS = (
    r"decreas[a-z]*|reduc(?:e|ed|es|ing|tion)|drop(?:s|ped|ping)?|fell|fall(?:s|en|ing)?"
    r"|went\s+down|trending\s+down"
)


def _change(suffix: str) -> str:
    """A change word, its direction named by the group it matched (a pattern that reads a
    change twice gives each its own `suffix`)."""
    return rf"(?:(?P<up{suffix}>{_UP_WORDS})|(?P<down{suffix}>{_DOWN_WORDS}))"


_CUES = (
    "increas",
    "ris",
    "rose",
    "climb",
    "went",
    "trending",
    "decreas",
    "reduc",
    "drop",
    "fell",
    "fall",
)
"""Letters every change word holds: most sentences have none."""
_BETWEEN = r"(?:\s+(?:in|of|the|his|her|their|blood|a|an|slight|slightly|small|large))*\s+"
"""Words a change word may stand apart from its measure by ("a decrease in their urine output")."""
_AUXILIARIES = (
    r"(?:\s+(?:levels?|count|values?))?\s+"
    r"(?:(?:was|were|is|are|has|have|had|been|slowly|gradually|steadily|now|also|continued|"
    r"continues|started|starting|began|begun|begins|seemed|seems|to)\s+)*"
)
"""Words between a measure and its change ("PAP has slowly been decreasing", "her SBP started
to rise")."""
_MIN_NAME = 2
_NOT_NAMES = frozenset({"in", "out", "po", "iv", "tf", "ct", "ef", "ai"})
"""Cues too common as other words to read as a measure's name beside a change word."""


def turned_change(sentence: str, notes: SourceNotes) -> str | None:
    """The measure this sentence says went one way that the notes only say went the other."""
    if not holds_any(sentence, _CUES):
        return None
    noted = _changes(notes.written)
    if not noted:
        return None
    for kind, direction, _ in _read(sentence, valued=False):
        said = noted.get(kind)
        if said is not None and said.directions == {_opposite(direction)}:
            return f"Contradicts the notes: the notes say “{said.written}”."
    return None


class _Said:
    """The directions the notes give a measure's change, and how they first wrote one."""

    def __init__(self, written: str) -> None:
        self.directions: set[str] = set()
        self.written = written


@lru_cache(maxsize=4)
def _changes(notes: str) -> dict[str, _Said]:
    """Each measure the notes say went up or down, with the directions they give it."""
    said: dict[str, _Said] = {}
    for kind, direction, written in _read(notes, valued=True):
        said.setdefault(kind, _Said(written)).directions.add(direction)
    return said


def _read(text: str, *, valued: bool) -> list[tuple[str, str, str]]:
    """Each change of a measure the text writes as having happened: its kind, its direction,
    its words. A change denied or still to watch for ("no increase in BP", "observe for
    decreased u/o") is none. A draft's change to a value ("sats rose to 98%") is `trends`' to
    weigh, and is read only where `valued`: in the notes, where it is a change all the same."""
    pattern, kinds = _pattern()
    lowered = text.lower()
    found = []
    for match in pattern.finditer(lowered):
        if _NOT_HAPPENED.search(lowered, max(0, match.start() - _REACH_BEFORE), match.start()):
            continue
        if not valued and _TO_A_VALUE.match(lowered, match.end()):
            continue
        name = match.group("after") or match.group("before")
        up = match.group("up") or match.group("up_sign") or match.group("up2")
        found.append((kinds[name].kind, _UP if up else _DOWN, text[match.start() : match.end()]))
    return found


_NOT_HAPPENED = re.compile(
    r"\b(?:no|not|without|never|nor|for|if|watch|avoid|prevent|any|will|should|may|might|to)"
    r"\s+(?:[a-z]+\s+)?\Z"
)
_REACH_BEFORE = 24
_TO_A_VALUE = re.compile(r"\s*(?:to|from|at|of)\s*(?:the\s+)?[<>~]?\s*\d")


def _opposite(direction: str) -> str:
    return _DOWN if direction == _UP else _UP


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, Measure]]:
    """A change word or arrow before a measure's name ("increased u/o", "^U/O") or a change word
    after it ("urine output has increased"), and the measure each lower-case name stands
    for."""
    kinds: dict[str, Measure] = {}
    for measure in MEASURES:
        for name in (measure.label, *measure.cues, *measure.exact_cues):
            lowered = name.lower()
            if len(lowered) >= _MIN_NAME and lowered[0].isalpha() and lowered not in _NOT_NAMES:
                kinds.setdefault(lowered, measure)
    names = "|".join(map(re.escape, sorted(kinds, key=len, reverse=True)))
    pattern = re.compile(
        rf"(?:(?<![a-z]){_change('')}{_BETWEEN}|(?P<up_sign>[\^↑])\s*|[↓]\s*)"
        rf"(?P<after>{names})(?![a-z/])"
        rf"|(?<![a-z/])(?P<before>{names}){_AUXILIARIES}{_change('2')}(?![a-z])"
    )
    return pattern, kinds
