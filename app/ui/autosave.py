"""Autosave: the draft's edits are saved, encrypted, every few seconds.

A crash, a kill or a flat battery loses at most one interval of typing. Text a stopped run left
in the editor is not autosaved until the nurse changes it: a half-written draft must not become
the stored one by a timer, only by a person's edit or Save.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit

from app.services.drafting import DraftService
from app.services.session import Session
from app.ui.desk_work import DeskWork
from app.ui.tasks import TaskRunner

AUTOSAVE_INTERVAL_MS = 5_000
"""A crash or kill loses at most this much typing."""


class Autosave(QObject):
    """Saves the desk's draft edits on a timer, off the UI thread.

    Signals:
        saved(object): the Draft as autosaved, its new revision the one the desk now edits.
        failed(object): the exception that refused the save; the edits stay marked unsaved.
    """

    saved = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        drafts: DraftService,
        session: Session,
        tasks: TaskRunner,
        editor: QPlainTextEdit,
        *,
        desk: DeskWork,
        paused: Callable[[], bool],
        patient_mrn: Callable[[], str | None],
        parent: QObject,
    ) -> None:
        """Start the timer; `paused` says when nothing may be written (the desk is locked)."""
        super().__init__(parent)
        self._drafts = drafts
        self._session = session
        self._tasks = tasks
        self._editor = editor
        self._desk = desk
        self._paused = paused
        self._patient_mrn = patient_mrn
        self._held_back: str | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.save_now)
        self._timer.start(AUTOSAVE_INTERVAL_MS)

    def hold_back(self, text: str) -> None:
        """Do not autosave `text`, a stopped run's partial draft, until the nurse changes it."""
        self._held_back = text

    def release(self) -> None:
        """The held-back text was saved or left the desk: autosave whatever is typed next."""
        self._held_back = None

    def save_now(self) -> None:
        """What each tick does: save edits made since the last save, if anything may be saved.

        Nothing is saved without a stored draft, while the desk is locked or the model writes,
        or when the editor holds only a stopped run's untouched text.
        """
        draft = self._desk.current_draft
        document = self._editor.document()
        if draft is None or self._paused() or self._desk.is_generating or not document.isModified():
            return
        text = self._editor.toPlainText()
        if text == self._held_back:
            return
        patient_mrn = self._patient_mrn()
        document.setModified(False)
        self._tasks.submit(
            self,
            lambda: self._drafts.save_text(
                self._session, draft.id, text, draft.revision, patient_mrn=patient_mrn
            ),
            self.saved.emit,
            self._refused,
        )

    def _refused(self, error: BaseException) -> None:
        self._editor.document().setModified(True)
        self.failed.emit(error)
