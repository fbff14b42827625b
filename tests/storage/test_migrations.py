"""Schema versions: fresh files get the newest, older files are upgraded, newer ones refused."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.storage.database import EncryptedDatabase
from app.storage.migrations import (
    AUDIT_DB_MIGRATIONS,
    DRAFTS_DB_MIGRATIONS,
    Migration,
    SchemaTooNew,
    migrate,
    schema_version,
    split_statements,
)

VERSION_1 = Migration(1, "CREATE TABLE wards (name TEXT NOT NULL);")
VERSION_2 = Migration(2, "ALTER TABLE wards ADD COLUMN beds INTEGER NOT NULL DEFAULT 0;")


@pytest.fixture
def db(tmp_path: Path, db_key: bytes) -> Iterator[EncryptedDatabase]:
    database = EncryptedDatabase(tmp_path / "schema.db", db_key)
    yield database
    database.close()


@pytest.mark.parametrize("migrations", [DRAFTS_DB_MIGRATIONS, AUDIT_DB_MIGRATIONS])
def test_a_fresh_file_gets_the_newest_version(
    db: EncryptedDatabase, migrations: tuple[Migration, ...]
) -> None:
    assert migrate(db, migrations) == migrations[-1].version
    assert schema_version(db) == migrations[-1].version


def test_migrating_twice_changes_nothing(db: EncryptedDatabase) -> None:
    migrate(db, (VERSION_1,))
    db.execute("INSERT INTO wards (name) VALUES ('4 West')")

    migrate(db, (VERSION_1,))

    assert db.query("SELECT name FROM wards") == [("4 West",)]


def test_an_older_schema_is_upgraded_keeping_its_rows(tmp_path: Path, db_key: bytes) -> None:
    path = tmp_path / "schema.db"
    with EncryptedDatabase(path, db_key) as old:
        migrate(old, (VERSION_1,))
        old.execute("INSERT INTO wards (name) VALUES ('4 West')")

    with EncryptedDatabase(path, db_key) as upgraded:
        assert migrate(upgraded, (VERSION_1, VERSION_2)) == 2
        assert upgraded.query("SELECT name, beds FROM wards") == [("4 West", 0)]


def test_a_file_from_a_newer_version_is_refused(db: EncryptedDatabase) -> None:
    migrate(db, (VERSION_1, VERSION_2))

    with pytest.raises(SchemaTooNew) as raised:
        migrate(db, (VERSION_1,))

    message = str(raised.value)
    assert str(db.path) in message
    assert "newer WardScribe (schema 2)" in message
    assert "understands up to 1" in message
    assert "install the newer version" in message


def test_a_refused_file_is_left_at_its_version(db: EncryptedDatabase) -> None:
    migrate(db, (VERSION_1, VERSION_2))

    with pytest.raises(SchemaTooNew):
        migrate(db, (VERSION_1,))

    assert schema_version(db) == 2


def test_a_failing_migration_leaves_the_last_good_version(db: EncryptedDatabase) -> None:
    broken = Migration(2, "CREATE TABLE beds (n INTEGER); CREATE TABLE wards (again TEXT);")

    with pytest.raises(Exception, match="already exists"):
        migrate(db, (VERSION_1, broken))

    assert schema_version(db) == 1
    assert db.query("SELECT name FROM sqlite_master WHERE name = 'beds'") == []


def test_migrations_must_be_numbered_from_one_without_gaps(db: EncryptedDatabase) -> None:
    with pytest.raises(ValueError, match="without gaps"):
        migrate(db, (VERSION_2,))


def test_scripts_split_into_statements_keeping_trigger_bodies_whole() -> None:
    script = """
        CREATE TABLE t (x TEXT);
        CREATE TRIGGER t_guard BEFORE DELETE ON t BEGIN SELECT RAISE (ABORT, 'no; never'); END;
        INSERT INTO t VALUES ('a;b');
    """

    statements = list(split_statements(script))

    assert len(statements) == 3
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")
    assert statements[2] == "INSERT INTO t VALUES ('a;b');"
