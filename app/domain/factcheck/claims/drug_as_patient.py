"""A drug the notes give, made the patient.

"Patient: Neo, 0930, off at quartermain 5", "Neo's BP dropped to 79/41", "Neo was admitted to
quartermain 5": a small model reads a drip's short name at the head of a line as the patient's
name. Every word is the notes', so word overlap and the drug rules pass it; the sentence tells
of a person the notes never name.

A drug is read as the patient where it fills the draft's patient field ("Patient: Neo,"),
where a person's things are its own ("Neo's BP", "Neo's family"), or where it is the subject
of what only a patient does ("Neo was admitted", "Neo is a 60-year-old"). What a drug may be
told to do ("heparin should continue") is left alone.
"""

import re
from functools import cache

from app.domain.factcheck.claims.notes import SourceNotes, holds_any
from app.domain.factcheck.lexicon import drug_names

_MIN_NAME = 3
"""Shorter drug names ("K", "LR") are too often other shorthand."""
_CUES = ("patient", "name", "'s", "’s", "admitted", "history", " is a", "shift")
"""Letters every place a drug stands for the patient holds: most sentences have none."""
_AS_PATIENT = re.compile(
    r"(?:^|\n)[ \t]*(?:patient|name)[ \t]*:[ \t]*(?P<field>[A-Za-z]+)[ \t]*(?:,|-|$)"
    r"|(?<![\w-])(?P<owner>[A-Za-z]+)['’]s[ \t]+(?:bp|blood\s+pressure|heart|hr|temperature|temp"
    r"|condition|family|wife|husband|mother|father|daughter|son|vital\w*|mental|mood)\b"
    r"|(?<![\w-])(?P<subject>[A-Za-z]+)[ \t]+(?:was\s+admitted|is\s+(?:a|an)\s+\d"
    r"|has\s+a\s+history|is\s+on\s+this\s+shift)\b",
    re.IGNORECASE | re.MULTILINE,
)
"""The three places a word stands for the patient: the patient's field, the owner of a
person's things, the subject of a patient's acts."""


def drug_as_patient(sentence: str, notes: SourceNotes) -> str | None:
    """A drug's name, capitalised as a name is, that the sentence gives the patient: its
    field, its things or its acts."""
    del notes  # a drug's name is no patient's, whatever the notes say of the drug
    if not holds_any(sentence, _CUES):
        return None
    for match in _AS_PATIENT.finditer(sentence):
        name = match.group("field") or match.group("owner") or match.group("subject")
        if name[0].isupper() and name.lower() in _drug_words():
            return f"Not found in the notes: “{name}” is a drug's name, not the patient's."
    return None


@cache
def _drug_words() -> frozenset[str]:
    """Every drug name of one word, lower case."""
    return frozenset(
        name.lower() for name, _ in drug_names() if len(name) >= _MIN_NAME and name.isalpha()
    )
