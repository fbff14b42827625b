"""The desk's drafting modes as a nurse picks them: the *Extracted facts* menu's actions."""

from PySide6.QtGui import QAction

from app.ui.main_window import MainWindow


def drafting_action(desk: MainWindow, text: str) -> QAction:
    """The desk's menu action whose words (without the mnemonic) begin with `text`."""
    return next(
        action
        for action in desk.findChildren(QAction)
        if action.text().replace("&", "").startswith(text)
    )


def generate_whole_note(desk: MainWindow) -> None:
    """Generate as the whole note written by the model, not the default grounded draft."""
    drafting_action(desk, "Whole note by the model").trigger()
