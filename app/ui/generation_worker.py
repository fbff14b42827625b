"""Streams a generation run on its own thread, batching text for the editor.

Tokens arrive hundreds per second on a GPU; appending each one would flood the event loop, so
pieces are gathered and handed over at most every `flush_interval` seconds. The worker needs a
parent: Qt aborts the process if a running thread object is destroyed, which is what would
happen when its last Python reference went away before `run` returned.
"""

import time

from PySide6.QtCore import QObject, QThread, Signal

from app.services.drafting import GenerationRun


class GenerationWorker(QThread):
    """Iterates one generation run off the UI thread, handing its text over in batches.

    Signals:
        reading(object): the ReadingProgress of the notes, before each batch the model reads.
        text_arrived(str): a batch of generated text.
        draft_so_far(object): a grounded run's whole DraftSoFar: the facts at once, then again
            as each passage is written.
        completed(object): the run's GenerationOutcome, once iteration ends.
        failed(object): the exception that ended the run.
    """

    reading = Signal(object)
    text_arrived = Signal(str)
    draft_so_far = Signal(object)
    completed = Signal(object)
    """Carries the run's GenerationOutcome."""
    failed = Signal(object)

    def __init__(self, run: GenerationRun, parent: QObject, flush_interval: float = 0.05) -> None:
        """Text is batched for `flush_interval` seconds, so the editor is not redrawn per token."""
        super().__init__(parent)
        self._run = run
        self._flush_interval = flush_interval

    def cancel(self) -> None:
        """Ask the run to stop; it ends within a second and still reports its outcome."""
        self._run.cancel.set()

    def run(self) -> None:
        """Iterate the run on this thread, emitting text in batches, then `completed` or
        `failed`."""
        self._run.on_reading = self.reading.emit
        self._run.on_draft_so_far = self.draft_so_far.emit
        buffer: list[str] = []
        last_flush = time.monotonic()
        try:
            for piece in self._run:
                buffer.append(piece)
                now = time.monotonic()
                if now - last_flush >= self._flush_interval:
                    self.text_arrived.emit("".join(buffer))
                    buffer.clear()
                    last_flush = now
        except Exception as error:
            self._flush(buffer)
            self.failed.emit(error)
            return
        self._flush(buffer)
        self.completed.emit(self._run.outcome)

    def _flush(self, buffer: list[str]) -> None:
        if buffer:
            self.text_arrived.emit("".join(buffer))
