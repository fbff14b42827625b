"""A shared ward workstation: idle lock, unlock, switch user, emergency access."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from pytestqt.qtbot import QtBot

from app.domain.identity import EmergencyReason
from app.domain.notes import NoteKind
from app.domain.roles import Role
from app.services.demo import DEMO_PASSWORD
from app.services.workstation import StartOptions, Workstation
from app.ui.application import WindowController
from app.ui.main_window import MainWindow
from tests.ui.menus import open_settings

NOTES = "0800 BP 128/80, HR 76. Alert and oriented. Tolerating diet.\n"


def _generate(qtbot: QtBot, desk: MainWindow) -> None:
    desk.source_edit.setPlainText(NOTES)
    desk.kind_box.setCurrentIndex(desk.kind_box.findData(NoteKind.SHIFT_SBAR))
    desk.generate_button.click()
    qtbot.waitUntil(lambda: not desk.stop_button.isEnabled(), timeout=180_000)


def test_the_session_locks_itself_when_idle_and_hides_the_notes(
    qtbot: QtBot, desk: MainWindow
) -> None:
    desk.source_edit.setPlainText(NOTES)
    desk.idle_watcher.set_timeout(0.2)
    qtbot.waitUntil(lambda: desk.is_locked, timeout=5_000)
    assert desk.source_edit.toPlainText() == ""
    assert desk.lock_screen.isVisible()


def test_locking_closes_the_dialogs_open_over_the_desk(qtbot: QtBot, desk: MainWindow) -> None:
    dialog = open_settings(desk)

    desk.lock()

    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert desk.lock_screen.isVisible()


def test_unlocking_with_a_wrong_password_keeps_it_locked(qtbot: QtBot, desk: MainWindow) -> None:
    desk.lock()
    qtbot.keyClicks(desk.lock_screen.password, "not-my-password")
    desk.lock_screen.unlock_button.click()
    qtbot.waitUntil(lambda: "not correct" in desk.lock_screen.message.text(), timeout=10_000)
    assert desk.is_locked


def test_unlocking_with_the_right_password_brings_the_draft_back(
    qtbot: QtBot, desk: MainWindow
) -> None:
    _generate(qtbot, desk)
    qtbot.keyClicks(desk.draft_edit, " Edited before lunch.")
    desk.lock()
    qtbot.keyClicks(desk.lock_screen.password, DEMO_PASSWORD)
    desk.lock_screen.unlock_button.click()
    qtbot.waitUntil(lambda: not desk.is_locked, timeout=10_000)
    qtbot.waitUntil(
        lambda: desk.draft_edit.toPlainText().endswith("Edited before lunch."), timeout=10_000
    )
    assert desk.source_edit.toPlainText() == NOTES


def test_switching_user_hides_the_previous_nurses_drafts(
    qtbot: QtBot, desk: MainWindow, controller: WindowController, demo_workstation: Workstation
) -> None:
    demo_workstation.accounts.add("nurse2", "Second Nurse", Role.NURSE, "second-nurse-pw")
    _generate(qtbot, desk)
    qtbot.waitUntil(lambda: desk.drafts_list.count() == 1, timeout=5_000)
    desk.lock()
    desk.lock_screen.switch_button.click()
    qtbot.waitUntil(lambda: controller.sign_in_dialog is not None, timeout=5_000)
    dialog = controller.sign_in_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    qtbot.keyClicks(dialog.username, "nurse2")
    qtbot.keyClicks(dialog.password, "second-nurse-pw")
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
    second = controller.window
    assert second is not None and "Second Nurse" in second.windowTitle()
    qtbot.waitUntil(lambda: second.patient_bar.picker.count() == 3, timeout=5_000)
    assert second.drafts_list.count() == 0


@pytest.fixture
def glass_controller(
    qtbot: QtBot, data_dir: Path, memory_keyring: KeyringBackend, monkeypatch: pytest.MonkeyPatch
) -> Iterator[WindowController]:
    policy = data_dir / "policy.toml"
    policy.write_text("[break_glass]\nenabled = true\n")
    monkeypatch.setenv("WARDSCRIBE_POLICY_FILE", str(policy))
    workstation = Workstation.open(StartOptions(data_dir=data_dir))
    workstation.accounts.add("er-glass-1", "Emergency One", Role.NURSE, "staged-emergency")
    controller = WindowController(workstation)
    controller.start()
    yield controller
    if controller.window is not None:
        controller.window.close()
    controller.tasks.wait(10_000)
    workstation.close()


def test_emergency_access_refuses_to_start_without_a_reason(
    qtbot: QtBot, glass_controller: WindowController
) -> None:
    dialog = glass_controller.sign_in_dialog
    assert dialog is not None
    dialog.emergency_box.setChecked(True)
    qtbot.keyClicks(dialog.username, "er-glass-1")
    qtbot.keyClicks(dialog.password, "staged-emergency")
    dialog.sign_in_button.click()
    assert "needs a reason" in dialog.message.text()
    assert glass_controller.window is None


def test_an_emergency_session_is_marked_on_screen(
    qtbot: QtBot, glass_controller: WindowController
) -> None:
    dialog = glass_controller.sign_in_dialog
    assert dialog is not None
    dialog.emergency_box.setChecked(True)
    dialog.reason_box.setCurrentIndex(dialog.reason_box.findData(EmergencyReason.PATIENT_EMERGENCY))
    qtbot.keyClicks(dialog.username, "er-glass-1")
    qtbot.keyClicks(dialog.password, "staged-emergency")
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: glass_controller.window is not None, timeout=10_000)
    window = glass_controller.window
    assert window is not None
    assert window.emergency_banner.isVisible()
    assert "EMERGENCY ACCESS" in window.emergency_banner.text()
