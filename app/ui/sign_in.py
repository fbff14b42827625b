"""The sign-in form; credentials are checked on a worker thread, never the UI thread."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.tasks import TaskRunner


class SignInDialog(QDialog):
    def __init__(
        self, workstation: Workstation, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self._workstation = workstation
        self._tasks = tasks
        self.setWindowTitle("Sign in to WardScribe")
        self.setModal(True)

        self.username = QLineEdit()
        self.username.setAccessibleName("Username")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.message = QLabel()
        self.message.setAccessibleName("Sign-in message")
        self.message.setWordWrap(True)
        self.sign_in_button = QPushButton("Sign in")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setAccessibleName("Sign in")
        self.sign_in_button.clicked.connect(self._submit)

        form = QFormLayout()
        form.addRow("&Username", self.username)
        form.addRow("&Password", self.password)
        layout = QVBoxLayout(self)
        if workstation.demo:
            banner = QLabel(
                f"<b>DEMO MODE</b> — not for real patients. Demo account: "
                f"<b>{DEMO_USERNAME}</b> / <b>{DEMO_PASSWORD}</b>"
            )
            banner.setObjectName("demoBanner")
            banner.setTextFormat(Qt.TextFormat.RichText)
            banner.setAccessibleName("Demo mode notice")
            layout.addWidget(banner)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.sign_in_button)

    def _submit(self) -> None:
        username, password = self.username.text(), self.password.text()
        self.sign_in_button.setEnabled(False)
        self.message.setText("Signing in…")
        self._tasks.submit(
            lambda: self._workstation.auth.sign_in(username, password),
            self._signed_in,
            self._refused,
        )

    def _signed_in(self, session: object) -> None:
        assert isinstance(session, Session)
        self.session = session
        self.password.clear()
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.password.clear()
        self.password.setFocus()
        self.message.setText(str(error))
        self.sign_in_button.setEnabled(True)
