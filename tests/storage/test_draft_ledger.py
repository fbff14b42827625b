"""The audit log's record of each draft's latest revision, checked against real drafts.db files."""

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.domain.audit import AuditAction, AuditEvent, Outcome
from app.domain.draft_digest import draft_digest
from app.domain.notes import Draft, NoteKind, Patient
from app.storage.audit import AuditStore
from app.storage.database import EncryptedDatabase
from app.storage.draft_ledger import DraftsMissing, refuse_rolled_back_drafts
from app.storage.drafts import DraftStore

KEY = secrets.token_bytes(32)


@dataclass
class Ward:
    drafts: DraftStore
    drafts_path: Path
    audit: AuditStore

    def record(self, draft: Draft) -> None:
        """What the audit trail appends for a draft event: its revision and keyed digest."""
        self.audit.append(
            AuditEvent(
                occurred_at=datetime.now(UTC),
                user_id="nurse-1",
                role="nurse",
                action=AuditAction.DRAFT_SAVE,
                object_type="draft",
                object_id=draft.id,
                patient_ref=draft.patient_mrn,
                outcome=Outcome.SUCCESS,
                workstation="ws-1",
                app_version="test",
                draft_revision=draft.revision,
                draft_digest=draft_digest(KEY, draft),
            )
        )

    def check(self) -> None:
        refuse_rolled_back_drafts(self.drafts, self.drafts_path, self.audit, KEY)


@pytest.fixture
def ward(tmp_path: Path, db_key: bytes) -> Iterator[Ward]:
    drafts_db = EncryptedDatabase(tmp_path / "drafts.db", db_key)
    audit_db = EncryptedDatabase(tmp_path / "audit.db", db_key)
    drafts = DraftStore(drafts_db)
    drafts.upsert_patient(Patient(mrn="MRN-1", name="Test Patient"))
    audit = AuditStore(audit_db)
    yield Ward(drafts, tmp_path / "drafts.db", audit)
    audit.close()
    drafts_db.close()
    audit_db.close()


def _draft(ward: Ward) -> Draft:
    return ward.drafts.create_draft(
        patient_mrn="MRN-1",
        author_id="nurse-1",
        kind=NoteKind.SHIFT_SBAR,
        source_text="0800 BP 132/84.",
        template_id="shift-sbar",
        template_version=1,
    )


def test_drafts_at_the_revision_the_log_records_pass(ward: Ward) -> None:
    draft = _draft(ward)
    ward.record(ward.drafts.save_text(draft.id, "S: stable.", expected_revision=draft.revision))

    ward.check()


def test_a_draft_saved_after_its_last_audit_event_passes_as_a_crash_leaves_it(
    ward: Ward,
) -> None:
    draft = _draft(ward)
    ward.record(draft)
    ward.drafts.save_text(draft.id, "S: stable.", expected_revision=draft.revision)

    ward.check()


def test_a_draft_older_than_the_log_records_is_refused(ward: Ward) -> None:
    draft = _draft(ward)
    saved = ward.drafts.save_text(draft.id, "S: stable.", expected_revision=draft.revision)
    ward.record(saved.model_copy(update={"revision": saved.revision + 1}))

    with pytest.raises(DraftsMissing, match="1 draft\\(s\\) at an older revision"):
        ward.check()


def test_a_draft_whose_text_differs_at_the_recorded_revision_is_refused(ward: Ward) -> None:
    draft = _draft(ward)
    saved = ward.drafts.save_text(draft.id, "S: stable.", expected_revision=draft.revision)
    ward.record(saved.model_copy(update={"text": "S: deteriorating."}))

    with pytest.raises(DraftsMissing, match="changed outside WardScribe"):
        ward.check()
