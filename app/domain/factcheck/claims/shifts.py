"""A patient placed "on a shift".

Shifts belong to the staff; a small model that misreads a note's heading ("Neuro:",
"7p-7a", "CSRU admission") writes "the patient is on the Neuro shift", "the patient was
admitted to the post-cabg X4 LIMA shift" or "she is on this shift as a registered nurse",
sentences that state nothing the notes do, in words the overlap measure leaves aside.

A shift as a time is the notes' own ("during this shift the patient...", "slept most of the
shift", "stable on this shift"): only a shift the patient is, or is put, on or in is judged.
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_SUBJECT = r"\b(?:patient|pt|he|she|they)\b"
_NOT_STAFF = (
    r"(?<![\w'])(?!(?:i|we|you|rn|nurses?|staff|md|doctor|physician|resident|team|writer|care"
    r"|report|coverage)\b)[a-z]+"
)
"""Whatever is said to be on a shift, but staff and their work: the model puts a body system
there too ("Neuro is on an alert oriented shift")."""
_ADVERB = r"(?:(?:currently|still|now|also|already|presently|then|since|recently)\s+)?"
_A_SHIFT = (
    r"(?:the|this|a|an|our|his|her|their)\s+"
    r"(?:(?!(?:the|this|that|a|an|of|at|by|during|over|throughout|for|in|on|to|from|with|and"
    r"|(?-i:or)|but|before|after|until|end|start|beginning|rest|remainder|most|entire|whole|all)\b)"
    r"[\w~/&+.()'%#:<>=-]+\s+){0,8}shifts?\b(?!')"
)
"""A shift named by its heading or by the model's own words: "the Neuro shift", "the
post-cabg X4 LIMA shift", "the Ac 10 800 PEEP 10 40% Sputum shift", "this shift"; a time
word or preposition on the way ("the floor at the end of the shift") ends the name, so a
shift as a time is never read as a place."""
_ON_A_SHIFT = re.compile(
    rf"{_NOT_STAFF}\s+{_ADVERB}(?:is|was|has\s+been|had\s+been|will\s+be|remains|remained|stays"
    rf"|stayed)\s+{_ADVERB}on\s+{_A_SHIFT}"
    rf"|{_SUBJECT}(?:\s+[\w'-]+){{0,3}}?\s+(?:transferred|moved|placed|assigned|brought|returned"
    rf"|sent|taken|put)\s+(?:to|onto|into)\s+{_A_SHIFT}"
    rf"|\badmitted\s+(?:to|onto|into)\s+{_A_SHIFT}"
    r"|\bon\s+(?:this|the|that|her|his)\s+shift\s+as\s+(?:a|an)\s+(?!result\b|whole\b)",
    re.IGNORECASE,
)
"""A patient on a shift: "is on the Neuro shift", "was transferred to the CSRU shift", "was
admitted to the X shift" (only a patient is admitted; "admitted on the night shift" is a
time), "on this shift as a registered
nurse" (a role on a shift)."""

_CUES = ("shift",)


def patient_on_a_shift(sentence: str, notes: SourceNotes) -> str | None:
    """A sentence that puts the patient on a shift, as if the patient were staff."""
    del notes  # the notes never put a patient on a shift
    if holds_any(sentence, _CUES) and _ON_A_SHIFT.search(sentence):
        return "Not found in the notes: this sentence puts the patient on a shift, as staff."
    return None
