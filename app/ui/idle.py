"""Notices when nobody has touched the keyboard or mouse for a while.

HIPAA's automatic logoff (164.312(a)(2)(iii)) on a shared ward workstation: after the idle
period the session locks and the decrypted text leaves the screen.
"""

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatcher(QObject):
    """Says when nobody has used the application for the idle period, so the desk can lock.

    `hold` keeps it from firing while the model works: the nurse is waiting, not away.

    Signals:
        idle(): the idle period passed with no input; input re-arms it.
    """

    idle = Signal()
    """Emitted once when the idle period passes; input re-arms it."""

    def __init__(self, timeout_seconds: float, parent: QObject | None = None) -> None:
        """Install it as an application event filter to see input; see `eventFilter`."""
        super().__init__(parent)
        self._timeout = timeout_seconds
        self._last_input = time.monotonic()
        self._fired = False
        self._held = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)
        self._timer.start(self._poll_interval_ms())
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_timeout(self, seconds: float) -> None:
        """Change the idle period (a settings change); counting starts again."""
        self._timeout = seconds
        self._timer.setInterval(self._poll_interval_ms())
        self.reset()

    @property
    def is_held(self) -> bool:
        """Whether `hold` is keeping it from firing."""
        return self._held

    def hold(self, held: bool) -> None:
        """Not idle while `held`: a nurse waiting for the model to write is at the desk. The
        idle period starts again from the release, so the lock never interrupts a run."""
        self._held = held
        self.reset()

    def reset(self) -> None:
        """Count the idle period from now, as any input does."""
        self._last_input = time.monotonic()
        self._fired = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Input of any kind restarts the count; the event always goes on to its target."""
        if event.type() in _INPUT_EVENTS:
            self.reset()
        return False

    def _poll_interval_ms(self) -> int:
        return max(50, min(1000, int(self._timeout * 1000 / 10)))

    def _check(self) -> None:
        if self._held:
            return
        if not self._fired and time.monotonic() - self._last_input >= self._timeout:
            self._fired = True
            self.idle.emit()
