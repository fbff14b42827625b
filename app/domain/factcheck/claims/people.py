"""Clinicians the notes never mention, and roles the notes never give a named person.

A small model turns the notes' subject into "the nurse" ("a nurse who is experiencing
anxiety") or names the doctor who removed a sheath "a registered nurse". Neither is a fact
the per-fact rules read, and every other word of such a sentence may be the notes' own.
"""

import re
from functools import lru_cache

from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_NURSE = "nurse"
_PHYSICIAN = "physician"
_ROLE_WORDS = {
    "nurse": _NURSE,
    "nurses": _NURSE,
    "rn": _NURSE,
    "rns": _NURSE,
    "nursing": _NURSE,
    "nsg": _NURSE,
    "npn": _NURSE,
    "physician": _PHYSICIAN,
    "physicians": _PHYSICIAN,
    "doctor": _PHYSICIAN,
    "doctors": _PHYSICIAN,
    "dr": _PHYSICIAN,
    "md": _PHYSICIAN,
    "mds": _PHYSICIAN,
    "ho": _PHYSICIAN,
    "resident": _PHYSICIAN,
    "intern": _PHYSICIAN,
    "fellow": _PHYSICIAN,
    "attending": _PHYSICIAN,
    "surgeon": _PHYSICIAN,
    "team": _PHYSICIAN,
    "np": _PHYSICIAN,
    "pa": _PHYSICIAN,
    "house": _PHYSICIAN,
}
"""Words for a clinician, by the role they name; "nursing" and "NPN" (a nursing progress
note) count where the notes use them, so a nurse's own note has a nurse, but not where a draft
does (a heading's "nursing note")."""
_DRAFT_CLINICIAN = re.compile(r"\b(?:nurses?|RNs?|physicians?|doctors?)\b", re.IGNORECASE)
"""A clinician a draft sentence names as a person."""
_ROLE = (
    r"(?:registered\s+)?(?P<role>nurse|RN|physician|doctor|MD|resident|intern|fellow"
    r"|attending|surgeon)"
)
_NAMED_ROLE = re.compile(rf"\b(?P<name>[A-Z][a-z]{{2,}}),\s+(?:a|an|the|our|his|her)\s+{_ROLE}\b")
"""A person given a role after the name: "Mimmo, a registered nurse"."""
_TITLED = re.compile(r"\b(?P<title>Dr|Doctor|Nurse)\.?\s+(?P<name>[A-Z][a-z]{2,})\b")
"""A person given a role by a title: "Dr. Mimmo", "Nurse Joan"."""
_TITLE_ROLE = {"dr": _PHYSICIAN, "doctor": _PHYSICIAN, "nurse": _NURSE}
_CLINICIAN_AS_PATIENT = re.compile(
    r"\b(?:patient|pt)\s*(?::|\bis\b)\s*(?:(?:a|an|the)\s+)?(?:retired\s+)?"
    r"(?:Dr\b\.?|Doctor|Nurse|RN|MD|physician|attending|surgeon)",
    re.IGNORECASE,
)
"""The patient given a clinician's title or role ("Patient: Dr. Gertrude/ Dr. Sullivan aware",
the heading put before the notes' line about the doctors): backed only where the notes
themselves say the patient is one ("pt is a retired RN")."""
_WORD = re.compile(r"[a-z]+")
_ROLE_REACH = 30
"""Characters either side of a name in the notes where its role may be written ("Dr Mimmo",
"sheath removed by Mimmo, the fellow")."""


_CUES = (
    "nurse",
    "rn",
    "physician",
    "doctor",
    "dr",
    "md",
    "resident",
    "intern",
    "fellow",
    "attending",
    "surgeon",
)
"""Letters every clinician or title a draft names holds."""


def invented_person(sentence: str, notes: SourceNotes) -> str | None:
    """A clinician the notes never mention, the patient made a clinician, or a named person
    given a role the notes do not give them."""
    if not holds_any(sentence, _CUES):
        return None
    as_patient = _CLINICIAN_AS_PATIENT.search(sentence)
    if as_patient is not None and _CLINICIAN_AS_PATIENT.search(notes.text) is None:
        return (
            f"Not found in the notes: “{as_patient.group()}” makes the patient a clinician, "
            "which the source notes never say."
        )
    for match in _DRAFT_CLINICIAN.finditer(sentence):
        if _ROLE_WORDS[match.group().lower()] not in _roles_in(notes.text):
            return (
                "Not found in the notes: this sentence speaks of a "
                f"{match.group().lower()} the source notes never mention."
            )
    named = [
        *(
            (found["name"], _ROLE_WORDS[found["role"].lower()])
            for found in _NAMED_ROLE.finditer(sentence)
        ),
        *(
            (found["name"], _TITLE_ROLE[found["title"].lower()])
            for found in _TITLED.finditer(sentence)
        ),
    ]
    for name, role in named:
        if not _named_with_role(notes.text_lower, name.lower(), role):
            return f"Not found in the notes: the source notes do not name {name} as a {role}."
    return None


@lru_cache(maxsize=4)
def _roles_in(text: str) -> frozenset[str]:
    """The roles the notes name anyone by, read once per notes rather than per sentence."""
    return frozenset(
        _ROLE_WORDS[word] for word in _WORD.findall(text.lower()) if word in _ROLE_WORDS
    )


def _named_with_role(lowered_notes: str, name: str, role: str) -> bool:
    for match in re.finditer(rf"\b{re.escape(name)}\b", lowered_notes):
        nearby = lowered_notes[max(0, match.start() - _ROLE_REACH) : match.end() + _ROLE_REACH]
        if any(_ROLE_WORDS.get(word) == role for word in _WORD.findall(nearby)):
            return True
    return False
