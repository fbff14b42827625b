"""Starts the window: sign in, the nurse's desk, sign out, and back to sign in."""

import sys

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.domain.errors import WardScribeError
from app.domain.roles import Permission, is_allowed
from app.domain.settings import Settings
from app.services.session import Session
from app.services.startup import protect_process
from app.services.workstation import StartOptions, Workstation
from app.ui.appearance import apply_appearance
from app.ui.audit_viewer import AuditWindow
from app.ui.main_window import MainWindow
from app.ui.sign_in import SignInDialog
from app.ui.tasks import TaskRunner


def _landing_window(
    workstation: Workstation, session: Session, tasks: TaskRunner
) -> MainWindow | AuditWindow:
    """The desk for those who draft; the audit log for a role that only reviews it."""
    role = session.principal.role
    if not is_allowed(role, Permission.DRAFT_WRITE) and is_allowed(role, Permission.AUDIT_READ):
        return AuditWindow(workstation, session, tasks)
    return MainWindow(workstation, session, tasks)


def _looks(settings: Settings) -> tuple[int, bool]:
    return settings.font_point_size, settings.high_contrast


class WindowController(QObject):
    """Owns which screen is showing; a session never outlives its window."""

    def __init__(self, workstation: Workstation) -> None:
        """Nothing is shown until `start`; the workstation stays open across sign-ins."""
        super().__init__()
        self.workstation = workstation
        self.tasks = TaskRunner(self)
        self.sign_in_dialog: SignInDialog | None = None
        self.window: MainWindow | AuditWindow | None = None
        self._session: Session | None = None

    def start(self) -> None:
        """Show the sign-in dialog; a successful sign-in opens the desk, a cancelled one quits."""
        dialog = SignInDialog(self.workstation, self.tasks)
        dialog.accepted.connect(lambda: self._open_desk(dialog))
        dialog.rejected.connect(self._quit)
        self.sign_in_dialog = dialog
        dialog.open()

    def _open_desk(self, dialog: SignInDialog) -> None:
        session = dialog.session
        assert session is not None
        self._session = session
        window = _landing_window(self.workstation, session, self.tasks)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.signed_out.connect(self._after_sign_out)
        window.destroyed.connect(self._window_gone)
        self.window = window
        self._restyle(session, sign_in=True)
        window.show()

    def _restyle(self, session: Session, *, sign_in: bool) -> None:
        """Each person's font size and contrast from sign-in to sign-out, the workstation's
        before and after; the screen is restyled only where the two differ."""
        workstation = self.workstation.settings.effective
        own = self.workstation.settings_service.for_user(session).effective
        app = QApplication.instance()
        if isinstance(app, QApplication) and _looks(own) != _looks(workstation):
            apply_appearance(app, own if sign_in else workstation)

    def _end_session(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            self.tasks.submit(
                self,
                lambda: self.workstation.auth.sign_out(session),
                lambda _: None,
                lambda _: None,
            )

    def _after_sign_out(self) -> None:
        session = self._session
        self._end_session()
        self.window = None
        if session is not None:
            self._restyle(session, sign_in=False)
        self.start()

    def _window_gone(self) -> None:
        self.window = None
        if self._session is not None:
            self._end_session()
            self._quit()

    def _quit(self) -> None:
        QApplication.quit()


def run_window(options: StartOptions) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("WardScribe")
    app.setQuitOnLastWindowClosed(False)
    try:
        protect_process(options)
        workstation = Workstation.open(options)
    except WardScribeError as error:
        QMessageBox.critical(None, "WardScribe cannot start", str(error))
        return 1
    apply_appearance(app, workstation.settings.effective)
    controller = WindowController(workstation)
    controller.start()
    try:
        return app.exec()
    finally:
        controller.tasks.wait()
        workstation.close()
