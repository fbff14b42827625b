"""The desk's keyboard: bound keys act anywhere on the desk, Tab moves between the editors
(Ctrl+Tab types a tab), and behind the lock no menu or key acts but the lock screen's own."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.ui.desk_keys import bind_desk_keys, set_keys_enabled


class Desk(QMainWindow):
    """Two editors in a window with one menu, and a lock screen with a key of its own."""

    def __init__(self) -> None:
        super().__init__()
        body = QWidget()
        layout = QVBoxLayout(body)
        self.notes, self.draft = QPlainTextEdit(), QPlainTextEdit()
        layout.addWidget(self.notes)
        layout.addWidget(self.draft)
        self.lock_screen = QWidget()
        layout.addWidget(self.lock_screen)
        self.unlock_key = QShortcut(QKeySequence("Return"), self.lock_screen)
        self.setCentralWidget(body)
        self.save = self.menuBar().addMenu("&File").addAction("Save")
        self.saved: list[bool] = []


def _desk(qtbot: QtBot) -> Desk:
    desk = Desk()
    qtbot.addWidget(desk)
    bind_desk_keys(desk, (("Ctrl+S", lambda: desk.saved.append(True)),), (desk.notes, desk.draft))
    desk.show()
    desk.activateWindow()
    qtbot.waitExposed(desk)
    return desk


def test_a_bound_key_acts_from_inside_an_editor(qtbot: QtBot) -> None:
    desk = _desk(qtbot)
    desk.notes.setFocus()
    qtbot.waitUntil(desk.notes.hasFocus)

    qtbot.keyClick(desk.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert desk.saved == [True]


def test_tab_leaves_the_notes_for_the_draft(qtbot: QtBot) -> None:
    desk = _desk(qtbot)
    desk.notes.setFocus()
    qtbot.waitUntil(desk.notes.hasFocus)

    qtbot.keyClick(desk.notes, Qt.Key.Key_Tab)

    qtbot.waitUntil(desk.draft.hasFocus)
    assert desk.notes.toPlainText() == ""


def test_ctrl_tab_types_a_tab_in_an_editor(qtbot: QtBot) -> None:
    desk = _desk(qtbot)
    desk.draft.setFocus()
    qtbot.waitUntil(desk.draft.hasFocus)

    qtbot.keyClick(desk.draft, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)

    assert desk.draft.toPlainText() == "\t"


def test_behind_the_lock_only_the_lock_screens_keys_act(qtbot: QtBot) -> None:
    desk = _desk(qtbot)

    set_keys_enabled(desk, desk.lock_screen, False)

    assert not desk.menuBar().isEnabled()
    assert not desk.save.isEnabled()
    outside = [key for key in desk.findChildren(QShortcut) if key is not desk.unlock_key]
    assert outside and not any(key.isEnabled() for key in outside)
    assert desk.unlock_key.isEnabled()


def test_unlocking_turns_every_key_and_menu_back_on(qtbot: QtBot) -> None:
    desk = _desk(qtbot)
    set_keys_enabled(desk, desk.lock_screen, False)

    set_keys_enabled(desk, desk.lock_screen, True)

    assert desk.menuBar().isEnabled() and desk.save.isEnabled()
    assert all(key.isEnabled() for key in desk.findChildren(QShortcut))
