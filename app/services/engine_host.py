"""Owns the one loaded model for the whole process.

Loading takes seconds and hundreds of megabytes, so it happens once, lazily, on a worker
thread, and every draft shares it. The model file's SHA-256 is checked on every load.
"""

import threading
from collections.abc import Callable
from pathlib import Path

from app.domain.errors import WardScribeError
from app.domain.settings import Settings
from app.inference.engine import LlamaEngine
from app.inference.model_files import ModelSpec, assemble_embedded_model
from app.inference.types import EngineInfo

EngineFactory = Callable[[ModelSpec, int], LlamaEngine]


def _default_factory(spec: ModelSpec, n_ctx: int) -> LlamaEngine:
    return LlamaEngine(spec, n_ctx=n_ctx)


class ModelNotConfigured(WardScribeError):
    pass


class EngineHost:
    def __init__(
        self,
        settings: Settings,
        models_dir: Path,
        factory: EngineFactory = _default_factory,
    ) -> None:
        self._settings = settings
        self._models_dir = models_dir
        self._factory = factory
        self._lock = threading.Lock()
        self._engine: LlamaEngine | None = None

    def model_spec(self) -> ModelSpec:
        """The configured model, or the embedded demo model assembled on first use."""
        if self._settings.model_path is None:
            return assemble_embedded_model(self._models_dir)
        if self._settings.model_sha256 is None:
            raise ModelNotConfigured(
                f"The model {self._settings.model_path} has no pinned SHA-256 in the settings; "
                "WardScribe loads only models whose hash IT has pinned."
            )
        return ModelSpec(path=self._settings.model_path, sha256=self._settings.model_sha256)

    def engine(self) -> LlamaEngine:
        """The loaded engine; the first call loads it and may take seconds."""
        with self._lock:
            if self._engine is None:
                engine = self._factory(self.model_spec(), self._settings.context_tokens)
                engine.load()
                self._engine = engine
            return self._engine

    def loaded(self) -> LlamaEngine | None:
        """The engine if it is already loaded, for callers that must never trigger a load."""
        return self._engine

    @property
    def info(self) -> EngineInfo | None:
        engine = self._engine
        return None if engine is None else engine.info

    def forget_prompt(self) -> None:
        """Drop the last prompt (source notes included) from the model's memory, e.g. on lock."""
        engine = self._engine
        if engine is not None:
            engine.clear_cache()

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.close()
                self._engine = None
