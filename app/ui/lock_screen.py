"""What a locked workstation shows: whose session it is, and nothing of the notes."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget


class LockScreen(QWidget):
    unlock_requested = Signal(str)
    switch_user_requested = Signal()

    def __init__(self, display_name: str) -> None:
        super().__init__()
        title = QLabel(f"<h2>Locked</h2><p>Session of <b>{display_name}</b>.</p>")
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password to unlock")
        self.password.setPlaceholderText("Password")
        self.password.returnPressed.connect(self._unlock)
        self.message = QLabel()
        self.message.setAccessibleName("Unlock message")
        self.message.setWordWrap(True)
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.setAccessibleName("Unlock")
        self.unlock_button.clicked.connect(self._unlock)
        self.switch_button = QPushButton("S&witch user")
        self.switch_button.setAccessibleName("Switch user")
        self.switch_button.clicked.connect(self.switch_user_requested)

        column = QVBoxLayout()
        column.addStretch(1)
        for widget in (title, self.password, self.message, self.unlock_button, self.switch_button):
            column.addWidget(widget)
        column.addStretch(2)
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        outer.addLayout(column)

    def show_refusal(self, text: str) -> None:
        self.password.clear()
        self.message.setText(text)
        self.unlock_button.setEnabled(True)
        self.password.setFocus()

    def _unlock(self) -> None:
        self.unlock_button.setEnabled(False)
        self.message.setText("Checking…")
        self.unlock_requested.emit(self.password.text())
        self.password.clear()
