"""The sign-in form; credentials are checked on a worker thread, never the UI thread."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.identity import EmergencyReason
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.tasks import TaskRunner


def _banners(demo: bool) -> list[QLabel]:
    heading = QLabel("<h2>WardScribe</h2>Sign in to draft and review notes on this workstation.")
    heading.setTextFormat(Qt.TextFormat.RichText)
    heading.setWordWrap(True)
    if not demo:
        return [heading]
    notice = QLabel(
        f"<b>DEMO MODE</b> — not for real patients. Demo account: "
        f"<b>{DEMO_USERNAME}</b> / <b>{DEMO_PASSWORD}</b>"
    )
    notice.setObjectName("demoBanner")
    notice.setWordWrap(True)
    notice.setStyleSheet("background: #fff4ce; border: 1px solid #c9a500; padding: 6px;")
    notice.setTextFormat(Qt.TextFormat.RichText)
    notice.setAccessibleName("Demo mode notice")
    return [heading, notice]


class SignInDialog(QDialog):
    """Username and password (or the directory's sign-in), checked on a worker thread; accepted
    with `session` set once the provider vouches, with a plain message when it does not."""

    def __init__(
        self, workstation: Workstation, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        """`session` is set when the dialog is accepted; sign-in runs on `tasks`, off the UI
        thread."""
        super().__init__(parent)
        self.session: Session | None = None
        self._workstation = workstation
        self._tasks = tasks
        self.setWindowTitle("Sign in to WardScribe")
        self.setModal(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        self.setMinimumWidth(460)
        for banner in _banners(workstation.demo):
            layout.addWidget(banner)
        auth = workstation.auth
        has_form = bool(auth.password_provider_kinds)
        form = self._build_credentials()
        if has_form or auth.emergency_access_enabled:
            layout.addLayout(form)
        self._build_emergency()
        if auth.emergency_access_enabled:
            layout.addWidget(self.emergency_box)
            layout.addWidget(self.reason_box)
        self.message = QLabel()
        self.message.setAccessibleName("Sign-in message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addWidget(self.sign_in_button)
        self.browser_button = QPushButton("Sign in with &Microsoft")
        self.browser_button.setAccessibleName("Sign in with Microsoft")
        self.browser_button.clicked.connect(self._submit_in_browser)
        layout.addWidget(self.browser_button)
        self.sign_in_button.setVisible(has_form)
        self.browser_button.setVisible(auth.interactive_provider is not None)

    def _build_credentials(self) -> QFormLayout:
        self.username = QLineEdit()
        self.username.setAccessibleName("Username")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.sign_in_button = QPushButton("Sign in")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setAccessibleName("Sign in")
        self.sign_in_button.clicked.connect(self._submit)
        form = QFormLayout()
        form.addRow("&Username", self.username)
        form.addRow("&Password", self.password)
        return form

    def _build_emergency(self) -> None:
        self.emergency_box = QCheckBox("&Emergency access (break-glass)")
        self.emergency_box.setAccessibleName("Emergency access")
        self.emergency_box.toggled.connect(self._emergency_toggled)
        self.reason_box = QComboBox()
        self.reason_box.setAccessibleName("Emergency reason")
        self.reason_box.addItem("Choose the reason for emergency access…", None)
        for reason in EmergencyReason:
            self.reason_box.addItem(reason.label, reason)
        self.reason_box.hide()

    def _emergency_toggled(self, on: bool) -> None:
        self.reason_box.setVisible(on)
        self.sign_in_button.setVisible(on or bool(self._workstation.auth.password_provider_kinds))
        self.sign_in_button.setText("Start &emergency session" if on else "Sign in")

    def _submit(self) -> None:
        username, password = self.username.text(), self.password.text()
        auth = self._workstation.auth
        if self.emergency_box.isChecked():
            chosen = self.reason_box.currentData()
            if chosen is None:
                self.message.setText("Emergency access needs a reason. Choose one first.")
                return
            reason = EmergencyReason(chosen)
            self.sign_in_button.setEnabled(False)
            self.message.setText("Starting emergency session…")
            self._tasks.submit(
                self,
                lambda: auth.sign_in_emergency(username, password, reason),
                self._signed_in,
                self._refused,
            )
            return
        self.sign_in_button.setEnabled(False)
        self.message.setText("Signing in…")
        self._tasks.submit(
            self, lambda: auth.sign_in(username, password), self._signed_in, self._refused
        )

    def _submit_in_browser(self) -> None:
        handle = int(self.winId())
        self.browser_button.setEnabled(False)
        self.message.setText("Finish signing in in the browser window…")
        self._tasks.submit(
            self,
            lambda: self._workstation.auth.sign_in_interactive(parent_window_handle=handle),
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
        self.browser_button.setEnabled(True)
