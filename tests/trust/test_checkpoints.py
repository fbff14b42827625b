"""Signed checkpoints: what the hash chain alone cannot catch, checkpoints kept outside do."""

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from keyring.backend import KeyringBackend

from app.domain.audit import canonical_json
from app.keys.entries import KeyEntries
from app.keys.keystore import KeyMissing
from app.storage.audit import AuditStore
from app.storage.audit_checkpoints import (
    Checkpoint,
    Checkpointer,
    CheckpointKey,
    CheckpointLog,
    verify_audit_log,
    verify_with_checkpoints,
)
from app.storage.database import EncryptedDatabase
from tests.trust.events import make_event, tamper_audit

EVERY = 10


class AuditLog:
    """audit.db with its checkpoint file and signing key, as the workstation wires them."""

    def __init__(self, path: Path, db_key: bytes) -> None:
        self.path = path
        self.db_key = db_key
        self.db = EncryptedDatabase(path, db_key)
        self.store = AuditStore(self.db)
        self.log = CheckpointLog.beside(path)
        self.key = CheckpointKey.load(KeyEntries(), path, self.log)
        self.forwarded: list[Checkpoint] = []
        self.checkpointer = Checkpointer(
            self.store, self.key, self.log, every=EVERY, forward=self.forwarded.append
        )

    def append(self, count: int, start: int = 0) -> None:
        for n in range(start, start + count):
            self.store.append(make_event(n))

    def close(self) -> None:
        self.store.close()
        self.checkpointer.close()
        self.db.close()

    def verify(self) -> str:
        """verify_with_checkpoints on a fresh connection, as `wardscribe audit verify` runs."""
        with EncryptedDatabase(self.path, self.db_key) as db:
            result = verify_with_checkpoints(AuditStore(db), self.log, self.key.public_key)
        return result.describe()


@pytest.fixture
def audit(tmp_path: Path, db_key: bytes, memory_keyring: KeyringBackend) -> Iterator[AuditLog]:
    log = AuditLog(tmp_path / "audit.db", db_key)
    yield log
    log.close()


def checkpoint_lines(log: CheckpointLog) -> list[dict[str, object]]:
    return [json.loads(line) for line in log.path.read_text().splitlines()]


def test_a_checkpoint_is_written_every_n_events_and_at_close(audit: AuditLog) -> None:
    audit.append(25)
    audit.close()

    assert [line["seq"] for line in checkpoint_lines(audit.log)] == [10, 20, 25]


def test_a_checkpoint_holds_only_position_hash_time_key_and_signature(audit: AuditLog) -> None:
    audit.append(EVERY)

    (line,) = checkpoint_lines(audit.log)

    assert set(line) == {"seq", "hash", "time", "key", "sig"}
    assert line["hash"] == audit.store.head()[1]


def test_each_checkpoint_is_handed_to_the_forwarder(audit: AuditLog) -> None:
    audit.append(25)
    audit.close()

    assert [checkpoint.seq for checkpoint in audit.forwarded] == [10, 20, 25]
    assert audit.forwarded == list(audit.log.read().checkpoints)


def test_the_signing_key_lives_in_the_credential_store_beside_the_database_key(
    audit: AuditLog, memory_keyring: KeyringBackend
) -> None:
    entry = f"{audit.path.resolve()}#checkpoint-key"

    stored = memory_keyring.get_password("WardScribe", entry)

    assert stored is not None
    assert (
        audit.key.public_hex
        == CheckpointKey(Ed25519PrivateKey.from_private_bytes(bytes.fromhex(stored))).public_hex
    )


def test_a_lost_signing_key_is_not_silently_replaced(
    audit: AuditLog, memory_keyring: KeyringBackend
) -> None:
    audit.append(EVERY)
    memory_keyring.delete_password("WardScribe", CheckpointKey.entry(audit.path))

    with pytest.raises(KeyMissing, match="checkpoint signing key"):
        CheckpointKey.load(KeyEntries(), audit.path, audit.log)


def test_an_intact_log_verifies_against_its_checkpoints(audit: AuditLog) -> None:
    audit.append(25)
    audit.close()

    assert audit.verify() == "Audit log intact: 25 events verified."


def test_the_cli_entry_point_reads_key_and_checkpoints_itself(audit: AuditLog) -> None:
    audit.append(25)
    audit.close()

    with EncryptedDatabase(audit.path, audit.db_key) as db:
        result = verify_audit_log(AuditStore(db), audit.path, KeyEntries())

    assert (result.ok, result.events_checked) == (True, 25)


def test_a_cut_tail_is_reported_with_the_missing_range(audit: AuditLog) -> None:
    audit.append(25)
    audit.close()
    tamper_audit(audit.path, audit.db_key, ("DELETE FROM audit_events WHERE seq > 17", ()))

    with EncryptedDatabase(audit.path, audit.db_key) as db:
        result = verify_with_checkpoints(AuditStore(db), audit.log, audit.key.public_key)

    assert (result.ok, result.first_bad_seq, result.missing_range) == (False, 18, (18, 25))
    assert "cut off" in (result.problem or "")


def test_a_replaced_log_is_reported_from_the_first_row(
    audit: AuditLog, tmp_path: Path, db_key: bytes
) -> None:
    audit.append(25)
    audit.close()
    forged_path = tmp_path / "forged.db"
    with EncryptedDatabase(forged_path, db_key) as forged:
        AuditStore(forged).append_many(make_event(n + 1000) for n in range(30))
    forged_path.replace(audit.path)

    with EncryptedDatabase(audit.path, db_key) as db:
        result = verify_with_checkpoints(AuditStore(db), audit.log, audit.key.public_key)

    assert (result.ok, result.first_bad_seq) == (False, 1)
    assert "replaced" in (result.problem or "")


def test_a_rebuilt_chain_is_caught_from_the_last_good_checkpoint(audit: AuditLog) -> None:
    """The forger edits row 15 and re-hashes every row after it, so the chain itself links."""
    audit.append(25)
    audit.close()
    with EncryptedDatabase(audit.path, audit.db_key) as db:
        rows = list(AuditStore(db).events())
    statements = []
    prev_hash = rows[13].hash
    for row in rows[14:]:
        event = make_event(999) if row.seq == 15 else row.event
        body = canonical_json(row.seq, event)
        digest = hashlib.sha256(bytes.fromhex(prev_hash) + body).hexdigest()
        statements.append(
            (
                "UPDATE audit_events SET event_json = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                (body.decode(), prev_hash, digest, row.seq),
            )
        )
        prev_hash = digest
    tamper_audit(audit.path, audit.db_key, *statements)

    with EncryptedDatabase(audit.path, audit.db_key) as db:
        store = AuditStore(db)
        chain_only = store.verify()
        result = verify_with_checkpoints(store, audit.log, audit.key.public_key)

    assert chain_only.ok, "the rebuilt chain links: only the checkpoints can tell"
    assert (result.ok, result.first_bad_seq, result.events_checked) == (False, 11, 10)


def test_a_changed_row_is_still_located_exactly(audit: AuditLog) -> None:
    audit.append(25)
    audit.close()
    forged = canonical_json(7, make_event(999)).decode()
    tamper_audit(
        audit.path,
        audit.db_key,
        ("UPDATE audit_events SET event_json = ? WHERE seq = 7", (forged,)),
    )

    assert audit.verify().startswith("Audit log BROKEN at row 7: seq 7 was changed")


def test_a_forged_checkpoint_is_reported(audit: AuditLog) -> None:
    audit.append(25)
    audit.close()
    impostor = CheckpointKey(Ed25519PrivateKey.generate())
    audit.log.append(impostor.sign(40, "ab" * 32, datetime.now(UTC)))

    assert "not signed by this workstation's checkpoint key" in audit.verify()


def test_an_altered_checkpoint_fails_its_signature(audit: AuditLog) -> None:
    audit.append(25)
    audit.close()
    lines = audit.log.path.read_text().splitlines()
    altered = json.loads(lines[0])
    altered["seq"] = 30
    audit.log.path.write_text("\n".join([json.dumps(altered), *lines[1:]]) + "\n")

    assert "forged or altered" in audit.verify()


def test_a_garbage_line_in_the_checkpoint_file_is_reported(audit: AuditLog) -> None:
    audit.append(25)
    audit.close()
    with audit.log.path.open("a") as file:
        file.write("{not a checkpoint}\n")

    assert "line 4 of audit-checkpoints.jsonl is not a checkpoint" in audit.verify()


def test_a_line_torn_by_a_crash_is_ignored_and_cut_before_the_next_append(
    audit: AuditLog,
) -> None:
    audit.append(EVERY)
    with audit.log.path.open("a") as file:
        file.write('{"seq": 20, "ha')

    assert [c.seq for c in audit.log.read().checkpoints] == [10]
    audit.append(EVERY, start=EVERY)

    assert [line["seq"] for line in checkpoint_lines(audit.log)] == [10, 20]
