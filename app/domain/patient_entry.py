"""Check a patient typed in by hand before it is registered.

A mistyped MRN attaches notes to the wrong chart, so entry is strict: the MRN is letters,
digits and the separators hospitals use, with no spaces; the encounter date is a real date.
"""

import re
from datetime import date

from app.domain.errors import InputRejected
from app.domain.notes import Patient

_MRN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9./-]{0,62}[A-Za-z0-9])?$")


def new_patient(name: str, mrn: str, unit: str, bed: str, encounter_date: str) -> Patient:
    """The patient as entered, trimmed; InputRejected names the field to fix."""
    name, mrn, unit, bed = name.strip(), mrn.strip(), unit.strip(), bed.strip()
    if not name:
        raise InputRejected("Enter the patient's name.")
    if len(name) > 200:
        raise InputRejected("The name is longer than 200 characters.")
    if not _MRN.fullmatch(mrn):
        raise InputRejected(
            "The MRN must be 1 to 64 letters or digits (with '-', '.' or '/' between them) "
            "and no spaces."
        )
    if len(unit) > 100 or len(bed) > 20:
        raise InputRejected("The unit or bed is too long (100 and 20 characters at most).")
    if encounter_date:
        try:
            date.fromisoformat(encounter_date)
        except ValueError:
            raise InputRejected("The encounter date must be a date (YYYY-MM-DD).") from None
    return Patient(mrn=mrn, name=name, unit=unit, bed=bed, encounter_date=encounter_date)
