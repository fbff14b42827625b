"""The desk's lock: the work is saved, the notes leave the screen, and the owner unlocks.

The rule that a lock also saves the typed edits and forgets the notes the model holds is the
`lock_desk` use case in `app.services.locking`; this class is the desk's side of it: what leaves
the screen, what a run still writing does behind the lock, and what comes back on unlocking.
"""

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPlainTextEdit

from app.domain.notes import Draft
from app.services.locking import UnsavedEdit, lock_desk
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.desk_work import DeskWork
from app.ui.lock_screen import LockScreen
from app.ui.tasks import TaskRunner


class DeskLock(QObject):
    """Locks and unlocks the desk, holding the notes and the draft off the screen meanwhile.

    A generation running at the lock finishes into the encrypted draft; its text is added to
    what is held, never shown, until the owner unlocks.

    Signals:
        locked_changed(bool): the desk locked (True: show the lock screen, turn every key and
            menu off) or its owner unlocked it (False: show the desk again).
        reopened(object, str): after unlocking, the Draft as stored, to show with the notice
            (empty or what a run that finished behind the lock said).
        partial_restored(): after unlocking, a stopped run's partial text is back in the editor,
            not saved.
        failed(object): the exception that refused the lock's save or the lock itself.
    """

    locked_changed = Signal(bool)
    reopened = Signal(object, str)
    partial_restored = Signal()
    failed = Signal(object)

    def __init__(
        self,
        workstation: Workstation,
        session: Session,
        tasks: TaskRunner,
        *,
        lock_screen: LockScreen,
        source_edit: QPlainTextEdit,
        draft_edit: QPlainTextEdit,
        desk: DeskWork,
        parent: QObject,
    ) -> None:
        """Take the unlock password from `lock_screen` and the work from the two editors."""
        super().__init__(parent)
        self._workstation = workstation
        self._session = session
        self._tasks = tasks
        self._lock_screen = lock_screen
        self._source = source_edit
        self._draft_edit = draft_edit
        self._desk = desk
        self._locked = False
        self._held_text: tuple[str, str] | None = None
        self._held_partial = False
        self._held_notice = ""
        lock_screen.unlock_requested.connect(self._unlock)

    @property
    def is_locked(self) -> bool:
        """The lock screen is up and the notes are off the screen."""
        return self._locked

    @property
    def held_text(self) -> tuple[str, str] | None:
        """The notes and the draft taken off the screen, with what a run wrote since; None when
        unlocked or once a run behind the lock saved its draft."""
        return self._held_text

    def lock(self) -> None:
        """Save the draft, lock the session and take every note off the screen."""
        if self._locked:
            return
        self._locked = True
        draft, text = self._desk.current_draft, self._draft_edit.toPlainText()
        # A session the service locked (revalidation refused) may no longer write anything.
        needs_save = (
            draft is not None
            and self._draft_edit.document().isModified()
            and not self._desk.is_generating
            and not self._session.locked
        )
        self._held_text = (self._source.toPlainText(), text)
        self.locked_changed.emit(True)
        for editor in (self._source, self._draft_edit):
            editor.setPlainText("")
        self._lock_screen.password.setFocus()
        unsaved = UnsavedEdit(draft, text) if needs_save and draft is not None else None
        self._tasks.submit(
            self,
            lambda: lock_desk(self._workstation, self._session, unsaved),
            lambda _: None,
            self.failed.emit,
        )

    def refuse(self, text: str) -> None:
        """Lock because the sign-in no longer holds, and say why on the lock screen."""
        self.lock()
        self._lock_screen.show_refusal(text)

    def hold_text(self, text: str) -> bool:
        """Keep text the model wrote behind the lock with the held draft; False when unlocked."""
        if not self._locked:
            return False
        if self._held_text is not None:
            notes, drafted = self._held_text
            self._held_text = (notes, drafted + text)
        return True

    def hold_whole_draft(self, text: str) -> bool:
        """Keep a run's whole draft so far, written behind the lock, in place of the held draft;
        False when unlocked."""
        if not self._locked:
            return False
        if self._held_text is not None:
            self._held_text = (self._held_text[0], text)
        return True

    def hold_finished_run(self, saved: Draft | None, notice: str) -> bool:
        """A run ended behind the lock: its saved draft is shown with `notice` on unlocking, or
        a stopped run's text comes back unsaved. False when unlocked, holding nothing."""
        if not self._locked:
            return False
        if saved is not None:
            self._held_text = None
            self._held_notice = notice
        else:
            self._held_partial = self._held_text is not None
        return True

    def _unlock(self, password: str) -> None:
        self._tasks.submit(
            self,
            lambda: self._workstation.auth.unlock(self._session, password),
            self._unlocked,
            lambda error: self._lock_screen.show_refusal(str(error)),
        )

    def _unlocked(self, _: object) -> None:
        self._locked = False
        self.locked_changed.emit(False)
        self._lock_screen.message.clear()
        self._lock_screen.unlock_button.setEnabled(True)
        held, self._held_text = self._held_text, None
        partial, self._held_partial = self._held_partial, False
        notice, self._held_notice = self._held_notice, ""
        draft = self._desk.current_draft
        if draft is not None and not self._desk.is_generating and not partial:
            self._tasks.submit(
                self,
                lambda: self._workstation.drafts.open_draft(self._session, draft.id),
                lambda opened: self.reopened.emit(opened, notice),
                self.failed.emit,
            )
        elif held is not None:
            self._source.setPlainText(held[0])
            self._draft_edit.setPlainText(held[1])
            if partial:
                self.partial_restored.emit()
