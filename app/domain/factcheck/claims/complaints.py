"""A chief complaint moved to another finding.

"LLquadrant pain is pt's chief c/o at this point", say the notes; "The patient's tachypnea is
described as pt's chief c/o at this point", writes the model, in the notes' words around a
finding they name elsewhere. Making a finding the chief complaint is backed where the notes'
own chief complaint (the passage that says "chief c/o", "CC:", "main complaint", "presents
with") names it. A main issue, main concern or reason for admission is a looser claim: it is
backed by the chief complaint or by any passage where the notes admit the patient ("admit to
micu with LLL ab pain, metabolic acidosis, tachypnea").

Where the notes name no chief complaint the rule says nothing: what the patient's main problem
is, is then a reading of the notes, not a claim against them.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_NOTES_COMPLAINT = re.compile(
    r"chief\s+(?:c/o|complain)|(?:main|primary|presenting)\s+(?:complaint|c/o)"
    r"|present(?:s|ed|ing)\s+(?:with|w/)|reason\s+for\s+(?:the\s+)?admission"
    r"|(?P<label>(?:cc|c/c)\s*:)"
)
"""Where notes name the chief complaint, read in lower case: "chief c/o", "main complaint",
"presents with", "reason for admission", or a "CC:" label (`_complaint_named`). The pattern
opens on a word, not a boundary test, so a search of the whole notes costs little."""
_NOTES_ADMISSION = re.compile(
    r"\badmi(?:t|ts|tted|ssion)\b|\btransfer(?:red)?\s+(?:to|from)\b", re.IGNORECASE
)
"""Where notes say why the patient came: "admit to micu with", "admitted for"."""

_ITS = r"(?:(?:the\s+)?(?:patient|pt)'?s\s+|the\s+|his\s+|her\s+|their\s+)?"
_CHIEF = (
    rf"{_ITS}(?:(?P<chief>(?:chief|presenting|principal)\s+(?:complaints?|c/o))"
    r"|(?:chief|main|primary|presenting|principal)\s+"
    r"(?:complaints?|c/o|concerns?|issues?|problems?)"
    r"|reason\s+for\s+(?:the\s+)?(?:admission|admit))"
)
"""A naming of the chief complaint in a draft; group `chief` holds the strict kind ("chief
complaint", "chief c/o"), which only the notes' chief complaint backs."""
_NAMED_BEFORE = re.compile(
    r"\s+(?:is|was|are|were|remains|remained)\s+(?:(?:being\s+)?(?:described|noted|reported"
    r"|listed|documented|considered|identified|given)\s+as\s+)?" + _CHIEF + r"\b",
    re.IGNORECASE,
)
""""X is described as pt's chief c/o", "X was the main issue": the finding comes before."""
_NAMED_AFTER = re.compile(
    r"(?:^|\b)" + _CHIEF + r"\s*(?:\b(?:is|was|remains|are|were)\b|:|-)\s*"
    r"(?:(?:described|noted|reported|listed)\s+as\s+)?",
    re.IGNORECASE,
)
""""The chief complaint is X", "Main issue: X": the finding comes after."""
_CLAUSE_EDGE = re.compile(r"[,;:(.]|\b(?:and|but|while|whereas|with|who|which)\b", re.IGNORECASE)
_GENERIC = (
    "patient pt his her their current currently main primary chief complaint complain issue "
    "concern problem described noted reported considered reason admission admit point now "
    "today time acute ongoing new"
)
"""Words any naming of a chief complaint may hold: none of them names the finding."""

_CUES = ("chief", "main", "primary", "presenting", "principal", "reason for")
"""Letters every naming of a chief complaint holds."""


@dataclass(frozen=True, slots=True)
class _Finding:
    text: str
    chief: bool
    """Named the chief complaint itself, which only the notes' chief complaint backs."""


def moved_complaint(sentence: str, notes: SourceNotes) -> str | None:
    """A finding made the chief complaint, main issue or reason for admission where the notes
    name another chief complaint and never this one."""
    if not holds_any(sentence, _CUES) or not _names_a_complaint(notes.written):
        return None
    generic = notes.terms(_GENERIC)
    for finding in _findings(sentence):
        terms = notes.terms(finding.text) - generic
        if terms and not terms & _backing(notes, finding.chief):
            return (
                f"Not found in the notes: the notes name another chief complaint, not "
                f"“{finding.text.strip()}”."
            )
    return None


def _findings(sentence: str) -> list[_Finding]:
    """What the sentence makes the chief complaint: the clause before "is the chief
    complaint", or after "the chief complaint is"."""
    found = []
    for match in _NAMED_BEFORE.finditer(sentence):
        before = sentence[: match.start()]
        edges = list(_CLAUSE_EDGE.finditer(before))
        clause = before[edges[-1].end() :] if edges else before
        found.append(_Finding(clause, match["chief"] is not None))
    for match in _NAMED_AFTER.finditer(sentence):
        after = sentence[match.end() :]
        edge = _CLAUSE_EDGE.search(after)
        found.append(_Finding(after[: edge.start()] if edge else after, match["chief"] is not None))
    return found


def _backing(notes: SourceNotes, chief: bool) -> set[str]:
    """The content terms of the notes' passages that back a chief complaint: those that name
    theirs (with the sentence after a bare "CC:" label), and, for a looser claim, those that
    admit the patient."""
    found: set[str] = set()
    sentences = notes.sentences
    for index, sentence in enumerate(sentences):
        if _complaint_named(sentence) or (not chief and _NOTES_ADMISSION.search(sentence)):
            found |= notes.sentence_terms[index]
            if index + 1 < len(sentences) and sentence.rstrip().endswith(":"):
                found |= notes.sentence_terms[index + 1]
    return found


@lru_cache(maxsize=4)
def _names_a_complaint(written: str) -> bool:
    """Whether the notes name a chief complaint anywhere: most notes do not, which one search
    of the notes as given tells, once per notes."""
    return _complaint_named(written)


def _complaint_named(text: str) -> bool:
    """Whether the text names a chief complaint; a "CC:" label only where it opens a line or
    sentence ("CC: chest pain", not "urine 30 cc:")."""
    lowered = text.lower()
    for match in _NOTES_COMPLAINT.finditer(lowered):
        if match["label"] is None:
            return True
        opening = lowered[: match.start()].rstrip(" \t")
        if not opening or opening[-1] in "\n.;":
            return True
    return False
