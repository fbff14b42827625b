"""Font size and the high-contrast theme, applied to the whole application.

Both themes meet WCAG 2.2 AA: text 4.5:1 against its background, field borders and the focused
field's border 3:1 (`contrast_ratio` is how the tests measure it, on the pixels drawn).
"""

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel

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


FIELD_BORDER = QColor("#767676")
"""Text fields' border in the standard theme: 4.5:1 on white, so a field is seen as one."""
HIGH_CONTRAST_FIELD_BORDER = QColor("white")
FOCUS_COLOUR = QColor("#0b5cad")
"""The focused field's border in the standard theme: 6.7:1 on white."""
HIGH_CONTRAST_FOCUS_COLOUR = QColor("#ffff00")
ERROR_TEXT = QColor("#b00020")
"""Error text on the standard theme's light background: 7.3:1 on white."""
HIGH_CONTRAST_ERROR_TEXT = QColor("#ff8a8a")
"""Error text on black: the standard red is 2.9:1 there; this is 9.3:1."""


def error_style(colour: QColor) -> str:
    """Labels marked as errors (`show_as_error`) in the theme's error colour, in bold too."""
    return f'QLabel[error="true"] {{ color: {colour.name()}; font-weight: bold; }}'


def show_as_error(label: QLabel, error: bool) -> None:
    """Mark `label` as error text or not; the application style sheet gives it the theme's
    error colour, so the colour follows a change of theme at once."""
    label.setProperty("error", error)
    label.style().unpolish(label)
    label.style().polish(label)


def field_style(border: QColor, focus: QColor) -> str:
    """A visible border on every field a person types into, the password box included, and a
    thicker one in the focus colour on the field that has the keyboard focus.

    Qt style sheets draw no `outline`, and a field given a border loses the style's own focus
    frame, so focus is the border itself; the padding keeps the text from shifting by a pixel.
    """
    fields = ("QLineEdit", "QPlainTextEdit", "QTextEdit")
    return (
        f"{', '.join(fields)} {{ border: 1px solid {border.name()}; padding: 1px; }}\n"
        f"{', '.join(name + ':focus' for name in fields)} "
        f"{{ border: 2px solid {focus.name()}; padding: 0px; }}"
    )


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
    if settings.high_contrast:
        fields = field_style(HIGH_CONTRAST_FIELD_BORDER, HIGH_CONTRAST_FOCUS_COLOUR)
        app.setStyleSheet(fields + "\n" + error_style(HIGH_CONTRAST_ERROR_TEXT))
    else:
        fields = field_style(FIELD_BORDER, FOCUS_COLOUR)
        app.setStyleSheet(fields + "\n" + error_style(ERROR_TEXT))
