"""Schema 12: a signature keeps its signer's name and credentials as they signed; a file from
schema 11 upgrades in place, its earlier signatures read with no name kept."""

from pathlib import Path

from app.storage.database import EncryptedDatabase
from app.storage.migrations import DRAFTS_DB_MIGRATIONS, migrate, schema_version
from app.storage.review import ReviewStore

_DRAFT = (
    "INSERT INTO drafts (id, patient_mrn, author_id, kind, status, updated_at,"
    " created_at, revision, template_id, template_version, source_text, text)"
    " VALUES (?, 'MRN-1', 'u1', 'shift-sbar', 'draft', '2026-11-20T07:00:00+00:00',"
    " '2026-11-20T07:00:00+00:00', 1, 'shift-sbar', 2, '0800 BP 120/80.', 'S: ok')"
)


def _schema_11_file_with_a_signed_note(path: Path, key: bytes) -> None:
    with EncryptedDatabase(path, key) as old:
        migrate(old, DRAFTS_DB_MIGRATIONS[:11])
        old.execute(
            "INSERT INTO patients (mrn, name, unit, bed, encounter_date)"
            " VALUES ('MRN-1', 'Alex Demo', '4 West', '1', '')"
        )
        old.execute(_DRAFT, ("d1",))
        _sign_as_schema_11(old)


def _sign_as_schema_11(db: EncryptedDatabase) -> None:
    """Sign d1 as schema 11 did: the signature row has no name."""
    db.execute(
        "INSERT INTO draft_versions (draft_id, version, status, created_by, created_at,"
        " signed_text) VALUES ('d1', 1, 'signed', 'u1', '2026-11-20T07:00:00+00:00', 'S: ok')"
    )
    db.execute(
        "INSERT INTO draft_signatures (draft_id, version, signed_by, signed_at, attestation_id)"
        " VALUES ('d1', 1, 'u1', '2026-11-20T08:00:00+00:00', 'attest-v1')"
    )


def test_a_signature_from_schema_11_upgrades_with_no_name_kept(
    tmp_path: Path, db_key: bytes
) -> None:
    path = tmp_path / "drafts.db"
    _schema_11_file_with_a_signed_note(path, db_key)

    with EncryptedDatabase(path, db_key) as upgraded:
        [version] = ReviewStore(upgraded).versions("d1")
        assert schema_version(upgraded) == 12

    assert version.summary.signed_by == "u1"
    assert version.summary.signature_name is None


def test_an_upgraded_file_keeps_the_name_a_note_was_signed_with(
    tmp_path: Path, db_key: bytes
) -> None:
    path = tmp_path / "drafts.db"
    _schema_11_file_with_a_signed_note(path, db_key)
    with EncryptedDatabase(path, db_key) as upgraded:
        upgraded.execute(_DRAFT, ("d2",))
        ReviewStore(upgraded).sign("d2", 1, "u1", "attest-v1", signature_name="R. Lee, RN")

    with EncryptedDatabase(path, db_key) as reopened:
        [version] = ReviewStore(reopened).versions("d2")

    assert version.summary.signature_name == "R. Lee, RN"
