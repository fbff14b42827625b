"""The de-identified copy, reviewed before it is saved: every replacement highlighted, a
choice of what happens to dates, and a field to replace what the de-identifier missed.

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
    QRadioButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.deidentify import DateMethod
from app.domain.deidentify.review import MarkedCopy, replace_also
from app.ui.accessibility import name_buttons

RemakeCopy = Callable[[DateMethod, Callable[[MarkedCopy], None]], None]
"""(the date method chosen, what to hand the new copy to) -> None: makes the copy again with
that method, off the UI thread, and hands it over when it is ready."""
ReviewCopy = Callable[[MarkedCopy, RemakeCopy], str | None]
"""(the marked copy, how to make it again) -> the text to save, or None if the nurse
cancelled."""

_HIGHLIGHT = QColor("#ffd166")


class DeidentifiedReview(QDialog):
    """The de-identified copy with every replacement highlighted, for the nurse to read whole, to
    choose whether dates are removed or shifted, and to replace what the de-identifier missed
    before it is saved."""

    def __init__(self, copy: MarkedCopy, remake: RemakeCopy, parent: QWidget | None = None) -> None:
        """`copy` was made with dates removed; choosing to shift them asks `remake` for a new
        copy (with a new hidden offset), and the phrases the nurse replaced are replaced again
        in it."""
        super().__init__(parent)
        self.setWindowTitle("Review the de-identified copy")
        self._copy = copy
        self._remake = remake
        self._added: list[str] = []
        note = QLabel(
            "Every replacement is highlighted. Read the whole copy: replace any name, date, "
            "place or number it missed before saving."
        )
        note.setWordWrap(True)
        self.remove_dates = QRadioButton("Remove dates")
        self.remove_dates.setToolTip("Every date becomes [DATE]")
        self.remove_dates.setChecked(True)
        self.shift_dates = QRadioButton("Shift dates, keeping the days between them")
        self.shift_dates.setToolTip(
            "Every date moves by one offset, chosen for this copy and never shown"
        )
        self.remove_dates.toggled.connect(self._dates_chosen)
        dates = QHBoxLayout()
        dates.addWidget(QLabel("Dates:"))
        dates.addWidget(self.remove_dates)
        dates.addWidget(self.shift_dates)
        dates.addStretch()
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
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        row = QHBoxLayout()
        row.addWidget(self.phrase)
        row.addWidget(self.replace_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(dates)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(720, 560)
        self._show()

    def copy(self) -> MarkedCopy:
        """The copy as it stands, the nurse's replacements included: what Save saves."""
        return self._copy

    def replace(self, phrase: str) -> None:
        """Replace every whole-word use of the phrase, and highlight it like the others."""
        self._added.append(phrase)
        self._copy = replace_also(self._copy, phrase)
        self._show()

    def show_copy(self, copy: MarkedCopy) -> None:
        """Show a copy made again with the chosen date method, with the phrases the nurse
        replaced replaced again, and let her save it."""
        for phrase in self._added:
            copy = replace_also(copy, phrase)
        self._copy = copy
        self._show()
        self.save_button.setEnabled(True)

    def _dates_chosen(self) -> None:
        """Nothing from the earlier copy may be saved while the new one is being made."""
        self.save_button.setEnabled(False)
        method = DateMethod.REMOVE if self.remove_dates.isChecked() else DateMethod.SHIFT
        self._remake(method, self.show_copy)

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
    """Review in a modal dialog over `parent`: the saved text, or None when cancelled."""

    def review(copy: MarkedCopy, remake: RemakeCopy) -> str | None:
        dialog = DeidentifiedReview(copy, remake, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.copy().text

    return review
