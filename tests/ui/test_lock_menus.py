"""Behind the lock screen the menus and keys do nothing: no import, export, save or audit log
until unlock; the unlock form is a panel in the middle of the window."""

from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QMenu
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


def test_no_menu_action_or_shortcut_of_the_desk_works_behind_the_lock_screen(
    qtbot: QtBot, desk: MainWindow
) -> None:
    desk.lock()
    qtbot.waitUntil(lambda: desk.is_locked, timeout=5_000)

    live_actions = [
        action.text()
        for menu in desk.menuBar().findChildren(QMenu)
        for action in menu.actions()
        if action.isEnabled() and not action.isSeparator()
    ]
    live_keys = [
        shortcut.key().toString()
        for shortcut in desk.findChildren(QShortcut)
        if shortcut.isEnabled() and not desk.lock_screen.isAncestorOf(shortcut.parent())
    ]
    assert live_actions == []
    assert live_keys == []


def test_the_lock_screen_is_a_centred_panel_not_a_strip_across_the_window(
    qtbot: QtBot, desk: MainWindow
) -> None:
    desk.resize(1600, 900)
    desk.lock()
    qtbot.waitUntil(lambda: desk.is_locked, timeout=5_000)
    panel = desk.lock_screen.panel
    qtbot.waitUntil(panel.isVisible, timeout=5_000)

    screen = desk.lock_screen
    assert panel.width() < screen.width() / 2
    centre = panel.geometry().center()
    assert abs(centre.x() - screen.width() / 2) <= 2
    assert abs(centre.y() - screen.height() / 2) <= 2
    assert panel.isAncestorOf(desk.lock_screen.password)
