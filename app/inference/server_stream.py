"""Reading one streamed chat completion: server-sent events in, pieces of text out.

The stream is read on a daemon thread and handed over through a queue, so the drafting thread
can honour Stop at once even while the server is silent (still reading a long prompt): Stop shuts
the connection's socket, which ends the read here and tells the server to stop too. Anything
that breaks the protocol becomes a `Failure` whose message says what happened, never what the
stream held.
"""

import contextlib
import json
import queue
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx

POLL_SECONDS = 0.05


@dataclass
class Piece:
    text: str


@dataclass
class Usage:
    """What the server says about a finished answer; servers spread it over the last chunks
    (llama-server: the finish reason, then usage and timings in a chunk of their own)."""

    completion_tokens: int | None
    reused_prompt_tokens: int
    finish_reason: str | None

    def merged(self, later: "Usage") -> "Usage":
        return Usage(
            later.completion_tokens
            if later.completion_tokens is not None
            else self.completion_tokens,
            max(self.reused_prompt_tokens, later.reused_prompt_tokens),
            later.finish_reason or self.finish_reason,
        )


@dataclass
class Failure:
    message: str


_END = object()
Event = Piece | Usage | Failure | object


class StreamReader:
    """Reads one streamed completion on a daemon thread and hands its events to the drafter."""

    def __init__(self, client: httpx.Client, body: dict[str, Any], cancel: threading.Event):
        self._client = client
        self._body = body
        self._cancel = cancel
        self._queue: queue.Queue[Event] = queue.Queue()
        self._socket: socket.socket | None = None
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="server-stream", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def events(self, cancel: threading.Event) -> Iterator[Event]:
        """Events until the stream ends or `cancel` is set, checked every 50 ms."""
        while not cancel.is_set():
            try:
                event = self._queue.get(timeout=POLL_SECONDS)
            except queue.Empty:
                continue
            if event is _END:
                return
            yield event

    def stop(self) -> None:
        """Shut the connection if the stream is still open: the reader and the server both stop."""
        self._cancel_read()
        self._thread.join(timeout=1.0)

    def _cancel_read(self) -> None:
        self._stopping = True
        sock = self._socket
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed by the server or the reader
                sock.shutdown(socket.SHUT_RDWR)

    def _run(self) -> None:
        try:
            with self._client.stream("POST", "v1/chat/completions", json=self._body) as response:
                if response.status_code != 200 or response.is_redirect:
                    self._queue.put(Failure(_status_message(response)))
                    return
                stream = response.extensions.get("network_stream")
                self._socket = None if stream is None else stream.get_extra_info("socket")
                if self._stopping:
                    self._cancel_read()
                self._read_events(response)
        except httpx.TimeoutException:
            self._queue.put(Failure("stopped answering (timed out)"))
        except httpx.HTTPError as error:
            if not self._stopping:
                self._queue.put(Failure(f"broke the connection ({type(error).__name__})"))
        except _StreamRefused as error:
            self._queue.put(Failure(str(error)))
        finally:
            self._queue.put(_END)

    def _read_events(self, response: httpx.Response) -> None:
        done = False
        for line in response.iter_lines():
            if self._stopping:
                return
            if not line.startswith("data:"):
                continue  # comments (keep-alive pings), event names, blank separators
            data = line[len("data:") :].strip()
            if data == "[DONE]":
                done = True
                break
            for event in events_of(data):
                self._queue.put(event)
        if not done and not self._stopping:
            raise _StreamRefused("ended the stream before the draft was finished")


class _StreamRefused(Exception):
    """The stream broke a rule of the protocol; the message says which, never what it held."""


def events_of(data: str) -> list[Event]:
    try:
        chunk = json.loads(data)
    except ValueError:
        raise _StreamRefused("sent a stream that is not JSON") from None
    if not isinstance(chunk, dict):
        raise _StreamRefused("sent a stream that is not JSON objects")
    if "error" in chunk:
        raise _StreamRefused("reported an error part way through the draft")
    events: list[Event] = []
    choices = chunk.get("choices")
    finish_reason: str | None = None
    for choice in choices if isinstance(choices, list) else []:
        delta = choice.get("delta") if isinstance(choice, dict) else None
        content = delta.get("content") if isinstance(delta, dict) else None
        if isinstance(content, str) and content:
            events.append(Piece(content))
        reason = choice.get("finish_reason") if isinstance(choice, dict) else None
        finish_reason = reason if isinstance(reason, str) else finish_reason
    usage = chunk.get("usage")
    timings = chunk.get("timings")
    if finish_reason is not None or isinstance(usage, dict):
        completion = usage.get("completion_tokens") if isinstance(usage, dict) else None
        cached = timings.get("cache_n") if isinstance(timings, dict) else None
        events.append(
            Usage(
                completion if isinstance(completion, int) else None,
                cached if isinstance(cached, int) else 0,
                finish_reason,
            )
        )
    return events


def _status_message(response: httpx.Response) -> str:
    if response.is_redirect:
        return f"answered with a redirect (HTTP {response.status_code}), which is not followed"
    if response.status_code in (401, 403):
        return f"refused this workstation (HTTP {response.status_code})"
    return f"refused the draft (HTTP {response.status_code})"
