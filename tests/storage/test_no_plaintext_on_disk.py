"""The canary: note text and patient data never reach the disk in readable form."""

import os
import secrets
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain.audit import AuditAction, AuditEvent, Outcome
from app.domain.notes import NoteKind, Patient
from app.keys.keystore import KeyStore
from app.storage.audit import AuditStore
from app.storage.database import EncryptedDatabase
from app.storage.drafts import DraftStore
from app.storage.locations import DataLocations

_CHUNK = 1 << 20


def files_under(root: Path) -> Iterator[Path]:
    """Regular files only: reading a FIFO or socket would block or fail."""
    for folder, _, names in os.walk(root, onerror=lambda _: None):
        for name in names:
            path = Path(folder, name)
            try:
                if stat.S_ISREG(path.lstat().st_mode):
                    yield path
            except OSError:
                continue


def holds_any(path: Path, needles: list[bytes]) -> bool:
    overlap = max(map(len, needles)) - 1
    tail = b""
    try:
        with path.open("rb") as file:
            while chunk := file.read(_CHUNK):
                window = tail + chunk
                if any(needle in window for needle in needles):
                    return True
                tail = window[-overlap:]
    except OSError:
        return False
    return False


@pytest.mark.usefixtures("memory_keyring")
def test_a_saved_draft_leaves_no_plaintext_in_the_data_folder_or_temp(tmp_path: Path) -> None:
    canary = "canary-" + secrets.token_hex(16)
    needles = [canary.encode("utf-8"), canary.encode("utf-16-le")]
    locations = DataLocations.resolve(tmp_path / "data", demo=False)
    keys = KeyStore()

    with (
        EncryptedDatabase(locations.drafts_db, keys.database_key(locations.drafts_db)) as drafts_db,
        EncryptedDatabase(locations.audit_db, keys.database_key(locations.audit_db)) as audit_db,
    ):
        drafts = DraftStore(drafts_db)
        drafts.upsert_patient(Patient(mrn=f"MRN-{canary}", name=f"Patient {canary}", bed=canary))
        draft = drafts.create_draft(
            patient_mrn=f"MRN-{canary}",
            author_id="nurse-1",
            kind=NoteKind.SHIFT_NARRATIVE,
            source_text=f"source notes mention {canary}",
            text=f"draft mentions {canary}",
            template_id="narrative",
            template_version=1,
        )
        drafts.save_text(draft.id, f"edited text still mentions {canary}", expected_revision=1)
        drafts.list_drafts(search=canary)
        AuditStore(audit_db).append(
            AuditEvent.model_validate(
                {
                    "occurred_at": draft.updated_at,
                    "user_id": "nurse-1",
                    "role": "nurse",
                    "action": AuditAction.DRAFT_SAVE,
                    "object_type": "draft",
                    "object_id": draft.id,
                    "outcome": Outcome.SUCCESS,
                    "workstation": "ws-01",
                    "app_version": "0.1.0",
                }
            )
        )

    searched = [*files_under(locations.root), *files_under(Path(tempfile.gettempdir()))]
    hits = [str(path) for path in searched if holds_any(path, needles)]

    assert locations.drafts_db in searched
    assert hits == []
