"""Child of the crash-safety test: save drafts and append audit events until SIGKILL.

One thread saves a draft over and over; two threads append audit events through the group
commit. Each acknowledged operation is printed at once, so the parent knows exactly what was
promised before the kill:

    draft <id> <revision> <sha256 of the text>
    audit <seq> <hash>
"""

import hashlib
import os
import sys
import threading
from pathlib import Path

import keyring

from app.domain.notes import NoteKind, Patient
from app.keys.entries import KeyEntries
from app.keys.keystore import KeyStore
from app.storage.audit import AuditStore
from app.storage.audit_checkpoints import Checkpointer, CheckpointKey, CheckpointLog
from app.storage.database import EncryptedDatabase
from app.storage.drafts import DraftStore
from tests.trust.events import make_event
from tests.trust.insecure_file_keyring import InsecureFileKeyringForTests

CHECKPOINT_EVERY = 25
_print_lock = threading.Lock()


def ack(line: str) -> None:
    with _print_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def save_forever(drafts: DraftStore) -> None:
    drafts.upsert_patient(Patient(mrn="MRN-CRASH", name="Crash Test Patient"))
    draft = drafts.create_draft(
        patient_mrn="MRN-CRASH",
        author_id="nurse-1",
        kind=NoteKind.SHIFT_SBAR,
        source_text="Obs stable.",
        template_id="sbar",
        template_version=1,
    )
    ack(f"draft {draft.id} {draft.revision} {hashlib.sha256(b'').hexdigest()}")
    revision = draft.revision
    while True:
        text = f"S: stable. revision after {revision}. " + os.urandom(8).hex() * 50
        revision = drafts.save_text(draft.id, text, expected_revision=revision).revision
        ack(f"draft {draft.id} {revision} {hashlib.sha256(text.encode()).hexdigest()}")


def append_forever(audit: AuditStore, worker: int) -> None:
    n = 0
    while True:
        event = audit.append(make_event(worker * 1_000_000 + n))
        ack(f"audit {event.seq} {event.hash}")
        n += 1


def main(root: Path) -> None:
    keyring.set_keyring(InsecureFileKeyringForTests.from_environment())
    keys = KeyStore()
    drafts_db = EncryptedDatabase(root / "drafts.db", keys.database_key(root / "drafts.db"))
    audit_db = EncryptedDatabase(root / "audit.db", keys.database_key(root / "audit.db"))
    audit = AuditStore(audit_db)
    log = CheckpointLog.beside(root / "audit.db")
    key = CheckpointKey.load(KeyEntries(), root / "audit.db", log)
    Checkpointer(audit, key, log, every=CHECKPOINT_EVERY)
    workers = [threading.Thread(target=save_forever, args=(DraftStore(drafts_db),), daemon=True)]
    workers += [
        threading.Thread(target=append_forever, args=(audit, w), daemon=True) for w in (1, 2)
    ]
    ack("ready")
    for worker in workers:
        worker.start()
    threading.Event().wait()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
