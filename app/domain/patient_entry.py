"""Check a patient typed in by hand before it is registered.

A mistyped MRN attaches notes to the wrong chart, so entry is strict: the MRN is letters,
digits and the separators hospitals use, with no spaces; the encounter date is a real date.
"""

import re
from datetime import date

from app.domain.errors import InputRejected
from app.domain.notes import Patient

_MRN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9./-]{0,62}[A-Za-z0-9])?$")


def new_patient(
    name: str,
    mrn: str,
    unit: str,
    bed: str,
    encounter_date: str,
    *,
    birth_date: str = "",
    sex: str = "",
    allergies: str = "",
    code_status: str = "",
) -> Patient:
    """The patient as entered, trimmed; InputRejected names the field to fix."""
    name, mrn, unit, bed = name.strip(), mrn.strip(), unit.strip(), bed.strip()
    birth_date, sex = birth_date.strip(), sex.strip()
    allergies, code_status = allergies.strip(), code_status.strip()
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
    if birth_date:
        try:
            born = date.fromisoformat(birth_date)
        except ValueError:
            raise InputRejected("The birth date must be a date (YYYY-MM-DD).") from None
        if born > date.today():
            raise InputRejected("The birth date is in the future.")
    if len(sex) > 20 or len(allergies) > 300 or len(code_status) > 60:
        raise InputRejected(
            "The sex, allergies or code status is too long (20, 300 and 60 characters at most)."
        )
    return Patient(
        mrn=mrn,
        name=name,
        unit=unit,
        bed=bed,
        encounter_date=encounter_date,
        birth_date=birth_date,
        sex=sex,
        allergies=allergies,
        code_status=code_status,
    )
