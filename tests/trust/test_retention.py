"""Retention purges: what expires goes, what is held stays, and nothing deleted can be read back."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.domain.legal_hold import HoldKind
from app.domain.notes import DraftStatus, NoteKind, Patient
from app.storage.database import EncryptedDatabase
from app.storage.drafts import DraftStore
from app.storage.retention import RetentionPolicy, RetentionStore
from app.storage.review import ReviewStore
from tests.trust.events import raw_connection
from tests.trust.sqlcipher_pages import holds_plaintext

NOW = datetime(2031, 6, 1, 12, 0, tzinfo=UTC)
POLICY = RetentionPolicy(draft_days=30, signed_days=365)
DELETED_CANARY = "Zephyrine Quillfeather-Oduya"
KEPT_CANARY = "Bartholomew Wrenfield-Asante"


class Ward:
    """drafts.db with a clock that the test moves, so drafts can be made old."""

    def __init__(self, path: Path, key: bytes) -> None:
        self.path = path
        self.key = key
        self.now = NOW
        self.db = EncryptedDatabase(path, key)
        self.drafts = DraftStore(self.db, clock=lambda: self.now)
        self.review = ReviewStore(self.db, clock=lambda: self.now)
        self.retention = RetentionStore(self.db)

    def draft(self, mrn: str, name: str, *, age_days: int, status: DraftStatus) -> str:
        self.now = NOW - timedelta(days=age_days)
        self.drafts.upsert_patient(Patient(mrn=mrn, name=name))
        draft = self.drafts.create_draft(
            patient_mrn=mrn,
            author_id="nurse-1",
            kind=NoteKind.SHIFT_SBAR,
            source_text=f"{name} resting comfortably. " * 80,
            template_id="sbar",
            template_version=1,
            text=f"S: {name} stable overnight. " * 80,
        )
        if status is DraftStatus.REVIEWED:
            self.review.mark_reviewed(draft.id, expected_revision=1)
        elif status is DraftStatus.SIGNED:
            self.review.sign(
                draft.id,
                1,
                signed_by="nurse-1",
                attestation_id="attest-1",
                signature_name="R. Lee, RN",
            )
        self.now = NOW
        return draft.id

    def ids(self) -> set[str]:
        return {summary.id for summary in self.drafts.list_drafts(limit=10_000)}


@pytest.fixture
def ward(tmp_path: Path, db_key: bytes) -> Iterator[Ward]:
    ward = Ward(tmp_path / "drafts.db", db_key)
    yield ward
    ward.db.close()


def test_an_audit_retention_under_six_years_is_refused() -> None:
    with pytest.raises(ValidationError, match="at least 2190 days"):
        RetentionPolicy(audit_days=2189)


def test_without_limits_nothing_is_purged(ward: Ward) -> None:
    ward.draft("MRN-1", "A. Patient", age_days=5000, status=DraftStatus.DRAFT)

    report = ward.retention.purge(RetentionPolicy(), NOW)

    assert report.purged == ()
    assert len(ward.ids()) == 1


def test_drafts_and_signed_notes_expire_on_their_own_clocks(ward: Ward) -> None:
    old_draft = ward.draft("MRN-1", "A. Patient", age_days=31, status=DraftStatus.DRAFT)
    old_review = ward.draft("MRN-1", "A. Patient", age_days=31, status=DraftStatus.REVIEWED)
    fresh_draft = ward.draft("MRN-1", "A. Patient", age_days=29, status=DraftStatus.DRAFT)
    signed_month = ward.draft("MRN-2", "B. Patient", age_days=31, status=DraftStatus.SIGNED)
    signed_old = ward.draft("MRN-2", "B. Patient", age_days=366, status=DraftStatus.SIGNED)

    report = ward.retention.purge(POLICY, NOW)

    assert {d.draft_id for d in report.purged} == {old_draft, old_review, signed_old}
    assert (report.drafts, report.signed) == (2, 1)
    assert ward.ids() == {fresh_draft, signed_month}


def test_a_signed_note_goes_with_its_versions_and_signatures(ward: Ward) -> None:
    ward.draft("MRN-1", "A. Patient", age_days=400, status=DraftStatus.SIGNED)
    amended = ward.draft("MRN-1", "A. Patient", age_days=400, status=DraftStatus.SIGNED)
    ward.now = NOW - timedelta(days=399)
    ward.review.amend(amended, expected_revision=2, user_id="nurse-1")
    ward.now = NOW

    report = ward.retention.purge(POLICY, NOW)

    assert (report.drafts, report.signed) == (0, 2)
    leftovers = ward.db.query(
        "SELECT (SELECT count(*) FROM draft_versions), (SELECT count(*) FROM draft_signatures)"
    )
    assert leftovers == [(0, 0)]


def test_a_patient_whose_last_draft_is_purged_is_removed_too(ward: Ward) -> None:
    ward.draft("MRN-1", "A. Patient", age_days=40, status=DraftStatus.DRAFT)
    ward.draft("MRN-2", "B. Patient", age_days=40, status=DraftStatus.DRAFT)
    ward.draft("MRN-2", "B. Patient", age_days=1, status=DraftStatus.DRAFT)

    report = ward.retention.purge(POLICY, NOW)

    assert report.patients_removed == ("MRN-1",)
    assert [p.mrn for p in ward.drafts.list_patients()] == ["MRN-2"]


def test_a_legal_hold_on_a_patient_keeps_all_their_drafts(ward: Ward) -> None:
    held = ward.draft("MRN-1", "A. Patient", age_days=400, status=DraftStatus.SIGNED)
    ward.retention.place_hold(HoldKind.PATIENT, "MRN-1", "compliance-1", NOW)

    report = ward.retention.purge(POLICY, NOW)

    assert (report.purged, report.held_back) == ((), 1)
    assert ward.ids() == {held}
    assert [p.mrn for p in ward.drafts.list_patients()] == ["MRN-1"]


def test_a_legal_hold_on_one_draft_keeps_only_that_draft(ward: Ward) -> None:
    held = ward.draft("MRN-1", "A. Patient", age_days=40, status=DraftStatus.DRAFT)
    ward.draft("MRN-1", "A. Patient", age_days=40, status=DraftStatus.DRAFT)
    ward.retention.place_hold(HoldKind.DRAFT, held, "compliance-1", NOW)

    report = ward.retention.purge(POLICY, NOW)

    assert (len(report.purged), report.held_back) == (1, 1)
    assert ward.ids() == {held}


def test_a_released_hold_lets_the_next_purge_proceed(ward: Ward) -> None:
    ward.draft("MRN-1", "A. Patient", age_days=40, status=DraftStatus.DRAFT)
    ward.retention.place_hold(HoldKind.PATIENT, "MRN-1", "compliance-1", NOW)
    ward.retention.purge(POLICY, NOW)

    assert ward.retention.release_hold(HoldKind.PATIENT, "MRN-1")
    report = ward.retention.purge(POLICY, NOW)

    assert len(report.purged) == 1
    assert ward.retention.holds() == []


def test_a_preview_reports_without_deleting(ward: Ward) -> None:
    ward.draft("MRN-1", "A. Patient", age_days=40, status=DraftStatus.DRAFT)

    report = ward.retention.preview(POLICY, NOW)

    assert len(report.purged) == 1
    assert len(ward.ids()) == 1


def test_purged_text_cannot_be_read_back_from_any_page_with_the_key(ward: Ward) -> None:
    """Searches decrypted pages, free ones and -wal frames included, not just what SQL returns.

    The kept canary is the control: the same search must find text that was not deleted.
    """
    ward.draft("MRN-1", DELETED_CANARY, age_days=400, status=DraftStatus.SIGNED)
    ward.draft("MRN-2", KEPT_CANARY, age_days=1, status=DraftStatus.DRAFT)
    ward.db.checkpoint()
    assert holds_plaintext(ward.path, ward.key, DELETED_CANARY.encode())

    ward.retention.purge(POLICY, NOW)

    assert not holds_plaintext(ward.path, ward.key, DELETED_CANARY.encode())
    assert holds_plaintext(ward.path, ward.key, KEPT_CANARY.encode())


def test_after_a_purge_the_file_has_no_free_pages_and_the_wal_is_empty(ward: Ward) -> None:
    ward.draft("MRN-1", DELETED_CANARY, age_days=40, status=DraftStatus.DRAFT)

    ward.retention.purge(POLICY, NOW)

    connection = raw_connection(ward.path, ward.key)
    (free_pages,) = connection.execute("PRAGMA freelist_count").fetchone()
    connection.close()
    assert free_pages == 0
    assert Path(f"{ward.path}-wal").stat().st_size == 0


def test_no_raw_file_holds_the_canary_in_utf8_or_utf16(ward: Ward) -> None:
    ward.draft("MRN-1", DELETED_CANARY, age_days=40, status=DraftStatus.DRAFT)

    ward.retention.purge(POLICY, NOW)

    for path in ward.path.parent.iterdir():
        data = path.read_bytes()
        assert DELETED_CANARY.encode() not in data
        assert DELETED_CANARY.encode("utf-16-le") not in data
