"""What the services need of an engine, whether it runs here or on the hospital's server.

`LlamaEngine` (this computer) and `RemoteEngine` (an OpenAI-compatible server) both satisfy it,
so drafting, long-note fitting and the token meter never ask which one they hold.
"""

import threading
from collections.abc import Generator, Sequence
from typing import Protocol

from app.domain.generation import EngineInfo, GenerationParams, GenerationStats
from app.inference.types import ChatMessage


class Engine(Protocol):
    def load(self) -> EngineInfo:
        """Make the engine ready (load the model, or check the server); return what it runs."""
        ...

    @property
    def info(self) -> EngineInfo: ...

    @property
    def last_stats(self) -> GenerationStats | None: ...

    def count_tokens(self, text: str) -> int: ...

    def prompt_tokens(self, messages: Sequence[ChatMessage]) -> int: ...

    def generate(
        self,
        messages: Sequence[ChatMessage],
        params: GenerationParams,
        cancel: threading.Event | None = None,
    ) -> Generator[str, None, None]: ...

    def clear_cache(self) -> None: ...

    def close(self) -> None: ...
