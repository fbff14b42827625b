"""The desk's menu bar: File, Extracted facts and Export.

The dialogs the File menu opens beside the desk (settings, credentials, the audit log, the
keyboard shortcuts) are opened here; whatever acts on the work on the desk (import, a new note,
a draft, an export, the lock) is asked of the window by signal, so the window alone decides it.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from app.domain.grounded.draft import DraftMode
from app.domain.notes import Draft
from app.domain.roles import Permission, is_allowed
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.audit_viewer import AuditViewerDialog
from app.ui.credentials_dialog import CredentialsDialog
from app.ui.export_actions import ExportActions
from app.ui.keyboard_help import KeyboardHelpDialog
from app.ui.settings_dialog import SettingsDialog
from app.ui.tasks import TaskRunner

ExportAction = Callable[[Draft], None]
"""One export of a saved draft (copy, PDF, FHIR, de-identified copy)."""


def _emitting(signal: SignalInstance, value: object) -> Callable[[], None]:
    """A slot taking no arguments (a menu action's `checked` is not wanted) that emits `value`."""
    return lambda: signal.emit(value)


class DeskMenus(QObject):
    """Fills the window's menu bar and opens the dialogs it offers.

    Signals:
        import_requested(): File → Import notes… (Ctrl+O).
        new_note_requested(): File → Clear for a new note (Ctrl+N).
        lock_requested(): File → Lock (Ctrl+L).
        sign_out_requested(): File → Sign out.
        quit_requested(): File → Quit.
        draft_requested(object): the DraftMode chosen under Extracted facts.
        export_requested(object): the ExportAction chosen under Export, for the draft on the desk.
    """

    import_requested = Signal()
    new_note_requested = Signal()
    lock_requested = Signal()
    sign_out_requested = Signal()
    quit_requested = Signal()
    draft_requested = Signal(object)
    export_requested = Signal(object)

    def __init__(
        self,
        workstation: Workstation,
        session: Session,
        tasks: TaskRunner,
        exports: ExportActions,
        window: QMainWindow,
    ) -> None:
        """Fill `window`'s menu bar; the Audit log is offered only to who may read it."""
        super().__init__(window)
        self._workstation = workstation
        self._session = session
        self._tasks = tasks
        self._window = window
        self.keyboard_help: KeyboardHelpDialog | None = None
        """The shortcuts list last opened (F1), while it is open."""
        self._build_file_menu()
        drafting = window.menuBar().addMenu("E&xtracted facts")
        for text, mode in (
            ("&Facts only, at once (no model)", DraftMode.FACTS_ONLY),
            ("&Grounded: facts from the notes, prose by the model", DraftMode.GROUNDED),
            ("&Whole note by the model", DraftMode.WHOLE),
        ):
            self._add(drafting, text, _emitting(self.draft_requested, mode))
        export = window.menuBar().addMenu("&Export")
        exports_offered: tuple[tuple[str, ExportAction, str | None], ...] = (
            ("&Copy for EHR", exports.copy_to_clipboard, "Ctrl+Shift+C"),
            ("Save as &PDF…", exports.save_pdf, None),
            ("Export &FHIR DocumentReference…", exports.save_fhir, None),
        )
        for text, action, shortcut in exports_offered:
            self._add(export, text, _emitting(self.export_requested, action), shortcut)
        self.composition_action = self._add(
            export,
            "Export FHIR &Composition (discharge)…",
            _emitting(
                self.export_requested, lambda draft: exports.save_fhir(draft, composition=True)
            ),
        )
        """Offered only while the draft on the desk is a discharge summary."""
        self._add(
            export,
            "Save &de-identified copy…",
            _emitting(self.export_requested, exports.save_deidentified),
        )

    def _build_file_menu(self) -> None:
        menu = self._window.menuBar().addMenu("&File")
        self._add(menu, "&Import notes…", self.import_requested, "Ctrl+O")
        self._add(menu, "Clear for a ne&w note", self.new_note_requested, "Ctrl+N")
        self._add(menu, "Se&ttings…", self._open_settings)
        self._add(menu, "My &credentials…", self._open_credentials)
        self._add(menu, "&Keyboard shortcuts…", self.show_keyboard_help, "F1")
        if is_allowed(self._session.principal.role, Permission.AUDIT_READ):
            self._add(menu, "&Audit log…", self._open_audit_log)
        self._add(menu, "&Lock", self.lock_requested, "Ctrl+L")
        self._add(menu, "Sign &out", self.sign_out_requested)
        quit_action = self._add(menu, "&Quit", self.quit_requested)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)

    def show_keyboard_help(self) -> None:
        """Open the list of the desk's shortcuts (F1), beside the desk rather than over it."""
        dialog = KeyboardHelpDialog(self._window)
        self.keyboard_help = dialog
        dialog.open()

    def _add(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object] | SignalInstance,
        shortcut: str | None = None,
    ) -> QAction:
        action = QAction(text, self._window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _open_settings(self) -> None:
        settings = self._workstation.settings_service
        SettingsDialog(settings, self._session, self._tasks, self._window).open()

    def _open_credentials(self) -> None:
        credentials = self._workstation.credentials
        CredentialsDialog(credentials, self._session, self._tasks, self._window).open()

    def _open_audit_log(self) -> None:
        AuditViewerDialog(self._workstation, self._session, self._tasks, self._window).open()
