"""Notes that belong to another patient than the one chosen."""

from app.domain.notes import Patient
from app.domain.patient_match import names_another_patient

ALEX = Patient(mrn="DEMO-1001", name="Alex Demo")
JORDAN = Patient(mrn="DEMO-1002", name="Jordan Sample")
KNOWN = [ALEX, JORDAN]


def test_notes_carrying_another_patients_mrn_are_not_the_chosen_patients() -> None:
    notes = "MRN DEMO-1002. 0800 BP 132/84, resting."
    assert names_another_patient(notes, ALEX, KNOWN)


def test_notes_naming_another_patient_and_not_the_chosen_one_are_not_theirs() -> None:
    notes = "0700 Received JORDAN  SAMPLE from night RN, resting."
    assert names_another_patient(notes, ALEX, KNOWN)


def test_notes_naming_the_chosen_patient_may_mention_another_by_name() -> None:
    notes = "Alex Demo resting. Roommate Jordan Sample moved to bed 14B."
    assert not names_another_patient(notes, ALEX, KNOWN)


def test_notes_naming_nobody_are_accepted() -> None:
    assert not names_another_patient("0800 BP 132/84. Pain 2/10.", ALEX, KNOWN)


def test_a_name_inside_a_longer_word_is_not_a_mention() -> None:
    notes = "0800 Sampled Jordan-Samples lab kit."
    assert not names_another_patient(notes, ALEX, KNOWN)
