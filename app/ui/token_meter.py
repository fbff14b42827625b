"""A label under the source pane: how much of what the model can read at once the notes take.

A nurse reads a share ("Notes: about 3% of what the model can read"); the token figures an
engineer wants stay in the tooltip.

Typing must never wait on a tokenizer, so the label shows a cheap estimate (characters / 4) at
once, and only when the model is already loaded asks it for the exact count on the task runner,
after typing pauses. It never loads the model to count: that would take seconds and memory.
When the hospital's server drafts, the estimate stays: an exact count would send the notes to
the server while they are still being typed, for a patient who may never be drafted for, and
outside the audited draft.
"""

import math

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from app.services.engine_host import EngineHost
from app.ui.appearance import show_as_error
from app.ui.tasks import TaskRunner

DEBOUNCE_MS = 400
CHARS_PER_TOKEN = 4
"""English clinical text averages close to four characters per token across common tokenizers."""
OVER_NOTE = (
    "More than the model reads at once: the older notes will be shortened to their facts, and "
    "the draft will say which. Nothing is left out without being named."
)


def estimate_tokens(text: str) -> int:
    return -(-len(text) // CHARS_PER_TOKEN)


def share_text(count: int, limit: int, *, exact: bool) -> str:
    """The meter's words: a share rounded up, so notes that fit never read as 0% or 100%."""
    if count > limit:
        return "Notes: more than the model can read at once"
    share = min(99, math.ceil(100 * count / limit)) if count else 0
    return f"Notes: {'' if exact else 'about '}{share}% of what the model can read"


class TokenMeter(QLabel):
    """How much of the model's context the notes take, estimated at once and counted exactly
    only when the model is already loaded; in the error colour when over."""

    def __init__(
        self,
        editor: QPlainTextEdit,
        engines: EngineHost,
        tasks: TaskRunner,
        *,
        limit: int,
        debounce_ms: int = DEBOUNCE_MS,
        parent: QWidget | None = None,
    ) -> None:
        """Watches `editor`; counts again `debounce_ms` after typing stops, against `limit`
        tokens."""
        super().__init__(parent)
        self.setAccessibleName("Source notes size")
        self.setWordWrap(True)
        self._editor = editor
        self._engines = engines
        self._tasks = tasks
        self._limit = limit
        self._edition = 0
        """Bumped on every change, so a count for older text is dropped when it arrives."""
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._count_exactly)
        editor.textChanged.connect(self._changed)
        self._changed()

    def _changed(self) -> None:
        self._edition += 1
        self._show(estimate_tokens(self._editor.toPlainText()), exact=False)
        self._debounce.start()

    def _count_exactly(self) -> None:
        engine = self._engines.loaded()
        if engine is None or engine.info.server is not None:
            return
        edition, text = self._edition, self._editor.toPlainText()
        self._tasks.submit(
            self,
            lambda: engine.count_tokens(text),
            lambda count: self._counted(edition, count),
            lambda _: None,  # the estimate stays; a count is a convenience, not a check
        )

    def _counted(self, edition: int, count: int) -> None:
        if edition == self._edition:
            self._show(count, exact=True)

    def _show(self, count: int, *, exact: bool) -> None:
        over = count > self._limit
        self.setText(share_text(count, self._limit, exact=exact))
        show_as_error(self, over)
        figures = f"{'' if exact else '~'}{count:,} tokens of {self._limit:,}"
        self.setToolTip(f"{OVER_NOTE}\n\n{figures}" if over else figures)
