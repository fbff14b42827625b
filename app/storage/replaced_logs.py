"""Audit logs a restore replaced: carried inside the restored log, and proved by `audit verify`.

A restore moves the live files into a `replaced-…` folder and makes a backup's log the live
one. The replaced log ends with the restore's first event (`replacing_this_log`, signed over
at close). The restored workstation then copies every row of the replaced log, exactly as it
was chained, into its own encrypted audit.db (`replaced_audit_events`, append-only), and only
then records its restore event, which names the folder and the replaced log's last signed
checkpoint (`replaced-…@seq:hash`) inside the live, anchored chain.

`audit verify` recomputes the archived chain from its first row and requires it to reach that
checkpoint's hash, so deleting the `replaced-…` folder loses nothing, and deleting or editing
archived rows (which takes the database key) fails verification, as does cutting the restore
event out of the live chain. A restore made before archiving existed is still checked against
its folder.
"""

import hashlib
import re
from collections.abc import Iterable, Iterator
from itertools import chain, groupby
from pathlib import Path

from app.domain.audit import GENESIS_HASH, AuditAction, AuditFilter, Outcome
from app.storage.audit import AuditStore
from app.storage.audit_checkpoints import CheckpointLog
from app.storage.backup import RestoreSummary
from app.storage.database import EncryptedDatabase, Row

_ARCHIVE_TABLE = "replaced_audit_events"
_BATCH = 4096

_HASH_CHARS = 40
_REFERENCE = re.compile(r"(replaced-[0-9A-Za-z]+)@([1-9][0-9]*):([0-9a-f]{40})")


def replaced_log_reference(summary: RestoreSummary) -> str | None:
    """`replaced-…@seq:hash` for the restore's audit event; None when nothing was replaced."""
    if summary.set_aside is None or summary.replaced_head is None:
        return None
    seq, digest = summary.replaced_head
    return f"{summary.set_aside.name}@{seq}:{digest[:_HASH_CHARS]}"


def archive_replaced_log(store: AuditStore, summary: RestoreSummary, key: bytes) -> None:
    """Copy the log a restore set aside, and the logs it had archived itself, into `store`.

    The set-aside audit.db is still encrypted under the live entry's key (`key`). Rows go over
    a batch at a time, so a replaced log of years is never held in memory whole.
    """
    if summary.set_aside is None or not (summary.set_aside / "audit.db").exists():
        return
    with EncryptedDatabase(summary.set_aside / "audit.db", key) as replaced:
        own = "SELECT rowid, seq, CAST(event_json AS BLOB), prev_hash, hash FROM audit_events"
        for batch in _batches(replaced, own):
            store.archive_replaced_log(summary.set_aside.name, batch)
        if replaced.query_one(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (_ARCHIVE_TABLE,)
        ):
            kept = (
                "SELECT rowid, replaced_log, seq, event_json, prev_hash, hash"
                f" FROM {_ARCHIVE_TABLE}"
            )
            for batch in _batches(replaced, kept):
                for name, rows in groupby(batch, key=lambda row: str(row[0])):
                    store.archive_replaced_log(name, [tuple(row[1:]) for row in rows])


def _batches(db: EncryptedDatabase, select: str) -> Iterator[list[Row]]:
    """The rows of `select` (rowid first) in rowid order, a batch at a time, rowid dropped."""
    after = 0
    while True:
        rows = db.query(f"{select} WHERE rowid > ? ORDER BY rowid LIMIT ?", (after, _BATCH))
        if not rows:
            return
        yield [tuple(row[1:]) for row in rows]
        after = int(rows[-1][0])


def missing_replaced_log(store: AuditStore, root: Path) -> str | None:
    """Why a log some restore replaced is not proved intact; None when every one is."""
    query = AuditFilter(action=AuditAction.BACKUP_RESTORE, outcome=Outcome.SUCCESS)
    for chained in store.matching(query):
        found = _REFERENCE.fullmatch(chained.event.object_id or "")
        if found is None:
            continue
        name, seq, prefix = found[1], int(found[2]), found[3]
        when = f"the restore of {chained.event.occurred_at:%Y-%m-%d %H:%M} UTC (row {chained.seq})"
        archived = store.archived_rows(name)
        first = next(archived, None)
        if first is not None:
            problem = _archive_problem(chain([first], archived), seq, prefix)
            if problem is not None:
                return f"the audit log that {when} replaced, kept in this log, {problem}"
        elif not _kept_in_folder(root / name, seq, prefix):
            return (
                f"the audit log that {when} replaced is no longer in {name}: it was deleted "
                "or altered after the restore"
            )
    return None


def _archive_problem(rows: Iterable[Row], seq: int, prefix: str) -> str | None:
    """Recompute an archived chain from its first row; it must reach the named checkpoint."""
    previous = GENESIS_HASH
    for expected, (row_seq, event_json, prev_hash, digest) in enumerate(rows, start=1):
        body = bytes(event_json)
        if row_seq != expected or prev_hash != previous:
            return f"lacks row {expected}: archived rows were deleted"
        if hashlib.sha256(bytes.fromhex(prev_hash) + body).hexdigest() != digest:
            return f"has row {row_seq} altered"
        if row_seq == seq:
            return None if str(digest).startswith(prefix) else f"has row {seq} rewritten"
        previous = str(digest)
    return f"ends before row {seq}, its last signed checkpoint: archived rows were deleted"


def _kept_in_folder(folder: Path, seq: int, prefix: str) -> bool:
    checkpoints = CheckpointLog.beside(folder / "audit.db").read().checkpoints
    return (folder / "audit.db").exists() and any(
        checkpoint.seq == seq and checkpoint.hash.startswith(prefix) for checkpoint in checkpoints
    )
