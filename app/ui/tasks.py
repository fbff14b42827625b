"""Runs service calls off the UI thread and hands results back by signal.

Each service call touches the encrypted database or the model, so none may run on the UI thread;
results and errors come back through queued signals and are handled on the UI thread.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:
            self._relay.failed.emit(error)
        else:
            self._relay.succeeded.emit(result)


class TaskRunner(QObject):
    """Submits work to a thread pool; callbacks run on the thread that owns this runner."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._relays: set[_Relay] = set()

    def submit(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        relay = _Relay(self)
        self._relays.add(relay)

        def finish() -> None:
            self._relays.discard(relay)
            relay.deleteLater()

        relay.succeeded.connect(on_success)
        relay.failed.connect(on_failure)
        relay.succeeded.connect(finish)
        relay.failed.connect(finish)
        self._pool.start(_Task(work, relay))

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)
