"""A test or scan the notes never mention.

"The patient has been receiving a CT scan" where the notes took a chest x-ray: a small model
swaps one study for another, or adds one a nurse would expect. The sentence has a word or two
of its own ("CT", "scan") and the notes' other words, too few for the sentence measure, and
no value for the per-fact rules. A study is named in the draft by any of its names ("CT
scan", "head CT", "echocardiogram", "TTE", "chest x-ray") and is backed where the notes name
it in any of theirs, shorthand included ("CT", "echo", "CXR", "PCXR", "u/s"): the notes'
forms are read broadly ("CT" may be a chest tube there), so a flag is a study the notes name
in none of these forms (a misspelt one, "csr" for "cxr", is not read).
"""

import re
from dataclasses import dataclass

from app.domain.factcheck.claims.notes import SourceNotes


@dataclass(frozen=True, slots=True)
class _Study:
    """A study a draft may name, with the names the notes may give it."""

    name: str
    """The study as the reason names it."""
    named: re.Pattern[str]
    """The draft's names for it, in lower case."""
    backed: re.Pattern[str]
    """The notes' names for it, in lower case, shorthand included."""


def _study(name: str, named: str, backed: str) -> _Study:
    return _Study(name, re.compile(rf"\b(?:{named})"), re.compile(rf"\b(?:{backed})"))


_PART = r"head|brain|chest|abdominal|abdomen|abd|pelvic|pelvis|spine|neck|renal"
_STUDIES = (
    _study(
        "CT scan",
        rf"ct\s+scans?\b|cat\s+scans?\b|computed\s+tomograph|(?:{_PART})\s+ct\b"
        rf"|ct\s+(?:of\s+(?:the\s+)?)?(?:{_PART})\b",
        r"ct\b|cta\b|cat\s+scan|computed\s+tomograph",
    ),
    _study("MRI", r"mri\b|magnetic\s+resonance", r"mri\b|mra\b|magnetic\s+resonance"),
    _study(
        "echocardiogram",
        r"echo(?:cardiogram)?s?\b|tte\b|tee\b|transthoracic|transesophageal",
        r"echo|tte\b|tee\b|transthoracic|transesophageal",
    ),
    _study("EEG", r"eeg\b|electroencephalogra", r"eeg\b|electroencephalo"),
    _study(
        "ultrasound",
        r"ultrasound|u/s\b|sonogra",
        r"ultrasound|u/s\b|us\b|sono|doppler|duplex",
    ),
    _study(
        "x-ray",
        r"x-?rays?\b|cxr\b|radiograph|chest\s+films?\b",
        r"x-?ray|cxr|pcxr|kub\b|film|radiograph",
    ),
    _study(
        "EKG",
        r"ekg|ecg|electrocardiogra|12[\s-]?leads?\b",
        r"ekg|ecg|electrocardio|12\s*-?\s*lead|strip",
    ),
    _study("bronchoscopy", r"bronchoscop", r"bronch"),
    _study(
        "endoscopy",
        r"endoscop|egd\b|colonoscop",
        r"endoscop|egd\b|colonoscop|scope",
    ),
    _study("paracentesis", r"paracentesis", r"paracentesis|tap\b|tapped"),
    _study("thoracentesis", r"thoracentesis", r"thoracentesis|tap\b|tapped"),
    _study("biopsy", r"biops", r"biops|bx\b"),
)
_ANY_NAMED = re.compile("|".join(study.named.pattern for study in _STUDIES))
"""Any study's name: one pass over a sentence that names none, which is most of them."""


def invented_test(sentence: str, notes: SourceNotes) -> str | None:
    """A study the sentence names that the notes name under none of its names."""
    lowered = sentence.lower()
    if _ANY_NAMED.search(lowered) is None:
        return None
    notes_lower = notes.written_lower
    for study in _STUDIES:
        if study.named.search(lowered) and not study.backed.search(notes_lower):
            return f"Not found in the notes: the source notes mention no {study.name}."
    return None
