"""The identity a nurse checks on every screen that shows a patient's notes."""

from datetime import date

from app.domain.notes import Patient
from app.domain.patient_identity import age_on, identity_line

TODAY = date(2026, 11, 21)


def test_age_counts_completed_years_only() -> None:
    assert age_on("1958-11-22", TODAY) == 67
    assert age_on("1958-11-21", TODAY) == 68


def test_a_missing_or_impossible_birth_date_gives_no_age() -> None:
    assert age_on("", TODAY) is None
    assert age_on("not a date", TODAY) is None
    assert age_on("2030-01-01", TODAY) is None


def test_the_identity_line_names_mrn_age_sex_allergies_and_code_status() -> None:
    patient = Patient(
        mrn="DEMO-1001",
        name="Alex Demo",
        birth_date="1958-03-14",
        sex="M",
        allergies="penicillin (hives)",
        code_status="Full code",
    )
    assert identity_line(patient, TODAY) == (
        "Alex Demo · MRN DEMO-1001 · 68 y M · Allergies: penicillin (hives) · "
        "Code status: Full code"
    )


def test_fields_the_chart_does_not_hold_read_not_recorded_never_blank() -> None:
    line = identity_line(Patient(mrn="MRN-9", name="Sam New"), TODAY)
    assert line == (
        "Sam New · MRN MRN-9 · age and sex not recorded · Allergies: not recorded · "
        "Code status: not recorded"
    )
