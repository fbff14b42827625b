"""Levels of a drug the notes only give.

"Low calcium chloride levels", writes a small model where the notes gave calcium chloride: a
drug turned into a lab result. A drug's level is a test of its own (a digoxin level, a
vancomycin trough), backed only where the notes write one; a salt ("calcium chloride",
"potassium chloride") has no level at all, and the lab it stands beside (calcium, potassium)
is no drug name. The per-fact rules read a lab's value, and a sentence with no value, or
another's, passes them.
"""

import re
from functools import cache

from app.domain.factcheck.claims.notes import SourceNotes, holds_any
from app.domain.factcheck.lexicon import drug_names

_CUES = ("level", "lvl")
"""Letters every level holds: most sentences have none."""
_MIN_NAME = 3
"""Shorter drug names ("K", "LR") are too often other shorthand to read before a level."""
_NOT_READ = frozenset({"heparin"})
"""Drugs whose level nurses name by its test: a heparin level is read from the PTT the notes
write, so the notes' silence on a "heparin level" is no sign it is invented."""
_LEVEL_AFTER = r"\W+(?:[a-z]+\W+){0,2}?(?:levels?|lvls?|troughs?|peaks?)(?![a-z])"
_LEVEL_BEFORE = r"(?:levels?|lvls?|troughs?|peaks?)\W+(?:of\W+)?"
_BARE_VALUE = (
    r"[ \t]*[:=]?[ \t]*\d*\.\d+(?!\d)"
    r"(?![ \t]*(?:%|(?:mg|mcg|gm?|units?|u|ml|cc|tabs?|po|iv|pr|sl|im|sc|sq|ng|via|per)\b))"
)
"""A value with a decimal point and no unit or route after it, as a list of labs gives a level
("k 5.1, dig 2.4"): a dose carries its unit or route ("dig .125 mg")."""


def invented_drug_level(sentence: str, notes: SourceNotes) -> str | None:
    """A drug's level in a draft sentence where the notes never give a level of that drug."""
    if not holds_any(sentence, _CUES):
        return None
    names, generics = _drug_levels()
    for match in names.finditer(sentence.lower()):
        generic = generics[match.group("drug")]
        if not _level_pattern(generic).search(notes.written_lower):
            drug = sentence[match.start("drug") : match.end("drug")]
            return f"Not found in the notes: the source notes never give a {drug} level."
    return None


@cache
def _drug_levels() -> tuple[re.Pattern[str], dict[str, str]]:
    """Every drug name followed by "level(s)", and each name's generic, in lower case."""
    generics = {
        name.lower(): generic
        for name, generic in drug_names()
        if len(name) >= _MIN_NAME and generic not in _NOT_READ
    }
    alternatives = "|".join(map(re.escape, sorted(generics, key=len, reverse=True)))
    pattern = re.compile(rf"(?<![a-z0-9])(?P<drug>{alternatives})\s+(?:levels?|lvls?)(?![a-z])")
    return pattern, generics


@cache
def _level_pattern(generic: str) -> re.Pattern[str]:
    """A level, trough or peak of any name of this drug as the notes write it ("vanco trough",
    "dilantin level 7.0", "level of digoxin", "dig 2.4" among labs)."""
    names = sorted(
        (name.lower() for name, named in drug_names() if named == generic),
        key=len,
        reverse=True,
    )
    alternatives = "|".join(map(re.escape, names))
    return re.compile(
        rf"(?<![a-z0-9])(?:{alternatives})(?:{_LEVEL_AFTER}|{_BARE_VALUE})"
        rf"|{_LEVEL_BEFORE}(?:{alternatives})(?![a-z0-9])"
    )
