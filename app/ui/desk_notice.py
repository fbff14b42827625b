"""The desk's notice line: what just happened, or what went wrong, above the panes.

Showing or hiding a notice must not move the controls under it: the nurse's click would land
on the wrong one. The line keeps two lines of room whether or not it shows anything.
"""

from PySide6.QtWidgets import QLabel, QWidget

from app.ui.appearance import show_as_error

RESERVED_LINES = 2
"""Lines of room the notice keeps, shown or not."""


class DeskNotice(QLabel):
    """One wrapped notice, hidden when there is nothing to say, its room kept either way."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Empty and hidden, with its room already taken in the layout."""
        super().__init__(parent)
        self.setObjectName("notice")
        self.setWordWrap(True)
        self.setAccessibleName("Notice")
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.setMinimumHeight(RESERVED_LINES * self.fontMetrics().lineSpacing())
        self.hide()

    def say(self, text: str, *, error: bool = False) -> None:
        """Show `text` (in the theme's error colour when `error`); empty text hides the line."""
        show_as_error(self, error)
        self.setText(text)
        self.setVisible(bool(text))
