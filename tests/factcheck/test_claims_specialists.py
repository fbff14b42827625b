"""Specialists and consulting services a draft names that the notes never mention, in any form
nurses write a specialty."""

import pytest

from app.domain.factcheck import FactCheckReport, check_draft

SOURCE = (
    "NEURO: GRIMACES TO STIMULI. NEURO TO CONSULT.\n"
    "CV: HR 50S SB, BP 120/50. S/P CATH YESTERDAY.\n"
    "RESP: PRESSURE SUPPORT, SUCTIONED FOR THICK SPUTUM. CPT DONE.\n"
    "GU: ANURIC, DIALYSIS CATHETER RT IJ.\n"
)


def _reasons(report: FactCheckReport) -> list[str]:
    return [flag.reason for flag in report.unsupported if "never mention" in flag.reason]


@pytest.mark.parametrize(
    ("draft", "specialty"),
    [
        ("Order a consultation with a pulmonary specialist for the sputum.", "pulmonology"),
        ("She should be seen by a pulmonologist.", "pulmonology"),
        ("The next shift should call the infectious disease team.", "infectious disease"),
        ("Physical therapy to see the patient in the morning.", "physical therapy"),
        ("A dietitian should review the diet.", "nutrition"),
    ],
)
def test_a_specialty_the_notes_never_mention_is_flagged(draft: str, specialty: str) -> None:
    [reason] = _reasons(check_draft(SOURCE, draft))
    assert reason.startswith(f"Not found in the notes: the source notes never mention {specialty}")


@pytest.mark.parametrize(
    "draft",
    [
        "A neurologist is to consult.",
        "Cardiology performed the cath yesterday.",
        "Nephrology to plan dialysis through the right IJ catheter.",
        "Chest physiotherapy done for the thick sputum.",
        "There is no need for a pulmonary consult.",
    ],
)
def test_a_specialty_the_notes_write_in_any_form_or_no_consult_is_not_flagged(draft: str) -> None:
    assert _reasons(check_draft(SOURCE, draft)) == []


HEADED_SOURCE = (
    "NEURO: ALERT, FOLLOWING COMMANDS.\n"
    "RENAL: CR 2.1, RENAL FAILURE.\n"
    "ENDO: FS 124, DIABETIC.\n"
    "SOCIAL: SON IS ONE OF OUR PULMONARY INTERVENTIONAL DOCTORS.\n"
)


@pytest.mark.parametrize(
    ("draft", "specialty"),
    [
        ("The patient needs to consult with a neurologist in the morning.", "neurology"),
        ("A nephrologist should see her about the creatinine.", "nephrology"),
        ("Refer to an endocrinologist for the blood sugars.", "endocrinology"),
    ],
)
def test_a_system_heading_or_an_organ_does_not_back_its_specialist(
    draft: str, specialty: str
) -> None:
    [reason] = _reasons(check_draft(HEADED_SOURCE, draft))
    assert reason.startswith(f"Not found in the notes: the source notes never mention {specialty}")


@pytest.mark.parametrize(
    "draft",
    [
        "The patient is neurologically intact and following commands.",
        "Her son is a pulmonary physician here.",
    ],
)
def test_a_state_named_after_a_specialty_or_a_service_the_notes_name_is_not_flagged(
    draft: str,
) -> None:
    assert _reasons(check_draft(HEADED_SOURCE, draft)) == []


def test_a_short_name_beside_its_team_backs_the_specialist() -> None:
    notes = HEADED_SOURCE + "PLAN: NEURO FOLLOWING, PER RENAL HOLD LASIX.\n"

    assert _reasons(check_draft(notes, "A neurologist and a nephrologist follow her.")) == []


@pytest.mark.parametrize("written", ["neuro-surgery", "Neuro-surg", "neurosurg", "nsurg"])
def test_neurosurgery_written_in_any_form_backs_the_neurosurgeons(written: str) -> None:
    notes = f"VENTRICULAR DRAIN PLACED BY {written}. ICP 6-7.\n"

    assert _reasons(check_draft(notes, "Neurosurgery placed a ventricular drain.")) == []


def test_neurosurgery_does_not_back_a_neurology_consult() -> None:
    notes = "VENTRICULAR DRAIN PLACED BY NEURO-SURGERY. ICP 6-7.\n"

    [reason] = _reasons(check_draft(notes, "A neurology consult was placed for the drain."))
    assert reason.startswith("Not found in the notes: the source notes never mention neurology")
