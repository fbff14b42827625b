"""The log forwarder's outbox: an encrypted SQLCipher database with a key of its own.

While the collector is down, audit events and checkpoints wait here on disk. They hold no note
text, but they do name patients (MRNs) and users, so the outbox is encrypted like everything
else, under its own key: it can be deleted, or handed to support, without touching the others.
"""

from collections.abc import Sequence

from app.storage.database import EncryptedDatabase
from app.storage.migrations import FORWARD_QUEUE_MIGRATIONS, migrate

AUDIT_SOURCE = "audit"
QUEUE_FILE = "forward-queue.db"
"""Beside audit.db; its key is the database key stored under this file's path."""


class ForwardQueue:
    """The outbox of audit events and checkpoints not yet sent to the hospital's collector, in
    its own encrypted database, so nothing is lost while the collector is unreachable."""

    def __init__(self, db: EncryptedDatabase) -> None:
        """Bring `db` to the outbox schema; the queue survives restarts until frames are sent."""
        migrate(db, FORWARD_QUEUE_MIGRATIONS)
        self._db = db

    def enqueue(self, frames: Sequence[bytes], *, audit_through: int | None = None) -> None:
        """Queue `frames` in order and, in the same transaction, how far the audit log is queued."""
        with self._db.transaction() as cursor:
            cursor.executemany("INSERT INTO outbox (frame) VALUES (?)", [(f,) for f in frames])
            if audit_through is not None:
                cursor.execute(
                    "INSERT INTO progress (source, queued_through) VALUES (?, ?)"
                    " ON CONFLICT (source) DO UPDATE SET queued_through = excluded.queued_through",
                    (AUDIT_SOURCE, audit_through),
                )

    def oldest(self, limit: int) -> list[tuple[int, bytes]]:
        """Up to `limit` frames in the order queued, with the ids `remove_through` takes."""
        rows = self._db.query("SELECT id, frame FROM outbox ORDER BY id LIMIT ?", (limit,))
        return [(int(row_id), bytes(frame)) for row_id, frame in rows]

    def remove_through(self, row_id: int) -> None:
        """Drop every frame up to `row_id`, once the collector has acknowledged it."""
        self._db.execute("DELETE FROM outbox WHERE id <= ?", (row_id,))

    def pending(self) -> int:
        """How many frames still wait to be sent; `doctor` reports it."""
        row = self._db.query_one("SELECT count(*) FROM outbox")
        return 0 if row is None else int(row[0])

    def audit_through(self) -> int:
        """The last audit sequence number queued, so forwarding resumes after it."""
        row = self._db.query_one(
            "SELECT queued_through FROM progress WHERE source = ?", (AUDIT_SOURCE,)
        )
        return 0 if row is None else int(row[0])
