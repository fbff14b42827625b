"""Font size and the high-contrast theme, applied to the whole application."""

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.domain.settings import Settings


def _high_contrast() -> QPalette:
    palette = QPalette()
    black, white, yellow = QColor("black"), QColor("white"), QColor("#ffff00")
    for role, colour in (
        (QPalette.ColorRole.Window, black),
        (QPalette.ColorRole.WindowText, white),
        (QPalette.ColorRole.Base, black),
        (QPalette.ColorRole.AlternateBase, QColor("#1a1a1a")),
        (QPalette.ColorRole.Text, white),
        (QPalette.ColorRole.Button, black),
        (QPalette.ColorRole.ButtonText, white),
        (QPalette.ColorRole.Highlight, yellow),
        (QPalette.ColorRole.HighlightedText, black),
        (QPalette.ColorRole.ToolTipBase, black),
        (QPalette.ColorRole.ToolTipText, white),
        (QPalette.ColorRole.PlaceholderText, QColor("#c0c0c0")),
    ):
        palette.setColor(role, colour)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#8a8a8a"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#8a8a8a"))
    return palette


FOCUS_STYLE = "*:focus { outline: 2px solid palette(highlight); }"
"""Keyboard focus must be visible on every control, in either theme."""


def apply_appearance(app: QApplication, settings: Settings) -> None:
    font = QFont(app.font())
    font.setPointSize(settings.font_point_size)
    app.setFont(font)
    app.setPalette(_high_contrast() if settings.high_contrast else app.style().standardPalette())
    app.setStyleSheet(FOCUS_STYLE)
