"""Export actions the desk offers for the open draft: copy, save as PDF, save as FHIR JSON.

A save dialog opens in the folder the nurse last saved to and proposes a name that carries no
patient's name (`app.domain.export_names`; the MRN only where the policy allows it). Service
calls, PDF rendering and file writing run on the task runner's threads; only the file
dialog and the clipboard (both UI-thread objects) are touched here. Files are written where the
nurse chose and nowhere else, readable only by the owner where the OS honours it.
"""

import json
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.domain.deidentify import DateMethod
from app.domain.deidentify.review import MarkedCopy
from app.domain.export_names import export_file_name
from app.domain.notes import Draft
from app.services.export import ExportService
from app.services.session import Session
from app.ui.clipboard_guard import ClipboardGuard
from app.ui.deidentified_review import ReviewCopy, review_in_dialog
from app.ui.pdf_render import render_pdf
from app.ui.tasks import TaskRunner

ChooseSavePath = Callable[[str, Path, str], Path | None]
"""(dialog title, suggested path, name filter) -> the chosen path, or None if cancelled."""


def ask_save_path(parent: QWidget | None) -> ChooseSavePath:
    def choose(title: str, suggested: Path, name_filter: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), name_filter)
        return Path(chosen) if chosen else None

    return choose


def write_export_file(path: Path, data: bytes) -> None:
    """Write the whole file or none of it: a failed write leaves no half export behind."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


class ExportActions(QObject):
    """Copies and saves the open draft; connect `finished` to a status message and `failed` to
    the desk's error notice.

    Signals:
        finished(str): what was done, for the status bar.
        failed(object): the exception a refused or failed export raised.
        folder_chosen(object): the folder (a Path) a file was just saved to or imported from,
            to remember.
    """

    finished = Signal(str)
    failed = Signal(object)
    folder_chosen = Signal(object)

    def __init__(
        self,
        exports: ExportService,
        session: Session,
        tasks: TaskRunner,
        *,
        clipboard_clear_seconds: float,
        default_dir: Path,
        mrn_in_names: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """`default_dir`: where the first save dialog opens; `mrn_in_names`: the policy lets
        proposed file names carry the MRN."""
        super().__init__(parent)
        self._exports = exports
        self._session = session
        self._tasks = tasks
        self._folder = default_dir
        self._mrn_in_names = mrn_in_names
        self._clear_seconds = clipboard_clear_seconds
        self.clipboard = ClipboardGuard(round(clipboard_clear_seconds * 1000), self)
        self.choose_save_path: ChooseSavePath = ask_save_path(parent)
        self.review_copy: ReviewCopy = review_in_dialog(parent)

    def copy_to_clipboard(self, draft: Draft) -> None:
        """Copy the note as the EHR takes it; the clipboard is cleared again after a while."""
        self._tasks.submit(
            self,
            lambda: self._exports.as_text(self._session, draft.id),
            self._copied,
            self.failed.emit,
        )

    def save_pdf(self, draft: Draft) -> None:
        """Ask where, then write the PDF off the UI thread; cancelling the dialog does nothing."""
        path = self._ask("Save as PDF", self._name(draft, ".pdf"), "PDF files (*.pdf)")
        if path is None:
            return

        def work() -> Path:
            write_export_file(path, render_pdf(self._exports.pdf_document(self._session, draft.id)))
            return path

        self._tasks.submit(self, work, self._saved, self.failed.emit)

    def save_fhir(self, draft: Draft, *, composition: bool = False) -> None:
        """A DocumentReference, or for a discharge summary optionally a sectioned Composition."""
        path = self._ask("Export FHIR JSON", self._name(draft, ".fhir.json"), "FHIR JSON (*.json)")
        if path is None:
            return
        export = (
            self._exports.fhir_composition if composition else self._exports.fhir_document_reference
        )

        def work() -> Path:
            resource = export(self._session, draft.id)
            write_export_file(path, json.dumps(resource, indent=2, ensure_ascii=False).encode())
            return path

        self._tasks.submit(self, work, self._saved, self.failed.emit)

    def save_deidentified(self, draft: Draft) -> None:
        """A de-identified copy of the notes and the draft, for sharing examples or templates:
        shown with every replacement highlighted, so the nurse can choose whether dates are
        removed or shifted and replace what was missed, then saved where she chooses."""
        self._tasks.submit(
            self,
            lambda: self._exports.deidentified_copy(self._session, draft.id),
            lambda copy: self._review_deidentified(copy, draft),
            self.failed.emit,
        )

    def _review_deidentified(self, copy: MarkedCopy, draft: Draft) -> None:
        def remake(dates: DateMethod, show: Callable[[MarkedCopy], None]) -> None:
            self._tasks.submit(
                self,
                lambda: self._exports.deidentified_copy(self._session, draft.id, dates),
                show,
                self.failed.emit,
            )

        reviewed = self.review_copy(copy, remake)
        if reviewed is None:
            return
        name = f"example_{draft.kind.value}.txt"
        path = self._ask("Save de-identified copy", name, "Text (*.txt)")
        if path is None:
            return

        def work() -> Path:
            write_export_file(path, reviewed.encode())
            return path

        self._tasks.submit(self, work, self._saved, self.failed.emit)

    def _name(self, draft: Draft, suffix: str) -> str:
        mrn = draft.patient_mrn if self._mrn_in_names else None
        return export_file_name(draft.kind, draft.updated_at, draft.id, suffix, mrn=mrn)

    @property
    def folder(self) -> Path:
        """Where the next file dialog opens: the folder last saved to or imported from."""
        return self._folder

    def remember_folder(self, folder: Path) -> None:
        """The next dialog, save or import, opens in `folder`, now and next time."""
        if folder != self._folder:
            self._folder = folder
            self.folder_chosen.emit(folder)

    def _ask(self, title: str, name: str, name_filter: str) -> Path | None:
        path = self.choose_save_path(title, self._folder / name, name_filter)
        if path is not None:
            self.remember_folder(path.parent)
        return path

    def _copied(self, text: str) -> None:
        self.clipboard.copy(text)
        self.finished.emit(
            f"Copied. The clipboard is cleared in {self._clear_seconds:g} s unless you copy "
            "something else."
        )

    def _saved(self, path: Path) -> None:
        self.finished.emit(f"Saved {path.name}.")
