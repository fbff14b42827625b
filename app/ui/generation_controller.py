"""One draft at a time, from the button to the last token: the desk's generation flow.

The window asks for a draft and reacts to what comes back; this controller makes the service
call on the task runner, streams the run on a `GenerationWorker`, honours Stop at any moment
(even while the run is still being prepared) and says where the run stands: which part of the
notes the model is reading, or that it is writing, and about how long is left, timed by this
run's own batches once there are some and by the speed this workstation measured on its last
draft until then (`app.ui.progress_line`).
"""

import time

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.generation import ReadingProgress
from app.domain.grounded.draft import DraftMode
from app.domain.note_templates import load_template
from app.domain.notes import NoteKind
from app.services.drafting import DraftService, GenerationOutcome, GenerationRun
from app.services.session import Session
from app.ui.generation_worker import GenerationWorker
from app.ui.progress_line import CHARS_PER_TOKEN, RunProgress, Stage, progress_line, time_left
from app.ui.tasks import TaskRunner

TICK_MS = 1_000
"""How often the time left is said again while the model works."""
WRITING_TIMED_AFTER_S = 2.0
"""Writing is timed by this run once it has gone on this long; before, by the last draft's."""


class GenerationController(QObject):
    """Runs the desk's drafts, one at a time.

    Signals:
        running_changed(bool): a draft was asked for (True) or its run ended (False).
        started(object): the Draft the run writes, once the service has prepared it.
        text_arrived(str): text the model wrote, in batches.
        draft_so_far(object): a grounded run's whole DraftSoFar, the facts first.
        progress(str): the stage, the part being read and the time left, about once a second.
        completed(object): the run's GenerationOutcome (cancelled or saved).
        failed(object): the exception that refused or ended the run.
    """

    running_changed = Signal(bool)
    started = Signal(object)
    text_arrived = Signal(str)
    draft_so_far = Signal(object)
    progress = Signal(str)
    completed = Signal(object)
    failed = Signal(object)

    def __init__(
        self, drafts: DraftService, session: Session, tasks: TaskRunner, parent: QObject
    ) -> None:
        """Nothing runs until a draft is asked for; `session` is the nurse every run is made for."""
        super().__init__(parent)
        self._drafts = drafts
        self._session = session
        self._tasks = tasks
        self._worker: GenerationWorker | None = None
        self._preparing = False
        self._stop_requested = False
        self._stage = Stage.READING
        self._stage_since = 0.0
        self._notes_tokens = 0
        self._max_tokens = 0
        self._written = 0
        self._written_before_stage = 0
        self._reading: ReadingProgress | None = None
        self._reading_since = 0.0
        self._reported_at = 0.0
        self._reading_rate: float | None = None
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._say_progress)

    @property
    def running(self) -> bool:
        """A draft was asked for and its run has not ended."""
        return self._preparing or self._worker is not None

    @property
    def streaming(self) -> bool:
        """The model is working on a run now (it was prepared and is not finished)."""
        return self._worker is not None

    def draft(
        self,
        mrn: str,
        kind: NoteKind,
        notes: str,
        current: str | None,
        mode: DraftMode = DraftMode.GROUNDED,
    ) -> None:
        """Draft `notes` for the patient `mrn` in `mode`; the service regenerates `current` when
        the notes and kind are the ones it was made from."""
        self._stop_requested = False
        self._preparing = True
        self._enter(Stage.READING)
        self._notes_tokens = -(-len(notes) // CHARS_PER_TOKEN)
        self._max_tokens = load_template(kind).params.max_tokens
        self._written = 0
        self._reading = None
        self._reading_rate = None
        self.running_changed.emit(True)
        self._say_progress()
        self._tasks.submit(
            self,
            lambda: self._drafts.draft(self._session, mrn, kind, notes, current=current, mode=mode),
            self._stream,
            self._refused,
        )

    def stop(self) -> None:
        """Stop now, or, if the run is still being prepared, as soon as it starts."""
        self._stop_requested = True
        if self._worker is not None:
            self._worker.cancel()

    def cancel_and_wait(self, milliseconds: int) -> None:
        """Before the window closes: stop the run and let its thread end."""
        worker = self._worker
        if worker is not None:
            worker.cancel()
            worker.wait(milliseconds)

    def _stream(self, run: GenerationRun) -> None:
        worker = GenerationWorker(run, self)
        worker.reading.connect(self._read)
        worker.text_arrived.connect(self._text)
        worker.draft_so_far.connect(self.draft_so_far)
        worker.completed.connect(self._completed)
        worker.failed.connect(self._failed)
        worker.finished.connect(worker.deleteLater)
        # The run counts as running throughout: the worker is in place before the preparing
        # flag drops, so nothing that reacts to `started` sees an idle desk.
        self._worker = worker
        self._preparing = False
        self.started.emit(run.draft)
        if self._stop_requested:
            run.cancel.set()
        self._ticker.start()
        worker.start()

    def _read(self, progress: ReadingProgress) -> None:
        """The engine is about to read a batch, or has read the last one."""
        now = time.monotonic()
        if progress.done == 0:
            self._reading_since = now
        elif now > self._reading_since:
            self._reading_rate = progress.done / (now - self._reading_since)
        self._reading = progress
        self._reported_at = now
        if progress.finished:
            self._enter(Stage.WRITING)
        elif self._stage is not Stage.READING:
            self._enter(Stage.READING)
        self._say_progress()

    def _text(self, text: str) -> None:
        # A grounded draft shows its facts before the model reads the notes.
        if self._stage is Stage.READING and (self._reading is None or self._reading.finished):
            self._enter(Stage.WRITING)
        self._written += len(text)
        self.text_arrived.emit(text)
        if self._written == len(text):
            self._say_progress()

    def _completed(self, outcome: GenerationOutcome) -> None:
        self._end()
        self.completed.emit(outcome)

    def _failed(self, error: BaseException) -> None:
        self._end()
        self.failed.emit(error)

    def _refused(self, error: BaseException) -> None:
        self._preparing = False
        self.running_changed.emit(False)
        self.failed.emit(error)

    def _end(self) -> None:
        self._worker = None
        self._ticker.stop()
        self.running_changed.emit(False)

    def _enter(self, stage: Stage) -> None:
        self._stage = stage
        self._stage_since = time.monotonic()
        self._written_before_stage = self._written

    def _say_progress(self) -> None:
        now = time.monotonic()
        in_stage = now - self._stage_since
        written = self._written - self._written_before_stage
        run = RunProgress(
            stage=self._stage,
            elapsed_in_stage=in_stage,
            notes_tokens=self._notes_tokens,
            max_tokens=self._max_tokens,
            reading=self._reading,
            reading_rate=self._reading_rate,
            since_report=now - self._reported_at,
            written_chars=self._written,
            writing_rate=(
                written / CHARS_PER_TOKEN / in_stage
                if self._stage is Stage.WRITING and in_stage >= WRITING_TIMED_AFTER_S and written
                else None
            ),
        )
        # Read from memory: the service keeps the speed it measured, the desk never waits.
        self.progress.emit(progress_line(run, time_left(run, self._drafts.measured_speed)))
