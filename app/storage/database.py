"""One SQLCipher file, opened so that nothing readable ever reaches the disk.

Opening refuses rather than degrades: no cipher, no database; a key that does not open the
file is reported as such and the file is left byte for byte as it was, so a person can still
recover it with the right key or from a backup.

One connection serves every thread. SQLCipher connections must not be used from two threads
at once, so all use goes through one re-entrant lock; writes are short, so the lock is too.
"""

import contextlib
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, Self

import sqlcipher3

from app.domain.errors import WardScribeError

KEY_BYTES = 32
PAGE_SIZE = 4096
"""SQLCipher 4's default page size; every file this module writes is made of whole pages."""

_PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
_BUSY_TIMEOUT_S = 10.0
_SQLITE_FULL_MESSAGE = "database or disk is full"
_BUSY_MESSAGES = frozenset({"database is locked", "database table is locked"})
"""SQLITE_BUSY and SQLITE_LOCKED, as the driver words them."""
"""sqlcipher3 exposes no error codes; this is SQLite's fixed text for SQLITE_FULL (which the
unix and Windows VFS also return when a write fails for want of space)."""

Row = tuple[Any, ...]
Params = Sequence[object] | Mapping[str, object]


class Cursor(Protocol):
    """The part of a DB-API cursor the stores use, typed (sqlcipher3 ships no stubs)."""

    @property
    def rowcount(self) -> int:
        """Rows the last statement changed."""

    def execute(self, sql: str, parameters: Params = ..., /) -> "Cursor":
        """Run one statement; returns the cursor for fetching."""

    def executemany(self, sql: str, parameters: Iterable[Params], /) -> "Cursor":
        """Run one statement once per parameter set, in the open transaction."""

    def fetchone(self) -> Row | None:
        """The next row of the last query, or None when there is none."""

    def fetchall(self) -> list[Row]:
        """The remaining rows of the last query."""


class StorageError(WardScribeError):
    """Base for storage failures; messages name files and remedies, never stored content."""


class EncryptionUnavailable(StorageError):
    """The SQLite library in use has no SQLCipher: WardScribe will not store data unencrypted."""


class DatabaseKeyError(StorageError):
    """The key from the credential store does not decrypt the file."""


class DatabaseCorrupt(StorageError):
    """The file is not an encrypted WardScribe database, or is damaged."""


class DiskFull(StorageError):
    """A write needed space the disk does not have; the transaction rolled back whole."""


@contextlib.contextmanager
def _failures_named(path: Path) -> Iterator[None]:
    """Turn a full disk and a damaged page into errors that say which file and what to do.

    A page that fails its HMAC or a malformed b-tree surfaces as a bare `DatabaseError` at the
    first read that touches it, long after the file opened; without this, a person would see
    only "unexpected error (DatabaseError)".
    """
    try:
        yield
    except sqlcipher3.OperationalError as error:
        if _SQLITE_FULL_MESSAGE not in str(error):
            raise
        raise DiskFull(
            f"The disk holding {path.name} is full; the change was not saved; free space and "
            "try again."
        ) from None
    except sqlcipher3.DatabaseError as error:
        if type(error) is not sqlcipher3.DatabaseError:
            raise
        raise _corrupt(path) from None


@contextlib.contextmanager
def _unless_busy() -> Iterator[None]:
    """Skip what follows when another connection holds the file's lock past the busy timeout."""
    try:
        yield
    except sqlcipher3.OperationalError as error:
        if str(error) not in _BUSY_MESSAGES:
            raise


class EncryptedDatabase:
    """An open, verified, encrypted database file; close it to checkpoint and release it."""

    def __init__(self, path: Path, key: bytes) -> None:
        """Open `path` with the 32-byte `key`; refuses plain SQLite and files not ours."""
        if len(key) != KEY_BYTES:
            raise ValueError(f"a database key is {KEY_BYTES} bytes, not {len(key)}")
        self.path = path
        self._lock = threading.RLock()
        self._closed = False
        _refuse_foreign_file(path)
        try:
            self._connection = sqlcipher3.connect(
                str(path),
                isolation_level=None,
                check_same_thread=False,
                timeout=_BUSY_TIMEOUT_S,
            )
        except sqlcipher3.Error as error:
            raise StorageError(f"Cannot open {path}: {error}") from None
        try:
            self._unlock(key)
            self._harden()
        except BaseException:
            self._connection.close()
            raise

    def _unlock(self, key: bytes) -> None:
        """Key the connection and prove the key with a real read before anything can write."""
        execute = self._connection.execute
        execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        execute("PRAGMA cipher_log = 'off'")
        if not execute("PRAGMA cipher_version").fetchone():
            raise EncryptionUnavailable(
                "The SQLite library loaded by WardScribe has no SQLCipher encryption; "
                "reinstall WardScribe. No data was written."
            )
        try:
            execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            raise self._diagnose_unreadable() from None

    def _diagnose_unreadable(self) -> StorageError:
        """Tell a wrong key from damage: with the right key, intact pages still authenticate.

        A file whose every page fails is indistinguishable from one written under another key
        (ciphertext looks random), so that case is reported as a key problem.
        """
        try:
            failures = self._connection.execute("PRAGMA cipher_integrity_check").fetchall()
        except sqlcipher3.Error:
            return _corrupt(self.path)
        pages = self.path.stat().st_size // PAGE_SIZE
        if len(failures) < pages:
            return _corrupt(self.path)
        return DatabaseKeyError(
            f"The key in the credential store does not open {self.path}: the file was "
            "encrypted with a different key. Restore the credential store entry that belongs "
            "to this file, or restore the file from a backup. The file was not changed."
        )

    def _harden(self) -> None:
        for pragma in (
            "PRAGMA cipher_memory_security = ON",
            "PRAGMA secure_delete = ON",
            "PRAGMA temp_store = MEMORY",
            "PRAGMA trusted_schema = OFF",
            "PRAGMA synchronous = FULL",
            "PRAGMA foreign_keys = ON",
        ):
            self._connection.execute(pragma)
        (mode,) = self._connection.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode != "wal":
            raise StorageError(f"Cannot switch {self.path} to write-ahead logging.")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Cursor]:
        """Hold the write lock from the first read to COMMIT, so read-then-write is atomic.

        BEGIN IMMEDIATE takes SQLite's write lock up front, which also serialises another
        process writing the same file. Transactions do not nest.
        """
        with self._lock, _failures_named(self.path):
            self._require_open()
            if self._connection.in_transaction:
                raise RuntimeError("transactions do not nest")
            cursor = self._connection.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            try:
                yield cursor
                cursor.execute("COMMIT")
            except BaseException:
                if self._connection.in_transaction:
                    cursor.execute("ROLLBACK")
                raise
            finally:
                cursor.close()

    def query(self, sql: str, parameters: Params = ()) -> list[Row]:
        """All rows of a read; storage failures are raised as StorageError naming the file."""
        with self._lock, _failures_named(self.path):
            self._require_open()
            rows: list[Row] = self._connection.execute(sql, parameters).fetchall()
            return rows

    def query_one(self, sql: str, parameters: Params = ()) -> Row | None:
        """The first row of a read, or None; failures name the file, never its content."""
        with self._lock, _failures_named(self.path):
            self._require_open()
            row: Row | None = self._connection.execute(sql, parameters).fetchone()
            return row

    def execute(self, sql: str, parameters: Params = ()) -> int:
        """Run one statement in its own transaction; returns the number of rows it changed."""
        with self._lock, _failures_named(self.path):
            self._require_open()
            changed: int = self._connection.execute(sql, parameters).rowcount
            return changed

    def checkpoint(self) -> None:
        """Move everything from the -wal into the main file and empty the -wal.

        Call at sign-out and lock as well as close: old page images wait in the -wal otherwise.
        """
        with self._lock, _failures_named(self.path):
            self._require_open()
            self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()

    def close(self) -> None:
        """Checkpoint and close. The housekeeping is best effort: on a full disk, or while
        another connection (an online backup's, another process's) keeps the file busy, it
        closes anyway; what is committed stays in the -wal and a later checkpoint moves it."""
        with self._lock:
            if self._closed:
                return
            try:
                with contextlib.suppress(DiskFull, DatabaseCorrupt), _unless_busy():
                    with _failures_named(self.path):
                        self._connection.execute("PRAGMA optimize")
                    self.checkpoint()
            finally:
                self._closed = True
                self._connection.close()

    def __enter__(self) -> Self:
        """The database itself, closed (and checkpointed) when the block ends."""
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Close the database, whether or not the block raised."""
        self.close()

    def _require_open(self) -> None:
        if self._closed:
            raise StorageError(f"{self.path} is closed.")


def _refuse_foreign_file(path: Path) -> None:
    """Reject files that cannot be ours before SQLCipher touches them."""
    try:
        with path.open("rb") as file:
            header = file.read(len(_PLAIN_SQLITE_HEADER))
        size = path.stat().st_size
    except FileNotFoundError:
        return
    except OSError as error:
        raise StorageError(f"Cannot read {path}: {error.strerror}.") from None
    if header == _PLAIN_SQLITE_HEADER:
        raise DatabaseCorrupt(
            f"{path} is an unencrypted SQLite file, not a WardScribe database; "
            "WardScribe opens only encrypted files. The file was not changed."
        )
    if size % PAGE_SIZE:
        raise _corrupt(path)


def _corrupt(path: Path) -> DatabaseCorrupt:
    return DatabaseCorrupt(
        f"{path} is damaged or is not a WardScribe database. Restore it from a backup. "
        "The file was not changed."
    )


def encode_time(moment: datetime) -> str:
    """UTC, fixed width, so text order is time order and indexes sort correctly."""
    if moment.utcoffset() is None:
        raise ValueError("stored times must carry a timezone")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def decode_time(text: str) -> datetime:
    """A time as `encode_time` stored it, back with its UTC offset."""
    return datetime.fromisoformat(text)
