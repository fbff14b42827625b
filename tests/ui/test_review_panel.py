"""The review panel beside an editor: check, see flags highlighted, accept with a reason, sign,
amend a signed note."""

from dataclasses import dataclass

import pytest
from PySide6.QtGui import QFont, QTextCharFormat
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from app.domain.audit import AuditAction, Outcome
from app.domain.notes import Draft, DraftStatus, NoteKind
from app.domain.roles import Role
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.main_window import MainWindow
from app.ui.review_panel import ReviewPanel
from app.ui.tasks import TaskRunner
from tests.services.test_review import FAITHFUL, INVENTED_TEMP, NOTES, _events, _sign_in_as

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
def signed_draft(demo_workstation: Workstation) -> Draft:
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    created = demo_workstation.drafts.create_draft(session, "DEMO-1001", NoteKind.SHIFT_SBAR, NOTES)
    saved = demo_workstation.drafts.save_text(session, created.id, FAITHFUL, created.revision)
    return demo_workstation.review.sign(session, saved.id, attestation=True)


@pytest.fixture
def host(qtbot: QtBot, demo_workstation: Workstation, tasks: TaskRunner, draft: Draft) -> Host:
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    return _embed(qtbot, demo_workstation, tasks, session, draft)


@pytest.fixture
def signed_host(
    qtbot: QtBot, demo_workstation: Workstation, tasks: TaskRunner, signed_draft: Draft
) -> Host:
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    return _embed(qtbot, demo_workstation, tasks, session, signed_draft)


def _embed(
    qtbot: QtBot, workstation: Workstation, tasks: TaskRunner, session: Session, draft: Draft
) -> Host:
    window = QWidget()
    qtbot.addWidget(window)
    editor = QPlainTextEdit(draft.text)
    panel = ReviewPanel(workstation.review, session, tasks, editor)
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


def test_editing_after_a_check_keeps_the_list_drops_stale_highlights_and_blocks_signing(
    qtbot: QtBot, host: Host
) -> None:
    editor, panel = host.editor, host.panel
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=TIMEOUT_MS)

    editor.appendPlainText("Family updated.")

    assert editor.extraSelections() == []
    assert panel.flag_list.count() == 1
    assert not panel.sign_button.isEnabled()
    assert not panel.accept_button.isEnabled()
    assert panel.message.text() == "Checking the edited text…"


def test_amending_a_signed_note_opens_a_new_editable_version_and_keeps_the_signed_one(
    qtbot: QtBot, signed_host: Host, demo_workstation: Workstation, signed_draft: Draft
) -> None:
    editor, panel = signed_host.editor, signed_host.panel
    assert editor.isReadOnly()

    panel.amend_button.click()
    dialog = panel.amend_dialog
    assert dialog is not None
    with qtbot.waitSignal(panel.amended, timeout=TIMEOUT_MS) as amended:
        dialog.amend_button.click()

    assert amended.args is not None
    assert amended.args[0].status is DraftStatus.DRAFT
    assert not editor.isReadOnly()
    assert panel.check_button.isEnabled()
    assert not panel.amend_button.isEnabled()
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    history = demo_workstation.review.history(session, signed_draft.id)
    assert [(v.version, v.amends, v.status) for v in history] == [
        (1, None, DraftStatus.SIGNED),
        (2, 1, DraftStatus.DRAFT),
    ]


def test_amend_is_offered_only_on_a_signed_note(host: Host, signed_host: Host) -> None:
    assert not host.panel.amend_button.isEnabled()
    assert signed_host.panel.amend_button.isEnabled()


def test_amend_is_not_offered_to_someone_other_than_the_author(
    qtbot: QtBot, demo_workstation: Workstation, tasks: TaskRunner, signed_draft: Draft
) -> None:
    charge = _sign_in_as(demo_workstation, "charge", Role.CHARGE_NURSE)

    host = _embed(qtbot, demo_workstation, tasks, charge, signed_draft)

    assert not host.panel.amend_button.isEnabled()
    assert host.panel.history_button.isEnabled()


def test_an_amendment_the_service_refuses_shows_why_and_is_audited(
    qtbot: QtBot, demo_workstation: Workstation, tasks: TaskRunner, signed_draft: Draft
) -> None:
    charge = _sign_in_as(demo_workstation, "charge", Role.CHARGE_NURSE)
    host = _embed(qtbot, demo_workstation, tasks, charge, signed_draft)

    host.panel.amend()

    qtbot.waitUntil(lambda: "Only the author" in host.panel.message.text(), timeout=TIMEOUT_MS)
    assert (AuditAction.ACCESS_DENIED, Outcome.DENIED, "not_author") in _events(demo_workstation)
    assert host.editor.isReadOnly()
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    assert demo_workstation.drafts.open_draft(session, signed_draft.id).status is (
        DraftStatus.SIGNED
    )


def test_amending_on_the_desk_reloads_the_new_version_into_the_editor_for_editing(
    qtbot: QtBot, desk: MainWindow, signed_draft: Draft
) -> None:
    desk.drafts_list.refresh()
    qtbot.waitUntil(lambda: desk.drafts_list.count() == 1, timeout=TIMEOUT_MS)
    desk.drafts_list.open_row(0)
    qtbot.waitUntil(lambda: desk.current_draft is not None, timeout=TIMEOUT_MS)
    assert desk.draft_edit.isReadOnly()

    desk.review_panel.amend_button.click()
    dialog = desk.review_panel.amend_dialog
    assert dialog is not None
    dialog.amend_button.click()

    qtbot.waitUntil(
        lambda: desk.current_draft is not None and desk.current_draft.status is DraftStatus.DRAFT,
        timeout=TIMEOUT_MS,
    )
    assert not desk.draft_edit.isReadOnly()
    assert desk.draft_edit.toPlainText() == FAITHFUL
    assert "new version is open" in desk.review_panel.message.text()


def test_amending_asks_why_and_the_audit_keeps_the_reason_code(
    qtbot: QtBot, signed_host: Host, demo_workstation: Workstation
) -> None:
    panel = signed_host.panel
    panel.amend_button.click()
    dialog = panel.amend_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reason_box.setCurrentIndex(dialog.reason_box.findData("late_entry"))

    with qtbot.waitSignal(panel.amended, timeout=TIMEOUT_MS):
        dialog.amend_button.click()

    assert (AuditAction.DRAFT_AMEND, Outcome.SUCCESS, "version:2:late_entry") in _events(
        demo_workstation
    )


def test_cancelling_the_amend_question_leaves_the_note_signed(
    qtbot: QtBot, signed_host: Host
) -> None:
    panel = signed_host.panel
    panel.amend_button.click()
    dialog = panel.amend_dialog
    assert dialog is not None

    dialog.reject()
    qtbot.wait(200)

    assert signed_host.editor.isReadOnly()
    assert panel.amend_button.isEnabled()


def test_the_chosen_reason_is_whole_in_its_tooltip_when_the_panel_is_narrow(host: Host) -> None:
    box = host.panel.reason_box

    for row in range(box.count()):
        box.setCurrentIndex(row)
        assert box.toolTip() == box.itemText(row)


def test_the_chosen_reason_is_shown_whole_wrapped_when_the_panel_is_too_narrow_for_it(
    qtbot: QtBot, host: Host
) -> None:
    host.window.resize(1, 600)
    box = host.panel.reason_box
    longest = max((box.itemText(row) for row in range(box.count())), key=len)
    qtbot.waitUntil(lambda: box.width() < box.fontMetrics().horizontalAdvance(longest))

    for row in range(box.count()):
        box.setCurrentIndex(row)
        reason = box.itemText(row)
        shown = [
            label
            for label in host.panel.findChildren(QLabel)
            if label.isVisible() and label.text() == reason
        ]
        assert len(shown) == 1, f"{reason!r} is shown whole once"
        [label] = shown
        assert label.wordWrap()
        qtbot.waitUntil(lambda label=label: label.height() >= label.heightForWidth(label.width()))
        assert label.width() <= host.panel.width()
