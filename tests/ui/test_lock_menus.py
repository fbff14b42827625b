"""Behind the lock screen the menus do nothing: no import, export or audit log until unlock."""

from pytestqt.qtbot import QtBot

from app.services.demo import DEMO_PASSWORD
from app.ui.main_window import MainWindow


def test_the_menus_are_off_while_locked_and_back_after_unlocking(
    qtbot: QtBot, desk: MainWindow
) -> None:
    desk.lock()
    qtbot.waitUntil(lambda: desk.is_locked, timeout=5_000)
    assert not desk.menuBar().isEnabled()

    qtbot.keyClicks(desk.lock_screen.password, DEMO_PASSWORD)
    desk.lock_screen.unlock_button.click()

    qtbot.waitUntil(lambda: not desk.is_locked, timeout=10_000)
    assert desk.menuBar().isEnabled()
