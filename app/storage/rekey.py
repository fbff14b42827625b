"""Key rotation for the open databases that a kill at any instant cannot break.

The file and its key live in two places (the disk and the credential store) that cannot be
changed in one atomic step, so rotation is journaled:

1. the journal names the databases, and each new key is written under a pending entry
   (`<db path>#rekey-pending`) and read back before any file changes;
2. `PRAGMA rekey` re-encrypts each file in one SQLite transaction: until its COMMIT reaches the
   -wal, the file is wholly under the old key, after it wholly under the new one;
3. each new key is promoted over the live entry, the pending entries are deleted, and last the
   journal.

After a crash, `recover_interrupted_rotation` (run before the databases are opened) finds the
journal and, for each database whose pending key still exists, asks the file which key opens it:
the pending key is then promoted, or discarded if the old key still opens it. Either way each
file ends with exactly the key in the live entry and no data is lost.
"""

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from app.keys.entries import KeyEntries, database_entry
from app.storage.database import EncryptedDatabase, StorageError
from app.storage.durable_files import fsync_directory, write_atomically

JOURNAL_NAME = "rekey.journal"
_KEY_BYTES = 32


class RotationUnrecoverable(StorageError):
    """Neither the live nor the pending key opens a file; a person must restore a backup."""


@dataclass(frozen=True, slots=True)
class RecoveredRotation:
    """How an interrupted key rotation was finished or undone at the next start."""

    completed: tuple[Path, ...]
    """Databases found under their new key; the new key is now the live one."""
    rolled_back: tuple[Path, ...]
    """Databases still under their old key; the unused new key was discarded."""


def pending_entry(db_path: Path) -> str:
    """The credential store entry of a database's new key while a rotation is under way."""
    return f"{database_entry(db_path)}#rekey-pending"


def rotate_keys(databases: Sequence[EncryptedDatabase], entries: KeyEntries) -> None:
    """Re-encrypt every database in `databases` under a fresh key, journaled beside the first."""
    journal = databases[0].path.parent / JOURNAL_NAME
    paths = [db.path for db in databases]
    write_atomically(journal, json.dumps({"databases": [str(p) for p in paths]}).encode())
    new_keys = [secrets.token_bytes(_KEY_BYTES) for _ in databases]
    for path, key in zip(paths, new_keys, strict=True):
        entries.write(pending_entry(path), key)
    for db, key in zip(databases, new_keys, strict=True):
        db.execute(f"PRAGMA rekey = \"x'{key.hex()}'\"")
        db.checkpoint()
    for path, key in zip(paths, new_keys, strict=True):
        entries.write(database_entry(path), key)
        entries.delete(pending_entry(path))
    _remove_journal(journal)


def recover_interrupted_rotation(data_dir: Path, entries: KeyEntries) -> RecoveredRotation | None:
    """Finish or undo a rotation a crash interrupted; None when none was under way."""
    journal = data_dir / JOURNAL_NAME
    try:
        named = json.loads(journal.read_bytes())["databases"]
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError):
        raise RotationUnrecoverable(
            f"The key rotation journal {journal} cannot be read; restore it or a backup."
        ) from None
    completed: list[Path] = []
    rolled_back: list[Path] = []
    for path in map(Path, named):
        pending = entries.read(pending_entry(path))
        if pending is None:
            continue
        if _opens(path, pending):
            entries.write(database_entry(path), pending)
            completed.append(path)
        elif _opens(path, entries.read(database_entry(path))):
            rolled_back.append(path)
        else:
            raise RotationUnrecoverable(
                f"Neither the live nor the pending key opens {path} after an interrupted key "
                "rotation. Restore the file from a backup; the keys were left as they are."
            )
        entries.delete(pending_entry(path))
    _remove_journal(journal)
    return RecoveredRotation(tuple(completed), tuple(rolled_back))


def _opens(path: Path, key: bytes | None) -> bool:
    """Whether `key` decrypts the file as it now reads, committed -wal frames included."""
    if key is None or not path.exists():
        return False
    connection = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        connection.execute("PRAGMA cipher_log = 'off'")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        return False
    finally:
        connection.close()
    return True


def _remove_journal(journal: Path) -> None:
    journal.unlink(missing_ok=True)
    fsync_directory(journal.parent)
