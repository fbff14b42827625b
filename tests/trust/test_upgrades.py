"""Upgrades keep the data; a downgrade is refused before it can harm it.

The first release's data folder is rebuilt here with the first schema version and rows written
as that release wrote them, then opened by this version's own start-up path.
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from app.domain.roles import Role
from app.identity.passwords import hash_password
from app.keys.keystore import KeyStore
from app.services.workstation import StartOptions, Workstation
from app.storage.accounts import username_key
from app.storage.database import EncryptedDatabase, encode_time
from app.storage.locations import DataLocations
from app.storage.migrations import DRAFTS_DB_MIGRATIONS, SchemaTooNew, migrate, schema_version

PASSWORD = "first release password"
NOTE = "0700 BP 128/76, HR 82. Ambulated with assistance."
DRAFT_TEXT = "S: Stable overnight.\nB: Day 2 after hip replacement."


def write_first_release_folder(root: Path) -> None:
    drafts_db = DataLocations.under(root).drafts_db
    root.mkdir(parents=True, exist_ok=True)
    now = encode_time(datetime(2026, 1, 5, 7, 0, tzinfo=UTC))
    with EncryptedDatabase(drafts_db, KeyStore().database_key(drafts_db)) as db:
        migrate(db, DRAFTS_DB_MIGRATIONS[:1])
        with db.transaction() as cursor:
            cursor.execute(
                "INSERT INTO accounts (user_id, username, username_key, display_name, role,"
                " password_hash) VALUES ('u1', 'rn.lee', ?, 'R. Lee', ?, ?)",
                (username_key("rn.lee"), Role.NURSE.value, hash_password(PASSWORD)),
            )
            cursor.execute(
                "INSERT INTO patients VALUES ('MRN-100', 'Pat Example', '4W', '12', '2026-01-04')"
            )
            cursor.execute(
                "INSERT INTO drafts VALUES ('d1', 'MRN-100', 'u1', 'shift-sbar', 'draft', ?, ?,"
                " 3, 'shift-sbar', 1, NULL, ?, ?)",
                (now, now, NOTE, DRAFT_TEXT),
            )


@pytest.fixture
def first_release_root(data_dir: Path, memory_keyring: KeyringBackend, tmp_path: Path) -> Path:
    root = tmp_path / "upgraded"
    write_first_release_folder(root)
    return root


def test_a_first_release_data_folder_opens_with_its_drafts(first_release_root: Path) -> None:
    workstation = Workstation.open(StartOptions(data_dir=first_release_root))
    try:
        session = workstation.auth.sign_in("rn.lee", PASSWORD)
        [summary] = workstation.drafts.list_drafts(session)
        draft = workstation.drafts.open_draft(session, summary.id)
    finally:
        workstation.close()

    assert (draft.id, draft.patient_mrn, draft.revision) == ("d1", "MRN-100", 3)
    assert (draft.source_text, draft.text) == (NOTE, DRAFT_TEXT)


def test_an_upgraded_folder_is_at_the_newest_schema(first_release_root: Path) -> None:
    Workstation.open(StartOptions(data_dir=first_release_root)).close()

    drafts_db = DataLocations.under(first_release_root).drafts_db
    with EncryptedDatabase(drafts_db, KeyStore().database_key(drafts_db)) as db:
        assert schema_version(db) == DRAFTS_DB_MIGRATIONS[-1].version


def test_a_folder_from_a_newer_release_is_refused_and_left_as_it_was(
    first_release_root: Path,
) -> None:
    drafts_db = DataLocations.under(first_release_root).drafts_db
    newer = DRAFTS_DB_MIGRATIONS[-1].version + 1
    with EncryptedDatabase(drafts_db, KeyStore().database_key(drafts_db)) as db:
        migrate(db, DRAFTS_DB_MIGRATIONS)
        db.execute(f"PRAGMA user_version = {newer}")

    with pytest.raises(SchemaTooNew, match=f"newer WardScribe \\(schema {newer}\\)"):
        Workstation.open(StartOptions(data_dir=first_release_root))

    with EncryptedDatabase(drafts_db, KeyStore().database_key(drafts_db)) as db:
        assert schema_version(db) == newer
        assert db.query("SELECT text FROM drafts WHERE id = 'd1'") == [(DRAFT_TEXT,)]
