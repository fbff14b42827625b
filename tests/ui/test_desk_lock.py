"""The desk's lock: the notes leave the editors, typed edits are saved, a run behind the lock
keeps its text, and the owner's password brings the work back."""

from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from app.domain.notes import Draft, NoteKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.desk_lock import DeskLock
from app.ui.lock_screen import LockScreen
from app.ui.tasks import TaskRunner
from tests.ui.desk_state import DeskState

MRN = "DEMO-1001"
NOTES = "0800 BP 132/84, HR 88. Pain 2/10.\n"
TIMEOUT_MS = 10_000


@dataclass
class Desk:
    """The two editors, the lock screen and the lock, as the window holds them."""

    window: QWidget
    source: QPlainTextEdit
    draft: QPlainTextEdit
    lock_screen: LockScreen
    state: DeskState
    lock: DeskLock


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


@pytest.fixture
def stored(demo_workstation: Workstation, nurse: Session) -> Draft:
    created = demo_workstation.drafts.create_draft(nurse, MRN, NoteKind.SHIFT_SBAR, NOTES)
    return demo_workstation.drafts.save_text(nurse, created.id, "S: Stable.", created.revision)


@pytest.fixture
def desk(qtbot: QtBot, demo_workstation: Workstation, nurse: Session, tasks: TaskRunner) -> Desk:
    window = QWidget()
    qtbot.addWidget(window)
    source, draft = QPlainTextEdit(window), QPlainTextEdit(window)
    lock_screen = LockScreen(nurse.principal.display_name)
    qtbot.addWidget(lock_screen)
    state = DeskState()
    lock = DeskLock(
        demo_workstation,
        nurse,
        tasks,
        lock_screen=lock_screen,
        source_edit=source,
        draft_edit=draft,
        desk=state,
        parent=window,
    )
    return Desk(window, source, draft, lock_screen, state, lock)


def _show(desk: Desk, draft: Draft | None, typed: str) -> None:
    desk.state.current_draft = draft
    desk.source.setPlainText(NOTES)
    desk.draft.setPlainText(typed)


def _unlock(qtbot: QtBot, desk: Desk, password: str = DEMO_PASSWORD) -> None:
    qtbot.keyClicks(desk.lock_screen.password, password)
    desk.lock_screen.unlock_button.click()


def test_locking_takes_the_notes_and_the_draft_off_the_screen(qtbot: QtBot, desk: Desk) -> None:
    _show(desk, None, "S: Typed, no draft yet.")

    with qtbot.waitSignal(desk.lock.locked_changed) as changed:
        desk.lock.lock()

    assert changed.args == [True]
    assert desk.lock.is_locked
    assert desk.source.toPlainText() == desk.draft.toPlainText() == ""
    assert desk.lock.held_text == (NOTES, "S: Typed, no draft yet.")


def test_locking_saves_the_typed_edits_and_locks_the_session(
    qtbot: QtBot, desk: Desk, demo_workstation: Workstation, nurse: Session, stored: Draft
) -> None:
    _show(desk, stored, "S: Stable. Edited before the lock.")
    desk.draft.document().setModified(True)

    desk.lock.lock()

    qtbot.waitUntil(lambda: nurse.locked, timeout=TIMEOUT_MS)
    assert _stored_text(demo_workstation, stored) == "S: Stable. Edited before the lock."


def test_nothing_is_saved_while_the_model_writes(
    qtbot: QtBot, desk: Desk, demo_workstation: Workstation, nurse: Session, stored: Draft
) -> None:
    _show(desk, stored, "S: Streamed so far")
    desk.draft.document().setModified(True)
    desk.state.is_generating = True

    desk.lock.lock()

    qtbot.waitUntil(lambda: nurse.locked, timeout=TIMEOUT_MS)
    assert _stored_text(demo_workstation, stored) == stored.text


def test_the_right_password_brings_the_stored_draft_back(
    qtbot: QtBot, desk: Desk, stored: Draft
) -> None:
    _show(desk, stored, stored.text)
    desk.lock.lock()

    with qtbot.waitSignal(desk.lock.reopened, timeout=TIMEOUT_MS) as reopened:
        _unlock(qtbot, desk)

    assert not desk.lock.is_locked
    assert desk.lock.held_text is None
    assert reopened.args is not None
    draft, notice = reopened.args
    assert (draft.id, draft.text, notice) == (stored.id, stored.text, "")


def test_unlocking_without_a_draft_puts_the_notes_back_in_the_editors(
    qtbot: QtBot, desk: Desk
) -> None:
    _show(desk, None, "S: Typed, no draft yet.")
    desk.lock.lock()

    with qtbot.waitSignal(desk.lock.locked_changed, timeout=TIMEOUT_MS) as changed:
        _unlock(qtbot, desk)

    assert changed.args == [False]
    assert desk.source.toPlainText() == NOTES
    assert desk.draft.toPlainText() == "S: Typed, no draft yet."


def test_a_wrong_password_says_why_and_stays_locked(qtbot: QtBot, desk: Desk) -> None:
    _show(desk, None, "S: Typed.")
    desk.lock.lock()

    _unlock(qtbot, desk, "not-the-password")

    qtbot.waitUntil(desk.lock_screen.unlock_button.isEnabled, timeout=TIMEOUT_MS)
    assert desk.lock_screen.message.text() not in ("", "Checking…")
    assert desk.lock.is_locked
    assert desk.draft.toPlainText() == ""


def test_a_refused_sign_in_locks_and_says_why(desk: Desk) -> None:
    desk.lock.refuse("Your account was disabled.")

    assert desk.lock.is_locked
    assert desk.lock_screen.message.text() == "Your account was disabled."


def test_text_written_behind_the_lock_is_held_not_shown(desk: Desk) -> None:
    _show(desk, None, "S: Stable")
    assert not desk.lock.hold_text(" overnight.")

    desk.lock.lock()

    assert desk.lock.hold_text(" Afebrile.")
    assert desk.lock.held_text == (NOTES, "S: Stable Afebrile.")
    assert desk.draft.toPlainText() == ""


def test_a_run_stopped_behind_the_lock_comes_back_unsaved(qtbot: QtBot, desk: Desk) -> None:
    _show(desk, None, "S: Half a dr")
    desk.lock.lock()
    desk.lock.hold_finished_run(None, "")

    with qtbot.waitSignal(desk.lock.partial_restored, timeout=TIMEOUT_MS):
        _unlock(qtbot, desk)

    assert desk.draft.toPlainText() == "S: Half a dr"


def test_a_run_saved_behind_the_lock_is_announced_on_unlocking(
    qtbot: QtBot, desk: Desk, stored: Draft
) -> None:
    desk.state.is_generating = True
    _show(desk, stored, "S: Sta")
    desk.lock.lock()
    desk.state.is_generating = False
    assert desk.lock.hold_finished_run(stored, "Draft ready.")

    with qtbot.waitSignal(desk.lock.reopened, timeout=TIMEOUT_MS) as reopened:
        _unlock(qtbot, desk)

    assert reopened.args is not None
    assert reopened.args[1] == "Draft ready."


def _stored_text(workstation: Workstation, draft: Draft) -> str:
    """The draft as stored, read by a session of its own: the locked one may read nothing."""
    reader = workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    return workstation.drafts.open_draft(reader, draft.id).text
