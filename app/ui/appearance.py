"""Font size and the high-contrast theme, applied to the whole application.

Both themes meet WCAG 2.2 AA: text 4.5:1 against its background, field borders and the focus
outline 3:1 (`contrast_ratio` is how the tests measure it).
"""

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
FIELD_BORDER = QColor("#767676")
"""Text fields' border in the standard theme: 4.5:1 on white, so a field is seen as one."""
HIGH_CONTRAST_FIELD_BORDER = QColor("white")


def field_style(border: QColor) -> str:
    """A visible border on every field a person types into, the password box included."""
    return f"QLineEdit, QPlainTextEdit, QTextEdit {{ border: 1px solid {border.name()}; }}"


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.2 relative luminance of an sRGB colour, 0 (black) to 1 (white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio, 1 to 21: text needs 4.5, borders and focus indicators 3."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def apply_appearance(app: QApplication, settings: Settings) -> None:
    font = QFont(app.font())
    font.setPointSize(settings.font_point_size)
    app.setFont(font)
    app.setPalette(_high_contrast() if settings.high_contrast else app.style().standardPalette())
    border = HIGH_CONTRAST_FIELD_BORDER if settings.high_contrast else FIELD_BORDER
    app.setStyleSheet(FOCUS_STYLE + "\n" + field_style(border))
