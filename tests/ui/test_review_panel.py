"""The review panel beside an editor: check, see flags highlighted, accept with a reason, sign."""

from dataclasses import dataclass

import pytest
from PySide6.QtGui import QFont, QTextCharFormat
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from app.domain.notes import Draft, DraftStatus, NoteKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import Workstation
from app.ui.review_panel import ReviewPanel
from app.ui.tasks import TaskRunner
from tests.services.test_review import INVENTED_TEMP, NOTES

TIMEOUT_MS = 10_000


@pytest.fixture
def draft(demo_workstation: Workstation) -> Draft:
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    created = demo_workstation.drafts.create_draft(session, "DEMO-1001", NoteKind.SHIFT_SBAR, NOTES)
    return demo_workstation.drafts.save_text(session, created.id, INVENTED_TEMP, created.revision)


@dataclass
class Host:
    """A bare window holding an editor and the panel, as the desk embeds them."""

    window: QWidget
    editor: QPlainTextEdit
    panel: ReviewPanel


@pytest.fixture
def host(qtbot: QtBot, demo_workstation: Workstation, tasks: TaskRunner, draft: Draft) -> Host:
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    window = QWidget()
    qtbot.addWidget(window)
    editor = QPlainTextEdit(draft.text)
    panel = ReviewPanel(demo_workstation.review, session, tasks, editor)
    layout = QHBoxLayout(window)
    layout.addWidget(editor)
    layout.addWidget(panel)
    panel.set_draft(draft)
    window.show()
    return Host(window, editor, panel)


def test_check_highlights_each_flag_then_accept_and_sign_with_attestation(
    qtbot: QtBot, host: Host
) -> None:
    editor, panel = host.editor, host.panel
    assert not panel.sign_button.isEnabled()

    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=TIMEOUT_MS)
    report = panel.report
    assert report is not None
    assert panel.flag_list.count() == len(report.flags) == 1
    [highlight] = editor.extraSelections()
    assert highlight.format.fontWeight() == QFont.Weight.Bold  # not colour alone
    assert highlight.format.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    assert panel.flag_list.item(0).text().startswith("Unresolved · Unsupported temperature")
    assert editor.textCursor().selectedText() == "Temp 39.4 C"
    assert not panel.sign_button.isEnabled()

    panel.reason_box.setCurrentIndex(panel.reason_box.findData("verified_in_chart"))
    panel.accept_button.click()
    qtbot.waitUntil(panel.sign_button.isEnabled, timeout=TIMEOUT_MS)
    assert panel.flag_list.item(0).text().startswith("Resolved")

    panel.sign_button.click()
    dialog = panel.attestation_dialog
    assert dialog is not None
    assert not dialog.sign_button.isEnabled()
    dialog.attest.setChecked(True)
    with qtbot.waitSignal(panel.signed, timeout=TIMEOUT_MS) as signed:
        dialog.sign_button.click()
    assert signed.args is not None
    assert signed.args[0].status is DraftStatus.SIGNED
    assert editor.isReadOnly()
    assert not panel.check_button.isEnabled()


def test_editing_after_a_check_clears_the_highlights_and_blocks_signing(
    qtbot: QtBot, host: Host
) -> None:
    editor, panel = host.editor, host.panel
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=TIMEOUT_MS)

    editor.appendPlainText("Family updated.")

    assert editor.extraSelections() == []
    assert panel.flag_list.count() == 0
    assert not panel.sign_button.isEnabled()
    assert "check the facts again" in panel.message.text()
