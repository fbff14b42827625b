"""The settings dialog shows policy-locked settings as locked and saves the rest."""

from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from app.domain.roles import Role
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import StartOptions, Workstation
from app.ui.settings_dialog import LOCK_NOTE, SettingsDialog
from app.ui.tasks import TaskRunner


def test_a_locked_setting_is_disabled_and_an_open_one_is_saved(
    qtbot: QtBot, data_dir: Path, memory_keyring: KeyringBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = data_dir / "policy.toml"
    policy.write_text("[settings]\nidle_lock_minutes = 5\n")
    monkeypatch.setenv("WARDSCRIBE_POLICY_FILE", str(policy))
    workstation = Workstation.open(StartOptions(data_dir=data_dir))
    try:
        workstation.accounts.add("it.admin", "IT Admin", Role.IT_ADMIN, "it-admin-password")
        admin = workstation.auth.sign_in("it.admin", "it-admin-password")
        host = QWidget()
        qtbot.addWidget(host)
        tasks = TaskRunner(host)
        dialog = SettingsDialog(workstation.settings_service, admin, tasks, host)
        locked = dialog.editors["idle_lock_minutes"]
        assert not locked.isEnabled()
        assert locked.toolTip() == LOCK_NOTE
        clipboard = dialog.editors["clipboard_clear_seconds"]
        assert clipboard.isEnabled()
        clipboard.setValue(30)  # type: ignore[attr-defined]
        dialog.open()
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        with qtbot.waitSignal(dialog.accepted, timeout=10_000):
            save.click()
        assert workstation.settings_service.current.effective.clipboard_clear_seconds == 30
        tasks.wait(5_000)
    finally:
        workstation.close()


def test_a_nurse_sees_her_own_preferences_and_none_of_the_workstation_settings(
    qtbot: QtBot, demo_workstation: Workstation
) -> None:
    nurse = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    host = QWidget()
    qtbot.addWidget(host)
    tasks = TaskRunner(host)

    dialog = SettingsDialog(demo_workstation.settings_service, nurse, tasks, host)

    assert set(dialog.editors) == {"font_point_size", "high_contrast"}
    tasks.wait(5_000)
