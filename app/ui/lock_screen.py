"""What a locked workstation shows: whose session it is, and nothing of the notes.

The unlock form is a panel of a fixed reading width in the middle of the window, as a sign-in
form is; stretched across a wide monitor the password box reads as a banner, not a field.
"""

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PANEL_WIDTH_EM = 26
"""The panel's width in average character widths: one sentence of the refusal per line."""


class LockScreen(QWidget):
    """The locked desk: a centred panel to unlock with the password, or to switch user.

    Signals:
        unlock_requested(str): the password typed, to check; the box is cleared at once.
        switch_user_requested(): sign this session out and show the sign-in screen.
    """

    unlock_requested = Signal(str)
    switch_user_requested = Signal()

    def __init__(self, display_name: str) -> None:
        """`display_name` says whose session is locked, so another nurse knows to switch user."""
        super().__init__()
        title = QLabel(f"<h2>Locked</h2><p>Session of <b>{display_name}</b>.</p>")
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)
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

        self.panel = QFrame()
        self.panel.setObjectName("lockPanel")
        self.panel.setFrameShape(QFrame.Shape.StyledPanel)
        self._fit_panel()
        column = QVBoxLayout(self.panel)
        for widget in (title, self.password, self.message, self.unlock_button, self.switch_button):
            column.addWidget(widget)
        outer = QGridLayout(self)
        outer.addWidget(self.panel, 1, 1)
        for edge in (0, 2):
            outer.setRowStretch(edge, 1)
            outer.setColumnStretch(edge, 1)

    def _fit_panel(self) -> None:
        self.panel.setFixedWidth(PANEL_WIDTH_EM * self.fontMetrics().averageCharWidth())

    def changeEvent(self, event: QEvent) -> None:
        """A larger font, chosen in the settings, widens the panel with it."""
        if event.type() is QEvent.Type.FontChange:
            self._fit_panel()
        super().changeEvent(event)

    def show_refusal(self, text: str) -> None:
        """Say why the unlock failed and let the nurse try again."""
        self.password.clear()
        self.message.setText(text)
        self.unlock_button.setEnabled(True)
        self.password.setFocus()

    def _unlock(self) -> None:
        self.unlock_button.setEnabled(False)
        self.message.setText("Checking…")
        self.unlock_requested.emit(self.password.text())
        self.password.clear()
