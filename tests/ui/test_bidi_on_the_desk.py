"""Bidi overrides and isolates leave the notes the moment they are pasted, imported or typed:
what the nurse sees is what the model and the fact checker read."""

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow

SPOOFED = "Heparin 5\u202e000 01\u202c units SC. Given at 0800\u2066 by RN\u2069.\n"
CLEAN = "Heparin 5000 01 units SC. Given at 0800 by RN.\n"


def test_a_pasted_override_is_removed_at_once_and_the_desk_says_so(
    qtbot: QtBot, desk: MainWindow
) -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(SPOOFED)
    desk.source_edit.setFocus()

    desk.source_edit.paste()

    assert desk.source_edit.toPlainText() == CLEAN
    assert "Removed 4 invisible direction-control" in desk.notice.text()
    clipboard.clear()


def test_imported_notes_lose_their_overrides_before_they_are_shown(
    qtbot: QtBot, desk: MainWindow, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(SPOOFED, encoding="utf-8")

    desk.import_notes_from(notes)

    qtbot.waitUntil(lambda: desk.source_edit.toPlainText() != "", timeout=5_000)
    assert desk.source_edit.toPlainText() == CLEAN


def test_right_to_left_text_keeps_its_direction_marks(qtbot: QtBot, desk: MainWindow) -> None:
    hebrew = "\u05e9\u05dc\u05d5\u05dd\u200f BP 120/80\n"

    desk.source_edit.setPlainText(hebrew)

    assert desk.source_edit.toPlainText() == hebrew
    assert not desk.notice.isVisible()


def test_undo_does_not_bring_an_override_back(qtbot: QtBot, desk: MainWindow) -> None:
    desk.source_edit.insertPlainText(SPOOFED)

    desk.source_edit.undo()
    desk.source_edit.redo()

    assert "\u202e" not in desk.source_edit.toPlainText()
