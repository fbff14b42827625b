"""The draft as it is written: the run starting, its text, the grounded draft so far, its end.

The editor shows the run live, unless the desk is locked, when the lock holds what arrives
until its owner unlocks; the status line under the draft says which backend writes and how
fast. What the desk does with the draft a run leaves (making it current, listing it) is its
own business: this class says so through its signals.
"""

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from app.domain.coverage import Coverage
from app.domain.generation import GenerationStats
from app.domain.notes import Draft
from app.services.draft_so_far import DraftSoFar
from app.services.drafting import GenerationOutcome
from app.services.engine_host import EngineHost
from app.ui.autosave import Autosave
from app.ui.backend_banner import BackendBanner
from app.ui.coverage_banner import CoverageBanner
from app.ui.desk_lock import DeskLock
from app.ui.draft_status import draft_status_line, status_details
from app.ui.prose_notice import facts_only_notice, prose_notice


class DraftProgress(QObject):
    """Shows a run of the model in the draft editor, the notice line and the status line.

    Signals:
        notice(str): what the notice line should say now about the run.
        current(object): the Draft the run writes into, or saved, is the desk's draft now.
        saved(object): the Draft a finished run saved; lists of drafts should show it.
    """

    notice = Signal(str)
    current = Signal(object)
    saved = Signal(object)

    def __init__(
        self,
        engine_host: EngineHost,
        *,
        draft_edit: QPlainTextEdit,
        draft_status: QLabel,
        backend_banner: BackendBanner,
        coverage_banner: CoverageBanner,
        desk_lock: DeskLock,
        autosave: Autosave,
        parent: QObject | None = None,
    ) -> None:
        """Write runs into `draft_edit`; `desk_lock` holds them back while the desk is locked,
        and `autosave` leaves a stopped run's partial text unsaved."""
        super().__init__(parent)
        self._engine_host = engine_host
        self._draft_edit = draft_edit
        self._draft_status = draft_status
        self._backend_banner = backend_banner
        self._coverage_banner = coverage_banner
        self._desk_lock = desk_lock
        self._autosave = autosave
        self._writing = False
        """The model has started writing this run (its first text has arrived)."""
        self._shows_whole = False
        """This run shows its whole draft so far (grounded: the facts at once, then each
        passage), so its text in order is not appended as well."""
        self._last_stats: GenerationStats | None = None
        self._last_coverage: Coverage | None = None
        desk_lock.partial_restored.connect(self.keep_partial)

    def running_changed(self, running: bool) -> None:
        """A run began or ended: the status line says whether the model is drafting."""
        self._writing = False
        self.show_status(generating=running)

    def started(self, draft: Draft) -> None:
        """A run begins writing into `draft`: the editor and the coverage start empty."""
        self.current.emit(draft)
        self._autosave.release()
        self._shows_whole = False
        self._draft_edit.clear()
        self._coverage_banner.show_coverage(None)
        self.notice.emit("Drafting… the model is reading the notes.")

    def show_so_far(self, so_far: DraftSoFar) -> None:
        """A grounded run's whole draft: the facts-only draft at once, then each passage as it
        is written, with a word on whether the prose is coming or is the nurse's to write."""
        self._shows_whole = True
        if self._desk_lock.hold_whole_draft(so_far.text):
            return
        self._draft_edit.setPlainText(so_far.text)
        self._draft_edit.moveCursor(QTextCursor.MoveOperation.End)
        self.notice.emit(prose_notice(so_far))

    def append(self, text: str) -> None:
        """The model's next text, at the end of the editor, for a run that writes in order."""
        if self._shows_whole or self._desk_lock.hold_text(text):
            return
        if not self._writing:
            self._writing = True
            self.notice.emit("Writing the draft… the model has read the notes.")
            self.show_status(generating=True)
        cursor = self._draft_edit.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)

    def keep_partial(self) -> None:
        """A stopped run's text stays in the editor, unsaved, even by autosave, until edited."""
        self._draft_edit.document().setModified(True)
        self._autosave.hold_back(self._draft_edit.toPlainText())

    def finished(self, outcome: GenerationOutcome) -> None:
        """The run ended, stopped or saved: the editor shows what was kept, and the notice says
        what to do next."""
        if self._desk_lock.hold_finished_run(outcome.saved, ready_notice(outcome)):
            if outcome.saved is not None:
                self.current.emit(outcome.saved)
            return
        if outcome.cancelled:
            self.keep_partial()
            self.notice.emit(
                "Stopped. The partial text is in the editor and is not saved; edit and save it, "
                "or regenerate."
            )
        else:
            assert outcome.saved is not None
            self.current.emit(outcome.saved)
            if self._draft_edit.toPlainText() != outcome.saved.text:
                # A guard stopped the model and kept only the text before the loop: the editor
                # shows what was saved, not what streamed past the cut.
                self._draft_edit.setPlainText(outcome.saved.text)
            self._draft_edit.document().setModified(False)
            self.notice.emit(ready_notice(outcome))
            self.saved.emit(outcome.saved)
        self._last_stats = outcome.stats
        self._last_coverage = outcome.coverage
        self._coverage_banner.show_coverage(outcome.coverage)
        self.show_status()

    def forget_coverage(self) -> None:
        """The desk was cleared: the last run's coverage no longer describes what it shows."""
        self._last_coverage = None

    def show_status(self, *, generating: bool = False) -> None:
        """The backend, and the last run's speed and coverage, on the status line."""
        info = self._engine_host.info
        self._backend_banner.show_backend(info)
        self._draft_status.setToolTip(status_details(info, self._last_stats, self._last_coverage))
        self._draft_status.setText(
            draft_status_line(
                info, self._last_stats, generating=generating, coverage=self._last_coverage
            )
        )


def ready_notice(outcome: GenerationOutcome) -> str:
    """The notice for a saved draft: ready for review, with what is missing and every finding
    of the guards on generation, so a loop stopped is never announced as a plain draft ready."""
    missing = ", ".join(outcome.missing_sections)
    return (
        "Draft ready — review every line against the notes before saving."
        + (f" Missing sections (not invented): {missing}." if missing else "")
        + "".join(f" {finding.message}" for finding in outcome.guards)
        + (f" {notice}" if (notice := facts_only_notice(outcome.facts_only_reason)) else "")
    )
