"""Forwarding audit events and checkpoints to the hospital's collector: RFC 5424 over TLS.

Each audit event leaves as it is stored (metadata only, the exact canonical JSON that was hashed,
with its seq, hash and previous hash), so the collector can verify the chain itself; each signed
checkpoint follows the events it covers. Frames are RFC 5424 messages with RFC 5425 octet
counting, over TLS that checks the collector's certificate.

Everything offered is first written to an encrypted outbox (`ForwardQueue`) and removed only once
sent, so while the collector is down nothing is lost and, once it is back, everything arrives in
order. Syslog over TLS has no acknowledgements: a frame written into a connection the collector
is closing at that very moment can be lost. The connection is checked for a close before every
batch, which catches a collector that stopped or restarted; each frame carries its seq, so the
collector can see any gap, and the signed checkpoints make a gap provable.
"""

import collections
import contextlib
import logging
import select
import socket
import ssl
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from app.domain.audit import ChainedEvent, canonical_json
from app.storage.audit import AuditStore
from app.storage.audit_checkpoints import Checkpoint
from app.storage.forward_queue import ForwardQueue

_log = logging.getLogger(__name__)

FACILITY_LOG_AUDIT = 13
SEVERITY_INFO = 6
STRUCTURED_DATA_ID = "wardscribe@32473"
"""32473 is the private enterprise number IANA reserves for examples; a site with its own PEN
can filter on the name part alone."""
_BATCH = 500
_LONGEST_RETRY_S = 60.0


class ForwardingPolicy(BaseModel):
    """The machine policy's `[log_forwarding]` section."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    host: str = Field(min_length=1, max_length=253)
    port: int = Field(default=6514, ge=1, le=65535)
    ca_file: Path
    """PEM bundle of the CA that issued the collector's certificate."""
    client_cert_file: Path | None = None
    client_key_file: Path | None = None
    """For collectors that require mutual TLS."""
    app_name: str = Field(default="wardscribe", pattern=r"^[!-~]{1,48}$")
    connect_timeout_seconds: float = Field(default=5.0, gt=0, le=60)
    retry_seconds: float = Field(default=5.0, gt=0, le=600)


class Rfc5424Formatter:
    def __init__(self, app_name: str = "wardscribe") -> None:
        self._app_name = app_name

    def audit_event(self, chained: ChainedEvent) -> bytes:
        data = {"seq": str(chained.seq), "hash": chained.hash, "prev": chained.prev_hash}
        body = canonical_json(chained.seq, chained.event)
        return self._frame(
            chained.event.occurred_at, chained.event.workstation, "audit", data, body
        )

    def checkpoint(self, checkpoint: Checkpoint, workstation: str) -> bytes:
        data = {"seq": str(checkpoint.seq), "hash": checkpoint.hash}
        body = checkpoint.to_json().encode()
        return self._frame(checkpoint.time, workstation, "checkpoint", data, body)

    def _frame(
        self, moment: datetime, host: str, msgid: str, data: dict[str, str], body: bytes
    ) -> bytes:
        priority = FACILITY_LOG_AUDIT * 8 + SEVERITY_INFO
        timestamp = moment.astimezone(UTC).isoformat(timespec="microseconds")
        params = " ".join(f'{name}="{_sd_escape(value)}"' for name, value in data.items())
        header = (
            f"<{priority}>1 {timestamp} {_header_field(host, 255)} {self._app_name} - {msgid} "
            f"[{STRUCTURED_DATA_ID} {params}] "
        )
        message = header.encode() + body
        return f"{len(message)} ".encode() + message


class SyslogTlsTransport:
    """One TLS connection to the collector, reopened when it drops."""

    def __init__(self, host: str, port: int, context: ssl.SSLContext, timeout: float) -> None:
        self._host = host
        self._port = port
        self._context = context
        self._timeout = timeout
        self._socket: ssl.SSLSocket | None = None

    @classmethod
    def from_policy(cls, policy: ForwardingPolicy) -> "SyslogTlsTransport":
        context = ssl.create_default_context(cafile=str(policy.ca_file))
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        if policy.client_cert_file is not None:
            context.load_cert_chain(
                str(policy.client_cert_file),
                None if policy.client_key_file is None else str(policy.client_key_file),
            )
        return cls(policy.host, policy.port, context, policy.connect_timeout_seconds)

    def send(self, frames: Sequence[bytes]) -> None:
        """Write `frames` over a connection known not to have been closed by the collector."""
        if self._socket is not None and not self._still_open(self._socket):
            self.close()
        if self._socket is None:
            raw = socket.create_connection((self._host, self._port), timeout=self._timeout)
            try:
                self._socket = self._context.wrap_socket(raw, server_hostname=self._host)
            except BaseException:
                raw.close()
                raise
        try:
            self._socket.sendall(b"".join(frames))
        except OSError:
            self.close()
            raise

    def close(self) -> None:
        if self._socket is not None:
            with contextlib.suppress(OSError):
                self._socket.close()
            self._socket = None

    def _still_open(self, connection: ssl.SSLSocket) -> bool:
        """A collector never writes to us, so anything readable means a close or an error."""
        readable, _, _ = select.select([connection], [], [], 0)
        if not readable:
            return True
        try:
            connection.setblocking(False)
            return bool(connection.recv(1))
        except ssl.SSLWantReadError:
            return True
        except OSError:
            return False
        finally:
            with contextlib.suppress(OSError):
                connection.settimeout(self._timeout)


class LogForwarder:
    """Queues what it is offered, encrypted, and sends it in order from a thread of its own."""

    def __init__(
        self,
        queue: ForwardQueue,
        transport: SyslogTlsTransport,
        *,
        formatter: Rfc5424Formatter | None = None,
        workstation: str | None = None,
        retry_seconds: float = 5.0,
    ) -> None:
        self._queue = queue
        self._transport = transport
        self._formatter = formatter or Rfc5424Formatter()
        self._workstation = workstation or socket.gethostname()
        self._retry_seconds = retry_seconds
        self._offered: collections.deque[ChainedEvent | Checkpoint] = collections.deque()
        self._wake = threading.Condition()
        self._idle = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="log-forwarder", daemon=True)

    def catch_up(self, store: AuditStore) -> None:
        """Queue audit events committed but never queued (a crash between the two); call first."""
        after = self._queue.audit_through()
        batch: list[ChainedEvent] = []
        for event in store.events(after_seq=after):
            batch.append(event)
            if len(batch) == _BATCH:
                self._queue_events(batch)
                batch = []
        if batch:
            self._queue_events(batch)

    def start(self) -> None:
        self._thread.start()

    def offer_events(self, events: Sequence[ChainedEvent]) -> None:
        """An `AuditStore` listener: returns at once, on the audit writer's thread."""
        self._offer(events)

    def offer_checkpoint(self, checkpoint: Checkpoint) -> None:
        self._offer((checkpoint,))

    def wait_until_sent(self, timeout: float) -> bool:
        """Whether everything offered so far left the machine within `timeout` seconds."""
        with self._wake:
            self._idle.clear()
            self._wake.notify()
        return self._idle.wait(timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Queue what was offered, try once more to send it, and stop; the rest stays queued."""
        with self._wake:
            self._stopping = True
            self._wake.notify()
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._transport.close()

    def _offer(self, items: Sequence[ChainedEvent | Checkpoint]) -> None:
        with self._wake:
            self._offered.extend(items)
            self._idle.clear()
            self._wake.notify()

    def _run(self) -> None:
        delay = self._retry_seconds
        next_try: float | None = None
        while True:
            now = time.monotonic()
            try:
                self._queue_offered()
                if next_try is None or now >= next_try:
                    sent_all = self._send_queued()
                    next_try = None if sent_all else now + delay
                    delay = self._retry_seconds if sent_all else min(delay * 2, _LONGEST_RETRY_S)
            except Exception as error:  # the thread must outlive any one failure
                _log.error("log forwarding failed (%s); will retry", type(error).__name__)
                next_try = now + delay
            with self._wake:
                # What was offered just before close (the closing checkpoint) is queued first.
                if self._offered:
                    continue
                if self._stopping:
                    return
                if next_try is None:
                    self._idle.set()
                    self._wake.wait()
                else:
                    self._wake.wait(max(0.0, next_try - time.monotonic()))

    def _queue_offered(self) -> None:
        with self._wake:
            items = list(self._offered)
            self._offered.clear()
        events = [item for item in items if isinstance(item, ChainedEvent)]
        frames = [
            self._formatter.audit_event(item)
            if isinstance(item, ChainedEvent)
            else self._formatter.checkpoint(item, self._workstation)
            for item in items
        ]
        if frames:
            self._queue.enqueue(frames, audit_through=events[-1].seq if events else None)

    def _queue_events(self, events: Sequence[ChainedEvent]) -> None:
        frames = [self._formatter.audit_event(event) for event in events]
        self._queue.enqueue(frames, audit_through=events[-1].seq)

    def _send_queued(self) -> bool:
        while batch := self._queue.oldest(_BATCH):
            try:
                self._transport.send([frame for _, frame in batch])
            except OSError as error:
                _log.warning(
                    "log collector unreachable (%s); frames stay queued", type(error).__name__
                )
                return False
            self._queue.remove_through(batch[-1][0])
        return True


def _header_field(value: str, longest: int) -> str:
    """RFC 5424 header fields are printable US-ASCII without spaces, or a lone '-'."""
    cleaned = "".join(char for char in value if "!" <= char <= "~")[:longest]
    return cleaned or "-"


def _sd_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("]", "\\]")
