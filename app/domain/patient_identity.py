"""What a nurse reads to be sure a note is for the patient in front of her.

Two identifiers are not enough to catch a wrong chart at a glance: the bar, every export and
every dialog that shows note text also carry age and sex, allergies and code status, which
differ between patients far more visibly than two MRNs do. A field the chart does not hold
reads "not recorded", so a blank is never mistaken for "none".
"""

from datetime import date

from app.domain.notes import Patient

NOT_RECORDED = "not recorded"


def age_on(birth_date: str, today: date) -> int | None:
    """Completed years on `today`; None when the birth date is missing or not a date."""
    try:
        born = date.fromisoformat(birth_date)
    except ValueError:
        return None
    if born > today:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def age_sex(patient: Patient, today: date) -> str:
    """ "67 y F", "67 y", "F" or "age and sex not recorded"."""
    age = age_on(patient.birth_date, today)
    parts = ([f"{age} y"] if age is not None else []) + ([patient.sex] if patient.sex else [])
    return " ".join(parts) if parts else f"age and sex {NOT_RECORDED}"


def identity_lines(patient: Patient, today: date) -> tuple[str, str]:
    """Who the patient is (name, MRN, age/sex), then what keeps them safe (allergies, code
    status): two lines where one would be too long for a printed page."""
    who = " · ".join([patient.name, f"MRN {patient.mrn}", age_sex(patient, today)])
    safety = " · ".join(
        [
            f"Allergies: {patient.allergies or NOT_RECORDED}",
            f"Code status: {patient.code_status or NOT_RECORDED}",
        ]
    )
    return who, safety


def identity_line(patient: Patient, today: date) -> str:
    """Name, MRN, age/sex, allergies and code status on one line, in the order a nurse checks."""
    return " · ".join(identity_lines(patient, today))
