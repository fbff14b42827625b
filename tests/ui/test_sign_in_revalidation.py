"""The desk locks itself when the session's sign-in stops holding while it is open.

Here the local account is disabled behind the open desk; Entra ID's expired and revoked
tokens are checked against the identity provider in tests/identity/test_revalidation.py.
"""

from pytestqt.qtbot import QtBot

from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import Workstation
from app.ui.main_window import MainWindow

NOTES = "0800 BP 128/80, HR 76. Alert and oriented.\n"


def test_the_desk_shows_the_lock_screen_when_the_account_is_disabled_meanwhile(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    desk.source_edit.setPlainText(NOTES)
    store = demo_workstation.accounts._accounts
    account = store.get_by_username(DEMO_USERNAME)
    assert account is not None
    store.set_disabled(account.user_id, True)

    desk.revalidation.set_interval(0.1)

    qtbot.waitUntil(lambda: desk.is_locked, timeout=10_000)
    assert desk.lock_screen.isVisible()
    assert desk.source_edit.toPlainText() == ""
    qtbot.waitUntil(lambda: "disabled" in desk.lock_screen.message.text(), timeout=5_000)


def test_the_desk_stays_open_while_the_sign_in_holds(qtbot: QtBot, desk: MainWindow) -> None:
    desk.source_edit.setPlainText(NOTES)
    checks: list[object] = []
    desk.revalidation.answered.connect(checks.append)

    desk.revalidation.set_interval(0.1)

    qtbot.waitUntil(lambda: len(checks) >= 2, timeout=10_000)
    assert not desk.is_locked
    assert desk.source_edit.toPlainText() == NOTES


def test_unlocking_after_the_account_was_disabled_is_refused(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    store = demo_workstation.accounts._accounts
    account = store.get_by_username(DEMO_USERNAME)
    assert account is not None
    store.set_disabled(account.user_id, True)
    desk.revalidation.set_interval(0.1)
    qtbot.waitUntil(lambda: desk.is_locked, timeout=10_000)

    qtbot.keyClicks(desk.lock_screen.password, DEMO_PASSWORD)
    desk.lock_screen.unlock_button.click()

    qtbot.waitUntil(desk.lock_screen.unlock_button.isEnabled, timeout=10_000)
    assert "disabled" in desk.lock_screen.message.text()
    assert desk.is_locked
