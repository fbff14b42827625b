"""My credentials: the letters a person signs with after their name ("RN, BSN").

Anyone signed in sets their own, whether their account is local, in Active Directory or in
Entra ID; the signed note, the text copied for the EHR and the PDF name them with these from
the next signature on. The service stores and audits the change on the task runner, so the
desk never waits on the disk.
"""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.identity import Principal
from app.services.accounts import MAX_CREDENTIALS_LENGTH
from app.services.session import Session
from app.services.signer_credentials import SignerCredentials
from app.ui.accessibility import name_buttons
from app.ui.appearance import show_as_error
from app.ui.tasks import TaskRunner


class CredentialsDialog(QDialog):
    """Sets the signed-in person's own credentials, showing how their signature will read.

    Signals:
        saved(object): the Principal as it signs from now on.
    """

    saved = Signal(object)

    def __init__(
        self,
        credentials: SignerCredentials,
        session: Session,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        """Opens on the credentials the session signs with now."""
        super().__init__(parent)
        self.setWindowTitle("My credentials")
        self._credentials = credentials
        self._session = session
        self._tasks = tasks
        self.field = QLineEdit(session.principal.credentials)
        self.field.setMaxLength(MAX_CREDENTIALS_LENGTH)
        self.field.setPlaceholderText("RN, BSN")
        self.field.setAccessibleName("Credentials")
        self.field.textChanged.connect(self._show_signature)
        self.signature = QLabel()
        self.signature.setAccessibleName("Signature preview")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Credentials message")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        name_buttons(buttons)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Credentials", self.field)
        form.addRow("You sign as", self.signature)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            QLabel("Leave it empty to sign with what your account or the directory says.")
        )
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._show_signature()

    def _show_signature(self) -> None:
        wanted = self.field.text().strip()
        preview = self._session.principal.model_copy(update={"credentials": wanted})
        self.signature.setText(preview.signature_name)

    def _save(self) -> None:
        wanted = self.field.text()
        self.save_button.setEnabled(False)
        self._tasks.submit(
            self,
            lambda: self._credentials.set_own(self._session, wanted),
            self._stored,
            self._refused,
        )

    def _stored(self, principal: Principal) -> None:
        self.saved.emit(principal)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(str(error))
        show_as_error(self.message, True)
