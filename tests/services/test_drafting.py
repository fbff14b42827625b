"""Drafting through the services, on real SQLCipher files and a real (tiny) llama.cpp model."""

import threading
from pathlib import Path

import pytest

from app.domain.audit import AuditAction, Outcome
from app.domain.errors import AccessDenied, InputRejected
from app.domain.grounded.draft import DraftMode
from app.domain.notes import DraftStatus, NoteKind
from app.domain.roles import Role
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import StartOptions, Workstation
from app.storage.drafts import StaleRevision
from tests.fixtures.audit_log import audit_store

NOTES = "0800 BP 132/84, HR 88, SpO2 95% RA. Pain 2/10. Ambulating with walker.\n"


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


def _actions(workstation: Workstation) -> list[tuple[AuditAction, Outcome]]:
    store = audit_store(workstation)
    return [(row.event.action, row.event.outcome) for row in store.events()]


def _create(workstation: Workstation, session: Session, notes: str = NOTES) -> str:
    return workstation.drafts.create_draft(session, "DEMO-1001", NoteKind.SHIFT_SBAR, notes).id


def test_a_generated_draft_is_streamed_then_saved_with_the_model_hash(
    demo_workstation: Workstation, nurse: Session
) -> None:
    draft_id = _create(demo_workstation, nurse)
    run = demo_workstation.drafts.generate(nurse, draft_id)
    pieces = list(run)
    assert len(pieces) > 1
    assert run.outcome is not None and run.outcome.saved is not None
    saved = demo_workstation.drafts.open_draft(nurse, draft_id)
    assert saved.text == "".join(pieces)
    assert saved.model_sha256 == demo_workstation.engine_host.model_spec().sha256


def test_stopping_a_generation_keeps_the_draft_unchanged_and_audits_the_cancel(
    demo_workstation: Workstation, nurse: Session
) -> None:
    draft_id = _create(demo_workstation, nurse)
    run = demo_workstation.drafts.generate(nurse, draft_id)
    for _ in run:
        run.cancel.set()
    assert run.outcome is not None and run.outcome.cancelled
    assert demo_workstation.drafts.open_draft(nurse, draft_id).text == ""
    assert (AuditAction.DRAFT_CANCEL, Outcome.SUCCESS) in _actions(demo_workstation)


def test_a_stop_from_another_thread_ends_the_stream_within_a_second(
    demo_workstation: Workstation, nurse: Session
) -> None:
    draft_id = _create(demo_workstation, nurse)
    run = demo_workstation.drafts.generate(nurse, draft_id)
    stream = iter(run)
    next(stream)
    stopped_at: list[float] = []

    def stop() -> None:
        import time

        stopped_at.append(time.monotonic())
        run.cancel.set()

    timer = threading.Timer(0.01, stop)
    timer.start()
    for _ in stream:
        pass
    import time

    assert time.monotonic() - stopped_at[0] < 1.0


@pytest.mark.parametrize(
    ("notes", "message"),
    [("   \n", "empty"), ("HR 80. " * 300_000, "too long"), ("BP\x00\x01\x02", "binary")],
    ids=["empty", "two-megabytes", "binary"],
)
def test_unusable_notes_are_refused_before_the_model_is_touched(
    demo_workstation: Workstation, nurse: Session, notes: str, message: str
) -> None:
    with pytest.raises(InputRejected, match=message):
        _create(demo_workstation, nurse, notes)
    assert demo_workstation.engine_host.info is None


def test_saving_over_a_newer_revision_is_refused(
    demo_workstation: Workstation, nurse: Session
) -> None:
    draft = demo_workstation.drafts.create_draft(nurse, "DEMO-1001", NoteKind.SHIFT_SBAR, NOTES)
    demo_workstation.drafts.save_text(nurse, draft.id, "first edit", draft.revision)
    with pytest.raises(StaleRevision):
        demo_workstation.drafts.save_text(nurse, draft.id, "stale edit", draft.revision)


def test_a_role_without_drafting_permission_is_refused_and_the_refusal_audited(
    demo_workstation: Workstation,
) -> None:
    demo_workstation.accounts.add("auditor", "A. Auditor", Role.COMPLIANCE_OFFICER, "x" * 16)
    auditor = demo_workstation.auth.sign_in("auditor", "x" * 16)
    with pytest.raises(AccessDenied):
        _create(demo_workstation, auditor)
    assert (AuditAction.ACCESS_DENIED, Outcome.DENIED) in _actions(demo_workstation)


def test_another_nurse_cannot_open_my_draft(demo_workstation: Workstation, nurse: Session) -> None:
    draft_id = _create(demo_workstation, nurse)
    demo_workstation.accounts.add("nurse2", "Second Nurse", Role.NURSE, "y" * 16)
    other = demo_workstation.auth.sign_in("nurse2", "y" * 16)
    with pytest.raises(AccessDenied):
        demo_workstation.drafts.open_draft(other, draft_id)
    assert all(row.id != draft_id for row in demo_workstation.drafts.list_drafts(other))


def test_a_charge_nurse_can_open_drafts_of_the_unit(
    demo_workstation: Workstation, nurse: Session
) -> None:
    draft_id = _create(demo_workstation, nurse)
    demo_workstation.accounts.add("charge", "Charge Nurse", Role.CHARGE_NURSE, "z" * 16)
    charge = demo_workstation.auth.sign_in("charge", "z" * 16)
    assert demo_workstation.drafts.open_draft(charge, draft_id).id == draft_id


def test_a_charge_nurse_asking_for_mine_sees_only_their_own_drafts(
    demo_workstation: Workstation, nurse: Session
) -> None:
    _create(demo_workstation, nurse)
    demo_workstation.accounts.add("charge", "Charge Nurse", Role.CHARGE_NURSE, "z" * 16)
    charge = demo_workstation.auth.sign_in("charge", "z" * 16)
    assert len(demo_workstation.drafts.list_drafts(charge)) == 1
    assert demo_workstation.drafts.list_drafts(charge, mine=True) == []


def test_the_drafts_list_filters_by_status_and_search(
    demo_workstation: Workstation, nurse: Session
) -> None:
    draft_id = _create(demo_workstation, nurse)
    drafts = demo_workstation.drafts
    assert [row.id for row in drafts.list_drafts(nurse, status=DraftStatus.DRAFT)] == [draft_id]
    assert drafts.list_drafts(nurse, status=DraftStatus.SIGNED) == []
    assert [row.id for row in drafts.list_drafts(nurse, search="DEMO-1001")] == [draft_id]
    assert drafts.list_drafts(nurse, search="DEMO-1002") == []


def test_a_drafts_search_is_audited_without_the_search_text(
    demo_workstation: Workstation, nurse: Session
) -> None:
    demo_workstation.drafts.list_drafts(nurse, search="Lovelace")
    store = audit_store(demo_workstation)
    listed = [row.event for row in store.events() if row.event.action is AuditAction.DRAFT_LIST]
    assert len(listed) == 1
    assert "Lovelace" not in listed[0].model_dump_json()


def test_a_saved_draft_is_there_after_a_restart(
    data_dir: Path, demo_workstation: Workstation, nurse: Session
) -> None:
    draft = demo_workstation.drafts.create_draft(nurse, "DEMO-1001", NoteKind.SHIFT_SBAR, NOTES)
    demo_workstation.drafts.save_text(nurse, draft.id, "Situation: stable.", draft.revision)
    demo_workstation.close()
    reopened = Workstation.open(StartOptions(data_dir=data_dir, demo=True))
    try:
        session = reopened.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
        assert [row.id for row in reopened.drafts.list_drafts(session)] == [draft.id]
        assert reopened.drafts.open_draft(session, draft.id).text == "Situation: stable."
    finally:
        reopened.close()


def test_every_step_of_a_draft_is_audited_and_the_chain_verifies(
    demo_workstation: Workstation, nurse: Session
) -> None:
    draft_id = _create(demo_workstation, nurse)
    list(demo_workstation.drafts.generate(nurse, draft_id, mode=DraftMode.WHOLE))
    draft = demo_workstation.drafts.open_draft(nurse, draft_id)
    demo_workstation.drafts.save_text(nurse, draft_id, "edited", draft.revision)
    demo_workstation.drafts.delete_draft(nurse, draft_id)
    demo_workstation.drafts.list_drafts(nurse)
    demo_workstation.auth.sign_out(nurse)
    actions = [action for action, _ in _actions(demo_workstation)]
    assert actions == [
        AuditAction.SETTINGS_CHANGE,  # the seeded settings.json, adopted at the first start
        AuditAction.SIGN_IN,
        AuditAction.DRAFT_CREATE,
        AuditAction.DRAFT_GENERATE,
        AuditAction.DRAFT_GUARD,  # the tiny model never ends its turn: the draft is unfinished
        AuditAction.DRAFT_OPEN,
        AuditAction.DRAFT_SAVE,
        AuditAction.DRAFT_DELETE,
        AuditAction.DRAFT_LIST,
        AuditAction.SIGN_OUT,
    ]
    assert demo_workstation.audit.verify().ok


def test_the_audit_log_holds_no_note_text(demo_workstation: Workstation, nurse: Session) -> None:
    canary = "QUOKKA-CANARY-93127"
    draft_id = _create(demo_workstation, nurse, NOTES + canary)
    list(demo_workstation.drafts.generate(nurse, draft_id))
    store = audit_store(demo_workstation)
    assert all(canary not in row.event.model_dump_json() for row in store.events())


def test_a_locked_session_can_do_nothing(demo_workstation: Workstation, nurse: Session) -> None:
    demo_workstation.auth.lock(nurse)
    with pytest.raises(AccessDenied, match="locked"):
        _create(demo_workstation, nurse)


def test_a_signed_out_session_can_do_nothing(demo_workstation: Workstation, nurse: Session) -> None:
    demo_workstation.auth.sign_out(nurse)
    with pytest.raises(AccessDenied, match="ended"):
        _create(demo_workstation, nurse)


def test_a_generation_started_before_a_lock_finishes_into_the_encrypted_draft(
    demo_workstation: Workstation, nurse: Session
) -> None:
    draft_id = _create(demo_workstation, nurse)
    run = demo_workstation.drafts.generate(nurse, draft_id)
    stream = iter(run)
    first = next(stream)
    demo_workstation.auth.lock(nurse)
    text = first + "".join(stream)
    demo_workstation.auth.unlock(nurse, DEMO_PASSWORD)
    assert demo_workstation.drafts.open_draft(nurse, draft_id).text == text
