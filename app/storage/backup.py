"""Encrypted backups IT can restore on another computer, and restores that refuse a bad backup.

A backup is a folder: drafts.db and audit.db re-encrypted under the backup key (a separate
256-bit key IT escrows, so a lost laptop's data can be restored elsewhere), the audit
checkpoints up to the copied head plus one signed for that head, and a manifest authenticated
with the backup key. The copy is taken online: a second connection reads one consistent snapshot
of each database while WardScribe keeps writing.

A restore checks the backup key, every file's hash, both databases' integrity, and the audit
chain against the backup's signed checkpoints; anything short of that is refused. It never
overwrites live data: the files it replaces are moved aside into a `replaced-…` folder first,
still encrypted under the live keys.
"""

import hashlib
import hmac
import json
import os
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import sqlcipher3
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from pydantic import BaseModel, ConfigDict, StringConstraints

from app.keys.entries import KeyEntries
from app.storage.audit import AuditStore, chain_head
from app.storage.audit_checkpoints import (
    CheckpointKey,
    CheckpointLog,
    load_public_key,
    verify_with_checkpoints,
)
from app.storage.chain_anchor import ChainAnchor
from app.storage.database import EncryptedDatabase, StorageError
from app.storage.durable_files import fsync_directory, fsync_file, write_atomically
from app.storage.locations import DataLocations
from app.storage.migrations import AUDIT_DB_MIGRATIONS, DRAFTS_DB_MIGRATIONS, schema_version

BACKUP_KEY_ENTRY = "WardScribe backup key"
"""The credential store entry (service "WardScribe") holding the backup key."""
MANIFEST = "manifest.json"
FOLDER_PREFIX = "wardscribe-backup-"
_FORMAT = 1
_DATABASES = ("drafts.db", "audit.db")
_SUFFIXES = ("", "-wal", "-shm")

KeyFor = Callable[[Path], bytes]
"""The live key of a database file: `KeyStore().database_key`."""


class BackupRejected(StorageError):
    """The backup is not one WardScribe can trust; nothing live was changed."""


class DataInUse(StorageError):
    """Another WardScribe has the databases open."""


@dataclass(frozen=True, slots=True)
class BackupSummary:
    """Where a backup was written and how many audit events it holds."""

    folder: Path
    audit_events: int


@dataclass(frozen=True, slots=True)
class RestoreSummary:
    """What a restore brought back, and where the data it replaced was set aside."""

    audit_events: int
    set_aside: Path | None
    """Where the replaced live files now are; None when there were none."""
    replaced_head: tuple[int, str] | None = None
    """The newest signed checkpoint (seq, hash) of the replaced audit log, which the restore's
    audit event in the restored log names, so the two logs stay chained together."""


class BackupPolicy(BaseModel):
    """The machine policy's `[backup]` table: whose key backups and restores must use."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]
    """`backup_key_id` of the hospital's escrowed key, as `wardscribe backup` prints it."""


class NotTheHospitalsKey(BackupRejected):
    """The backup is encrypted under another key than the one the machine policy names."""


def require_hospital_key(backup_key: bytes, hospital_key_id: str | None) -> None:
    """Refuse a backup key other than the one the machine policy names.

    Without it, anyone allowed to restore could make up a data folder, back it up under a key
    of their own choosing and restore it over the real one.
    """
    if hospital_key_id is not None and backup_key_id(backup_key) != hospital_key_id:
        raise NotTheHospitalsKey(
            f"The backup key (id {backup_key_id(backup_key)}) is not the one the machine "
            f"policy names (id {hospital_key_id}); use the hospital's escrowed key."
        )


def backup_key_id(backup_key: bytes) -> str:
    """A short name for the key, printed beside backups, that reveals nothing of it."""
    return _derive(backup_key, b"key id")[:8].hex()


def create_backup(
    locations: DataLocations,
    key_for: KeyFor,
    entries: KeyEntries,
    *,
    backup_key: bytes,
    into: Path,
    now: datetime,
) -> BackupSummary:
    """Copy both databases under `backup_key` into a new folder under `into`."""
    folder = into / f"{FOLDER_PREFIX}{now.astimezone(UTC):%Y%m%dT%H%M%S%fZ}"
    staging = into / f".{folder.name}.partial"
    into.mkdir(parents=True, exist_ok=True)
    staging.mkdir(mode=0o700)
    try:
        log = CheckpointLog.beside(locations.audit_db)
        signer = CheckpointKey.load(entries, locations.audit_db, log)
        _export(locations.drafts_db, key_for(locations.drafts_db), staging, backup_key)
        head_seq, head_hash = _export(
            locations.audit_db, key_for(locations.audit_db), staging, backup_key, audit_log=True
        )
        copied = CheckpointLog(staging / log.path.name)
        for checkpoint in log.read().checkpoints:
            if checkpoint.seq <= head_seq:
                copied.append(checkpoint)
        if head_seq:
            copied.append(signer.sign(head_seq, head_hash, now))
        checkpoint_secret = entries.read_or_create(CheckpointKey.entry(locations.audit_db))
        manifest = _manifest(
            staging,
            backup_key=backup_key,
            checkpoint_secret=checkpoint_secret,
            signer=signer,
            head_seq=head_seq,
            now=now,
        )
        write_atomically(staging / MANIFEST, manifest)
        for path in staging.iterdir():
            fsync_file(path)
        os.replace(staging, folder)
        fsync_directory(into)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BackupSummary(folder, head_seq)


def restore_backup(
    folder: Path,
    locations: DataLocations,
    key_for: KeyFor,
    entries: KeyEntries,
    *,
    backup_key: bytes,
    now: datetime,
    hospital_key_id: str | None = None,
) -> RestoreSummary:
    """Verify the backup in `folder`, then make it the live data, setting the old files aside."""
    require_hospital_key(backup_key, hospital_key_id)
    manifest = _read_manifest(folder, backup_key)
    staging = locations.root / ".restore-staging"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(mode=0o700)
    try:
        for name in (*_DATABASES, CheckpointLog.beside(locations.audit_db).path.name):
            shutil.copyfile(folder / name, staging / name)
        events = _verify_copy(staging, manifest, backup_key)
        for name in _DATABASES:
            _rekey(staging / name, backup_key, key_for(locations.root / name))
        ensure_not_in_use(locations, key_for)
        replaced = CheckpointLog.beside(locations.audit_db).read().checkpoints
        newest = max(replaced, key=lambda checkpoint: checkpoint.seq, default=None)
        aside = _set_aside(locations, entries, now)
        for name in (*_DATABASES, CheckpointLog.beside(locations.audit_db).path.name):
            os.replace(staging / name, locations.root / name)
        fsync_directory(locations.root)
        entries.write(
            CheckpointKey.entry(locations.audit_db), _unseal_checkpoint_key(manifest, backup_key)
        )
        _anchor_restored_log(locations, entries)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return RestoreSummary(events, aside, None if newest is None else (newest.seq, newest.hash))


def _anchor_restored_log(locations: DataLocations, entries: KeyEntries) -> None:
    """Anchor the restored log at its newest checkpoint: the old anchor was the replaced log's."""
    restored = CheckpointLog.beside(locations.audit_db).read().checkpoints
    newest = max(restored, key=lambda checkpoint: checkpoint.seq, default=None)
    anchor = ChainAnchor(entries, locations.audit_db)
    if newest is None:
        entries.delete(anchor.entry)
    else:
        anchor.write(newest.seq, newest.hash)


def _export(
    source: Path, source_key: bytes, staging: Path, backup_key: bytes, *, audit_log: bool = False
) -> tuple[int, str]:
    """Copy one consistent snapshot of `source` under `backup_key`; returns the audit head.

    A deferred transaction on a connection of its own reads a single WAL snapshot and takes no
    write lock on the live file, so WardScribe keeps saving while the copy runs.
    """
    target = staging / source.name
    with EncryptedDatabase(source, source_key) as db:
        db.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{backup_key.hex()}'\"", (str(target),))
        try:
            db.execute("BEGIN")
            try:
                version = schema_version(db)
                head = chain_head(db) if audit_log and version else (0, "")
                db.query("SELECT sqlcipher_export('backup')")
                db.execute(f"PRAGMA backup.user_version = {version:d}")
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        finally:
            db.execute("DETACH DATABASE backup")
    return head


def _manifest(
    staging: Path,
    *,
    backup_key: bytes,
    checkpoint_secret: bytes,
    signer: CheckpointKey,
    head_seq: int,
    now: datetime,
) -> bytes:
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(_derive(backup_key, b"checkpoint key")).encrypt(
        nonce, checkpoint_secret, b"wardscribe checkpoint key"
    )
    body: dict[str, Any] = {
        "format": _FORMAT,
        "created_at": now.astimezone(UTC).isoformat(timespec="seconds"),
        "backup_key_id": backup_key_id(backup_key),
        "audit_events": head_seq,
        "checkpoint_public_key": signer.public_hex,
        "checkpoint_key_sealed": (nonce + sealed).hex(),
        "files": {path.name: _sha256(path) for path in sorted(staging.iterdir())},
    }
    body["mac"] = _mac(backup_key, body)
    return json.dumps(body, indent=2, sort_keys=True).encode()


def _read_manifest(folder: Path, backup_key: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads((folder / MANIFEST).read_bytes())
        mac = manifest.pop("mac")
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        raise BackupRejected(
            f"{folder} is not a WardScribe backup (no readable manifest)."
        ) from None
    if not isinstance(mac, str) or not hmac.compare_digest(mac, _mac(backup_key, manifest)):
        raise BackupRejected(
            f"The manifest of {folder} does not match the backup key (key id "
            f"{backup_key_id(backup_key)}): the wrong key was given, or the backup was altered. "
            "Nothing was restored."
        )
    if manifest.get("format") != _FORMAT:
        raise BackupRejected(f"{folder} was written in a backup format this version cannot read.")
    for name, digest in manifest["files"].items():
        path = folder / name
        if not path.is_file() or _sha256(path) != digest:
            raise BackupRejected(f"{path} is missing or changed since the backup was taken.")
    return dict(manifest)


def _verify_copy(staging: Path, manifest: dict[str, Any], backup_key: bytes) -> int:
    newest = {
        "drafts.db": DRAFTS_DB_MIGRATIONS[-1].version,
        "audit.db": AUDIT_DB_MIGRATIONS[-1].version,
    }
    for name in _DATABASES:
        with EncryptedDatabase(staging / name, backup_key) as db:
            problems = [row[0] for row in db.query("PRAGMA integrity_check") if row[0] != "ok"]
            problems += [str(row) for row in db.query("PRAGMA cipher_integrity_check")]
            if problems:
                raise BackupRejected(f"The backup's {name} is damaged; nothing was restored.")
            if schema_version(db) > newest[name]:
                raise BackupRejected(f"The backup's {name} was written by a newer WardScribe.")
    with EncryptedDatabase(staging / "audit.db", backup_key) as db:
        store = AuditStore(db)
        result = verify_with_checkpoints(
            store,
            CheckpointLog(staging / CheckpointLog.beside(staging / "audit.db").path.name),
            load_public_key(manifest["checkpoint_public_key"]),
        )
        store.close()
    if not result.ok:
        raise BackupRejected(
            f"The backup's audit log does not verify ({result.problem}); nothing was restored."
        )
    if result.events_checked != manifest["audit_events"]:
        raise BackupRejected("The backup's audit log is not the one its manifest describes.")
    return result.events_checked


def _rekey(path: Path, old_key: bytes, new_key: bytes) -> None:
    with EncryptedDatabase(path, old_key) as db:
        db.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")


def ensure_not_in_use(locations: DataLocations, key_for: KeyFor) -> None:
    """Refuse while another connection holds a live database: its writes would be lost."""
    for name in _DATABASES:
        path = locations.root / name
        if not path.exists():
            continue
        connection = sqlcipher3.connect(str(path), isolation_level=None, timeout=0.5)
        try:
            connection.execute(f"PRAGMA key = \"x'{key_for(path).hex()}'\"")
            connection.execute("PRAGMA locking_mode = EXCLUSIVE")
            connection.execute("BEGIN EXCLUSIVE")
            connection.execute("COMMIT")
        except sqlcipher3.OperationalError:
            raise DataInUse(
                f"{path} is in use by a running WardScribe; close it, then restore again. "
                "Nothing was restored."
            ) from None
        finally:
            connection.close()


def _set_aside(locations: DataLocations, entries: KeyEntries, now: datetime) -> Path | None:
    """Move the live files into a new folder; they stay encrypted under the live keys.

    The public half of the live checkpoint key goes with them, so their audit log can still be
    verified after the restore installs the backup's checkpoint key.
    """
    names = [f"{name}{suffix}" for name in _DATABASES for suffix in _SUFFIXES]
    names.append(CheckpointLog.beside(locations.audit_db).path.name)
    present = [name for name in names if (locations.root / name).exists()]
    if not present:
        return None
    aside = locations.root / f"replaced-{now.astimezone(UTC):%Y%m%dT%H%M%S%fZ}"
    aside.mkdir(mode=0o700)
    for name in present:
        os.replace(locations.root / name, aside / name)
    live_secret = entries.read(CheckpointKey.entry(locations.audit_db))
    if live_secret is not None:
        public = CheckpointKey(Ed25519PrivateKey.from_private_bytes(live_secret)).public_hex
        write_atomically(aside / "checkpoint-public-key.txt", f"{public}\n".encode())
    fsync_directory(aside)
    fsync_directory(locations.root)
    return aside


def _unseal_checkpoint_key(manifest: dict[str, Any], backup_key: bytes) -> bytes:
    sealed = bytes.fromhex(manifest["checkpoint_key_sealed"])
    try:
        secret = AESGCM(_derive(backup_key, b"checkpoint key")).decrypt(
            sealed[:12], sealed[12:], b"wardscribe checkpoint key"
        )
    except InvalidTag:
        raise BackupRejected("The backup's checkpoint key cannot be unsealed.") from None
    public = CheckpointKey(Ed25519PrivateKey.from_private_bytes(secret)).public_hex
    if public != manifest["checkpoint_public_key"]:
        raise BackupRejected("The backup's checkpoint key does not match its manifest.")
    return secret


def _derive(backup_key: bytes, purpose: bytes) -> bytes:
    """One key per use, so the manifest MAC and the sealed checkpoint key never share a key."""
    return hmac.new(backup_key, b"wardscribe backup v1: " + purpose, hashlib.sha256).digest()


def _mac(backup_key: bytes, body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(_derive(backup_key, b"manifest"), canonical, hashlib.sha256).hexdigest()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
