"""EncryptedDatabase: what reaches the disk, and how opening fails."""

import hashlib
import os
import threading
from pathlib import Path

import pytest
import sqlcipher3

from app.domain.errors import WardScribeError
from app.storage import database
from app.storage.database import (
    PAGE_SIZE,
    DatabaseCorrupt,
    DatabaseKeyError,
    EncryptedDatabase,
    StorageError,
)

PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecars(path: Path) -> list[Path]:
    return [p for p in (Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "notes.db"


@pytest.fixture
def written_db(db_path: Path, db_key: bytes) -> Path:
    """A closed database holding one table with one row."""
    with EncryptedDatabase(db_path, db_key) as db:
        db.execute("CREATE TABLE notes (body TEXT)")
        db.execute("INSERT INTO notes VALUES ('stored')")
    return db_path


def test_database_file_does_not_start_with_the_sqlite_header(written_db: Path) -> None:
    assert written_db.read_bytes()[:16] != PLAIN_SQLITE_HEADER


def test_wal_does_not_start_with_the_sqlite_header_nor_hold_plaintext(
    db_path: Path, db_key: bytes
) -> None:
    marker = "wal-plaintext-probe-" + os.urandom(8).hex()
    with EncryptedDatabase(db_path, db_key) as db:
        db.execute("CREATE TABLE notes (body TEXT)")
        db.execute("INSERT INTO notes VALUES (?)", (marker,))
        wal = Path(f"{db_path}-wal").read_bytes()

        assert wal, "the write should still be in the -wal while the database is open"
        assert wal[:16] != PLAIN_SQLITE_HEADER
        assert marker.encode() not in wal
        assert db_path.read_bytes()[:16] != PLAIN_SQLITE_HEADER


def test_reopening_with_the_same_key_reads_the_data_back(written_db: Path, db_key: bytes) -> None:
    with EncryptedDatabase(written_db, db_key) as db:
        assert db.query("SELECT body FROM notes") == [("stored",)]


def test_close_leaves_no_wal_behind(written_db: Path) -> None:
    wal = Path(f"{written_db}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_wrong_key_raises_database_key_error_naming_the_file(written_db: Path) -> None:
    with pytest.raises(DatabaseKeyError) as raised:
        EncryptedDatabase(written_db, os.urandom(32))

    assert str(written_db) in str(raised.value)
    assert "key in the credential store does not open" in str(raised.value)
    assert isinstance(raised.value, WardScribeError)


def test_wrong_key_leaves_the_file_bytes_unchanged(written_db: Path) -> None:
    before = sha256_of(written_db)

    with pytest.raises(DatabaseKeyError):
        EncryptedDatabase(written_db, os.urandom(32))

    assert sha256_of(written_db) == before
    assert sidecars(written_db) == []


def test_random_bytes_raise_database_corrupt_naming_the_file(db_path: Path, db_key: bytes) -> None:
    db_path.write_bytes(os.urandom(3 * PAGE_SIZE + 123))

    with pytest.raises(DatabaseCorrupt) as raised:
        EncryptedDatabase(db_path, db_key)

    assert str(db_path) in str(raised.value)
    assert isinstance(raised.value, WardScribeError)


def test_random_bytes_are_left_unchanged(db_path: Path, db_key: bytes) -> None:
    db_path.write_bytes(os.urandom(3 * PAGE_SIZE + 123))
    before = sha256_of(db_path)

    with pytest.raises(DatabaseCorrupt):
        EncryptedDatabase(db_path, db_key)

    assert sha256_of(db_path) == before
    assert sidecars(db_path) == []


def test_a_damaged_first_page_with_the_right_key_is_corrupt_not_a_key_error(
    written_db: Path, db_key: bytes
) -> None:
    damaged = bytearray(written_db.read_bytes())
    damaged[100] ^= 0xFF
    written_db.write_bytes(damaged)
    before = sha256_of(written_db)

    with pytest.raises(DatabaseCorrupt):
        EncryptedDatabase(written_db, db_key)

    assert sha256_of(written_db) == before


def test_an_unencrypted_sqlite_file_is_refused_and_left_unchanged(
    db_path: Path, db_key: bytes
) -> None:
    plain = sqlcipher3.connect(str(db_path))
    plain.execute("CREATE TABLE notes (body TEXT)")
    plain.commit()
    plain.close()
    before = sha256_of(db_path)

    with pytest.raises(DatabaseCorrupt, match="unencrypted"):
        EncryptedDatabase(db_path, db_key)

    assert sha256_of(db_path) == before


def test_a_key_must_be_32_bytes(db_path: Path) -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        EncryptedDatabase(db_path, b"short")
    assert not db_path.exists()


def test_a_missing_folder_is_a_storage_error_naming_the_file(tmp_path: Path, db_key: bytes) -> None:
    path = tmp_path / "absent" / "notes.db"

    with pytest.raises(StorageError, match=str(path)):
        EncryptedDatabase(path, db_key)


@pytest.mark.parametrize(
    ("pragma", "expected"),
    [
        ("journal_mode", "wal"),
        ("synchronous", 2),  # FULL
        ("foreign_keys", 1),
        ("secure_delete", 1),
        ("temp_store", 2),  # MEMORY
        ("cipher_memory_security", "1"),
    ],
)
def test_connection_is_hardened(
    db_path: Path, db_key: bytes, pragma: str, expected: object
) -> None:
    with EncryptedDatabase(db_path, db_key) as db:
        assert db.query_one(f"PRAGMA {pragma}") == (expected,)


def test_a_transaction_commits_when_its_block_succeeds(db_path: Path, db_key: bytes) -> None:
    with EncryptedDatabase(db_path, db_key) as db:
        db.execute("CREATE TABLE counter (n INTEGER)")
        with db.transaction() as cursor:
            cursor.execute("INSERT INTO counter VALUES (1)")
            cursor.execute("INSERT INTO counter VALUES (2)")

        assert db.query("SELECT n FROM counter ORDER BY n") == [(1,), (2,)]


def test_a_transaction_rolls_back_when_its_block_raises(db_path: Path, db_key: bytes) -> None:
    with EncryptedDatabase(db_path, db_key) as db:
        db.execute("CREATE TABLE counter (n INTEGER)")
        with pytest.raises(RuntimeError, match="abandon"), db.transaction() as cursor:
            cursor.execute("INSERT INTO counter VALUES (1)")
            raise RuntimeError("abandon")

        assert db.query("SELECT n FROM counter") == []


def test_transactions_do_not_nest(db_path: Path, db_key: bytes) -> None:
    with (
        EncryptedDatabase(db_path, db_key) as db,
        db.transaction(),
        pytest.raises(RuntimeError, match="nest"),
        db.transaction(),
    ):
        pass


def test_one_database_serves_several_threads(db_path: Path, db_key: bytes) -> None:
    with EncryptedDatabase(db_path, db_key) as db:
        db.execute("CREATE TABLE counter (n INTEGER)")
        db.execute("INSERT INTO counter VALUES (0)")

        def increment_many() -> None:
            for _ in range(50):
                with db.transaction() as cursor:
                    (n,) = cursor.execute("SELECT n FROM counter").fetchone() or (0,)
                    cursor.execute("UPDATE counter SET n = ?", (n + 1,))

        threads = [threading.Thread(target=increment_many) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert db.query_one("SELECT n FROM counter") == (200,)


def test_a_closed_database_refuses_further_use(db_path: Path, db_key: bytes) -> None:
    db = EncryptedDatabase(db_path, db_key)
    db.close()

    with pytest.raises(StorageError, match="closed"):
        db.query("SELECT 1")


def test_closing_while_another_connection_writes_closes_and_keeps_the_data(
    db_path: Path, db_key: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "_BUSY_TIMEOUT_S", 0.2)
    db = EncryptedDatabase(db_path, db_key)
    db.execute("CREATE TABLE obs (n INTEGER, v TEXT)")
    db.execute("CREATE INDEX obs_n ON obs (n)")
    with db.transaction() as cursor:
        cursor.executemany("INSERT INTO obs VALUES (?, 'stable')", [(n,) for n in range(2000)])
    db.query("SELECT v FROM obs WHERE n = 5")  # gives PRAGMA optimize an index to analyse
    other = EncryptedDatabase(db_path, db_key)

    with other.transaction() as cursor:
        cursor.execute("INSERT INTO obs VALUES (-1, 'busy')")
        db.close()

    assert other.query("SELECT count(*) FROM obs") == [(2001,)]
    other.close()


def test_a_folder_in_place_of_the_file_is_a_storage_error(tmp_path: Path, db_key: bytes) -> None:
    with pytest.raises(StorageError, match=str(tmp_path)):
        EncryptedDatabase(tmp_path, db_key)
