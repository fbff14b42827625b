"""Removes bidi controls from a text editor the moment they arrive, by paste, import or typing.

The services strip embeddings and overrides from notes before drafting; an editor that kept
them would show the nurse a different order of characters (another dose, another time) than
the model and the fact checker read, until the draft was reopened. Removing them as they are
inserted keeps the screen and the stored text the same from the first moment.
"""

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from app.domain.bidi_controls import is_bidi_control


class BidiGuard(QObject):
    """Watches one editor's document; every inserted bidi control is removed at once.

    Signals:
        stripped(int): how many were removed from one insertion, so the desk can say so.
    """

    stripped = Signal(int)

    def __init__(self, editor: QPlainTextEdit) -> None:
        """Parented to `editor`, so it lives exactly as long as the editor it guards."""
        super().__init__(editor)
        self._editor = editor
        self._removing = False
        editor.document().contentsChange.connect(self._changed)

    def _changed(self, position: int, _removed: int, added: int) -> None:
        if self._removing or added == 0:
            return
        document = self._editor.document()
        inserted = self._text(position, added)
        found = [position + offset for offset, char in enumerate(inserted) if is_bidi_control(char)]
        if not found:
            return
        self._removing = True
        try:
            cursor = QTextCursor(document)
            cursor.beginEditBlock()
            for at in reversed(found):
                cursor.setPosition(at)
                cursor.setPosition(at + 1, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
            cursor.endEditBlock()
        finally:
            self._removing = False
        self.stripped.emit(len(found))

    def _text(self, position: int, length: int) -> str:
        cursor = QTextCursor(self._editor.document())
        cursor.setPosition(position)
        end = min(position + length, self._editor.document().characterCount() - 1)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        # Qt hands a selection's line breaks back as U+2029; only bidi controls matter here.
        return cursor.selectedText()
