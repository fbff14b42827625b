"""Schema 6: patients carry the identity a nurse checks, drafts remember whose notes they were
made from, and a left-out item can be acknowledged; older databases upgrade in place."""

from pathlib import Path

from app.domain.notes import NoteKind, Patient
from app.storage.database import EncryptedDatabase
from app.storage.drafts import DraftStore
from app.storage.migrations import DRAFTS_DB_MIGRATIONS, migrate
from app.storage.review import ReviewStore

ALEX = Patient(
    mrn="MRN-1",
    name="Alex Demo",
    birth_date="1958-03-14",
    sex="M",
    allergies="penicillin (hives)",
    code_status="DNR/DNI",
)


def test_a_patients_identity_is_stored_and_read_back(tmp_path: Path, db_key: bytes) -> None:
    with EncryptedDatabase(tmp_path / "drafts.db", db_key) as db:
        store = DraftStore(db)
        store.upsert_patient(ALEX)
        assert store.get_patient("MRN-1") == ALEX


def test_a_patient_stored_before_schema_6_reads_with_identity_not_recorded(
    tmp_path: Path, db_key: bytes
) -> None:
    path = tmp_path / "drafts.db"
    with EncryptedDatabase(path, db_key) as old:
        migrate(old, DRAFTS_DB_MIGRATIONS[:5])
        old.execute("INSERT INTO patients VALUES ('MRN-1', 'Alex Demo', '4 West', '1', '')")
    with EncryptedDatabase(path, db_key) as upgraded:
        patient = DraftStore(upgraded).get_patient("MRN-1")
    assert (patient.birth_date, patient.sex, patient.allergies, patient.code_status) == (
        "",
        "",
        "",
        "",
    )


def test_the_store_finds_every_patient_drafted_from_the_same_notes(
    tmp_path: Path, db_key: bytes
) -> None:
    with EncryptedDatabase(tmp_path / "drafts.db", db_key) as db:
        store = DraftStore(db)
        store.upsert_patient(ALEX)
        store.create_draft(
            patient_mrn="MRN-1",
            author_id="u1",
            kind=NoteKind.SHIFT_SBAR,
            source_text="0800 BP 120/80.",
            template_id="shift-sbar",
            template_version=2,
        )
        assert store.patients_drafted_from("0800 BP 120/80.") == {"MRN-1"}
        assert store.patients_drafted_from("0800 BP 121/80.") == set()


def test_flag_resolutions_survive_the_upgrade_that_allows_acknowledgements(
    tmp_path: Path, db_key: bytes
) -> None:
    path = tmp_path / "drafts.db"
    with EncryptedDatabase(path, db_key) as old:
        migrate(old, DRAFTS_DB_MIGRATIONS[:5])
        old.execute(
            "INSERT INTO flag_resolutions VALUES ('d1', 1, 'f1', 'vital.temp', 'accepted',"
            " 'verified_in_chart', 'u1', 2, '2026-11-20T07:00:00+00:00')"
        )
    with EncryptedDatabase(path, db_key) as upgraded:
        DraftStore(upgraded)
        [kept] = ReviewStore(upgraded).resolutions("d1", 1)
    assert (kept.flag_id, kept.decision.value, kept.reason_code) == (
        "f1",
        "accepted",
        "verified_in_chart",
    )
