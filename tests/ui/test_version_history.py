"""The version history opened from the review panel: versions listed, each version shown as
its text with the words it added and removed marked in place."""

from datetime import UTC, datetime

import pytest
from PySide6.QtGui import QFont, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.domain.notes import DraftStatus, NoteKind
from app.domain.review import VersionSummary
from app.domain.text_changes import ChangeKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import Workstation
from app.ui.appearance import contrast_ratio
from app.ui.main_window import MainWindow
from app.ui.review_panel import ReviewPanel
from app.ui.tasks import TaskRunner
from app.ui.version_history import VersionHistoryDialog, change_format, describe_version
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
    assert " · signed by Demo Nurse, RN on " in rows[0]
    assert rows[1].startswith("Version 2 · Draft · amends v1 · by Demo Nurse, ")
    assert dialog.version_list.currentRow() == 1


def _runs(dialog: VersionHistoryDialog) -> list[tuple[str, QTextCharFormat]]:
    """The shown text as runs of one format each, in order."""
    runs = []
    block = dialog.diff_view.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            runs.append((fragment.text(), fragment.charFormat()))
            iterator += 1
        block = block.next()
    return runs


def test_the_latest_version_reads_as_its_own_text_not_as_a_patch(
    dialog: VersionHistoryDialog,
) -> None:
    shown = dialog.diff_view.toPlainText()

    assert shown == CORRECTED.rstrip("\n") or shown == CORRECTED
    assert not any(line.startswith(("+", "-", "@@")) for line in shown.splitlines())
    assert dialog.message.text() == "Changes from version 1 to version 2."


def test_only_the_added_words_are_marked_and_beyond_colour(dialog: VersionHistoryDialog) -> None:
    added = [text for text, fmt in _runs(dialog) if fmt.fontUnderline()]
    plain = "".join(text for text, fmt in _runs(dialog) if not fmt.fontUnderline())

    assert "".join(added).strip() == "Ambulating with walker."
    for text, fmt in _runs(dialog):
        if fmt.fontUnderline():
            assert fmt.fontWeight() == QFont.Weight.Bold, text
    assert "Pain 2/10." in plain


def test_removed_words_stay_in_place_struck_through(
    qtbot: QtBot, demo_workstation: Workstation, tasks: TaskRunner, amended_id: str
) -> None:
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    draft = demo_workstation.drafts.open_draft(session, amended_id)
    demo_workstation.drafts.save_text(
        session, amended_id, FAITHFUL.replace("Pain 2/10.", "Pain 4/10."), draft.revision
    )
    dialog = VersionHistoryDialog(demo_workstation.review, session, tasks, amended_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.diff_view.toPlainText() != "", timeout=TIMEOUT_MS)

    struck = [text for text, fmt in _runs(dialog) if fmt.fontStrikeOut()]
    added = [text for text, fmt in _runs(dialog) if fmt.fontUnderline()]
    assert struck == ["2/10."]
    assert added == ["4/10."]
    assert "Pain 2/10.4/10." in dialog.diff_view.toPlainText()


def test_changed_words_are_dark_on_their_tint_in_either_theme() -> None:
    for kind in (ChangeKind.ADDED, ChangeKind.REMOVED):
        char_format = change_format(kind)
        ratio = contrast_ratio(char_format.foreground().color(), char_format.background().color())
        assert ratio >= 4.5, kind


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


def test_a_signed_version_names_its_signer_with_the_credentials_they_signed_with() -> None:
    signed_at = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    version = VersionSummary(
        version=1,
        status=DraftStatus.SIGNED,
        amends=None,
        created_by="u1",
        created_at=signed_at,
        signed_by="u1",
        signed_at=signed_at,
        signature_name="Demo Nurse, RN",
    )

    line = describe_version(version, {"u1": "Demo Nurse"}, {"u1": "Demo Nurse, RN, BSN"})

    assert line.endswith(" · signed by Demo Nurse, RN on " + _local_minute(signed_at))


def _local_minute(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
