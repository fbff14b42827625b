"""Checking the nurse's unsaved edit: the same rules as the saved check, nothing stored."""

import pytest

from app.domain.notes import NoteKind
from app.domain.review import Decision
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import Workstation
from tests.fixtures.audit_log import audit_store
from tests.services.test_review import INVENTED_TEMP, NOTES


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


def _draft(workstation: Workstation, session: Session) -> str:
    draft = workstation.drafts.create_draft(session, "DEMO-1001", NoteKind.SHIFT_SBAR, NOTES)
    return workstation.drafts.save_text(session, draft.id, INVENTED_TEMP, draft.revision).id


def test_a_preview_checks_the_text_given_not_the_stored_one(
    demo_workstation: Workstation, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse)
    fixed = INVENTED_TEMP.replace(" Temp 39.4 C.", "")

    assert demo_workstation.review.preview(nurse, draft_id, fixed).flags == []
    assert len(demo_workstation.review.check(nurse, draft_id).flags) == 1


def test_a_preview_writes_no_audit_event_and_stores_nothing(
    demo_workstation: Workstation, nurse: Session
) -> None:
    draft_id = _draft(demo_workstation, nurse)
    store = audit_store(demo_workstation)
    before = len(list(store.events()))

    demo_workstation.review.preview(nurse, draft_id, "S: edited.")

    assert len(list(store.events())) == before
    assert demo_workstation.drafts.open_draft(nurse, draft_id).text == INVENTED_TEMP


def test_a_resolved_flag_stays_resolved_in_a_preview_that_moves_it(
    demo_workstation: Workstation, nurse: Session
) -> None:
    review = demo_workstation.review
    draft_id = _draft(demo_workstation, nurse)
    flag = review.check(nurse, draft_id).blocking[0]
    review.resolve_flag(nurse, draft_id, flag.id, Decision.ACCEPTED, "verified_in_chart")

    moved = review.preview(nurse, draft_id, "Night: " + INVENTED_TEMP)

    assert [item.text for item in moved.flags] == ["Temp 39.4 C"]
    assert moved.blocking == []


def test_previews_as_the_nurse_types_read_the_notes_once(
    demo_workstation: Workstation, nurse: Session, notes_read: list[str]
) -> None:
    draft_id = _draft(demo_workstation, nurse)

    for typed in ("S: edited.", "S: edited again.", INVENTED_TEMP):
        demo_workstation.review.preview(nurse, draft_id, typed)

    assert notes_read == [NOTES]
