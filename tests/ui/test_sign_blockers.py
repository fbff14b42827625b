"""On the review panel, what blocks signing is listed by name and highlighted: left-out
allergies, code status and new orders are added or acknowledged one by one, parts only an edit
fixes cannot be accepted, and the attestation names what the signer reviewed."""

import pytest
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from app.domain.notes import Draft, NoteKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import Workstation
from app.ui.review_panel import problem_format
from app.ui.tasks import TaskRunner
from tests.services.test_signing_rules import COMPLETE, NOTES, SILENT
from tests.ui.test_review_panel import Host, _embed

TIMEOUT_MS = 10_000


def _host(
    qtbot: QtBot, workstation: Workstation, tasks: TaskRunner, text: str, notes: str = NOTES
) -> Host:
    session = workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    created = workstation.drafts.create_draft(session, "DEMO-1001", NoteKind.SHIFT_SBAR, notes)
    draft: Draft = workstation.drafts.save_text(session, created.id, text, created.revision)
    return _embed(qtbot, workstation, tasks, session, draft)


def _check(qtbot: QtBot, host: Host) -> None:
    host.panel.check_button.click()
    qtbot.waitUntil(lambda: host.panel.report is not None, timeout=TIMEOUT_MS)


def _rows(host: Host) -> list[str]:
    return [host.panel.flag_list.item(row).text() for row in range(host.panel.flag_list.count())]


@pytest.fixture
def silent(qtbot: QtBot, demo_workstation: Workstation, tasks: TaskRunner) -> Host:
    return _host(qtbot, demo_workstation, tasks, SILENT)


def test_each_left_out_critical_item_is_listed_by_name_and_blocks_signing(
    qtbot: QtBot, silent: Host
) -> None:
    _check(qtbot, silent)

    rows = _rows(silent)
    assert rows[0].startswith("Left out, add or acknowledge · allergy penicillin")
    assert rows[1].startswith("Left out, add or acknowledge · code status Full code")
    assert rows[2].startswith("Left out, add or acknowledge · medication KCl 20 mEq PO")
    assert not silent.panel.sign_button.isEnabled()
    assert "3 left-out item(s) to add or acknowledge" in silent.panel.message.text()


def test_the_resolve_button_names_the_left_out_item_it_acknowledges(
    qtbot: QtBot, silent: Host
) -> None:
    _check(qtbot, silent)
    silent.panel.flag_list.setCurrentRow(0)

    assert silent.panel.accept_button.text() == "&Acknowledge left-out allergy penicillin…"
    assert silent.panel.reason_box.currentData() == "recorded_in_chart"


def test_acknowledging_every_left_out_item_enables_signing(qtbot: QtBot, silent: Host) -> None:
    _check(qtbot, silent)
    for _ in range(3):
        silent.panel.flag_list.setCurrentRow(0)
        silent.panel.accept_button.click()
        qtbot.waitUntil(silent.panel.accept_button.isEnabled, timeout=TIMEOUT_MS)

    assert silent.panel.sign_button.isEnabled()
    assert all(row.startswith("Acknowledged") for row in _rows(silent)[-3:])


def test_the_attestation_names_the_patient_the_note_and_the_items_reviewed(
    qtbot: QtBot, silent: Host
) -> None:
    _check(qtbot, silent)
    for _ in range(3):
        silent.panel.flag_list.setCurrentRow(0)
        silent.panel.accept_button.click()
        qtbot.waitUntil(silent.panel.accept_button.isEnabled, timeout=TIMEOUT_MS)

    silent.panel.sign_button.click()

    dialog = silent.panel.attestation_dialog
    assert dialog is not None
    statement = dialog.statement.text()
    assert "Shift note (SBAR) for Alex Demo (MRN DEMO-1001)" in statement
    assert "allergy penicillin" in statement and "code status Full code" in statement
    assert not dialog.sign_button.isEnabled()


def test_an_empty_section_is_listed_highlighted_and_cannot_be_accepted(
    qtbot: QtBot, demo_workstation: Workstation, tasks: TaskRunner
) -> None:
    text = "Situation: Stable shift. " + COMPLETE + "Background:\nAssessment: Resting.\n"
    host = _host(qtbot, demo_workstation, tasks, text)
    _check(qtbot, host)

    assert _rows(host)[0].startswith("Edit · Empty section (Background)")
    [highlight] = host.editor.extraSelections()
    assert highlight.cursor.selectedText() == "Background:"
    assert highlight.format.fontWeight() == QFont.Weight.Bold
    assert highlight.format.background() == problem_format().background()
    host.panel.flag_list.setCurrentRow(0)
    assert not host.panel.accept_button.isEnabled()
    assert not host.panel.sign_button.isEnabled()
    assert "1 part(s) to edit" in host.panel.message.text()


def test_the_daughter_named_as_the_patient_is_listed_and_blocks_signing(
    qtbot: QtBot, demo_workstation: Workstation, tasks: TaskRunner
) -> None:
    host = _host(qtbot, demo_workstation, tasks, "Situation: Maria Lopez, 72F. " + COMPLETE)
    _check(qtbot, host)

    [named] = [row for row in _rows(host) if row.startswith("Edit · ")]
    assert named.startswith("Edit · Another person named as the patient (Situation)")
    assert "Alex Demo" in named
    assert not host.panel.sign_button.isEnabled()


def test_a_clean_check_says_so(
    qtbot: QtBot, demo_workstation: Workstation, tasks: TaskRunner
) -> None:
    host = _host(qtbot, demo_workstation, tasks, COMPLETE)
    _check(qtbot, host)

    assert host.panel.flag_list.count() == 0
    assert host.panel.message.text().startswith("Clean check")
    assert host.panel.sign_button.isEnabled()
