"""The fact checker: deterministic comparison of a drafted note with its source notes.

It catches what a language model may invent or alter (a vital sign, a dose, a time, a side) and
what it may leave out (an allergy, the code status, an abnormal value, a changed medication),
with the draft's character offsets so the editor can highlight each finding.
"""

from app.domain.factcheck.check import ReadNotes, check_against, check_draft, read_notes
from app.domain.factcheck.extract import extract_facts
from app.domain.factcheck.facts import Fact
from app.domain.factcheck.report import (
    ContradictedFlag,
    EvidenceSpan,
    FactCheckReport,
    Flag,
    Omission,
    SentenceEvidence,
)

__all__ = [
    "ContradictedFlag",
    "EvidenceSpan",
    "Fact",
    "FactCheckReport",
    "Flag",
    "Omission",
    "ReadNotes",
    "SentenceEvidence",
    "check_against",
    "check_draft",
    "extract_facts",
    "read_notes",
]
