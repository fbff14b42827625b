"""The review panel beside the notes and the draft, as on the nurse's desk, with its first fact
check done: for tests of what the check shows, without the rest of the window."""

from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from app.domain.notes import NoteKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import Workstation
from app.ui.review_panel import ReviewPanel
from app.ui.tasks import TaskRunner

TIMEOUT_MS = 10_000


@dataclass
class ReviewDesk:
    """The notes, the draft and the review panel side by side; the window keeps them alive."""

    window: QWidget
    notes: QPlainTextEdit
    draft: QPlainTextEdit
    panel: ReviewPanel


def checked_desk(
    qtbot: QtBot, workstation: Workstation, tasks: TaskRunner, notes: str, text: str
) -> ReviewDesk:
    """A demo nurse's SBAR draft of `notes` saved as `text`, shown and checked once."""
    session = workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    created = workstation.drafts.create_draft(session, "DEMO-1001", NoteKind.SHIFT_SBAR, notes)
    saved = workstation.drafts.save_text(session, created.id, text, created.revision)
    window = QWidget()
    qtbot.addWidget(window)
    notes_edit, draft_edit = QPlainTextEdit(notes), QPlainTextEdit(text)
    panel = ReviewPanel(workstation.review, session, tasks, draft_edit, source_editor=notes_edit)
    layout = QHBoxLayout(window)
    for widget in (notes_edit, draft_edit, panel):
        layout.addWidget(widget)
    panel.set_draft(saved)
    window.show()
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=TIMEOUT_MS)
    return ReviewDesk(window, notes_edit, draft_edit, panel)
