"""The nurse's desk: patient, source notes, the draft as it streams, and saved drafts.

Every service call goes through the task runner or the generation worker; this module only
arranges widgets and reacts to results.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.grounded.draft import DraftMode
from app.domain.notes import Draft, DraftStatus, NoteKind
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.autosave import Autosave
from app.ui.desk_keys import KeyBinding, bind_desk_keys, set_keys_enabled
from app.ui.desk_lock import DeskLock
from app.ui.desk_menus import DeskMenus
from app.ui.desk_notice import DeskNotice
from app.ui.desk_panes import DeskPanes, buddy_label
from app.ui.draft_progress import DraftProgress
from app.ui.emergency_banner import emergency_banner
from app.ui.export_actions import ExportActions
from app.ui.generation_controller import GenerationController
from app.ui.idle import IdleWatcher
from app.ui.keyboard_help import KeyboardHelpDialog
from app.ui.lock_screen import LockScreen
from app.ui.notes_import import NotesImport
from app.ui.patient_bar import PatientBar
from app.ui.patient_switch import PatientSwitch
from app.ui.revalidation import SignInRevalidation
from app.ui.session_lock_watch import SessionLockWatch
from app.ui.tasks import TaskRunner

FIRST_SIZE_OF_SCREEN = 0.9
"""The desk opens at this share of the screen's width and height."""


class MainWindow(QMainWindow):
    """The nurse's desk: patient, notes, the draft and its review, saved drafts, exports, and
    the lock that hides them; generation runs in its `GenerationController`.

    Signals:
        signed_out(): the window closed by Sign out or Switch user; show the sign-in again.
    """

    signed_out = Signal()

    def __init__(self, workstation: Workstation, session: Session, tasks: TaskRunner) -> None:
        """Build the desk for `session`; every service call goes through `tasks`."""
        super().__init__()
        self._workstation = workstation
        self._session = session
        self._tasks = tasks
        self._draft: Draft | None = None
        self.generation = GenerationController(workstation.drafts, session, tasks, self)
        self.confirm_discard: Callable[[], bool] = self._ask_discard
        self.setWindowTitle(f"WardScribe — {session.principal.display_name}")
        self.lock_screen = LockScreen(session.principal.display_name)
        self.lock_screen.switch_user_requested.connect(self._sign_out)
        self._pages = QStackedWidget()
        self._pages.addWidget(self._build_body())
        self._pages.addWidget(self.lock_screen)
        self.setCentralWidget(self._pages)
        self.patient_switch = PatientSwitch(
            self.patient_bar,
            self.source_edit,
            self.draft_edit,
            desk=self,
            parent=self,
        )
        self.patient_switch.patient_set.connect(self.drafts_list.set_patient)
        self.patient_switch.patient_set.connect(self.review_panel.set_patient)
        self.patient_switch.clear_requested.connect(self._clear_desk)
        self._build_exports()
        self.notes_import = NotesImport(self.exports, tasks, self)
        self.notes_import.read.connect(self._imported)
        self.notes_import.failed.connect(self._failed)
        self._build_menus()
        self._bind_keys()
        self._build_desk_lock()
        self._watch_the_session()
        self.autosave = Autosave(
            workstation.drafts,
            session,
            tasks,
            self.draft_edit,
            desk=self,
            paused=lambda: self.desk_lock.is_locked,
            patient_mrn=self._patient_mrn,
            parent=self,
        )
        self.autosave.saved.connect(self._autosaved)
        self.autosave.failed.connect(self._failed)
        self._connect_generation()
        self._set_generating(False)
        self.patient_bar.refresh()
        self._refresh_drafts()
        self._fit_to_screen()

    def _build_desk_lock(self) -> None:
        """The lock takes the notes off the screen; the window shows the lock screen and turns
        its keys off meanwhile."""
        self.desk_lock = DeskLock(
            self._workstation,
            self._session,
            self._tasks,
            lock_screen=self.lock_screen,
            source_edit=self.source_edit,
            draft_edit=self.draft_edit,
            desk=self,
            parent=self,
        )
        self.desk_lock.locked_changed.connect(self._lock_changed)
        self.desk_lock.reopened.connect(self._show_draft)
        self.desk_lock.failed.connect(self._failed)

    def _watch_the_session(self) -> None:
        """Lock when idle, when the desktop locks, or when the sign-in no longer holds."""
        workstation = self._workstation
        self.idle_watcher = IdleWatcher(workstation.settings.effective.idle_lock_minutes * 60, self)
        self.idle_watcher.idle.connect(self.lock)
        self.os_lock_watch = SessionLockWatch(self)
        self.os_lock_watch.os_session_locked.connect(self.lock)
        self.revalidation = SignInRevalidation(workstation.auth, self._session, self._tasks, self)
        self.revalidation.refused.connect(self.desk_lock.refuse)
        self.revalidation.failed.connect(self._failed)

    def _connect_generation(self) -> None:
        """A run's text and end go to `DraftProgress`, which shows them in the draft pane."""
        workstation, generation = self._workstation, self.generation
        self.progress = progress = DraftProgress(
            workstation.engine_host,
            draft_edit=self.draft_edit,
            draft_status=self.draft_status,
            backend_banner=self.backend_banner,
            coverage_banner=self.coverage_banner,
            desk_lock=self.desk_lock,
            autosave=self.autosave,
            parent=self,
        )
        progress.notice.connect(self.show_notice)
        progress.current.connect(self._set_current)
        progress.saved.connect(lambda _: self._refresh_drafts())
        generation.running_changed.connect(self._set_generating)
        generation.started.connect(progress.started)
        generation.text_arrived.connect(progress.append)
        generation.draft_so_far.connect(progress.show_so_far)
        generation.progress.connect(self.draft_status.setText)
        generation.completed.connect(progress.finished)
        generation.failed.connect(self._failed)

    def _fit_to_screen(self) -> None:
        """Open at most of the screen, never below what the desk needs to show every control
        whole: Qt's own first size was 1078x473, clipping the panes' text."""
        available = self.screen().availableGeometry().size()
        self.resize((available * FIRST_SIZE_OF_SCREEN).expandedTo(self.minimumSizeHint()))

    def _build_exports(self) -> None:
        """Copy and save for the EHR; save dialogs open where this person last saved."""
        workstation, session, tasks = self._workstation, self._session, self._tasks
        settings = workstation.settings_service
        self.exports = ExportActions(
            workstation.exports,
            session,
            tasks,
            clipboard_clear_seconds=workstation.settings.effective.clipboard_clear_seconds,
            default_dir=settings.export_folder(session) or Path.home(),
            mrn_in_names=workstation.settings.effective.export_names_carry_mrn,
            parent=self,
        )
        self.exports.finished.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.exports.folder_chosen.connect(
            lambda folder: tasks.submit(
                self,
                lambda: settings.remember_export_folder(session, folder),
                lambda _: None,
                lambda _: None,  # a folder not remembered costs a click next time, no more
            )
        )
        self.exports.failed.connect(self._failed)

    def _build_body(self) -> QWidget:
        body = QWidget()
        layout = QVBoxLayout(body)
        self.emergency_banner = emergency_banner(self._session)
        layout.addWidget(self.emergency_banner)
        self.notice = DeskNotice()
        layout.addWidget(self.notice)
        layout.addLayout(self._build_context_bar())
        layout.addWidget(self._build_panes(), 1)
        return body

    def _build_context_bar(self) -> QHBoxLayout:
        self.patient_bar = PatientBar(self._workstation.drafts, self._session, self._tasks)
        self.patient_bar.notice.connect(self.show_notice)
        self.patient_bar.failed.connect(self._failed)
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName("Note kind")
        for kind in NoteKind:
            self.kind_box.addItem(kind.label, kind)
        bar = QHBoxLayout()
        bar.addWidget(self.patient_bar, 3)
        bar.addWidget(buddy_label("&Kind:", self.kind_box))
        bar.addWidget(self.kind_box)
        return bar

    def _build_panes(self) -> DeskPanes:
        """The panes as `DeskPanes` lays them out, their controls wired to the desk's actions."""
        panes = DeskPanes(self._workstation, self._session, self._tasks)
        self.source_edit, self.draft_edit = panes.source_edit, panes.draft_edit
        self.review_panel, self.drafts_list = panes.review_panel, panes.drafts_list
        self.first_run_hint, self.draft_status = panes.first_run_hint, panes.draft_status
        self.generate_button, self.stop_button = panes.generate_button, panes.stop_button
        self.regenerate_button, self.save_button = panes.regenerate_button, panes.save_button
        self.new_note_button, self.token_meter = panes.new_note_button, panes.token_meter
        self.backend_banner, self.coverage_banner = panes.backend_banner, panes.coverage_banner
        self.signed_banner = panes.signed_banner
        self.copy_for_ehr_button = panes.copy_for_ehr_button
        self.review_panel.signed.connect(self._show_draft)
        self.review_panel.signed.connect(self._signed)
        self.review_panel.amended.connect(self._show_draft)
        self.review_panel.amended.connect(lambda _: self._refresh_drafts())
        self.drafts_list.open_requested.connect(self._open_draft)
        self.drafts_list.failed.connect(self._failed)
        panes.bidi_stripped.connect(self._bidi_stripped)
        clicks: tuple[tuple[QPushButton, Callable[[], None]], ...] = (
            (self.generate_button, self._generate),
            (self.stop_button, self.generation.stop),
            (self.regenerate_button, self._regenerate),
            (self.save_button, self._save),
            (self.new_note_button, self.new_note),
            (self.copy_for_ehr_button, lambda: self._export(self.exports.copy_to_clipboard)),
        )
        for button, slot in clicks:
            button.clicked.connect(slot)
        return panes

    def _build_menus(self) -> None:
        """The menu bar as `DeskMenus` fills it, its requests wired to the desk's actions."""
        menus = DeskMenus(self._workstation, self._session, self._tasks, self.exports, self)
        self.menus = menus
        self.composition_action = menus.composition_action
        menus.import_requested.connect(self.notes_import.ask)
        menus.new_note_requested.connect(self.new_note)
        menus.lock_requested.connect(self.lock)
        menus.sign_out_requested.connect(self._sign_out)
        menus.quit_requested.connect(self.close)
        menus.draft_requested.connect(self._generate_in)
        menus.export_requested.connect(self._export)

    def _bind_keys(self) -> None:
        """The desk's shortcuts, as `DESK_SHORTCUTS` lists them; Tab leaves the editors."""
        keys: tuple[KeyBinding, ...] = (
            ("Ctrl+S", self.save_button.click),
            ("Esc", self.stop_button.click),
            ("F7", self.review_panel.check_button.click),
            ("F8", self.review_panel.next_flag),
        )
        bind_desk_keys(self, keys, (self.source_edit, self.draft_edit))

    @property
    def keyboard_help(self) -> KeyboardHelpDialog | None:
        """The shortcuts list last opened (F1), while it is open."""
        return self.menus.keyboard_help

    def _export(self, action: Callable[[Draft], None]) -> None:
        if self._draft is None or self._has_unsaved_edits():
            self.show_notice("Save the draft before exporting it.", error=True)
            return
        action(self._draft)

    @property
    def choose_notes_file(self) -> Callable[[Path], Path | None]:
        """(folder the dialog opens in) -> the notes file chosen, or None; tests replace it."""
        return self.notes_import.choose_notes_file

    @choose_notes_file.setter
    def choose_notes_file(self, choose: Callable[[Path], Path | None]) -> None:
        self.notes_import.choose_notes_file = choose

    def import_notes_from(self, path: Path) -> None:
        """Read `path` off the UI thread into the notes, asking before replacing notes there."""
        self.notes_import.read_from(path)

    def _imported(self, notes: str) -> None:
        if self.source_edit.toPlainText().strip() and not self.confirm_clear():
            return
        self.source_edit.setPlainText(notes)

    @property
    def is_generating(self) -> bool:
        """The model is writing a draft into the desk now."""
        return self.generation.streaming

    def _set_current(self, draft: Draft) -> None:
        """Make `draft` the one on the desk; the review panel always follows it."""
        self._draft = draft
        self.review_panel.set_draft(draft)
        self._update_actions()

    def _set_keys_enabled(self, enabled: bool) -> None:
        set_keys_enabled(self, self.lock_screen, enabled)
        if enabled:
            self._update_actions()

    @property
    def confirm_clear(self) -> Callable[[], bool]:
        """Asked before unsaved notes or draft text leave the desk (switching patient, New note,
        an import over typed notes); tests replace it, as they replace `confirm_discard`."""
        return self.patient_switch.confirm_clear

    @confirm_clear.setter
    def confirm_clear(self, ask: Callable[[], bool]) -> None:
        self.patient_switch.confirm_clear = ask

    @property
    def is_locked(self) -> bool:
        """The lock screen is up and the notes are off the screen."""
        return self.desk_lock.is_locked

    def lock(self) -> None:
        """Save the draft, lock the session and take every note off the screen.

        A generation already running finishes into the encrypted draft; its text is not shown
        until the owner unlocks.
        """
        self.desk_lock.lock()

    def _lock_changed(self, locked: bool) -> None:
        """Behind the lock nothing of the desk shows and no key or menu acts on it."""
        if locked:
            self.exports.clipboard.clear_if_ours()
            # Dialogs are windows of their own: hiding the desk would leave them, and what they
            # show (audit rows, versions of a note), on screen.
            for dialog in self.findChildren(QDialog):
                dialog.reject()
            self._pages.setCurrentWidget(self.lock_screen)
        else:
            self.idle_watcher.reset()
        self._set_keys_enabled(not locked)
        if not locked:
            self._pages.setCurrentIndex(0)

    def _has_unsaved_edits(self) -> bool:
        return self.draft_edit.document().isModified()

    def _autosaved(self, draft: Draft) -> None:
        self._set_current(draft)
        self.statusBar().showMessage("Autosaved (encrypted).", 3000)

    @property
    def current_draft(self) -> Draft | None:
        """The stored draft the editors show, or None before any draft is made or opened."""
        return self._draft

    def show_notice(self, text: str, *, error: bool = False) -> None:
        """Say `text` on the notice line, as an error when `error`; empty text clears it."""
        self.notice.say(text, error=error)

    def _failed(self, error: BaseException) -> None:
        self.show_notice(str(error) or type(error).__name__, error=True)

    def _call(self, work: Callable[[], Any], on_success: Callable[[Any], None]) -> None:
        self._tasks.submit(self, work, on_success, self._failed)

    def _refresh_drafts(self) -> None:
        self.drafts_list.refresh()

    def _signed(self, _: Draft) -> None:
        self._refresh_drafts()

    def _open_draft(self, draft_id: str) -> None:
        """Open a saved draft, with its own notes and patient; unsaved work is not dropped
        unless the nurse agrees."""
        current = self._draft
        opening_another = current is None or current.id != draft_id
        if opening_another and not self.patient_switch.may_clear():
            return
        self._call(
            lambda: self._workstation.drafts.open_draft(self._session, draft_id), self._show_draft
        )

    def _patient_mrn(self) -> str | None:
        patient = self.patient_switch.patient
        return None if patient is None else patient.mrn

    def _bidi_stripped(self, count: int) -> None:
        self.show_notice(
            f"Removed {count} invisible direction-control character(s): they make text show in "
            "another order than it is read, so what you see now is what the model reads."
        )

    def new_note(self) -> None:
        """Start over for the same patient: clear the notes, the draft and its review."""
        if self.is_generating:
            self.show_notice("Stop the draft before starting a new note.", error=True)
            return
        if not self.patient_switch.may_clear():
            return
        self._clear_desk()
        self.source_edit.setFocus()

    def _clear_desk(self) -> None:
        self._draft = None
        self.autosave.release()
        self.review_panel.set_draft(None)
        self._update_actions()
        for editor in (self.source_edit, self.draft_edit):
            editor.clear()
            editor.document().setModified(False)
        self.coverage_banner.show_coverage(None)
        self.progress.forget_coverage()
        self.show_notice("")

    def _show_draft(self, draft: Draft, notice: str = "") -> None:
        self._set_current(draft)
        self.patient_bar.select(draft.patient_mrn)
        self.source_edit.setPlainText(draft.source_text)
        self.draft_edit.setPlainText(draft.text)
        self.draft_edit.document().setModified(False)
        self.kind_box.setCurrentIndex(self.kind_box.findData(draft.kind))
        self.coverage_banner.show_coverage(draft.coverage)
        self.show_notice(notice)

    def _generate(self) -> None:
        self._generate_in(DraftMode.GROUNDED)

    def _generate_in(self, mode: DraftMode) -> None:
        patient = self.patient_bar.current
        if patient is None:
            self.show_notice("Choose or add a patient first.", error=True)
            return
        mrn = patient.mrn
        self.show_notice("")
        kind = NoteKind(self.kind_box.currentData())
        source = self.source_edit.toPlainText()
        draft = self._draft
        if draft is not None and draft.patient_mrn != mrn:
            self.show_notice(
                "The draft on the desk is for another patient. Choose New note first.", error=True
            )
            return
        self._draft_notes(mrn, kind, source, mode)

    def _regenerate(self) -> None:
        draft = self._draft
        if draft is None:
            self._generate()
            return
        self._draft_notes(self._patient_mrn() or draft.patient_mrn, draft.kind, draft.source_text)

    def _draft_notes(
        self, mrn: str, kind: NoteKind, source: str, mode: DraftMode = DraftMode.GROUNDED
    ) -> None:
        """One draft call: the service regenerates the draft shown when its notes are unchanged."""
        current = None if self._draft is None else self._draft.id
        self.generation.draft(mrn, kind, source, current, mode)

    def _save(self) -> None:
        draft = self._draft
        if draft is None:
            self.show_notice("Generate a draft before saving.", error=True)
            return
        text = self.draft_edit.toPlainText()
        patient_mrn = self._patient_mrn()
        self.show_notice("")
        self._call(
            lambda: self._workstation.drafts.save_text(
                self._session, draft.id, text, draft.revision, patient_mrn=patient_mrn
            ),
            self._saved,
        )

    def _saved(self, draft: Draft) -> None:
        self._set_current(draft)
        self.autosave.release()
        self.draft_edit.document().setModified(False)
        self.show_notice("Saved (encrypted).")
        self._refresh_drafts()

    def _set_generating(self, generating: bool) -> None:
        self.idle_watcher.hold(generating)
        self._update_actions()
        self.progress.running_changed(generating)

    def _update_actions(self) -> None:
        """Offer only what can happen now: nothing rewrites a signed note or its notes (amend it,
        or start a New note), and nothing but Stop while the model writes."""
        generating = self.generation.running
        draft = self._draft
        signed = draft is not None and draft.status is DraftStatus.SIGNED
        for button in (self.generate_button, self.regenerate_button, self.save_button):
            button.setEnabled(not generating and not signed)
        self.new_note_button.setEnabled(not generating)
        self.patient_bar.setEnabled(not generating)
        self.stop_button.setEnabled(generating)
        self.draft_edit.setReadOnly(generating or signed)
        self.source_edit.setReadOnly(generating or signed)
        self.signed_banner.show_for(draft)
        self.copy_for_ehr_button.setVisible(signed)
        self.composition_action.setEnabled(draft is not None and draft.kind is NoteKind.DISCHARGE)

    def _sign_out(self) -> None:
        if self.close():
            self.signed_out.emit()

    def _ask_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            "The draft has changes that are not saved. Close without saving?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask before unsaved draft edits are lost; stop a run before the window goes."""
        if self.draft_edit.document().isModified() and not self.confirm_discard():
            event.ignore()
            return
        self.generation.cancel_and_wait(5000)
        event.accept()
