"""What the desk says while a draft is written: the stage, and how long is left by the speed
this workstation measured on its last draft.

Reading the notes takes the model's prompt speed over the notes' tokens; writing takes its
writing speed over what is left of the kind's longest draft, so the estimate is an upper bound
that falls as the text comes. Before any draft has been measured here there is no estimate,
only the stage. Pure functions with no Qt, so every wording is unit-tested without a window.
"""

from dataclasses import dataclass
from enum import Enum

from app.domain.generation import GenerationStats

CHARS_PER_TOKEN = 4
"""How much written text counts as one token when the desk estimates what is left."""


class Stage(Enum):
    """Where a run stands, as the nurse is told."""

    READING = "Reading the notes"
    WRITING = "Writing the draft"


@dataclass(frozen=True)
class MeasuredSpeed:
    """Tokens per second this workstation measured: reading a prompt, and writing."""

    reading: float
    writing: float

    @classmethod
    def of(cls, stats: GenerationStats | None) -> "MeasuredSpeed | None":
        """From a finished run; None when the run measured too little to go by."""
        if stats is None or stats.prompt_seconds <= 0 or stats.tokens_per_second <= 0:
            return None
        evaluated = stats.evaluated_prompt_tokens
        if evaluated <= 0:
            return None
        return cls(reading=evaluated / stats.prompt_seconds, writing=stats.tokens_per_second)


def seconds_left(
    stage: Stage,
    speed: MeasuredSpeed,
    *,
    elapsed_in_stage: float,
    notes_tokens: int,
    written_chars: int,
    max_tokens: int,
) -> float:
    """At most how long the stage and the ones after it still take, never below zero."""
    writing = max(0.0, max_tokens - written_chars / CHARS_PER_TOKEN) / speed.writing
    if stage is Stage.WRITING:
        return writing
    reading = max(0.0, notes_tokens / speed.reading - elapsed_in_stage)
    return reading + max_tokens / speed.writing


def progress_line(stage: Stage, seconds: float | None) -> str:
    """ "Reading the notes… about 1 min 10 s left", rounded as a person would say it."""
    if seconds is None:
        return f"{stage.value}…"
    return f"{stage.value}… {_about(seconds)}"


def _about(seconds: float) -> str:
    if seconds < 5:
        return "almost done"
    if seconds < 60:
        return f"about {5 * round(seconds / 5):.0f} s left"
    minutes, rest = divmod(10 * round(seconds / 10), 60)
    return f"about {minutes:.0f} min {rest:.0f} s left" if rest else f"about {minutes:.0f} min left"
