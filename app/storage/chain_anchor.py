"""The audit chain's newest checkpoint, anchored in the OS credential store.

`audit.db` and `audit-checkpoints.jsonl` are files in the user's folder: copying older versions
of both back over them needs no key, and the older pair agrees with itself. So every signed
checkpoint is also recorded (seq and hash) in a credential store entry beside the database key,
and verification requires that the checkpoint file still holds that checkpoint and the chain
still has that hash at that seq. A rolled-back pair, a deleted or trimmed checkpoint file, or a
log cut back below the anchor fails verification.

The anchor only moves forward from a log that agrees with it: a start on a rolled-back log does
not move it onto the rolled-back chain, so the rollback stays visible however often WardScribe
is started afterwards. What it cannot stop: someone who rewrites the credential store entry as
well (anyone running as the user can); only checkpoints forwarded off the machine catch that.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from app.keys.entries import KeyEntries, database_entry
from app.storage.audit import AuditStore

_FORM = re.compile(r"[1-9][0-9]{0,18}:[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class Anchor:
    """The newest checkpointed position of the audit chain, as the credential store holds it."""

    seq: int
    hash: str


class ChainAnchor:
    """Keeps the audit chain's newest checkpoint in the credential store, outside the data
    folder, so a log replaced whole by an older copy is caught."""

    def __init__(self, entries: KeyEntries, audit_db: Path) -> None:
        """The anchor of the audit log at `audit_db`, kept under its own credential-store entry."""
        self._entries = entries
        self.entry = f"{database_entry(audit_db)}#checkpoint-head"

    def read(self) -> Anchor | None:
        """The stored anchor, or None before the first checkpoint."""
        stored = self._entries.read_text(self.entry, _FORM)
        if stored is None:
            return None
        seq, digest = stored.split(":")
        return Anchor(int(seq), digest)

    def write(self, seq: int, digest: str) -> None:
        """Record that the chain reached `seq` with `digest`; called after each checkpoint."""
        self._entries.write_text(self.entry, f"{seq}:{digest}", _FORM)

    def problem(self, store: AuditStore, checkpoints: dict[int, str], file_name: str) -> str | None:
        """Why the log or its checkpoints disagree with the anchor; None when both agree.

        `checkpoints` maps each checkpoint's seq to its hash, as read from `file_name`.
        """
        anchor = self.read()
        if anchor is None:
            return None
        return self._file_problem(anchor, checkpoints, file_name) or self._chain_problem(
            anchor, store
        )

    def file_problem(self, checkpoints: dict[int, str], file_name: str) -> str | None:
        """Why the checkpoint file no longer holds the anchored checkpoint; None when it does.

        When it does, verifying the chain against the file checks the anchor too, and names
        the rows a cut removed.
        """
        anchor = self.read()
        return None if anchor is None else self._file_problem(anchor, checkpoints, file_name)

    @staticmethod
    def _file_problem(anchor: Anchor, checkpoints: dict[int, str], file_name: str) -> str | None:
        if checkpoints.get(anchor.seq) == anchor.hash:
            return None
        latest = max(checkpoints, default=0)
        found = f"its newest is for seq {latest}" if latest else "it holds none"
        return (
            f"the credential store records a checkpoint for seq {anchor.seq}, but {file_name} "
            f"does not hold it ({found}): the checkpoint file was deleted, cut back or replaced "
            "with an older copy"
        )

    @staticmethod
    def _chain_problem(anchor: Anchor, store: AuditStore) -> str | None:
        if store.hash_at(anchor.seq) == anchor.hash:
            return None
        return (
            f"the credential store records the chain's hash at seq {anchor.seq}, but the log no "
            "longer has it there: the log was cut back or replaced with an older copy"
        )
