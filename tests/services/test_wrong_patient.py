"""A draft is made, generated and saved only for the patient whose notes it was made from,
whatever the caller does; each refusal is audited without note text."""

import pytest

from app.domain.audit import AuditAction, Outcome
from app.domain.notes import NoteKind
from app.domain.patient_match import WrongPatient
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import Workstation
from tests.fixtures.audit_log import audit_store

ALEX, JORDAN = "DEMO-1001", "DEMO-1002"
ALEX_NOTES = "0700 Full code. Allergies: penicillin (hives). 0800 BP 142/88, HR 96.\n"


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


def _failures(workstation: Workstation) -> list[tuple[AuditAction, str | None, str | None]]:
    return [
        (row.event.action, row.event.patient_ref, row.event.reason)
        for row in audit_store(workstation).events()
        if row.event.outcome is Outcome.FAILURE
    ]


def test_notes_already_drafted_for_one_patient_cannot_start_a_draft_for_another(
    demo_workstation: Workstation, nurse: Session
) -> None:
    drafts = demo_workstation.drafts
    drafts.create_draft(nurse, ALEX, NoteKind.SHIFT_SBAR, ALEX_NOTES)

    with pytest.raises(WrongPatient, match="another patient"):
        drafts.create_draft(nurse, JORDAN, NoteKind.SHIFT_SBAR, ALEX_NOTES)

    assert drafts.list_drafts(nurse, JORDAN) == []
    assert (AuditAction.DRAFT_CREATE, JORDAN, "notes_drafted_for_other_patient") in _failures(
        demo_workstation
    )


def test_the_same_notes_may_start_another_kind_of_draft_for_the_same_patient(
    demo_workstation: Workstation, nurse: Session
) -> None:
    drafts = demo_workstation.drafts
    drafts.create_draft(nurse, ALEX, NoteKind.SHIFT_SBAR, ALEX_NOTES)
    drafts.create_draft(nurse, ALEX, NoteKind.IPASS, ALEX_NOTES)
    assert len(drafts.list_drafts(nurse, ALEX)) == 2


def test_notes_that_name_another_known_patient_are_refused(
    demo_workstation: Workstation, nurse: Session
) -> None:
    with pytest.raises(WrongPatient, match="name another patient"):
        demo_workstation.drafts.create_draft(
            nurse, ALEX, NoteKind.SHIFT_SBAR, "0700 Jordan Sample resting, BP 120/80.\n"
        )
    assert (AuditAction.DRAFT_CREATE, ALEX, "notes_name_other_patient") in _failures(
        demo_workstation
    )


def test_the_refusal_message_names_no_patient(
    demo_workstation: Workstation, nurse: Session
) -> None:
    with pytest.raises(WrongPatient) as refused:
        demo_workstation.drafts.create_draft(
            nurse, ALEX, NoteKind.SHIFT_SBAR, "MRN DEMO-1002. BP 120/80.\n"
        )
    message = str(refused.value)
    assert "Jordan" not in message and "DEMO-1002" not in message and "Alex" not in message


def test_a_draft_is_not_generated_while_another_patient_is_on_screen(
    demo_workstation: Workstation, nurse: Session
) -> None:
    draft = demo_workstation.drafts.create_draft(nurse, ALEX, NoteKind.SHIFT_SBAR, ALEX_NOTES)

    with pytest.raises(WrongPatient):
        demo_workstation.drafts.generate(nurse, draft.id, patient_mrn=JORDAN)

    assert (AuditAction.DRAFT_GENERATE, ALEX, "wrong_patient") in _failures(demo_workstation)


def test_a_draft_is_not_saved_while_another_patient_is_on_screen(
    demo_workstation: Workstation, nurse: Session
) -> None:
    drafts = demo_workstation.drafts
    draft = drafts.create_draft(nurse, ALEX, NoteKind.SHIFT_SBAR, ALEX_NOTES)

    with pytest.raises(WrongPatient):
        drafts.save_text(nurse, draft.id, "S: Stable.", draft.revision, patient_mrn=JORDAN)

    assert drafts.open_draft(nurse, draft.id).text == ""
    assert (AuditAction.DRAFT_SAVE, ALEX, "wrong_patient") in _failures(demo_workstation)


def test_saving_for_the_drafts_own_patient_succeeds(
    demo_workstation: Workstation, nurse: Session
) -> None:
    drafts = demo_workstation.drafts
    draft = drafts.create_draft(nurse, ALEX, NoteKind.SHIFT_SBAR, ALEX_NOTES)
    saved = drafts.save_text(nurse, draft.id, "S: Stable.", draft.revision, patient_mrn=ALEX)
    assert saved.text == "S: Stable."
