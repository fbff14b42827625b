"""Audit logs a restore replaced: named in the restored log, and checked to still be there.

A restore moves the live files into a `replaced-…` folder and makes a backup's log the live
one. The replaced log ends with the restore's first event (`replacing_this_log`, signed over
at close); the restored log's own restore event names the folder and that log's last signed
checkpoint (`replaced-…@seq:hash`). `audit verify` then requires the folder to still hold that
log and checkpoint, so restoring a made-up backup and deleting the `replaced-…` folder shows.
The user can still delete the folder (it is their file); what they cannot do is make the
deletion go unnoticed without also rewriting the live log, which its anchor and checkpoints
catch.
"""

import re
from pathlib import Path

from app.domain.audit import AuditAction, AuditFilter, Outcome
from app.storage.audit import AuditStore
from app.storage.audit_checkpoints import CheckpointLog
from app.storage.backup import RestoreSummary

_HASH_CHARS = 40
_REFERENCE = re.compile(r"(replaced-[0-9A-Za-z]+)@([1-9][0-9]*):([0-9a-f]{40})")


def replaced_log_reference(summary: RestoreSummary) -> str | None:
    """`replaced-…@seq:hash` for the restore's audit event; None when nothing was replaced."""
    if summary.set_aside is None or summary.replaced_head is None:
        return None
    seq, digest = summary.replaced_head
    return f"{summary.set_aside.name}@{seq}:{digest[:_HASH_CHARS]}"


def missing_replaced_log(store: AuditStore, root: Path) -> str | None:
    """Why a log some restore replaced is no longer where that restore put it; None if all are."""
    query = AuditFilter(action=AuditAction.BACKUP_RESTORE, outcome=Outcome.SUCCESS)
    for chained in store.matching(query):
        found = _REFERENCE.fullmatch(chained.event.object_id or "")
        if found is None:
            continue
        folder, seq, prefix = root / found[1], int(found[2]), found[3]
        checkpoints = CheckpointLog.beside(folder / "audit.db").read().checkpoints
        kept = (folder / "audit.db").exists() and any(
            checkpoint.seq == seq and checkpoint.hash.startswith(prefix)
            for checkpoint in checkpoints
        )
        if not kept:
            return (
                f"the audit log that the restore of {chained.event.occurred_at:%Y-%m-%d %H:%M} "
                f"UTC (row {chained.seq}) replaced is no longer in {folder.name}: it was deleted "
                "or altered after the restore"
            )
    return None
