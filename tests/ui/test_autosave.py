"""Autosave: edits to the stored draft are saved on the timer's tick, except behind the lock,
while the model writes, or when the editor holds a stopped run's untouched text."""

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.domain.notes import Draft, NoteKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.autosave import Autosave
from app.ui.tasks import TaskRunner
from tests.ui.desk_state import DeskState

MRN = "DEMO-1001"
NOTES = "0800 BP 132/84, HR 88. Pain 2/10.\n"
TIMEOUT_MS = 10_000


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


@pytest.fixture
def stored(demo_workstation: Workstation, nurse: Session) -> Draft:
    return demo_workstation.drafts.create_draft(nurse, MRN, NoteKind.SHIFT_SBAR, NOTES)


class Desk:
    """An editor showing a stored draft, with the autosave the desk gives it."""

    def __init__(
        self,
        qtbot: QtBot,
        workstation: Workstation,
        session: Session,
        tasks: TaskRunner,
        draft: Draft,
    ) -> None:
        self.editor = QPlainTextEdit()
        qtbot.addWidget(self.editor)
        self.state = DeskState(current_draft=draft)
        self.locked = False
        self.autosave = Autosave(
            workstation.drafts,
            session,
            tasks,
            self.editor,
            desk=self.state,
            paused=lambda: self.locked,
            patient_mrn=lambda: MRN,
            parent=self.editor,
        )


@pytest.fixture
def desk(
    qtbot: QtBot, demo_workstation: Workstation, nurse: Session, tasks: TaskRunner, stored: Draft
) -> Desk:
    return Desk(qtbot, demo_workstation, nurse, tasks, stored)


def _stored_text(workstation: Workstation, session: Session, draft: Draft) -> str:
    return workstation.drafts.open_draft(session, draft.id).text


def test_typed_edits_are_saved_encrypted_and_announced_with_the_new_revision(
    qtbot: QtBot, desk: Desk, demo_workstation: Workstation, nurse: Session, stored: Draft
) -> None:
    qtbot.keyClicks(desk.editor, "S: Stable overnight.")

    with qtbot.waitSignal(desk.autosave.saved, timeout=TIMEOUT_MS) as saved:
        desk.autosave.save_now()

    assert saved.args is not None
    [draft] = saved.args
    assert draft.text == "S: Stable overnight." == _stored_text(demo_workstation, nurse, stored)
    assert draft.revision > stored.revision
    assert not desk.editor.document().isModified()


def test_nothing_is_saved_behind_the_lock(
    qtbot: QtBot, desk: Desk, demo_workstation: Workstation, nurse: Session, stored: Draft
) -> None:
    qtbot.keyClicks(desk.editor, "Typed before the lock.")
    desk.locked = True

    with qtbot.assertNotEmitted(desk.autosave.saved, wait=300):
        desk.autosave.save_now()

    assert _stored_text(demo_workstation, nurse, stored) == stored.text
    assert desk.editor.document().isModified()


def test_nothing_is_saved_while_the_model_writes(
    qtbot: QtBot, desk: Desk, demo_workstation: Workstation, nurse: Session, stored: Draft
) -> None:
    qtbot.keyClicks(desk.editor, "Streamed so far")
    desk.state.is_generating = True

    with qtbot.assertNotEmitted(desk.autosave.saved, wait=300):
        desk.autosave.save_now()

    assert _stored_text(demo_workstation, nurse, stored) == stored.text


def test_a_stopped_runs_text_waits_for_the_nurses_edit(
    qtbot: QtBot, desk: Desk, demo_workstation: Workstation, nurse: Session, stored: Draft
) -> None:
    desk.editor.setPlainText("S: Half a dr")
    desk.editor.document().setModified(True)
    desk.autosave.hold_back(desk.editor.toPlainText())

    with qtbot.assertNotEmitted(desk.autosave.saved, wait=300):
        desk.autosave.save_now()
    assert _stored_text(demo_workstation, nurse, stored) == stored.text

    desk.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(desk.editor, "aft, finished by hand.")
    with qtbot.waitSignal(desk.autosave.saved, timeout=TIMEOUT_MS):
        desk.autosave.save_now()
    assert _stored_text(demo_workstation, nurse, stored) == "S: Half a draft, finished by hand."


def test_released_text_is_saved_on_the_next_tick(
    qtbot: QtBot, desk: Desk, demo_workstation: Workstation, nurse: Session, stored: Draft
) -> None:
    desk.editor.setPlainText("Kept as typed.")
    desk.editor.document().setModified(True)
    desk.autosave.hold_back(desk.editor.toPlainText())

    desk.autosave.release()
    with qtbot.waitSignal(desk.autosave.saved, timeout=TIMEOUT_MS):
        desk.autosave.save_now()

    assert _stored_text(demo_workstation, nurse, stored) == "Kept as typed."


def test_a_refused_save_reports_the_error_and_keeps_the_edits_unsaved(
    qtbot: QtBot, desk: Desk, demo_workstation: Workstation, nurse: Session, stored: Draft
) -> None:
    demo_workstation.drafts.save_text(nurse, stored.id, "Saved elsewhere.", stored.revision)
    qtbot.keyClicks(desk.editor, "Typed on the old revision.")

    with qtbot.waitSignal(desk.autosave.failed, timeout=TIMEOUT_MS) as failed:
        desk.autosave.save_now()

    assert failed.args is not None
    assert isinstance(failed.args[0], Exception)
    assert desk.editor.document().isModified()
    assert _stored_text(demo_workstation, nurse, stored) == "Saved elsewhere."
