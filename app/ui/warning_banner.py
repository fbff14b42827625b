"""A selectable, word-wrapped warning line that stays in view until the condition clears."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

CAUTION_STYLE = "background: #fff4ce; color: #3d2c00; border: 1px solid #c19c00; padding: 6px;"
DANGER_STYLE = "background: #b00020; color: white; font-weight: bold; padding: 6px;"
SIGNED_STYLE = "background: #1b5e20; color: white; font-weight: bold; padding: 4px;"
"""Each banner sets its text colour and its background, so either theme keeps 4.5:1."""


class WarningBanner(QLabel):
    """Hidden until `show_warning`; screen readers get the text as the description too."""

    def __init__(
        self, object_name: str, accessible_name: str, parent: QWidget | None = None
    ) -> None:
        """`object_name` lets style sheets and tests find it; `accessible_name` is for screen
        readers."""
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(accessible_name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_warning(self, text: str, style: str = CAUTION_STYLE) -> None:
        """Show `text` in `style` (caution or danger colours) and give it to screen readers."""
        self.setStyleSheet(style)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def dismiss(self) -> None:
        """Hide and clear it, so a screen reader no longer finds the old text."""
        self.clear()
        self.hide()
