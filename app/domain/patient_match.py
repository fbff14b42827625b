"""Whether notes or a draft belong to the patient they are filed under.

A draft made for one patient from another patient's notes puts a wrong allergy list, code
status and medications into the right chart. The desk clears the notes when the patient
changes, but the rule must hold whatever the caller does, so the drafting service refuses
notes that identify another patient known on this computer, and notes already drafted for one.
"""

import re
from collections.abc import Iterable

from app.domain.errors import WardScribeError
from app.domain.notes import Patient


class WrongPatient(WardScribeError):
    """Notes or a draft that belong to a different patient from the one chosen.

    The message never names either patient (errors may reach logs); `reason` is the short code
    the audit log keeps.
    """

    def __init__(self, message: str, reason: str = "wrong_patient") -> None:
        super().__init__(message)
        self.reason = reason


def mentions(text: str, phrase: str) -> bool:
    """Whether `phrase` stands in `text` as whole words, in any letter case or spacing."""
    words = phrase.split()
    if not words:
        return False
    pattern = r"(?<![\w-])" + r"\s+".join(re.escape(word) for word in words) + r"(?![\w-])"
    return re.search(pattern, text, re.IGNORECASE) is not None


def names_another_patient(notes: str, chosen: Patient, known: Iterable[Patient]) -> bool:
    """True when the notes carry another known patient's MRN, or their full name but not the
    chosen patient's: the two ways a chart's own text says whose it is."""
    names_chosen = mentions(notes, chosen.name)
    for other in known:
        if other.mrn == chosen.mrn:
            continue
        if mentions(notes, other.mrn):
            return True
        if (
            not names_chosen
            and other.name.casefold() != chosen.name.casefold()
            and mentions(notes, other.name)
        ):
            return True
    return False
