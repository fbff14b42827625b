"""The audit log in audit.db: an append-only hash chain, written by one thread in group commits.

Each row stores the exact canonical bytes that were hashed, so verification re-hashes what is on
disk instead of re-serialising it, and a verifier written in another language can do the same.

Every durable commit costs an fsync (milliseconds), so appends are queued to a single writer
thread that commits whatever has queued up in one transaction: callers waiting at the same time
share one fsync, and an append returns only once its transaction has committed. One writer also
means one order, so the chain stays single without a lock held across the fsync.

The chain shows that rows were changed, removed, inserted or reordered. It cannot show that the
newest rows were cut off, or that someone holding the key rebuilt the whole chain: `verify`
takes anchors (seq → hash, from signed checkpoints kept outside this file) to catch those.
"""

import hashlib
import json
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import ValidationError

from app.domain.audit import GENESIS_HASH, AuditEvent, AuditFilter, ChainedEvent, canonical_json
from app.storage.database import Cursor, DatabaseCorrupt, EncryptedDatabase, Row, StorageError
from app.storage.migrations import AUDIT_DB_MIGRATIONS, migrate

_BATCH = 5000
_ROW_COLUMNS = "seq, CAST(event_json AS BLOB), prev_hash, hash"
_FIELD = "iif(json_valid(event_json), json_extract(event_json, '$.{}'), NULL)"
"""Written exactly as in the audit_events_by_* indexes, or SQLite will not use them."""
_MAX_EVENTS_PER_COMMIT = 4096
_log = logging.getLogger(__name__)

CommitListener = Callable[[Sequence[ChainedEvent]], None]
"""Called on the writer thread, in chain order, with each transaction's events once durable and
before their appends return, so a checkpoint that is due exists when the append is acknowledged."""


@dataclass(frozen=True, slots=True)
class AuditVerification:
    """The result of walking the hash chain: intact, or where and how it broke."""

    ok: bool
    events_checked: int
    """Rows found intact, in order, before the first problem (all rows when `ok`)."""
    first_bad_seq: int | None = None
    problem: str | None = None
    missing_range: tuple[int, int] | None = None
    """First and last seq a checkpoint proves once existed but the log no longer holds."""

    def describe(self) -> str:
        """One line for a person: what was checked and, if broken, where and how."""
        if self.ok:
            return f"Audit log intact: {self.events_checked} events verified."
        where = "" if self.first_bad_seq is None else f" at row {self.first_bad_seq}"
        missing = (
            ""
            if self.missing_range is None
            else f" Missing rows: {self.missing_range[0]} to {self.missing_range[1]}."
        )
        return (
            f"Audit log BROKEN{where}: {self.problem} "
            f"({self.events_checked} events checked before it).{missing}"
        )


class AuditLogClosed(StorageError):
    """An append arrived after the audit log was closed."""


@dataclass(frozen=True, slots=True)
class _Request:
    events: tuple[AuditEvent, ...]
    done: "Future[list[ChainedEvent]]"


_STOP = None


class AuditStore:
    """The append-only, hash-chained audit log in its own encrypted audit.db.

    Appends go through one writer thread so events are chained in the order they were
    recorded; listeners (the log forwarder, the checkpointer) hear of each commit."""

    def __init__(self, db: EncryptedDatabase) -> None:
        """Bring `db` to the audit schema; the writer thread starts with the first append."""
        migrate(db, AUDIT_DB_MIGRATIONS)
        self._db = db
        self._requests: queue.SimpleQueue[_Request | None] = queue.SimpleQueue()
        self._listeners: list[CommitListener] = []
        self._state_lock = threading.Lock()
        self._writer: threading.Thread | None = None
        self._closed = False

    def append(self, event: AuditEvent) -> ChainedEvent:
        """Append one event and return it chained, once it is durable on disk."""
        return self.append_many((event,))[0]

    def append_many(self, events: Iterable[AuditEvent]) -> list[ChainedEvent]:
        """Append in one transaction: all of `events` are recorded, or none; return once durable."""
        return self.submit(events).result()

    def submit(self, events: Iterable[AuditEvent]) -> "Future[list[ChainedEvent]]":
        """Queue `events` for the writer; the future resolves once their commit is durable.

        For callers that keep several appends in flight (imports, the benchmark); a failed
        commit resolves the future with the storage error instead.
        """
        request = _Request(tuple(events), Future())
        with self._state_lock:
            if self._closed:
                raise AuditLogClosed(f"The audit log {self._db.path} is closed.")
            if self._writer is None:
                self._writer = threading.Thread(
                    target=self._write_loop, name="audit-writer", daemon=True
                )
                self._writer.start()
            elif threading.current_thread() is self._writer:
                raise RuntimeError("a commit listener cannot append to the audit log")
            self._requests.put(request)
        return request.done

    def subscribe(self, listener: CommitListener) -> None:
        """Call `listener` with each transaction's events once durable (see CommitListener)."""
        with self._state_lock:
            self._listeners.append(listener)

    def close(self) -> None:
        """Commit what is queued, notify listeners, and stop the writer; idempotent."""
        with self._state_lock:
            if self._closed:
                return
            self._closed = True
            writer = self._writer
            self._requests.put(_STOP)
        if writer is not None:
            writer.join()

    def head(self) -> tuple[int, str]:
        """The last seq and its hash; (0, GENESIS_HASH) for an empty log."""
        return chain_head(self._db)

    def hash_at(self, seq: int) -> str | None:
        """The stored hash of row `seq`; None when the log has no such row."""
        row = self._db.query_one("SELECT hash FROM audit_events WHERE seq = ?", (seq,))
        return None if row is None else str(row[0])

    def archive_replaced_log(self, name: str, rows: Iterable[Row]) -> None:
        """Keep another log's rows `(seq, event_json, prev_hash, hash)` under `name`, as is."""
        with self._db.transaction() as cursor:
            cursor.executemany(
                "INSERT OR IGNORE INTO replaced_audit_events"
                " (replaced_log, seq, event_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?)",
                ((name, *row) for row in rows),
            )

    def archived_rows(self, name: str) -> Iterator[Row]:
        """The rows archived under `name`, in seq order, a batch at a time; none if none."""
        after_seq = 0
        while True:
            rows = self._db.query(
                "SELECT seq, event_json, prev_hash, hash FROM replaced_audit_events"
                " WHERE replaced_log = ? AND seq > ? ORDER BY seq LIMIT ?",
                (name, after_seq, _BATCH),
            )
            yield from rows
            if len(rows) < _BATCH:
                return
            after_seq = rows[-1][0]

    def draft_states(self) -> dict[str, tuple[int, str | None]]:
        """Each draft's revision and digest as the newest event that carries one left it.

        Read with SQLite's JSON functions in one pass, so a start does not parse years of log.
        """
        rows = self._db.query(
            f"SELECT {_FIELD.format('object_id')}, {_FIELD.format('draft_revision')},"
            f" {_FIELD.format('draft_digest')} FROM audit_events"
            f" WHERE {_FIELD.format('draft_revision')} IS NOT NULL ORDER BY seq"
        )
        return {str(draft_id): (int(revision), digest) for draft_id, revision, digest in rows}

    def events(self, *, after_seq: int = 0) -> Iterator[ChainedEvent]:
        """Stream events in seq order, a batch at a time, without holding the database lock."""
        for batch in self._row_batches(after_seq):
            for row in batch:
                yield _chained(row)

    def search(
        self, query: AuditFilter, *, limit: int, before_seq: int | None = None
    ) -> list[ChainedEvent]:
        """Up to `limit` events matching `query`, newest first, all older than `before_seq`.

        Paging by seq rather than by offset keeps each page one index walk however deep the
        reviewer goes, and a page never shifts when new events are appended meanwhile.
        """
        where, parameters = _conditions(query)
        if before_seq is not None:
            where.append("seq < ?")
            parameters.append(before_seq)
        rows = self._db.query(
            f"SELECT {_ROW_COLUMNS} FROM audit_events {_where(where)} ORDER BY seq DESC LIMIT ?",
            (*parameters, limit),
        )
        return [_chained(row) for row in rows]

    def matching(self, query: AuditFilter) -> Iterator[ChainedEvent]:
        """Every event matching `query`, oldest first, a batch at a time (for exports)."""
        where, parameters = _conditions(query)
        after_seq = 0
        while True:
            rows = self._db.query(
                f"SELECT {_ROW_COLUMNS} FROM audit_events {_where([*where, 'seq > ?'])}"
                " ORDER BY seq LIMIT ?",
                (*parameters, after_seq, _BATCH),
            )
            for row in rows:
                yield _chained(row)
            if len(rows) < _BATCH:
                return
            after_seq = rows[-1][0]

    def verify(self, anchors: Mapping[int, str] | None = None) -> AuditVerification:
        """Walk the whole chain; stop at the first row that is out of place or altered.

        `anchors` are hashes the chain must hold at given seqs (from signed checkpoints); an
        anchor past the last row means rows were cut off. An intact row is proven by its
        position, its link and a hash of its stored bytes; the JSON is parsed only to describe a
        row that fails, which keeps a million rows to seconds.
        """
        expected = dict(anchors or {})
        sha256, from_hex = hashlib.sha256, bytes.fromhex
        expected_seq = 1
        expected_prev = GENESIS_HASH
        last_anchor = 0
        for batch in self._row_batches(0):
            for seq, event_json, prev_hash, digest in batch:
                if (
                    seq != expected_seq
                    or prev_hash != expected_prev
                    or sha256(from_hex(prev_hash) + event_json).hexdigest() != digest
                ):
                    return _broken(seq, expected_seq, prev_hash, expected_prev, event_json)
                if seq in expected:
                    if expected[seq] != digest:
                        return _rewritten(seq, last_anchor)
                    last_anchor = seq
                expected_seq += 1
                expected_prev = digest
        last_seq = expected_seq - 1
        beyond = [seq for seq in expected if seq > last_seq]
        if beyond:
            return AuditVerification(
                ok=False,
                events_checked=last_seq,
                first_bad_seq=last_seq + 1,
                problem=f"rows {last_seq + 1} to {max(beyond)} were cut off the end of the log "
                f"(a signed checkpoint records seq {max(beyond)})",
                missing_range=(last_seq + 1, max(beyond)),
            )
        return AuditVerification(ok=True, events_checked=last_seq)

    def _write_loop(self) -> None:
        while True:
            first = self._requests.get()
            if first is _STOP:
                return
            # Let the appenders the last commit just woke queue their next events first: one
            # yield of the GIL grows the batch; measured 5-40% more appends/s with 8 or more
            # threads, a little less for a single appender (docs/performance.md).
            time.sleep(0)
            batch = [first]
            queued = len(first.events)
            stop = False
            while queued < _MAX_EVENTS_PER_COMMIT:
                try:
                    request = self._requests.get_nowait()
                except queue.Empty:
                    break
                if request is _STOP:
                    stop = True
                    break
                batch.append(request)
                queued += len(request.events)
            self._commit(batch)
            if stop:
                return

    def _commit(self, batch: list[_Request]) -> None:
        try:
            with self._db.transaction() as cursor:
                chained = [_chain(cursor, request.events) for request in batch]
        except Exception as error:
            for request in batch:
                request.done.set_exception(error)
            return
        committed = [event for events in chained for event in events]
        if committed:
            self._notify(committed)
        for request, events in zip(batch, chained, strict=True):
            request.done.set_result(events)

    def _notify(self, committed: Sequence[ChainedEvent]) -> None:
        """A listener that fails must not stop auditing: the events are already durable."""
        for listener in list(self._listeners):
            try:
                listener(committed)
            except Exception as error:
                _log.error("an audit commit listener failed (%s)", type(error).__name__)

    def _row_batches(self, after_seq: int) -> Iterator[list[Row]]:
        """(seq, event_json as its stored UTF-8 bytes, prev_hash, hash) in seq order.

        Hashes stay hex text: converting them in SQL (unhex) allocates per row, and with
        cipher_memory_security every allocation is wiped, which made verification 5x slower.
        """
        while True:
            rows = self._db.query(
                f"SELECT {_ROW_COLUMNS} FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?",
                (after_seq, _BATCH),
            )
            yield rows
            if len(rows) < _BATCH:
                return
            after_seq = rows[-1][0]


def _conditions(query: AuditFilter) -> tuple[list[str], list[object]]:
    where: list[str] = []
    parameters: list[object] = []
    for name, value in (
        ("user_id", query.user_id),
        ("patient_ref", query.patient_ref),
        ("action", query.action),
        ("outcome", query.outcome),
    ):
        if value is not None:
            where.append(f"{_FIELD.format(name)} = ?")
            parameters.append(str(value))
    for operator, moment in ((">=", query.since), ("<", query.until)):
        if moment is not None:
            where.append(f"{_FIELD.format('occurred_at')} {operator} ?")
            parameters.append(_stored_time_bound(moment))
    return where, parameters


def _where(conditions: list[str]) -> str:
    return f"WHERE {' AND '.join(conditions)}" if conditions else ""


def _stored_time_bound(moment: datetime) -> str:
    """A bound that compares as text with stored times, which drop a zero fraction
    (`…T08:00:00Z` beside `…T08:00:00.5Z`): against `…T08:00:00.000000Z` both sort right."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S") + ".000000Z"


def chain_head(db: EncryptedDatabase) -> tuple[int, str]:
    """The last seq and its hash, read inside whatever transaction `db` has open."""
    row = db.query_one("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1")
    return (0, GENESIS_HASH) if row is None else (int(row[0]), str(row[1]))


def _chain(cursor: Cursor, events: Sequence[AuditEvent]) -> list[ChainedEvent]:
    """Insert `events` after the current end of the chain, inside the caller's transaction.

    The end is read inside the write transaction, so appenders in other processes queue
    behind it and the log stays one chain.
    """
    if not events:
        return []
    seq, prev_hash = _chain_end(cursor)
    chained: list[ChainedEvent] = []
    rows = []
    for event in events:
        seq += 1
        body = canonical_json(seq, event)
        digest = _link(prev_hash, body)
        rows.append((seq, body.decode(), prev_hash, digest))
        chained.append(ChainedEvent(seq=seq, event=event, prev_hash=prev_hash, hash=digest))
        prev_hash = digest
    cursor.executemany(
        "INSERT INTO audit_events (seq, event_json, prev_hash, hash) VALUES (?, ?, ?, ?)", rows
    )
    return chained


def _chain_end(cursor: Cursor) -> tuple[int, str]:
    last = cursor.execute("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone()
    return (0, GENESIS_HASH) if last is None else (last[0], last[1])


def _link(prev_hash: str, body: bytes) -> str:
    """`chain_hash`, computed over bytes already serialised."""
    return hashlib.sha256(bytes.fromhex(prev_hash) + body).hexdigest()


def _broken(
    seq: int, expected_seq: int, prev_hash: str, expected_prev: str, event_json: bytes
) -> AuditVerification:
    return AuditVerification(
        ok=False,
        events_checked=expected_seq - 1,
        first_bad_seq=expected_seq,
        problem=_misplaced(seq, expected_seq, prev_hash, expected_prev)
        or _altered(seq, event_json),
    )


def _rewritten(seq: int, last_good_anchor: int) -> AuditVerification:
    """The chain links, yet disagrees with a signed checkpoint: it was rebuilt or replaced."""
    first_suspect = last_good_anchor + 1
    return AuditVerification(
        ok=False,
        events_checked=last_good_anchor,
        first_bad_seq=first_suspect,
        problem=f"seq {seq} does not hold the hash its signed checkpoint records: rows "
        f"{first_suspect} to {seq} were rewritten, or the log was replaced",
    )


def _misplaced(seq: int, expected_seq: int, prev_hash: str, expected_prev: str) -> str | None:
    if seq < expected_seq:
        return f"the log holds seq {seq}; numbering must start at 1"
    if seq > expected_seq:
        return f"seq {expected_seq} is missing (the next row is {seq})"
    if prev_hash != expected_prev:
        return f"seq {seq} does not link to the row before it (prev_hash differs)"
    return None


def _altered(seq: int, event_json: bytes) -> str:
    """Describe a row in place and linked whose hash does not match its bytes."""
    try:
        body = json.loads(event_json)
    except ValueError:
        return f"seq {seq} does not hold valid JSON"
    if not isinstance(body, dict) or body.get("seq") != seq:
        return f"seq {seq} holds the event recorded at another position"
    return f"seq {seq} was changed after it was written (hash differs)"


def _chained(row: Row) -> ChainedEvent:
    seq, event_json, prev_hash, digest = row
    try:
        fields = json.loads(event_json)
        fields.pop("seq")
        event = AuditEvent.model_validate(fields)
    except (ValueError, KeyError, AttributeError, ValidationError):
        raise DatabaseCorrupt(
            f"Audit event {seq} cannot be read; run audit verification."
        ) from None
    return ChainedEvent(seq=seq, event=event, prev_hash=prev_hash, hash=digest)
