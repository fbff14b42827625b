"""Starts the window: sign in, the nurse's desk, sign out, and back to sign in."""

import sys

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.domain.errors import WardScribeError
from app.services.session import Session
from app.services.workstation import StartOptions, Workstation
from app.ui.appearance import apply_appearance
from app.ui.main_window import MainWindow
from app.ui.sign_in import SignInDialog
from app.ui.tasks import TaskRunner


class WindowController(QObject):
    """Owns which screen is showing; a session never outlives its window."""

    def __init__(self, workstation: Workstation) -> None:
        super().__init__()
        self.workstation = workstation
        self.tasks = TaskRunner(self)
        self.sign_in_dialog: SignInDialog | None = None
        self.window: MainWindow | None = None
        self._session: Session | None = None

    def start(self) -> None:
        dialog = SignInDialog(self.workstation, self.tasks)
        dialog.accepted.connect(lambda: self._open_desk(dialog))
        dialog.rejected.connect(self._quit)
        self.sign_in_dialog = dialog
        dialog.open()

    def _open_desk(self, dialog: SignInDialog) -> None:
        session = dialog.session
        assert session is not None
        self._session = session
        window = MainWindow(self.workstation, session, self.tasks)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.signed_out.connect(self._after_sign_out)
        window.destroyed.connect(self._window_gone)
        self.window = window
        window.show()

    def _end_session(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            self.tasks.submit(
                lambda: self.workstation.auth.sign_out(session), lambda _: None, lambda _: None
            )

    def _after_sign_out(self) -> None:
        self._end_session()
        self.window = None
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
