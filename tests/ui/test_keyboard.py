"""The desk by keyboard: unique mnemonics, Tab between panes, and keys for the common actions
listed in the F1 overlay."""

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.services.workstation import Workstation
from app.ui.keyboard_help import DESK_SHORTCUTS
from app.ui.main_window import MainWindow
from tests.services.test_review import INVENTED_TEMP, NOTES
from tests.ui.conftest import open_saved_draft

TIMEOUT_MS = 10_000
_MNEMONIC = re.compile(r"&([^&])")


def _mnemonics(desk: MainWindow) -> list[tuple[str, str]]:
    """(letter, text) of every mnemonic a person can press on the desk itself."""
    found = [
        (match.group(1).lower(), action.text())
        for action in desk.menuBar().actions()
        if (match := _MNEMONIC.search(action.text()))
    ]
    for widget in desk.findChildren(QWidget):
        if not widget.isVisibleTo(desk):
            continue
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            text = widget.text()  # type: ignore[attr-defined]
            if match := _MNEMONIC.search(text):
                found.append((match.group(1).lower(), text))
    return found


def _focus(qtbot: QtBot, desk: MainWindow, widget: QWidget) -> None:
    desk.show()
    desk.activateWindow()
    qtbot.waitExposed(desk)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=TIMEOUT_MS)


def test_every_mnemonic_on_the_desk_is_unique(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    open_saved_draft(qtbot, desk, demo_workstation, INVENTED_TEMP, notes=NOTES)
    desk.show()
    letters = _mnemonics(desk)
    assert len(letters) > 15
    seen: dict[str, str] = {}
    duplicates = []
    for letter, text in letters:
        if letter in seen:
            duplicates.append((letter, seen[letter], text))
        seen.setdefault(letter, text)
    assert duplicates == []


def test_tab_in_the_notes_moves_to_the_next_control_instead_of_typing_a_tab(
    qtbot: QtBot, desk: MainWindow
) -> None:
    _focus(qtbot, desk, desk.source_edit)

    qtbot.keyClick(desk.source_edit, Qt.Key.Key_Tab)

    assert desk.source_edit.toPlainText() == ""
    assert not desk.source_edit.hasFocus()


def test_ctrl_tab_types_a_tab_in_the_draft(qtbot: QtBot, desk: MainWindow) -> None:
    _focus(qtbot, desk, desk.draft_edit)

    qtbot.keyClick(desk.draft_edit, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)

    assert desk.draft_edit.toPlainText() == "\t"


def test_ctrl_s_saves_the_draft(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    open_saved_draft(qtbot, desk, demo_workstation, INVENTED_TEMP, notes=NOTES)
    _focus(qtbot, desk, desk.draft_edit)
    qtbot.keyClicks(desk.draft_edit, "Reviewed. ")

    qtbot.keyClick(desk.draft_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: desk.notice.text().startswith("Saved"), timeout=TIMEOUT_MS)
    current = desk.current_draft
    assert current is not None and current.text.startswith("Reviewed. ")


def test_f7_checks_the_facts_and_f8_goes_to_the_next_flag(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    open_saved_draft(qtbot, desk, demo_workstation, INVENTED_TEMP, notes=NOTES)
    _focus(qtbot, desk, desk.draft_edit)

    qtbot.keyClick(desk.draft_edit, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: desk.review_panel.report is not None, timeout=TIMEOUT_MS)
    desk.review_panel.flag_list.setCurrentRow(-1)
    qtbot.keyClick(desk.draft_edit, Qt.Key.Key_F8)

    assert desk.review_panel.flag_list.currentRow() == 0
    assert desk.draft_edit.textCursor().selectedText() == "Temp 39.4 C"


def test_f1_lists_every_shortcut_the_desk_binds(qtbot: QtBot, desk: MainWindow) -> None:
    _focus(qtbot, desk, desk.source_edit)

    qtbot.keyClick(desk.source_edit, Qt.Key.Key_F1)

    dialog = desk.keyboard_help
    assert dialog is not None
    listed = dialog.table.text()
    for keys, action in DESK_SHORTCUTS:
        assert keys in listed and action in listed
    dialog.reject()
