"""What the desk says while a draft is written: the stage, the part of the notes being read,
and how long is left.

The time left is the notes still to read over the reading speed, plus what is left of the
kind's longest draft over the writing speed, so it is an upper bound that falls as the text
comes. Each speed is the one measured in this run as soon as there is one (after the first
batch of the notes, after a few seconds of writing), and until then the one this workstation
measured on its last draft. With neither there is no estimate: the line says "estimating…".
Pure functions with no Qt, so every wording is unit-tested without a window.
"""

from dataclasses import dataclass
from enum import Enum

from app.domain.generation import MeasuredSpeed, ReadingProgress

CHARS_PER_TOKEN = 4
"""How much written text counts as one token when the desk estimates what is left."""


class Stage(Enum):
    """Where a run stands, as the nurse is told."""

    READING = "Reading the notes"
    WRITING = "Writing the draft"


@dataclass(frozen=True)
class RunProgress:
    """Where a run stands, as the desk has seen it so far."""

    stage: Stage
    elapsed_in_stage: float
    notes_tokens: int
    """The notes' size guessed from their characters, until the engine reports the prompt's."""
    max_tokens: int
    reading: ReadingProgress | None = None
    """The engine's last word on the reading; None before it starts or where it says none."""
    reading_rate: float | None = None
    """Prompt tokens per second measured in this run, once a batch has been read."""
    since_report: float = 0.0
    """Seconds since `reading` came."""
    written_chars: int = 0
    writing_rate: float | None = None
    """Tokens per second written in this run, once there has been enough writing to time."""


@dataclass(frozen=True)
class TimeLeft:
    """About how long a run still takes; `reading_only` when the writing cannot be timed yet."""

    seconds: float
    reading_only: bool = False


def time_left(run: RunProgress, stored: MeasuredSpeed | None) -> TimeLeft | None:
    """At most how long the stage and the ones after it still take; None with nothing to go by."""
    writing = run.writing_rate or (stored.writing if stored is not None else None)
    if run.stage is Stage.WRITING:
        if writing is None:
            return None
        return TimeLeft(max(0.0, run.max_tokens - run.written_chars / CHARS_PER_TOKEN) / writing)
    reading = _reading_seconds(run, stored)
    if reading is None:
        return None
    if writing is None:
        return TimeLeft(reading, reading_only=True)
    return TimeLeft(reading + run.max_tokens / writing)


def _reading_seconds(run: RunProgress, stored: MeasuredSpeed | None) -> float | None:
    rate = run.reading_rate or (stored.reading if stored is not None else None)
    if rate is None:
        return None
    if run.reading is None:
        return max(0.0, run.notes_tokens / rate - run.elapsed_in_stage)
    return max(0.0, (run.reading.total - run.reading.done) / rate - run.since_report)


def progress_line(run: RunProgress, left: TimeLeft | None) -> str:
    """ "Reading the notes: part 3 of 8 · about 2 min left", rounded as a person would say it."""
    head = run.stage.value
    reading = run.reading
    if run.stage is Stage.READING and reading is not None and reading.parts > 1:
        head = f"{head}: part {reading.part} of {reading.parts}"
    if left is None:
        return f"{head} · estimating…"
    return f"{head} · {_about(left)}"


def _about(left: TimeLeft) -> str:
    seconds = left.seconds
    if seconds < 5:
        return "almost read" if left.reading_only else "almost done"
    if seconds < 60:
        amount = f"about {5 * round(seconds / 5):.0f} s"
    else:
        minutes, rest = divmod(10 * round(seconds / 10), 60)
        amount = f"about {minutes:.0f} min {rest:.0f} s" if rest else f"about {minutes:.0f} min"
    return f"{amount} left to read" if left.reading_only else f"{amount} left"
