"""What the next shift must be told: isolation, lines and airways, pending tests, falls and skin.

A handover that leaves out the contact precautions, the arterial line or the culture still
pending fails the next nurse even when every number in it is right. These are not numbers the
extractors read, so each is found by the words nurses write for it ("MRSA", "a-line", "ett",
"pend", "decub", "fall risk") in the source notes, unless negated ("no foley", "skin without
breakdown") or removed ("aline and swan d/c"), and reported as left out when the draft names
none of the words for the same thing.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from app.domain.factcheck.facts import Fact

ISOLATION = "isolation"
AIRWAY = "airway"
LINE = "line"
PENDING = "pending"
FALL_RISK = "fall_risk"
SKIN = "skin"
HANDOVER_KINDS = frozenset({ISOLATION, AIRWAY, LINE, PENDING, FALL_RISK, SKIN})


@dataclass(frozen=True)
class Concept:
    """One thing to hand over and every way notes and drafts write it."""

    kind: str
    name: str
    words: str
    """A regular expression of its spellings, in lower case."""
    removable: bool = False
    """A device the notes may say was taken out ("a-line d/c'd"), so no longer to hand over."""


def _concept(kind: str, name: str, words: str, *, removable: bool = False) -> Concept:
    return Concept(kind, name, words, removable)


CONCEPTS = (
    _concept(ISOLATION, "contact precautions", r"(?:contact|mrsa|vre) (?:precautions?|isolation)"),
    _concept(ISOLATION, "droplet precautions", r"droplet (?:precautions?|isolation)"),
    _concept(
        ISOLATION,
        "airborne precautions",
        r"airborne (?:precautions?|isolation)|negative pressure room",
    ),
    _concept(ISOLATION, "MRSA", r"mrsa|methicillin[- ]resistant"),
    _concept(ISOLATION, "VRE", r"vre|vancomycin[- ]resistant"),
    _concept(ISOLATION, "C. difficile", r"c\.? ?diff(?:icile)?|clostridi(?:um|oides) difficile"),
    _concept(ISOLATION, "ESBL", r"esbl"),
    _concept(ISOLATION, "tuberculosis", r"tuberculosis|tb precautions"),
    _concept(
        AIRWAY,
        "endotracheal tube",
        r"(?<!\+ )(?<!\+_ )ett|et tube|endotracheal(?: tube)?|intubated|ventilat(?:ed|or)|"
        r"mechanical(?:ly)? ventilat\w*|on (?:the )?vent",
        removable=True,
    ),
    _concept(AIRWAY, "tracheostomy", r"trach|tracheostomy|trach collar", removable=True),
    _concept(
        LINE,
        "central line",
        r"central (?:venous )?line|cvl|cvc|tlc|triple[- ]lumen|cordis|introducer|"
        r"(?:[rl]\.? ?)?(?:ij|sc|subclavian|fem(?:oral)?) (?:line|tlc|cvl)|groin line|hickman|"
        r"swan(?:[- ]ganz)?|pa (?:line|catheter)",
        removable=True,
    ),
    _concept(LINE, "PICC", r"picc(?: line)?", removable=True),
    _concept(LINE, "arterial line", r"a-? ?line|art(?:erial)? line", removable=True),
    _concept(LINE, "Foley", r"foley|indwelling (?:urinary )?catheter", removable=True),
    _concept(
        LINE,
        "chest tube",
        r"chest tubes?|cts?(?= (?:drain|to (?:sxn|suction|water ?seal)|with|draining))|"
        r"mediastinal tubes?|pleural tubes?",
        removable=True,
    ),
    _concept(
        LINE,
        "drain",
        r"jp(?: drains?)?|jackson[- ]pratt|hemovac|pericardial drain|blake drains?",
        removable=True,
    ),
    _concept(
        PENDING,
        "pending results",
        r"pend(?:ing)?|pnd|awaiting|results? to follow|f/u (?:on )?(?:cx|cultures?|results?)",
    ),
    _concept(
        FALL_RISK,
        "fall risk",
        r"fall (?:risk|precautions?)|falls? risk|high risk for falls?|bed alarm|morse(?: score)?",
    ),
    _concept(
        SKIN,
        "pressure injury",
        r"decub(?:itus|s)?|pressure (?:ulcer|injury|sore|area)s?|bed ?sores?|"
        r"stage (?:i{1,3}|iv|[1-4])(?: (?:ulcer|decub|area|wound|pressure))?|breakdown|braden",
    ),
)

_ANY_CONCEPT = re.compile(
    r"(?=[a-z])(?<![a-z0-9])(?:"
    + "|".join(f"(?P<c{index}>{concept.words})" for index, concept in enumerate(CONCEPTS))
    + r")(?![a-z0-9])"
)
"""Every concept's spellings in one pattern, so each text is scanned once. Every spelling
starts with a letter, and the look-ahead for one lets the engine skip to letters instead of
trying the look-behind at every character."""

_NEGATION_BEFORE = re.compile(
    r"(?:\bno|\bnot|\bwithout|\bw/o|\bdenies|\bneg(?:ative)?(?: for)?|\bno evidence of|"
    r"\bfree of|\brule out|\br/o|\bnot on|\?|\bneeds?|\bneed for|\bplan(?:ned|s)?(?: to| for)?|"
    r"\bscheduled for|\bevaluated for|\battempted|\bconsider(?:ing)?|\bpossible)\W*(?:\w+\W+){0,2}$"
)
_REMOVED_AFTER = re.compile(
    r"^\W*(?:[\w/']+\W+){0,3}?(?:d/c(?:'?d)?|dc'?(?:e?d)?|discontinued|removed|pulled|out\b|"
    r"taken out|extubated|decannulated|(?:since )?closed|healed)"
)
_PLANNED = re.compile(r"\b(?:to be|will be|plan(?:ned)? to|to)\b")
_CLAUSE_END = re.compile(r"[.;\n]")
_LOOK = 40


@dataclass(frozen=True)
class Mention:
    concept: Concept
    start: int
    end: int
    text: str


def mentions(text: str) -> Iterator[Mention]:
    """Each handover item the text states as present, in text order (first mention each)."""
    lowered = text.lower()
    seen: set[str] = set()
    for match in _ANY_CONCEPT.finditer(lowered):
        concept = _concept_of(match)
        if concept.name in seen or _negated(lowered, match.start()):
            continue
        if concept.removable and _removed(lowered, match.end()):
            continue
        seen.add(concept.name)
        yield Mention(concept, match.start(), match.end(), text[match.start() : match.end()])


def named(text: str) -> set[str]:
    """The handover items a text names at all, negated, removed or present."""
    return {_concept_of(match).name for match in _ANY_CONCEPT.finditer(text.lower())}


def _concept_of(match: re.Match[str]) -> Concept:
    return CONCEPTS[int(str(match.lastgroup)[1:])]


def omitted_handover(source: str, draft: str) -> Iterator[tuple[Fact, str]]:
    """Each handover item the source states and the draft never names, with the reason."""
    in_draft = named(draft)
    for mention in mentions(source):
        if mention.concept.name in in_draft:
            continue
        fact = Fact(
            kind=mention.concept.kind,
            key=mention.concept.name,
            start=mention.start,
            end=mention.end,
            text=mention.text,
        )
        yield fact, f"The source notes mention {mention.concept.name}; the draft does not."


def _clause_before(lowered: str, start: int) -> str:
    window = lowered[max(0, start - _LOOK) : start]
    ends = list(_CLAUSE_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def _negated(lowered: str, start: int) -> bool:
    return _NEGATION_BEFORE.search(_clause_before(lowered, start)) is not None


def _removed(lowered: str, end: int) -> bool:
    window = lowered[end : end + _LOOK]
    clause_end = _CLAUSE_END.search(window)
    clause = window[: clause_end.start()] if clause_end else window
    found = _REMOVED_AFTER.search(clause)
    return found is not None and _PLANNED.search(clause[: found.end()]) is None
