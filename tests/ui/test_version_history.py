"""The version history opened from the review panel: versions listed, each diffed readably."""

import pytest
from PySide6.QtGui import QFont, QFontInfo
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.domain.notes import NoteKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import Workstation
from app.ui.main_window import MainWindow
from app.ui.review_panel import ReviewPanel
from app.ui.tasks import TaskRunner
from app.ui.version_history import VersionHistoryDialog
from tests.services.test_review import FAITHFUL, NOTES

TIMEOUT_MS = 10_000
CORRECTED = FAITHFUL.replace("Pain 2/10.", "Pain 2/10. Ambulating with walker.")


@pytest.fixture
def amended_id(demo_workstation: Workstation) -> str:
    """A note signed as version 1, then amended with one line changed (version 2, open)."""
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    drafts, review = demo_workstation.drafts, demo_workstation.review
    created = drafts.create_draft(session, "DEMO-1001", NoteKind.SHIFT_SBAR, NOTES)
    saved = drafts.save_text(session, created.id, FAITHFUL, created.revision)
    review.sign(session, saved.id, attestation=True)
    amended = review.amend(session, saved.id)
    drafts.save_text(session, saved.id, CORRECTED, amended.revision)
    return saved.id


@pytest.fixture
def dialog(
    qtbot: QtBot, demo_workstation: Workstation, tasks: TaskRunner, amended_id: str
) -> VersionHistoryDialog:
    """The history as the panel opens it, with the latest version's diff loaded."""
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    editor = QPlainTextEdit()
    panel = ReviewPanel(demo_workstation.review, session, tasks, editor)
    qtbot.addWidget(panel)
    panel.set_draft(demo_workstation.drafts.open_draft(session, amended_id))
    panel.history_button.click()
    opened = panel.history_dialog
    assert opened is not None
    qtbot.waitUntil(lambda: opened.diff_view.toPlainText() != "", timeout=TIMEOUT_MS)
    return opened


def test_the_history_lists_the_signed_version_and_its_amendment(
    dialog: VersionHistoryDialog,
) -> None:
    rows = [dialog.version_list.item(row).text() for row in range(dialog.version_list.count())]

    assert len(rows) == 2
    assert rows[0].startswith("Version 1 · Signed · by Demo Nurse, ")
    assert " · signed by Demo Nurse, " in rows[0]
    assert rows[1].startswith("Version 2 · Draft · amends v1 · by Demo Nurse, ")
    assert dialog.version_list.currentRow() == 1


def test_the_latest_version_shows_the_changed_line_against_the_signed_one(
    dialog: VersionHistoryDialog,
) -> None:
    diff = dialog.diff_view.toPlainText()

    assert "-" + FAITHFUL.rstrip("\n") in diff.splitlines()
    assert "+" + CORRECTED.rstrip("\n") in diff.splitlines()
    assert dialog.message.text() == "Changes from version 1 to version 2."


def test_the_diff_is_monospaced_and_marks_added_and_removed_lines_beyond_colour(
    dialog: VersionHistoryDialog,
) -> None:
    assert QFontInfo(dialog.diff_view.font()).fixedPitch()
    formats = {}
    block = dialog.diff_view.document().begin()
    while block.isValid():
        formats[block.text()] = {
            (r.format.fontWeight(), r.format.fontItalic()) for r in block.layout().formats()
        }
        block = block.next()

    assert formats["+" + CORRECTED.rstrip("\n")] == {(QFont.Weight.Bold, False)}
    assert formats["-" + FAITHFUL.rstrip("\n")] == {(QFont.Weight.Normal, True)}
    assert formats["+++ version 2"] == formats["--- version 1"] == set()


def test_the_first_version_says_there_is_nothing_before_it(dialog: VersionHistoryDialog) -> None:
    dialog.version_list.setCurrentRow(0)

    assert dialog.diff_view.toPlainText() == ""
    assert "first version" in dialog.message.text()


def test_locking_the_desk_closes_an_open_history(
    qtbot: QtBot, desk: MainWindow, amended_id: str
) -> None:
    desk.drafts_list.refresh()
    qtbot.waitUntil(lambda: desk.drafts_list.count() == 1, timeout=TIMEOUT_MS)
    desk.drafts_list.open_row(0)
    qtbot.waitUntil(lambda: desk.current_draft is not None, timeout=TIMEOUT_MS)
    desk.review_panel.history_button.click()
    dialog = desk.review_panel.history_dialog
    assert dialog is not None and dialog.isVisible()

    desk.lock()

    assert not dialog.isVisible()
