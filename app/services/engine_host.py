"""Owns the one engine for the whole process: the local model, or the hospital's server.

Loading takes seconds and hundreds of megabytes, so it happens once, lazily, on a worker
thread, and every draft shares it. The model file's SHA-256 is checked on every load. When the
machine policy names an inference server, drafts are written there instead; if the server
cannot be reached or fails a check and the policy allows it, this computer drafts instead and
the engine's info says why (the window shows it in a banner). The fallback lasts one draft at
a time: before each later draft the server is checked again, and drafts go back to it as soon
as it passes.
"""

import threading
from pathlib import Path

from app.domain.errors import WardScribeError
from app.domain.generation import EngineInfo
from app.domain.settings import Settings
from app.inference.engine import LlamaEngine
from app.inference.errors import ServerUnavailable, ServerUntrusted
from app.inference.model_files import ModelSpec, assemble_embedded_model
from app.inference.protocol import Engine
from app.inference.remote import RemoteEngine
from app.inference.server_policy import InferenceServerPolicy


class ModelNotConfigured(WardScribeError):
    """The settings name a model file without the SHA-256 IT pinned for it."""


class EngineHost:
    """Holds the process's one engine, loaded on first use: the pinned local model, or the
    hospital's server when the policy names one (with this computer as the allowed fallback)."""

    def __init__(
        self,
        settings: Settings,
        models_dir: Path,
        *,
        server: InferenceServerPolicy | None = None,
    ) -> None:
        """Nothing is loaded here: the model or the server is reached on the first draft."""
        self._settings = settings
        self._models_dir = models_dir
        self._server = server
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._fallback_reason: str | None = None

    @property
    def server(self) -> InferenceServerPolicy | None:
        """The inference server the machine policy names, if any."""
        return self._server

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

    def engine(self) -> Engine:
        """The ready engine; the first call loads the model or checks the server.

        A server whose last request failed is checked again (TLS, pin, model) before the next
        draft, so a server that went down is noticed, and the fallback applies, at once. While
        this computer drafts in the server's place, the server is tried again before each
        draft, and takes over again once it passes.
        """
        with self._lock:
            engine = self._engine
            if isinstance(engine, RemoteEngine) and engine.failing:
                engine.close()
                self._engine = engine = None
            if engine is not None and self._fallback_reason is not None:
                remote = self._checked_server()
                if remote is not None:
                    engine.close()
                    self._engine = engine = remote
            if engine is None:
                engine = self._engine = self._load()
            return engine

    def loaded(self) -> Engine | None:
        """The engine if it is already loaded, for callers that must never trigger a load."""
        return self._engine

    @property
    def info(self) -> EngineInfo | None:
        """What the loaded engine reports, with why a server was replaced; None before the first
        load."""
        engine = self._engine
        if engine is None:
            return None
        if self._fallback_reason is None:
            return engine.info
        return engine.info.model_copy(update={"server_fallback_reason": self._fallback_reason})

    def forget_prompt(self) -> None:
        """Drop the last prompt (source notes included) from the model's memory, e.g. on lock."""
        engine = self._engine
        if engine is not None:
            engine.clear_cache()

    def close(self) -> None:
        """Unload the model or close the server connection; the next draft loads it again."""
        with self._lock:
            if self._engine is not None:
                self._engine.close()
                self._engine = None

    def _load(self) -> Engine:
        if self._server is None:
            return self._load_local()
        remote = self._checked_server()
        if remote is not None:
            return remote
        return self._load_local()

    def _checked_server(self) -> RemoteEngine | None:
        """The server once it passes its checks; None while this computer may draft instead
        (the reason kept for the banner), or the server's error when the policy forbids that."""
        assert self._server is not None
        remote: RemoteEngine | None = None
        try:
            remote = RemoteEngine(self._server)
            remote.load()
        except (ServerUnavailable, ServerUntrusted) as error:
            if remote is not None:
                remote.close()
            if not self._server.allow_local_fallback:
                raise
            self._fallback_reason = str(error)
            return None
        self._fallback_reason = None
        return remote

    def _load_local(self) -> Engine:
        engine = LlamaEngine(self.model_spec(), n_ctx=self._settings.context_tokens)
        engine.load()
        return engine
