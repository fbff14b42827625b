"""The judgements the notes make of a measure themselves: "hypotensive", "no fever",
"K 5.6 (H)", "HR WNL". A draft that repeats one is the notes' judgement, not its own, so a
claim rule weighing a draft's judgement must know them."""

import re
from collections.abc import Iterator
from functools import lru_cache

from app.domain.factcheck.claims.notes import SourceNotes
from app.domain.factcheck.claims.ranges import ABNORMAL, ANY, HIGH, LOW, NORMAL, NOT_HIGH
from app.domain.factcheck.extract.measure_catalogue import MEASURE_BY_KIND
from app.domain.factcheck.shorthand import AFEBRILE_WRITTEN_APART

_NOTES_SPECIFIC: dict[str, tuple[str, frozenset[int]]] = {
    "afebrile": ("vital.temp", NOT_HIGH),
    "febrile": ("vital.temp", HIGH),
    "fever": ("vital.temp", HIGH),
    "pyrexi": ("vital.temp", HIGH),
    "spike": ("vital.temp", HIGH),
    "low grade": ("vital.temp", HIGH),
    "low-grade": ("vital.temp", HIGH),
    "hypotherm": ("vital.temp", LOW),
    "afeb": ("vital.temp", NOT_HIGH),
    "tachycardi": ("vital.hr", HIGH),
    "sinus tach": ("vital.hr", HIGH),
    "tachy": ("vital.hr", HIGH),
    "brady": ("vital.hr", LOW),
    "bradycardi": ("vital.hr", LOW),
    "sinus brady": ("vital.hr", LOW),
    "tachypn": ("vital.rr", HIGH),
    "tachypno": ("vital.rr", HIGH),
    "bradypn": ("vital.rr", LOW),
    "hypotens": ("vital.bp", LOW),
    "hypertens": ("vital.bp", HIGH),
    "htn": ("vital.bp", HIGH),
    "normotens": ("vital.bp", NORMAL),
    "hypox": ("vital.spo2", LOW),
    "desat": ("vital.spo2", LOW),
    "hyperkal": ("lab.potassium", HIGH),
    "hypokal": ("lab.potassium", LOW),
    "hypernatr": ("lab.sodium", HIGH),
    "hyponatr": ("lab.sodium", LOW),
    "hyperglyc": ("lab.glucose", HIGH),
    "hypoglyc": ("lab.glucose", LOW),
}
"""The notes' words that name a measure and judge it, as stems found wherever they start a
word ("hypotens" is "hypotensive" and "hypotension")."""

_NOTES_WORDS = {
    kind: tuple(word for word, (of, _) in _NOTES_SPECIFIC.items() if of == kind)
    for kind, _ in _NOTES_SPECIFIC.values()
}
"""The notes' words for each measure's judgements, looked for only for a measure a draft
sentence judges."""

_NOTES_GENERIC = re.compile(
    r"(?P<up>\((?:h|high|hi)\)|↑)|(?P<down>\((?:l|low|lo)\)|↓)"
    r"|\b(?:(?P<normal>wnl|normal|nl)|(?P<high>high|elevated)(?![\s-]*\d)"
    r"|(?P<low>low)(?![\s-]*\d)|(?P<abnormal>abnormal))\b",
    re.IGNORECASE,
)
"""How the notes judge a reading beside it: "K 5.6 (H)", "Na 131 low", "lytes WNL"."""
_NOTES_GENERIC_CLAIMS = {
    "up": HIGH,
    "high": HIGH,
    "down": LOW,
    "low": LOW,
    "normal": NORMAL,
    "abnormal": ABNORMAL,
}
_BEFORE_REACH = 15
_AFTER_REACH = 30
"""How far from a reading or a measure's name the notes' judgement of it may stand."""

NEGATED = re.compile(
    r"(?:\b(?:not|no|never|without|denies|denied|nor|non|free\s+of|no\s+longer)\b|n't)"
    r"(?:[ \t-]+[a-z]+)?[ \t-]*$",
    re.IGNORECASE,
)
"""A denial just before a judgement, at most one word between ("not tachycardic", "no
longer hypotensive", "not very febrile"), on its line and in its clause."""
_NOTES_CLAUSE = re.compile(r"[.;\n]")


def notes_judgements(kind: str, notes: SourceNotes) -> list[frozenset[int]]:
    """Each judgement the notes make of this measure, as the sides of its range it allows."""
    return [*_notes_specific(notes.written, kind), *_beside_readings(kind, notes)]


@lru_cache(maxsize=64)
def _notes_specific(written: str, kind: str) -> tuple[frozenset[int], ...]:
    """The judgements the notes make of this measure in words that name it, once per notes
    and measure; a denied one ("no fever") judges the measure the other way."""
    lowered = _lowered(written)
    found: list[frozenset[int]] = []
    for word in _NOTES_WORDS.get(kind, ()):
        claim = _NOTES_SPECIFIC[word][1]
        for start in _starts(lowered, word, whole=False):
            if word == "febrile" and AFEBRILE_WRITTEN_APART.match(lowered, max(0, start - 2)):
                found.append(_NOTES_SPECIFIC["afebrile"][1])
                continue
            negated = NEGATED.search(written, max(0, start - 20), start) is not None
            found.append(ANY - claim if negated else claim)
    return tuple(found)


def _starts(text: str, word: str, *, whole: bool) -> Iterator[int]:
    """Where the word starts a word of the text (and, if `whole`, ends one): a substring
    search, far cheaper over a whole note than a pattern of many words."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not _joined(text[start - 1])) and (
            not whole or end == len(text) or not _joined(text[end])
        ):
            yield start
        start = text.find(word, start + 1)


def _joined(character: str) -> bool:
    return character.isalnum() or character in "_/"


@lru_cache(maxsize=4)
def _lowered(text: str) -> str:
    """The notes in lower case, "a-febrile" written "-afebrile": the same length, so offsets
    still meet the notes as written, and read as the afebrile it means, not as "febrile"."""
    return text.lower().replace("a-febrile", "-afebrile")


def _beside_readings(kind: str, notes: SourceNotes) -> Iterator[frozenset[int]]:
    """The judgements the notes write next to one of this measure's readings or names, in
    its clause ("K 5.6 (H)", "HR WNL", "temp normal")."""
    spans = [(fact.start, fact.end) for fact in notes.readings.get(kind, ())]
    spans.extend(_named_in(notes.written, kind))
    written = notes.written
    for start, end in spans:
        clause_start = max(
            (
                match.end()
                for match in _NOTES_CLAUSE.finditer(written, start - _BEFORE_REACH, start)
            ),
            default=max(0, start - _BEFORE_REACH),
        )
        clause_end = _NOTES_CLAUSE.search(written, end, end + _AFTER_REACH)
        stop = min(len(written), end + _AFTER_REACH) if clause_end is None else clause_end.start()
        for match in _NOTES_GENERIC.finditer(written, clause_start, stop):
            yield _NOTES_GENERIC_CLAIMS[match.lastgroup or "abnormal"]


@lru_cache(maxsize=64)
def _named_in(written: str, kind: str) -> tuple[tuple[int, int], ...]:
    """Where the notes name this measure, once per notes and measure: its phrases in any
    case, its abbreviations ("HR", "T") with their capitals."""
    measure = MEASURE_BY_KIND[kind]
    lowered = _lowered(written)
    spans = [
        (start, start + len(cue))
        for cue in measure.cues
        for start in _starts(lowered, cue.lower(), whole=True)
    ]
    spans.extend(
        (start, start + len(cue))
        for cue in measure.exact_cues
        for start in _starts(written, cue, whole=True)
    )
    return tuple(spans)
