"""The coverage report stored with a draft, and drafts from before the column existed."""

from pathlib import Path

from app.domain.coverage import Coverage, PartCoverage, PartStatus
from app.domain.notes import NoteKind, Patient
from app.storage.database import EncryptedDatabase
from app.storage.drafts import DraftStore
from app.storage.migrations import DRAFTS_DB_MIGRATIONS, migrate

COVERAGE = Coverage(
    parts=(
        PartCoverage(
            index=1,
            label="Day 1",
            first_line=1,
            last_line=9,
            characters=400,
            status=PartStatus.LEFT_OUT,
        ),
        PartCoverage(
            index=2,
            label="Day 2",
            first_line=10,
            last_line=19,
            characters=420,
            status=PartStatus.WHOLE,
        ),
    )
)


def _store_with_draft(db: EncryptedDatabase) -> tuple[DraftStore, str]:
    store = DraftStore(db)
    store.upsert_patient(Patient(mrn="MRN-1", name="Ada Lovelace", unit="4 West", bed="1"))
    draft = store.create_draft(
        patient_mrn="MRN-1",
        author_id="u1",
        kind=NoteKind.SUMMARY,
        source_text="Day 1\nBP 120/80.",
        template_id="summary",
        template_version=2,
    )
    return store, draft.id


def test_a_generated_drafts_coverage_is_stored_and_kept_by_later_edits(
    tmp_path: Path, db_key: bytes
) -> None:
    with EncryptedDatabase(tmp_path / "drafts.db", db_key) as db:
        store, draft_id = _store_with_draft(db)
        generated = store.save_text(draft_id, "Summary.", 1, coverage=COVERAGE)
        edited = store.save_text(draft_id, "Summary, edited.", generated.revision)
        assert store.get_draft(draft_id).coverage == COVERAGE
        assert edited.coverage == COVERAGE


def test_a_draft_written_before_the_coverage_column_opens_without_a_report(
    tmp_path: Path, db_key: bytes
) -> None:
    path = tmp_path / "drafts.db"
    with EncryptedDatabase(path, db_key) as old:
        migrate(old, DRAFTS_DB_MIGRATIONS[:4])
        old.execute("INSERT INTO patients VALUES ('MRN-1', 'Ada Lovelace', '4 West', '1', '')")
        old.execute(
            "INSERT INTO drafts (id, patient_mrn, author_id, kind, status, updated_at,"
            " created_at, revision, template_id, template_version, source_text, text)"
            " VALUES ('d1', 'MRN-1', 'u1', 'summary', 'draft', '2026-11-20T07:00:00+00:00',"
            " '2026-11-20T07:00:00+00:00', 1, 'summary', 2, 'BP 120/80.', 'Summary.')"
        )
    with EncryptedDatabase(path, db_key) as upgraded:
        draft = DraftStore(upgraded).get_draft("d1")
        assert draft.text == "Summary."
        assert draft.coverage is None
