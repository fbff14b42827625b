"""A patient placed "on a shift".

Shifts belong to the staff; a small model that misreads a note's heading ("Neuro:",
"7p-7a") writes "the patient is on the Neuro shift", a sentence that states nothing the notes
do, in words the overlap measure leaves aside.
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes

_ON_A_SHIFT = re.compile(
    r"\b(?:patient|pt|he|she|they)\s+(?:is|was|has\s+been|had\s+been|remains)\s+on\s+"
    r"(?:the|this|a)\s+(?:(?!this\b|that\b|the\b)[\w~-]+\s+){0,2}shift\b",
    re.IGNORECASE,
)


def patient_on_a_shift(sentence: str, notes: SourceNotes) -> str | None:
    """A sentence that puts the patient on a shift, as if the patient were staff."""
    del notes  # the notes never put a patient on a shift
    if _ON_A_SHIFT.search(sentence):
        return "Not found in the notes: this sentence puts the patient on a shift, as staff."
    return None
