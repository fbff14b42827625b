"""The keyboard overlay (F1): every shortcut of the desk, so no action needs the mouse.

The list is the one the desk binds (`DESK_SHORTCUTS`), so the overlay cannot drift from the
keys that work.
"""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.ui.accessibility import name_buttons

DESK_SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+S", "Save the draft"),
    ("Esc", "Stop the draft being written"),
    ("F7", "Check the facts"),
    ("F8", "Go to the next flag"),
    ("Alt+S", "Sign the note"),
    ("Ctrl+N", "Clear for a new note"),
    ("Ctrl+O", "Import notes"),
    ("Ctrl+F", "Search the saved drafts"),
    ("Ctrl+Shift+C", "Copy the note for the EHR"),
    ("Ctrl+L", "Lock"),
    ("Tab, Shift+Tab", "Move between panes and controls"),
    ("Ctrl+Tab", "Type a tab inside the notes or the draft"),
    ("Alt + underlined letter", "Go to that control"),
    ("F1", "This list"),
)
"""(keys, what they do): bound by the desk and listed here."""


class KeyboardHelpDialog(QDialog):
    """Lists the desk's keyboard shortcuts; Esc or Close dismisses it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Lists DESK_SHORTCUTS, the same table the desk's actions are built from."""
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = "".join(
            f"<tr><td><b>{keys}</b></td><td>{action}</td></tr>" for keys, action in DESK_SHORTCUTS
        )
        self.table = QLabel(f"<table cellspacing='6'>{rows}</table>")
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setAccessibleDescription(
            "; ".join(f"{keys}: {action}" for keys, action in DESK_SHORTCUTS)
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        name_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
