"""Anyone signed in sets the credentials printed after their name on what they sign, whatever
provider vouched for them; each change is audited with no value in it."""

import pytest

from app.domain.audit import AuditAction
from app.domain.identity import Principal, ProviderKind
from app.domain.notes import NoteKind
from app.domain.roles import Role
from app.services.access import SessionLocked
from app.services.accounts import NameRejected
from app.services.demo import DEMO_CREDENTIALS, DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import Workstation
from tests.fixtures.audit_log import audit_store

NOTES = "0800 BP 132/84, HR 88, SpO2 95% RA. Pain 2/10. Ambulating with walker.\n"
SIGNABLE = "S: Stable shift. BP 132/84, HR 88, SpO2 95% RA. Pain 2/10.\n"
DIRECTORY_NURSE = Principal(
    user_id="S-1-5-21-1-2-3-1105",
    username="alice@ward.test",
    display_name="Alice Nightingale",
    role=Role.NURSE,
    provider=ProviderKind.ACTIVE_DIRECTORY,
    credentials="Staff Nurse",
)


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


def _sign_a_note(workstation: Workstation, session: Session) -> str:
    draft = workstation.drafts.create_draft(session, "DEMO-1001", NoteKind.SHIFT_SBAR, NOTES)
    saved = workstation.drafts.save_text(session, draft.id, SIGNABLE, draft.revision)
    workstation.review.sign(session, saved.id, attestation=True)
    return saved.id


def test_credentials_set_now_are_on_the_next_note_signed_in_this_session(
    demo_workstation: Workstation, nurse: Session
) -> None:
    demo_workstation.credentials.set_own(nurse, "RN, BSN, CCRN")

    draft_id = _sign_a_note(demo_workstation, nurse)

    assert nurse.principal.signature_name == "Demo Nurse, RN, BSN, CCRN"
    text = demo_workstation.exports.as_text(nurse, draft_id)
    assert "verified and signed by Demo Nurse, RN, BSN, CCRN on " in text
    assert "signed by Demo Nurse, RN, BSN, CCRN on " in (
        demo_workstation.exports.pdf_document(nurse, draft_id).footer
    )


def test_credentials_set_once_come_back_at_every_sign_in(
    demo_workstation: Workstation, nurse: Session
) -> None:
    demo_workstation.credentials.set_own(nurse, "RN, BSN")
    demo_workstation.auth.sign_out(nurse)

    again = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)

    assert again.principal.credentials == "RN, BSN"


def test_clearing_them_brings_back_the_accounts_own_at_the_next_sign_in(
    demo_workstation: Workstation, nurse: Session
) -> None:
    demo_workstation.credentials.set_own(nurse, "LPN")
    demo_workstation.credentials.set_own(nurse, "  ")
    demo_workstation.auth.sign_out(nurse)

    again = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)

    assert again.principal.credentials == DEMO_CREDENTIALS


def test_a_directory_users_own_credentials_replace_the_directory_title(
    demo_workstation: Workstation,
) -> None:
    credentials = demo_workstation.credentials
    directory_session = Session(DIRECTORY_NURSE)
    assert credentials.apply(DIRECTORY_NURSE).credentials == "Staff Nurse"

    credentials.set_own(directory_session, "RN")

    assert credentials.apply(DIRECTORY_NURSE).signature_name == "Alice Nightingale, RN"


def test_each_change_is_audited_without_the_credentials(
    demo_workstation: Workstation, nurse: Session
) -> None:
    demo_workstation.credentials.set_own(nurse, "RN, MSN")
    demo_workstation.credentials.set_own(nurse, "")

    events = [
        row.event
        for row in audit_store(demo_workstation).events()
        if row.event.action is AuditAction.CREDENTIALS_CHANGE
    ]

    assert [(event.user_id, event.reason) for event in events] == [
        (nurse.user_id, "set"),
        (nurse.user_id, "cleared"),
    ]
    assert not [event for event in events if "MSN" in event.model_dump_json()]


def test_invisible_characters_are_refused(demo_workstation: Workstation, nurse: Session) -> None:
    with pytest.raises(NameRejected):
        demo_workstation.credentials.set_own(nurse, "RN\u202e, MD")

    assert nurse.principal.credentials == DEMO_CREDENTIALS


def test_a_locked_session_cannot_change_them(demo_workstation: Workstation, nurse: Session) -> None:
    demo_workstation.auth.lock(nurse)

    with pytest.raises(SessionLocked):
        demo_workstation.credentials.set_own(nurse, "MD")
