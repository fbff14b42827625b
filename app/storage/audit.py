"""The audit log in audit.db: an append-only hash chain.

Each row stores the exact canonical bytes that were hashed, so verification re-hashes what is on
disk instead of re-serialising it, and a verifier written in another language can do the same.

The chain shows that rows were changed, removed, inserted or reordered; it cannot show that the
newest rows were cut off, or that someone holding the key rebuilt the whole chain. Catching those
needs a checkpoint (last seq and hash) kept off this computer.
"""

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pydantic import ValidationError

from app.domain.audit import GENESIS_HASH, AuditEvent, ChainedEvent, canonical_json
from app.storage.database import Cursor, DatabaseCorrupt, EncryptedDatabase, Row
from app.storage.migrations import AUDIT_DB_MIGRATIONS, migrate

_BATCH = 5000


@dataclass(frozen=True, slots=True)
class AuditVerification:
    ok: bool
    events_checked: int
    """Rows found intact, in order, before the first problem (all rows when `ok`)."""
    first_bad_seq: int | None = None
    problem: str | None = None


class AuditStore:
    def __init__(self, db: EncryptedDatabase) -> None:
        migrate(db, AUDIT_DB_MIGRATIONS)
        self._db = db

    def append(self, event: AuditEvent) -> ChainedEvent:
        return self.append_many((event,))[0]

    def append_many(self, events: Iterable[AuditEvent]) -> list[ChainedEvent]:
        """Append in one transaction: all of `events` are recorded, or none.

        The last row is read inside the write transaction, so appenders in other threads or
        processes queue behind it and the log stays one chain.
        """
        chained: list[ChainedEvent] = []
        with self._db.transaction() as cursor:
            seq, prev_hash = _chain_end(cursor)
            rows = []
            for event in events:
                seq += 1
                body = canonical_json(seq, event)
                digest = _link(prev_hash, body)
                rows.append((seq, body.decode(), prev_hash, digest))
                chained.append(ChainedEvent(seq=seq, event=event, prev_hash=prev_hash, hash=digest))
                prev_hash = digest
            cursor.executemany(
                "INSERT INTO audit_events (seq, event_json, prev_hash, hash) VALUES (?, ?, ?, ?)",
                rows,
            )
        return chained

    def events(self, *, after_seq: int = 0) -> Iterator[ChainedEvent]:
        """Stream events in seq order, a batch at a time, without holding the database lock."""
        for row in self._rows(after_seq):
            yield _chained(row)

    def verify(self) -> AuditVerification:
        """Walk the whole chain; stop at the first row that is out of place or altered.

        An intact row is proven by its position, its link and a hash of its stored bytes; the
        JSON is parsed only to describe a row that fails, which keeps a million rows to seconds.
        """
        expected_seq = 1
        expected_prev = GENESIS_HASH
        for seq, event_json, prev_hash, digest in self._rows(0):
            if (
                seq != expected_seq
                or prev_hash != expected_prev
                or _link(prev_hash, event_json) != digest
            ):
                return AuditVerification(
                    ok=False,
                    events_checked=expected_seq - 1,
                    first_bad_seq=expected_seq,
                    problem=_misplaced(seq, expected_seq, prev_hash, expected_prev)
                    or _altered(seq, event_json),
                )
            expected_seq += 1
            expected_prev = digest
        return AuditVerification(ok=True, events_checked=expected_seq - 1)

    def _rows(self, after_seq: int) -> Iterator[Row]:
        """(seq, event_json as its stored UTF-8 bytes, prev_hash, hash), in seq order."""
        while True:
            rows = self._db.query(
                "SELECT seq, CAST(event_json AS BLOB), prev_hash, hash FROM audit_events"
                " WHERE seq > ? ORDER BY seq LIMIT ?",
                (after_seq, _BATCH),
            )
            yield from rows
            if len(rows) < _BATCH:
                return
            after_seq = rows[-1][0]


def _chain_end(cursor: Cursor) -> tuple[int, str]:
    last = cursor.execute("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone()
    return (0, GENESIS_HASH) if last is None else (last[0], last[1])


def _link(prev_hash: str, body: bytes) -> str:
    """`chain_hash`, computed over bytes already serialised."""
    return hashlib.sha256(bytes.fromhex(prev_hash) + body).hexdigest()


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
