"""A workstation's data folder built from the real storage pieces, without the services."""

import secrets
from pathlib import Path

from app.domain.notes import NoteKind, Patient
from app.keys.entries import KeyEntries
from app.keys.keystore import KeyStore
from app.storage.audit import AuditStore
from app.storage.audit_checkpoints import Checkpointer, CheckpointKey, CheckpointLog
from app.storage.database import EncryptedDatabase
from app.storage.drafts import DraftStore
from app.storage.locations import DataLocations
from tests.trust.events import make_event


class Site:
    """drafts.db, audit.db and the checkpoint file, keyed from the current keyring."""

    def __init__(self, root: Path, *, checkpoint_every: int = 10) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.locations = DataLocations.under(root)
        self.keys = KeyStore()
        self.entries = KeyEntries()
        self.drafts_db = EncryptedDatabase(
            self.locations.drafts_db, self.keys.database_key(self.locations.drafts_db)
        )
        self.audit_db = EncryptedDatabase(
            self.locations.audit_db, self.keys.database_key(self.locations.audit_db)
        )
        self.drafts = DraftStore(self.drafts_db)
        self.audit = AuditStore(self.audit_db)
        self.checkpoints = CheckpointLog.beside(self.locations.audit_db)
        self.signer = CheckpointKey.load(self.entries, self.locations.audit_db, self.checkpoints)
        self.checkpointer = Checkpointer(
            self.audit, self.signer, self.checkpoints, every=checkpoint_every
        )

    def write_draft(self, patient_name: str, text: str) -> str:
        mrn = f"MRN-{secrets.token_hex(3)}"
        self.drafts.upsert_patient(Patient(mrn=mrn, name=patient_name))
        draft = self.drafts.create_draft(
            patient_mrn=mrn,
            author_id="nurse-1",
            kind=NoteKind.SHIFT_SBAR,
            source_text=text,
            template_id="sbar",
            template_version=1,
            text=text,
        )
        self.audit.append(make_event(self.audit.head()[0]))
        return draft.id

    def texts(self) -> dict[str, str]:
        return {
            summary.id: self.drafts.get_draft(summary.id).text
            for summary in self.drafts.list_drafts(limit=100_000)
        }

    def close(self) -> None:
        self.audit.close()
        self.checkpointer.close()
        self.drafts_db.close()
        self.audit_db.close()
