"""What the services need of an engine, whether it runs here or on the hospital's server.

`LlamaEngine` (this computer) and `RemoteEngine` (an OpenAI-compatible server) both satisfy it,
so drafting, long-note fitting and the token meter never ask which one they hold.
"""

import threading
from collections.abc import Sequence
from typing import Protocol

from app.domain.generation import EngineInfo, GenerationParams
from app.inference.types import ChatMessage, Generation, Prompt, ReadingReport


class Engine(Protocol):
    def load(self) -> EngineInfo:
        """Make the engine ready (load the model, or check the server); return what it runs."""
        ...

    @property
    def info(self) -> EngineInfo: ...

    def count_tokens(self, text: str) -> int: ...

    def tokenize(self, messages: Sequence[ChatMessage]) -> Prompt:
        """Render and count the chat once; `generate` runs exactly what was counted."""
        ...

    def generate(
        self,
        prompt: Prompt,
        params: GenerationParams,
        cancel: threading.Event | None = None,
        reading: ReadingReport | None = None,
    ) -> Generation:
        """Stream the answer to `prompt`; the returned run carries its own stats.

        `reading` is told how far the prompt has been read, batch by batch, where the engine
        can know it (this computer's model can; a server says nothing until it writes).
        """
        ...

    def clear_cache(self) -> None: ...

    def close(self) -> None: ...
