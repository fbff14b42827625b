"""The desk's keyboard: its shortcuts, Tab that moves between panes, and every key and menu
turned off behind the lock.

A menu or shortcut left on behind the lock screen would still save, import, export or open the
audit log for whoever sits down at the workstation.
"""

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QMenu, QPlainTextEdit, QWidget

KeyBinding = tuple[str, Callable[[], None]]
"""A key sequence as Qt reads it ("Ctrl+S", "F8") and what it does."""


def bind_desk_keys(
    window: QWidget, keys: Sequence[KeyBinding], editors: Sequence[QPlainTextEdit]
) -> None:
    """Bind `keys` anywhere in `window`; in `editors` Tab moves on and Ctrl+Tab types a tab.

    Without it, Tab in an editor types a tab and a keyboard user cannot leave the notes.
    """
    for sequence, slot in keys:
        shortcut = QShortcut(QKeySequence(sequence), window)
        shortcut.activated.connect(slot)
    for editor in editors:
        editor.setTabChangesFocus(True)
        literal_tab = QShortcut(QKeySequence("Ctrl+Tab"), editor)
        literal_tab.setContext(Qt.ShortcutContext.WidgetShortcut)
        literal_tab.activated.connect(lambda editor=editor: editor.insertPlainText("\t"))


def set_keys_enabled(window: QMainWindow, lock_screen: QWidget, enabled: bool) -> None:
    """Turn the menus and every shortcut of `window` on or off, but those of `lock_screen`,
    which must keep working to unlock."""
    window.menuBar().setEnabled(enabled)
    for menu in window.menuBar().findChildren(QMenu):
        for action in menu.actions():
            action.setEnabled(enabled)
    for shortcut in window.findChildren(QShortcut):
        owner = shortcut.parent()
        if not (isinstance(owner, QWidget) and lock_screen.isAncestorOf(owner)):
            shortcut.setEnabled(enabled)
