"""Put note text on the clipboard and take it off again after a while.

A copied note would otherwise sit on the clipboard, readable by any program and pasteable
anywhere, long after the nurse pasted it into the EHR. The guard clears it after the policy's
`clipboard_clear_seconds`, but only if the clipboard still holds what WardScribe put there: a
nurse who has since copied something else keeps it.
"""

import hashlib

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()


class ClipboardGuard(QObject):
    """Puts a note on the clipboard and takes it off again after a while, unless the nurse has
    copied something else meanwhile: a note left there would paste into the next application.
    """

    def __init__(self, clear_after_ms: int, parent: QObject | None = None) -> None:
        """`clear_after_ms` is how long a copied note may stay on the clipboard."""
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_after_ms)
        self._timer.timeout.connect(self.clear_if_ours)
        self._placed: bytes | None = None
        """A digest, not the text: the guard need not keep a second copy of the note."""

    def copy(self, text: str) -> None:
        """Put `text` on the clipboard and start the countdown to clearing it."""
        self._clipboard().setText(text, QClipboard.Mode.Clipboard)
        self._placed = _digest(text)
        self._timer.start()

    def clear_if_ours(self) -> None:
        """Clear now if the clipboard still holds our text; called by the timer and on lock."""
        placed, self._placed = self._placed, None
        self._timer.stop()
        clipboard = self._clipboard()
        if placed is not None and _digest(clipboard.text(QClipboard.Mode.Clipboard)) == placed:
            clipboard.clear(QClipboard.Mode.Clipboard)

    @staticmethod
    def _clipboard() -> QClipboard:
        return QGuiApplication.clipboard()
