"""A change or level claimed for a measure the notes never give.

A small model fills an assessment with lines such as "Increased platelets", "Reduced oxygen
saturation" or "Elevated hemoglobin" where the notes give no platelet count, saturation or
hemoglobin at all. Such a line is too short for the sentence measure (two or three words) and
holds no value for the per-fact rules to compare, so neither sees it. A measure is given when
the notes hold a reading of it or name it by any of the words the extractors read it by
(`measure_catalogue`), in the notes as written or with their shorthand spelt out.
"""

import re
from functools import cache

from app.domain.factcheck.claims.notes import SourceNotes, holds_any
from app.domain.factcheck.extract.measure_catalogue import (
    LABS,
    MEASURE_BY_KIND,
    PAIRED,
    VITALS,
    Measure,
)
from app.domain.factcheck.extract.measurements import exact_spellings

_CHANGE = (
    r"(?:increas[a-z]*|elevat[a-z]*|raised|ris(?:e|es|en|ing)|rose|high(?:er|est)?"
    r"|decreas[a-z]*|reduc[a-z]*|low(?:er|est|ered)?|fall(?:s|en|ing)?|fell|drop(?:s|ped|ping)?"
    r"|worsen[a-z]*|improv[a-z]*|stable|unchanged|normal)"
)
"""The words of a change or a level: "increased", "elevated", "rising", "low", "dropping",
and of its absence ("stable", "unchanged", "normal"): a measure the notes never give is no
more stable than it is high."""
_CUES = (
    "increas",
    "elevat",
    "raised",
    "ris",
    "rose",
    "high",
    "decreas",
    "reduc",
    "low",
    "fall",
    "fell",
    "drop",
    "worsen",
    "improv",
    "stable",
    "unchanged",
    "normal",
)
"""Letters every change word holds: most sentences have none."""
_STEADY = re.compile(r"\b(?:stable|unchanged|normal)\b")
"""The words of no change: a sentence that gives the value too ("hematocrit stable at 28.3")
is the per-fact rules' to weigh."""
_SYSTEM_NAMES = frozenset({"resp", "resps"})
"""Cues that also name a body system, as a line's heading or a plan's ("RESP:", "monitor resp
status")."""
_NAME_REACH = 40
"""Characters before a value on the notes' line where its measure's name is looked for."""
_CLAUSE_END = re.compile(r"[.;](?!\d)")
_BETWEEN = r"(?:\s+(?:in|of|the|his|her|their|blood))*\s+"
"""Words a change may stand apart from its measure by ("increase in the blood pressure")."""
_MIN_NAME = 5
"""Shorter names ("K", "HR", "sat") are shorthand that stands for other things in prose."""
_PLAIN_NAMES: dict[str, str] = {"white blood cells": "lab.wbc", "white blood cell": "lab.wbc"}
"""Names a draft writes in plain words that no note uses as a cue."""


def invented_measure(sentence: str, notes: SourceNotes) -> str | None:
    """The measure this sentence says changed, or was high or low, that the notes never give."""
    if not holds_any(sentence, _CUES):
        return None
    names, kinds = _names()
    lowered = sentence.lower()
    for match in names.finditer(lowered):
        if _STEADY.search(match.group()) and any(map(str.isdigit, lowered)):
            continue
        measure = kinds[match.group("after") or match.group("before")]
        if not _given(measure, notes):
            return f"Not found in the notes: the notes give no {measure.label}."
    return None


def _given(measure: Measure, notes: SourceNotes) -> bool:
    """Whether the notes hold a reading of the measure or name it anywhere, but by the name of
    its body system ("monitor resp status" gives no respiratory rate) or by a single letter:
    "R" names the respiratory rate only beside its value, which the readings then hold, and
    is a side everywhere else ("R radial A-line")."""
    if measure.kind in notes.readings:
        return True
    mention = mention_pattern(measure.kind)
    return any(
        len(found.group()) > 1 and found.group().lower() not in _SYSTEM_NAMES
        for text in (notes.written, notes.text)
        for found in mention.finditer(text)
    )


@cache
def measure_names() -> dict[str, Measure]:
    """The measure each lower-case name a draft may call a vital sign or lab by stands for."""
    kinds: dict[str, Measure] = {}
    for measure in (*VITALS, *LABS):
        for name in (measure.label, *measure.cues):
            lowered = name.lower()
            if len(lowered) >= _MIN_NAME and lowered[0].isalpha():
                kinds.setdefault(lowered, measure)
    for name, kind in _PLAIN_NAMES.items():
        kinds.setdefault(name, MEASURE_BY_KIND[kind])
    return kinds


@cache
def measure_name_alternation() -> str:
    """A pattern for any name of `measure_names`, the longest tried first."""
    names = sorted(measure_names(), key=len, reverse=True)
    return f"(?:{'|'.join(map(re.escape, names))})"


@cache
def _names() -> tuple[re.Pattern[str], dict[str, Measure]]:
    """A change word next to a measure's name, either way round ("increased platelets",
    "platelets increased"), and the measure each lower-case name stands for."""
    kinds = measure_names()
    names = measure_name_alternation()
    pattern = re.compile(
        rf"(?<![a-z]){_CHANGE}{_BETWEEN}(?P<after>{names})(?![a-z])"
        rf"|(?<![a-z])(?P<before>{names})(?:\s+(?:levels?|count|values?))?\s+"
        rf"(?:(?:was|were|is|are|has|have|been|remains?|remained|consistently|persistently"
        rf"|still|very)\s+)*{_CHANGE}(?![a-z])"
    )
    return pattern, kinds


@cache
def mention_pattern(kind: str) -> re.Pattern[str]:
    """Any word the extractors read the measure by: its cues ignoring case, its exact cues
    ("K", "Hgb") as the extractors read them (`exact_spellings`), its label, and the cues of a
    pair it is half of ("bun/cr")."""
    measure = MEASURE_BY_KIND[kind]
    paired = [cue for pair in PAIRED if kind in (pair.first, pair.second) for cue in pair.cues]
    cues = (measure.label, *measure.cues, *measure.weak_cues, *paired)
    loose = "|".join(re.escape(cue) for cue in sorted(cues, key=len, reverse=True))
    exact = "|".join(re.escape(cue) for cue in exact_spellings(measure))
    alternatives = f"(?i:{loose})" + (f"|{exact}" if exact else "")
    return re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])")


def named_before(written: str, kind: str, position: int) -> bool:
    """Whether one of the measure's names stands before `position` of the notes as written,
    on its line and in its clause, in any case (a note written in lower case writes "bs" for
    "BS"): the notes give the value there as a reading of that measure."""
    line_start = written.rfind("\n", 0, position) + 1
    before = _CLAUSE_END.split(written[max(line_start, position - _NAME_REACH) : position])[-1]
    mention = mention_pattern(kind)
    return mention.search(before) is not None or mention.search(before.upper()) is not None
