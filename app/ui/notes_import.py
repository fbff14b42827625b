"""Importing notes from a file: the file dialog, and the reading, off the UI thread.

The dialog opens where this person last took or saved a file, and the folder chosen is
remembered for the next dialog, save or import. The file is read by the one notes reader
(`app.importers.notes_file`) every front end uses, so .txt, .rtf and .docx read the same here
as on the command line.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.importers.notes_file import SUPPORTED_SUFFIXES, read_notes_file
from app.ui.export_actions import ExportActions
from app.ui.tasks import TaskRunner


class NotesImport(QObject):
    """Asks for a notes file and reads it.

    Signals:
        read(str): the notes read from the file, for the desk's notes editor.
        failed(object): the exception that refused the file (missing, too large, unreadable).
    """

    read = Signal(str)
    failed = Signal(object)

    def __init__(self, exports: ExportActions, tasks: TaskRunner, parent: QWidget) -> None:
        """`exports` keeps the folder dialogs open in; the file dialog belongs to `parent`."""
        super().__init__(parent)
        self._exports = exports
        self._tasks = tasks
        self._parent = parent
        self.choose_notes_file: Callable[[Path], Path | None] = self._ask_notes_file
        """(folder the dialog opens in) -> the notes file chosen, or None; tests replace it."""

    def ask(self) -> None:
        """Ask for a notes file, opening where this person last took or saved a file."""
        path = self.choose_notes_file(self._exports.folder)
        if path is not None:
            self._exports.remember_folder(path.parent)
            self.read_from(path)

    def read_from(self, path: Path) -> None:
        """Read `path` off the UI thread; `read` or `failed` answers."""
        self._tasks.submit(self, lambda: read_notes_file(path), self.read.emit, self.failed.emit)

    def _ask_notes_file(self, folder: Path) -> Path | None:
        patterns = " ".join(f"*{suffix}" for suffix in SUPPORTED_SUFFIXES)
        path, _ = QFileDialog.getOpenFileName(
            self._parent, "Import notes", str(folder), f"Notes ({patterns})"
        )
        return Path(path) if path else None
