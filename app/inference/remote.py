"""The hospital's inference server as an engine: OpenAI-compatible chat completions over TLS.

llama.cpp's `llama-server`, vLLM and llama-cpp-python's server all serve `/v1/chat/completions`
with server-sent events. The HTTP client is httpx, configured so that notes can go to that one
server only: no proxy from the environment (`HTTPS_PROXY` must not route notes elsewhere), no
redirects, TLS 1.2 or later with the chain, the host name and the pin checked before the first
byte is written (`server_tls`). Before the first draft the server must list the model the policy
names.

A stream is read on its own thread, so Stop is honoured at once even while the server is still
reading a long prompt: the connection is shut down, which also tells the server to stop.
"""

import ssl
import threading
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import httpx

from app.domain.generation import EngineInfo, GenerationParams, GenerationStats
from app.inference.errors import (
    ContextOverflow,
    GenerationFailed,
    ServerUnavailable,
    ServerUntrusted,
)
from app.inference.server_model import check_model_meta, model_report
from app.inference.server_policy import InferenceServerPolicy
from app.inference.server_stream import POLL_SECONDS, Failure, Piece, StreamReader, Usage
from app.inference.server_tls import server_tls_context
from app.inference.server_tokens import ServerTokenizer, probe_tokenizer
from app.inference.text_stream import TextStream
from app.inference.types import ChatMessage, Generation, Prompt, ReadingReport

_MISSING_ENDPOINT = frozenset({400, 404, 405, 422, 501})
"""How servers answer a tokenizer probe they do not understand."""
_WRITE_TIMEOUT_SECONDS = 30.0
_SHORT_CALL_SECONDS = 15.0
"""Model lists and token counts take milliseconds; a server this slow to count is not drafting."""

ExchangeOutcome = Literal["completed", "cancelled", "failed"]


@dataclass(frozen=True, slots=True)
class ServerExchange:
    """One generation on the server, for the audit log: who served it and how long, no text."""

    server: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    time_to_first_token: float | None
    seconds: float
    outcome: ExchangeOutcome


class RemoteEngine:
    """Drafts on the server the machine policy names; the same interface as `LlamaEngine`.

    `generate` serialises like the local engine, so `take_exchange` always describes the most
    recent draft.
    """

    def __init__(self, policy: InferenceServerPolicy) -> None:
        self._policy = policy
        self._client = _client_for(policy)
        self._lock = threading.Lock()
        self._generation_lock = threading.Lock()
        self._info: EngineInfo | None = None
        self._tokenizer: ServerTokenizer | None = None
        self._exchange: ServerExchange | None = None
        self._failing = False
        self._model_report: str | None = None
        self._short_timeout = httpx.Timeout(
            min(policy.read_timeout_seconds, _SHORT_CALL_SECONDS),
            connect=policy.connect_timeout_seconds,
        )

    def __enter__(self) -> "RemoteEngine":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def load(self) -> EngineInfo:
        """Check the server once: TLS, pin and model. Nothing of a note is sent before this."""
        with self._lock:
            if self._info is None:
                self._verify_model()
                self._tokenizer = probe_tokenizer(self._post_json, self._policy.model)
                self._info = EngineInfo(
                    backend="Server",
                    n_gpu_layers=0,
                    n_ctx=self._policy.context_tokens,
                    model_file=self._policy.model,
                    model_sha256="",
                    gpu_offload_supported=False,
                    vram_used_bytes=None,
                    server=self._policy.endpoint,
                    server_model_report=self._model_report,
                )
            return self._info

    @property
    def info(self) -> EngineInfo:
        return self.load()

    @property
    def tokenizer_name(self) -> str:
        """Which of the server's tokenizers counts tokens (`server_tokens`), for `doctor`."""
        return self._require_tokenizer().name

    @property
    def failing(self) -> bool:
        """The last request to the server failed: its host checks it again before the next."""
        return self._failing

    def take_exchange(self) -> ServerExchange | None:
        """The most recent generation's record, once: the caller audits it."""
        exchange, self._exchange = self._exchange, None
        return exchange

    def count_tokens(self, text: str) -> int:
        return self._require_tokenizer().count_text(text)

    def tokenize(self, messages: Sequence[ChatMessage]) -> Prompt:
        """The chat counted by the server's own tokenizer; the server renders it again itself."""
        return Prompt(tuple(messages), self._require_tokenizer().count_prompt(messages))

    def generate(
        self,
        prompt: Prompt,
        params: GenerationParams,
        cancel: threading.Event | None = None,
        reading: ReadingReport | None = None,
    ) -> Generation:
        """Stream the server's answer; raises ContextOverflow before sending a prompt too long.

        A server that fails part way raises ServerUnavailable after the pieces it did send.
        `reading` is never told anything: the server streams no word of its reading, so the
        desk names the stage without parts until the first text arrives.
        """
        started = time.perf_counter()
        self._exchange = None
        n_ctx = self.info.n_ctx
        if prompt.length + params.max_tokens > n_ctx:
            raise ContextOverflow(prompt.length, params.max_tokens, n_ctx)
        body = self._request_body(prompt.messages, params)
        stop = cancel or threading.Event()
        return Generation(lambda run: self._serialised(run, body, prompt.length, stop, started))

    def clear_cache(self) -> None:
        """Nothing of a note is kept here; the server's slot cache is the server's (see docs)."""

    def close(self) -> None:
        self._client.close()

    def _require_tokenizer(self) -> ServerTokenizer:
        self.load()
        assert self._tokenizer is not None
        return self._tokenizer

    def _verify_model(self) -> None:
        answer = self._get_json("v1/models")
        data = answer.get("data") if isinstance(answer, dict) else None
        entries = [
            entry for entry in (data if isinstance(data, list) else []) if isinstance(entry, dict)
        ]
        listed = {str(entry.get("id")) for entry in entries}
        if self._policy.model not in listed:
            raise ServerUntrusted(
                f"The hospital server {self._policy.endpoint} does not serve the model "
                f"{self._policy.model!r} that the machine policy names (it lists "
                f"{', '.join(sorted(listed)) or 'none'}); no note was sent."
            )
        served = next(entry for entry in entries if str(entry.get("id")) == self._policy.model)
        pinned = check_model_meta(served, self._policy)
        report = model_report(served)
        self._model_report = (
            report if pinned is None else f"{report}; the policy's model_meta ({pinned}) matched"
        )

    def _request_body(
        self, messages: Sequence[ChatMessage], params: GenerationParams
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self._policy.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "stream": True,
            "stream_options": {"include_usage": True},
            "max_tokens": params.max_tokens,
            "temperature": params.temperature,
            "top_p": params.top_p,
            # llama.cpp's names, then vLLM's; each server ignores the other's.
            "top_k": params.top_k,
            "repeat_penalty": params.repeat_penalty,
            "repetition_penalty": params.repeat_penalty,
        }
        if params.seed is not None:
            body["seed"] = params.seed
        if params.grammar is not None:
            body["grammar"] = params.grammar
        return body

    def _serialised(
        self,
        run: Generation,
        body: dict[str, Any],
        prompt_tokens: int,
        cancel: threading.Event,
        started: float,
    ) -> Generator[str, None, None]:
        while not self._generation_lock.acquire(timeout=POLL_SECONDS):
            if cancel.is_set():
                run.stats = _stats(
                    prompt_tokens,
                    reused=0,
                    completion=0,
                    started=started,
                    first_at=None,
                    finished=None,
                    cancelled=True,
                    hit_max_tokens=False,
                )
                return
        try:
            yield from self._stream(run, body, prompt_tokens, cancel, started)
        finally:
            self._generation_lock.release()

    def _stream(
        self,
        run: Generation,
        body: dict[str, Any],
        prompt_tokens: int,
        cancel: threading.Event,
        started: float,
    ) -> Generator[str, None, None]:
        reader = StreamReader(self._client, body, cancel)
        reader.start()
        text = TextStream(())
        first_at: float | None = None
        pieces = 0
        usage = Usage(None, 0, None)
        outcome: ExchangeOutcome = "cancelled"
        try:
            for event in reader.events(cancel):
                if isinstance(event, Failure):
                    outcome = "failed"
                    self._failing = True
                    raise ServerUnavailable(
                        f"The hospital server {self._policy.endpoint} {event.message}"
                        + (
                            f" after {pieces:,} pieces of the draft; the text so far is kept, "
                            "unsaved."
                            if pieces
                            else "."
                        )
                    )
                if isinstance(event, Usage):
                    usage = usage.merged(event)
                elif isinstance(event, Piece):
                    pieces += 1
                    if shown := text.feed(event.text.encode()):
                        first_at = first_at or time.perf_counter()
                        yield shown
            if cancel.is_set():
                return
            if tail := text.finish():
                first_at = first_at or time.perf_counter()
                yield tail
            outcome = "completed"
            self._failing = False
        finally:
            reader.stop()
            finished = time.perf_counter()
            completion = usage.completion_tokens if usage.completion_tokens else pieces
            run.stats = _stats(
                prompt_tokens,
                reused=usage.reused_prompt_tokens,
                completion=completion,
                started=started,
                first_at=first_at,
                finished=finished,
                cancelled=outcome != "completed",
                hit_max_tokens=usage.finish_reason == "length",
            )
            self._exchange = ServerExchange(
                server=self._policy.endpoint,
                model=self._policy.model,
                prompt_tokens=prompt_tokens,
                completion_tokens=completion,
                time_to_first_token=None if first_at is None else first_at - started,
                seconds=finished - started,
                outcome=outcome,
            )

    def _get_json(self, path: str) -> Any:
        return self._checked_json(lambda: self._client.get(path, timeout=self._short_timeout))

    def _post_json(self, path: str, body: dict[str, Any]) -> Any | None:
        response = self._send(
            lambda: self._client.post(path, json=body, timeout=self._short_timeout)
        )
        if response.status_code in _MISSING_ENDPOINT:
            return None
        return self._decoded(response)

    def _checked_json(self, request: Any) -> Any:
        return self._decoded(self._send(request))

    def _send(self, request: Any) -> httpx.Response:
        try:
            response: httpx.Response = request()
        except httpx.ConnectError as error:
            self._failing = True
            raise _connect_failure(self._policy.endpoint, error) from None
        except httpx.RemoteProtocolError:
            # What a TLS 1.3 server that refuses the client certificate looks like from here.
            self._failing = True
            raise ServerUnavailable(
                f"The hospital server {self._policy.endpoint} closed the connection without "
                "answering; if it requires a client certificate, this workstation's is missing "
                "or was refused."
            ) from None
        except httpx.HTTPError as error:
            self._failing = True
            raise ServerUnavailable(
                f"The hospital server {self._policy.endpoint} did not answer "
                f"({type(error).__name__})."
            ) from None
        _refuse_redirect(self._policy.endpoint, response)
        return response

    def _decoded(self, response: httpx.Response) -> Any:
        if response.status_code in (401, 403):
            raise ServerUntrusted(
                f"The hospital server {self._policy.endpoint} refused this workstation "
                f"(HTTP {response.status_code}): check its client certificate or API key."
            )
        if response.status_code != 200:
            raise GenerationFailed(
                f"The hospital server {self._policy.endpoint} answered HTTP {response.status_code}."
            )
        try:
            return response.json()
        except ValueError:
            raise GenerationFailed(
                f"The hospital server {self._policy.endpoint} did not answer with JSON."
            ) from None


def _stats(
    prompt_tokens: int,
    *,
    reused: int,
    completion: int,
    started: float,
    first_at: float | None,
    finished: float | None,
    cancelled: bool,
    hit_max_tokens: bool,
) -> GenerationStats:
    """The local engine's stats, measured from here: the server's queue and network included."""
    end = finished if finished is not None else started
    prompt_done = first_at if first_at is not None else end
    generating = max(end - prompt_done, 0.0)
    return GenerationStats(
        prompt_tokens=prompt_tokens,
        reused_prompt_tokens=min(reused, prompt_tokens),
        completion_tokens=completion,
        prompt_seconds=prompt_done - started,
        generation_seconds=generating,
        time_to_first_token=None if first_at is None else first_at - started,
        tokens_per_second=completion / generating if generating > 0 else 0.0,
        cancelled=cancelled,
        hit_max_tokens=hit_max_tokens,
    )


def _client_for(policy: InferenceServerPolicy) -> httpx.Client:
    """The one client for the server; unreadable certificate or key files are named."""
    headers = {}
    try:
        if policy.api_key_file is not None:
            headers["Authorization"] = f"Bearer {_api_key(policy.api_key_file)}"
        context = server_tls_context(policy)
    except (OSError, ssl.SSLError, ValueError) as error:
        raise ServerUntrusted(
            f"The machine policy's files for the hospital server {policy.endpoint} cannot be "
            f"used ({type(error).__name__}: {error}); no note was sent."
        ) from None
    return httpx.Client(
        base_url=policy.url + "/",
        verify=context,
        trust_env=False,
        follow_redirects=False,
        headers=headers,
        timeout=httpx.Timeout(
            connect=policy.connect_timeout_seconds,
            read=policy.read_timeout_seconds,
            write=_WRITE_TIMEOUT_SECONDS,
            pool=policy.connect_timeout_seconds,
        ),
    )


def _api_key(path: Path) -> str:
    """The key in `path`, read as llama-server reads its `--api-key-file`: the first line that is
    neither empty nor a `#` comment, so a copy of the server's own file works too."""
    for line in path.read_text(encoding="utf-8").splitlines():
        key = line.strip()
        if key and not key.startswith("#"):
            if not key.isprintable() or " " in key:
                raise ValueError(f"{path} holds a key with spaces or control characters")
            return key
    raise ValueError(f"{path} holds no key (only empty lines or # comments)")


def _connect_failure(
    endpoint: str, error: httpx.ConnectError
) -> ServerUntrusted | ServerUnavailable:
    """A refused certificate or pin is a trust failure; anything else, an unreachable server."""
    cause: BaseException = error
    while (inner := cause.__cause__ or cause.__context__) is not None:
        cause = inner
    if isinstance(cause, ssl.SSLCertVerificationError):
        return ServerUntrusted(
            f"The hospital server {endpoint} failed the TLS check the machine policy sets "
            f"({cause.args[-1] if cause.args else cause}); no note was sent."
        )
    return ServerUnavailable(f"The hospital server {endpoint} cannot be reached ({cause}).")


def _refuse_redirect(endpoint: str, response: httpx.Response) -> None:
    if response.is_redirect:
        raise ServerUntrusted(
            f"The hospital server {endpoint} answered with a redirect (HTTP "
            f"{response.status_code}); notes go only to the server the policy names."
        )
