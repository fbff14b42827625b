"""Sentences the notes do not support head the review list, and selecting one shows in the notes
the sentences that come closest to it."""

from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from app.domain.notes import NoteKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import Workstation
from app.ui.review_panel import ReviewPanel
from app.ui.tasks import TaskRunner

TIMEOUT_MS = 10_000
NOTES = "0800 BP 132/84, HR 88, SpO2 95% RA. Pain 2/10. Ambulating with walker in the hallway.\n"
INVENTED = (
    "S: Stable shift. BP 150/95, HR 88, SpO2 95% RA. Pain 2/10. Ambulating with walker to the "
    "cardiology clinic downstairs for evaluation tomorrow.\n"
)
SENTENCE = "Ambulating with walker to the cardiology clinic downstairs for evaluation tomorrow"


@dataclass
class Desk:
    """The notes, the draft and the review panel side by side; the window keeps them alive."""

    window: QWidget
    notes: QPlainTextEdit
    draft: QPlainTextEdit
    panel: ReviewPanel


@pytest.fixture
def checked(qtbot: QtBot, demo_workstation: Workstation, tasks: TaskRunner) -> Desk:
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    drafts = demo_workstation.drafts
    created = drafts.create_draft(session, "DEMO-1001", NoteKind.SHIFT_SBAR, NOTES)
    saved = drafts.save_text(session, created.id, INVENTED, created.revision)
    window = QWidget()
    qtbot.addWidget(window)
    notes, draft = QPlainTextEdit(NOTES), QPlainTextEdit(INVENTED)
    panel = ReviewPanel(demo_workstation.review, session, tasks, draft, source_editor=notes)
    layout = QHBoxLayout(window)
    for widget in (notes, draft, panel):
        layout.addWidget(widget)
    panel.set_draft(saved)
    window.show()
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=TIMEOUT_MS)
    return Desk(window, notes, draft, panel)


def test_a_sentence_not_found_in_the_notes_is_listed_first_and_quoted(checked: Desk) -> None:
    rows = [checked.panel.flag_list.item(i).text() for i in range(checked.panel.flag_list.count())]

    assert rows[0] == f"Unresolved · Not found in the notes: “{SENTENCE}”"
    assert any("Contradicted blood pressure" in row for row in rows[1:])


def test_selecting_it_highlights_the_closest_sentence_of_the_notes(checked: Desk) -> None:
    checked.panel.flag_list.setCurrentRow(0)

    [highlight] = checked.notes.extraSelections()
    assert highlight.cursor.selectedText().strip() == "Ambulating with walker in the hallway"
    assert checked.draft.textCursor().selectedText() == SENTENCE


def test_selecting_another_flag_replaces_the_evidence_highlight(checked: Desk) -> None:
    checked.panel.flag_list.setCurrentRow(0)
    checked.panel.flag_list.setCurrentRow(1)

    [highlight] = checked.notes.extraSelections()
    assert highlight.cursor.selectedText() == "BP 132/84"
