"""Names for controls Qt creates itself, so a screen reader announces them like ours."""

from PySide6.QtWidgets import QDialogButtonBox


def name_buttons(box: QDialogButtonBox) -> None:
    """Standard buttons carry only their (translated) text; give each an accessible name too."""
    for button in box.buttons():
        if not button.accessibleName():
            button.setAccessibleName(button.text().replace("&", ""))
