"""The window's menus as a person uses them: tests trigger the action a nurse would choose,
never the slot behind it, from *Settings…* to the *Extracted facts* menu's drafting modes."""

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from app.ui.settings_dialog import SettingsDialog


def menu_action(window: QMainWindow, words: str) -> QAction:
    """The action in the window's menus that reads `words`, its mnemonic left out."""
    for menu in window.menuBar().findChildren(QMenu):
        for action in menu.actions():
            if action.text().replace("&", "") == words:
                return action
    raise LookupError(f"no menu action reads {words!r}")


def open_settings(window: QMainWindow) -> SettingsDialog:
    """Choose *Settings…* and return the dialog it shows."""
    menu_action(window, "Settings…").trigger()
    [dialog] = [child for child in window.findChildren(SettingsDialog) if child.isVisible()]
    return dialog


def generate_whole_note(window: QMainWindow) -> None:
    """Generate as the whole note written by the model, not the default grounded draft."""
    menu_action(window, "Whole note by the model").trigger()
