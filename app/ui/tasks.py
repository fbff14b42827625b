"""Runs service calls off the UI thread and hands results back by signal.

Each service call touches the encrypted database or the model, so none may run on the UI thread;
results and errors come back through queued signals and are handled on the UI thread.
"""

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    """Carries a worker's result back to the UI thread, where its receiver lives.

    Signals:
        succeeded(object): what the work returned.
        failed(object): the exception it raised.
    """

    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    """One piece of work on the thread pool; its result or exception goes to its relay."""

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
        """Owns its own thread pool, so waiting for it waits for WardScribe's work only."""
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._relays: set[_Relay] = set()

    def submit(
        self,
        owner: QObject,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        """Run `work` in the pool and answer `owner` with its result or its error.

        The answer is dropped once `owner` has been deleted: a window closed or signed out while
        its work ran has nothing left to show the answer in, and its callbacks would reach
        half-destroyed widgets. The work itself still finishes, so a save is never cut short.
        """
        relay = _Relay(self)
        self._relays.add(relay)

        def answer(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def deliver(value: Any) -> None:
                self._relays.discard(relay)
                relay.deleteLater()
                if shiboken6.isValid(owner):
                    callback(value)

            return deliver

        relay.succeeded.connect(answer(on_success))
        relay.failed.connect(answer(on_failure))
        self._pool.start(_Task(work, relay))

    def wait(self, msecs: int = -1) -> bool:
        """Wait up to `msecs` (forever when negative) for submitted work; True when all finished."""
        return self._pool.waitForDone(msecs)
