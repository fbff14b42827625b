"""Signed checkpoints of the audit chain, kept outside audit.db and sent off the machine.

The hash chain proves rows were not edited, but whoever holds the database key can cut rows off
the end or rebuild the whole chain. A checkpoint is (seq, hash, time) signed with an Ed25519 key
from the credential store and appended to a file beside the database, every N events and when
the log is closed; each one is also handed to the log forwarder, so a copy leaves the machine.
Verification then catches a cut tail (a checkpoint beyond the last row), a replaced or rebuilt
log (a checkpoint whose hash is not found at its seq) and a forged checkpoint (bad signature).

Copying older versions of the database and the checkpoint file back together needs no key, so
the newest checkpoint is also anchored in the credential store (`app.storage.chain_anchor`):
a rolled-back pair, or a checkpoint file deleted or cut back, fails verification. Someone who
rewrites that credential store entry too (anyone running as the user can) can still roll all
three back together; only the forwarded copies catch that.
"""

import hashlib
import hmac
import json
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from app.domain.audit import ChainedEvent
from app.keys.entries import KeyEntries, database_entry
from app.keys.keystore import KeyMissing
from app.storage.audit import AuditStore, AuditVerification
from app.storage.chain_anchor import ChainAnchor
from app.storage.durable_files import fsync_directory

DEFAULT_EVERY = 1000
_SIGNED_PREFIX = b"wardscribe-audit-checkpoint-v1\n"
_PRIVATE = 0o600


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A signed statement that the audit chain reached `seq` with `hash` at `time`."""

    seq: int
    hash: str
    time: datetime
    public_key: str
    """Hex of the raw Ed25519 public key that signed it, so a collector can tell keys apart."""
    signature: str

    def signed_bytes(self) -> bytes:
        """The exact bytes the signature covers, for signing and for verifying alike."""
        return _signed_bytes(self.seq, self.hash, self.time, self.public_key)

    def to_json(self) -> str:
        """One line of the checkpoint file: the signed fields and the signature, no PHI."""
        return json.dumps(
            {
                "seq": self.seq,
                "hash": self.hash,
                "time": _timestamp(self.time),
                "key": self.public_key,
                "sig": self.signature,
            },
            sort_keys=True,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, line: str) -> "Checkpoint":
        """Parse one line; raises ValueError for anything that is not a whole checkpoint."""
        fields = json.loads(line)
        if not isinstance(fields, dict) or set(fields) != {"seq", "hash", "time", "key", "sig"}:
            raise ValueError("not a checkpoint")
        seq, digest, time, key, signature = (
            fields["seq"],
            fields["hash"],
            fields["time"],
            fields["key"],
            fields["sig"],
        )
        if not (isinstance(seq, int) and seq >= 1 and isinstance(time, str)):
            raise ValueError("not a checkpoint")
        if not all(isinstance(value, str) for value in (digest, key, signature)):
            raise ValueError("not a checkpoint")
        moment = datetime.fromisoformat(time)
        if moment.utcoffset() is None:
            raise ValueError("not a checkpoint")
        return cls(seq, digest, moment, key, signature)


class CheckpointKey:
    """The workstation's Ed25519 signing key, as 32 raw bytes in the credential store."""

    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        """Wrap a private key; its public half identifies the checkpoints it signs."""
        self._private = private_key
        self.public_key = private_key.public_key()
        self.public_hex = public_key_hex(self.public_key)

    @classmethod
    def entry(cls, audit_db: Path) -> str:
        """The credential-store entry that holds the key of the log at `audit_db`."""
        return f"{database_entry(audit_db)}#checkpoint-key"

    @classmethod
    def load(cls, entries: KeyEntries, audit_db: Path, log: "CheckpointLog") -> "CheckpointKey":
        """The stored key; a new one only while no checkpoint has been written.

        Quietly making a new key for a log that already has checkpoints would turn every
        earlier checkpoint into an apparent forgery, so that is a person's decision.
        """
        entry = cls.entry(audit_db)
        stored = entries.read(entry)
        if stored is None:
            if log.exists():
                raise KeyMissing(
                    f"The credential store holds no checkpoint signing key for {audit_db}, but "
                    f"{log.path} holds checkpoints. Restore the credential store entry {entry!r}."
                )
            stored = entries.read_or_create(entry)
        return cls(Ed25519PrivateKey.from_private_bytes(stored))

    def derived_key(self, purpose: str) -> bytes:
        """A 256-bit key for `purpose`, derived from this one: stored nowhere else, and carried
        by every backup with the signing key itself."""
        raw = self._private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        return hmac.new(raw, purpose.encode(), hashlib.sha256).digest()

    def sign(self, seq: int, digest: str, time: datetime) -> Checkpoint:
        """A checkpoint stating that the chain reached `seq` with `digest` at `time`."""
        signature = self._private.sign(_signed_bytes(seq, digest, time, self.public_hex))
        return Checkpoint(seq, digest, time, self.public_hex, signature.hex())


class CheckpointLog:
    """An append-only file of checkpoints, one JSON object a line; it holds no PHI."""

    def __init__(self, path: Path) -> None:
        """A log at `path`; nothing is read or created until it is used."""
        self.path = path

    @classmethod
    def beside(cls, audit_db: Path) -> "CheckpointLog":
        """The checkpoint log kept next to the audit database at `audit_db`."""
        return cls(audit_db.with_name(f"{audit_db.stem}-checkpoints.jsonl"))

    def exists(self) -> bool:
        """Whether any checkpoint was ever written; an empty file counts as none."""
        return self.path.exists() and self.path.stat().st_size > 0

    def append(self, checkpoint: Checkpoint) -> None:
        """Append one line and fsync it; a line torn by a crash is cut off first."""
        created = not self.path.exists()
        self._cut_torn_tail()
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, _PRIVATE)
        try:
            os.write(descriptor, (checkpoint.to_json() + "\n").encode())
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        if created:
            fsync_directory(self.path.parent)

    def read(self) -> "CheckpointRead":
        """Every complete checkpoint line, and the numbers of lines that could not be parsed."""
        if not self.path.exists():
            return CheckpointRead((), ())
        checkpoints: list[Checkpoint] = []
        unreadable: list[int] = []
        lines = self.path.read_bytes().split(b"\n")
        complete = lines[:-1]  # a last line without its newline is a write a crash cut short
        for number, line in enumerate(complete, start=1):
            try:
                checkpoints.append(Checkpoint.from_json(line.decode()))
            except (ValueError, UnicodeDecodeError):
                unreadable.append(number)
        return CheckpointRead(tuple(checkpoints), tuple(unreadable))

    def _cut_torn_tail(self) -> None:
        try:
            with self.path.open("rb") as file:
                size = file.seek(0, os.SEEK_END)
                if size == 0:
                    return
                file.seek(size - 1)
                if file.read(1) == b"\n":
                    return
                file.seek(0)
                complete = file.read().rfind(b"\n") + 1
        except FileNotFoundError:
            return
        os.truncate(self.path, complete)


@dataclass(frozen=True, slots=True)
class CheckpointRead:
    """The checkpoints read from the checkpoint file, and the lines that could not be read."""

    checkpoints: tuple[Checkpoint, ...]
    unreadable_lines: tuple[int, ...]


Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Checkpointer:
    """Signs a checkpoint every `every` events and at close, and hands each to `forward`."""

    def __init__(
        self,
        store: AuditStore,
        key: CheckpointKey,
        log: CheckpointLog,
        *,
        every: int = DEFAULT_EVERY,
        forward: Callable[[Checkpoint], None] | None = None,
        anchor: ChainAnchor | None = None,
        clock: Clock = _utc_now,
    ) -> None:
        """`anchor`: moved to each new checkpoint, but only if the log agrees with it now, so
        a start on a rolled-back log cannot make the rollback look consistent."""
        if every < 1:
            raise ValueError("checkpoints are written every 1 or more events")
        self._key = key
        self._log = log
        self._every = every
        self._forward = forward
        self._clock = clock
        self._lock = threading.Lock()
        self._latest: ChainedEvent | None = None
        written = log.read().checkpoints
        self._checkpointed = max((checkpoint.seq for checkpoint in written), default=0)
        self._anchor = anchor
        if anchor is not None:
            hashes = {checkpoint.seq: checkpoint.hash for checkpoint in written}
            if anchor.problem(store, hashes, log.path.name) is not None:
                self._anchor = None
        store.subscribe(self._committed)

    def close(self) -> None:
        """Checkpoint the newest event, if any arrived since the last checkpoint."""
        with self._lock:
            latest = self._latest
            if latest is not None and latest.seq > self._checkpointed:
                self._write(latest)

    def _committed(self, events: Sequence[ChainedEvent]) -> None:
        with self._lock:
            self._latest = events[-1]
            if self._latest.seq >= self._checkpointed + self._every:
                self._write(self._latest)

    def _write(self, event: ChainedEvent) -> None:
        checkpoint = self._key.sign(event.seq, event.hash, self._clock())
        self._log.append(checkpoint)
        if self._anchor is not None:
            self._anchor.write(checkpoint.seq, checkpoint.hash)
        self._checkpointed = event.seq
        if self._forward is not None:
            self._forward(checkpoint)


def verify_with_checkpoints(
    store: AuditStore, checkpoints: CheckpointLog, trusted_key: Ed25519PublicKey
) -> AuditVerification:
    """Verify the chain against every checkpoint `trusted_key` signed.

    A checkpoint that is unreadable, signed by another key, or whose signature fails is
    reported before the chain is walked: anchors cannot be trusted if any of them is forged.
    """
    read = checkpoints.read()
    if read.unreadable_lines:
        return _bad_checkpoints(
            f"line {read.unreadable_lines[0]} of {checkpoints.path.name} is not a checkpoint"
        )
    anchors: dict[int, str] = {}
    for checkpoint in read.checkpoints:
        if not _signed_by(checkpoint, trusted_key):
            return _bad_checkpoints(
                f"the checkpoint for seq {checkpoint.seq} ({_timestamp(checkpoint.time)}) is "
                "not signed by this workstation's checkpoint key: it was forged or altered"
            )
        if anchors.setdefault(checkpoint.seq, checkpoint.hash) != checkpoint.hash:
            return _bad_checkpoints(
                f"two signed checkpoints disagree about seq {checkpoint.seq}: "
                "the log was replaced after the first of them"
            )
    return store.verify(anchors)


def verify_audit_log(store: AuditStore, audit_db: Path, entries: KeyEntries) -> AuditVerification:
    """`wardscribe audit verify`: the chain, checked against this workstation's checkpoints and
    the anchor of the newest one in the credential store."""
    log = CheckpointLog.beside(audit_db)
    key = CheckpointKey.load(entries, audit_db, log)
    hashes = {checkpoint.seq: checkpoint.hash for checkpoint in log.read().checkpoints}
    problem = ChainAnchor(entries, audit_db).file_problem(hashes, log.path.name)
    if problem is not None:
        return _bad_checkpoints(problem)
    return verify_with_checkpoints(store, log, key.public_key)


def public_key_hex(key: Ed25519PublicKey) -> str:
    """The raw public key as hex, as checkpoints and the collector name it."""
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def load_public_key(hex_key: str) -> Ed25519PublicKey:
    """The public key a checkpoint names, for checking its signature."""
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(hex_key))


def _signed_by(checkpoint: Checkpoint, key: Ed25519PublicKey) -> bool:
    if checkpoint.public_key != public_key_hex(key):
        return False
    try:
        key.verify(bytes.fromhex(checkpoint.signature), checkpoint.signed_bytes())
    except (InvalidSignature, ValueError):
        return False
    return True


def _bad_checkpoints(problem: str) -> AuditVerification:
    return AuditVerification(ok=False, events_checked=0, problem=problem)


def _signed_bytes(seq: int, digest: str, time: datetime, public_key: str) -> bytes:
    body = {"hash": digest, "key": public_key, "seq": seq, "time": _timestamp(time)}
    return _SIGNED_PREFIX + json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")
