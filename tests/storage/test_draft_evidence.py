"""The evidence map kept with each checked revision of a draft, in the encrypted drafts.db."""

from datetime import UTC, datetime
from pathlib import Path

from app.domain.factcheck import check_draft
from app.domain.kept_evidence import KeptEvidence
from app.domain.notes import NoteKind, Patient
from app.storage.database import EncryptedDatabase
from app.storage.drafts import DraftStore
from app.storage.evidence import EvidenceStore
from app.storage.migrations import DRAFTS_DB_MIGRATIONS, migrate

NOTES = "0800 BP 132/84, HR 88. Lungs clear bilaterally.\nMorphine 2 mg IV for pain 6/10.\n"
DRAFT = (
    "Blood pressure 132/84 and heart rate 88; lungs clear on both sides. "
    "Seen in the cardiology clinic last week by her brother."
)
CHECKED_AT = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)


def _draft(db: EncryptedDatabase) -> tuple[DraftStore, str]:
    store = DraftStore(db)
    store.upsert_patient(Patient(mrn="MRN-1", name="Ada Lovelace"))
    draft = store.create_draft(
        patient_mrn="MRN-1",
        author_id="u1",
        kind=NoteKind.SHIFT_NARRATIVE,
        source_text=NOTES,
        template_id="shift-narrative",
        template_version=1,
        text=DRAFT,
    )
    return store, draft.id


def _evidence(draft_id: str, revision: int = 1) -> KeptEvidence:
    sentences = check_draft(NOTES, DRAFT).sentences
    return KeptEvidence(
        draft_id=draft_id, revision=revision, checked_at=CHECKED_AT, sentences=sentences
    )


def test_a_checked_revisions_evidence_is_kept_and_read_back_as_checked(
    tmp_path: Path, db_key: bytes
) -> None:
    with EncryptedDatabase(tmp_path / "drafts.db", db_key) as db:
        _, draft_id = _draft(db)
        evidence = EvidenceStore(db)
        kept = _evidence(draft_id)

        evidence.keep(kept)

        assert evidence.get(draft_id, 1) == kept
        assert kept.summary.unsupported == 1
        assert kept.summary.supported == kept.summary.sentences - 1 > 0


def test_checking_a_revision_again_replaces_its_map_and_keeps_the_others(
    tmp_path: Path, db_key: bytes
) -> None:
    with EncryptedDatabase(tmp_path / "drafts.db", db_key) as db:
        _, draft_id = _draft(db)
        evidence = EvidenceStore(db)
        evidence.keep(_evidence(draft_id, 1))
        evidence.keep(_evidence(draft_id, 2))
        later = _evidence(draft_id, 1).model_copy(update={"checked_at": datetime.now(UTC)})

        evidence.keep(later)

        assert evidence.revisions(draft_id) == [1, 2]
        assert evidence.get(draft_id, 1) == later


def test_a_revision_never_checked_has_no_evidence(tmp_path: Path, db_key: bytes) -> None:
    with EncryptedDatabase(tmp_path / "drafts.db", db_key) as db:
        _, draft_id = _draft(db)

        assert EvidenceStore(db).get(draft_id, 1) is None


def test_the_map_holds_offsets_and_numbers_never_the_texts(tmp_path: Path, db_key: bytes) -> None:
    with EncryptedDatabase(tmp_path / "drafts.db", db_key) as db:
        _, draft_id = _draft(db)
        EvidenceStore(db).keep(_evidence(draft_id))

        row = db.query_one("SELECT sentences_json FROM draft_evidence")

        assert row is not None
        assert not any(word in row[0].lower() for word in ("cardiology", "morphine", "lungs"))


def test_deleting_the_draft_deletes_its_evidence(tmp_path: Path, db_key: bytes) -> None:
    with EncryptedDatabase(tmp_path / "drafts.db", db_key) as db:
        store, draft_id = _draft(db)
        evidence = EvidenceStore(db)
        evidence.keep(_evidence(draft_id))

        store.delete_draft(draft_id)

        assert evidence.revisions(draft_id) == []


def test_a_drafts_file_from_before_kept_evidence_gains_it_with_its_drafts_intact(
    tmp_path: Path, db_key: bytes
) -> None:
    path = tmp_path / "drafts.db"
    with EncryptedDatabase(path, db_key) as old:
        migrate(old, DRAFTS_DB_MIGRATIONS[:6])
        _, draft_id = _draft(old)
    with EncryptedDatabase(path, db_key) as upgraded:
        evidence = EvidenceStore(upgraded)
        evidence.keep(_evidence(draft_id))

        assert DraftStore(upgraded).get_draft(draft_id).text == DRAFT
        assert evidence.revisions(draft_id) == [1]
