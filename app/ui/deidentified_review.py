"""The de-identified copy, reviewed before it is saved: every replacement highlighted, and a
field to replace what the de-identifier missed.

Highlights are a background colour and bold, so the cue does not rest on colour alone. The copy
never leaves this dialog except through Save; nothing is logged.
"""

from collections.abc import Callable

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.deidentify.review import MarkedCopy, replace_also
from app.ui.accessibility import name_buttons

ReviewCopy = Callable[[MarkedCopy], str | None]
"""(the marked copy) -> the text to save, or None if the nurse cancelled."""

_HIGHLIGHT = QColor("#ffd166")


class DeidentifiedReview(QDialog):
    """The de-identified copy with every replacement highlighted, for the nurse to read whole and
    to replace what the de-identifier missed before it is saved."""

    def __init__(self, copy: MarkedCopy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Review the de-identified copy")
        self._copy = copy
        note = QLabel(
            "Every replacement is highlighted. Read the whole copy: replace any name, date, "
            "place or number it missed before saving."
        )
        note.setWordWrap(True)
        self.text = QTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("De-identified copy")
        self.phrase = QLineEdit()
        self.phrase.setAccessibleName("Also replace")
        self.phrase.setPlaceholderText("A word or phrase to replace everywhere")
        self.replace_button = QPushButton("Replace")
        self.replace_button.setAccessibleName("Replace")
        self.replace_button.clicked.connect(self._replace_typed)
        self.phrase.returnPressed.connect(self._replace_typed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        name_buttons(buttons)
        row = QHBoxLayout()
        row.addWidget(self.phrase)
        row.addWidget(self.replace_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(720, 560)
        self._show()

    def copy(self) -> MarkedCopy:
        return self._copy

    def replace(self, phrase: str) -> None:
        """Replace every whole-word use of the phrase, and highlight it like the others."""
        self._copy = replace_also(self._copy, phrase)
        self._show()

    def _replace_typed(self) -> None:
        self.replace(self.phrase.text())
        self.phrase.clear()

    def _show(self) -> None:
        self.text.setPlainText(self._copy.text)
        marked = QTextCharFormat()
        marked.setBackground(_HIGHLIGHT)
        marked.setFontWeight(QFont.Weight.Bold)
        selections = []
        for start, end in self._copy.marks:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = marked
            selections.append(selection)
        self.text.setExtraSelections(selections)


def review_in_dialog(parent: QWidget | None) -> ReviewCopy:
    def review(copy: MarkedCopy) -> str | None:
        dialog = DeidentifiedReview(copy, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.copy().text

    return review
