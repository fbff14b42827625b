"""The chat the inference adapter renders into a prompt, the prompt as counted, and a run.

Sampling settings, engine details and run statistics are domain values
(`app.domain.generation`), shared with the desk and the CLI.
"""

from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from app.domain.generation import GenerationStats, ReadingProgress

Role = Literal["system", "user", "assistant"]

ReadingReport = Callable[[ReadingProgress], None]
"""Told, on the thread that iterates the run, how far the model has read the prompt."""


class ChatMessage(BaseModel):
    """One turn of a conversation, rendered into a prompt by the model's own chat template."""

    model_config = ConfigDict(frozen=True)

    role: Role
    content: str


@dataclass(frozen=True, eq=False)
class Prompt:
    """A chat rendered by the model's template and counted once, by the engine that will run it.

    What fitting counted is what the engine evaluates: `LlamaEngine` keeps the token ids it
    counted; a server tokenizes its own copy of the messages, so `tokens` is None there.
    """

    messages: tuple[ChatMessage, ...]
    length: int
    """Tokens the whole prompt takes, chat template markup included."""
    tokens: tuple[int, ...] | None = None

    def __len__(self) -> int:
        return self.length


class Generation(Iterator[str]):
    """The text pieces of one generate() call, and how that call went.

    Iterate it for the pieces. `stats` is set once the stream has ended, however it ended
    (finished, cancelled, failed or closed early), so the numbers travel with the run they
    describe instead of waiting on the engine for the next run to overwrite them.
    """

    def __init__(self, pieces: Callable[["Generation"], Generator[str, None, None]]) -> None:
        self.stats: GenerationStats | None = None
        self._pieces = pieces(self)

    def __iter__(self) -> "Generation":
        return self

    def __next__(self) -> str:
        return next(self._pieces)

    def close(self) -> None:
        """Stop the stream early; the engine is free for the next call once this returns."""
        self._pieces.close()
