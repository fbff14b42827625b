"""Audit events and raw-database helpers shared by the trust tests."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlcipher3

from app.domain.audit import AuditAction, AuditEvent, Outcome

_EPOCH = datetime(2025, 3, 1, 7, 0, tzinfo=UTC)


def make_event(n: int = 0, action: AuditAction = AuditAction.DRAFT_SAVE) -> AuditEvent:
    return AuditEvent(
        occurred_at=_EPOCH + timedelta(seconds=n),
        user_id=f"user-{n}",
        role="nurse",
        action=action,
        object_type="draft",
        object_id=f"draft-{n}",
        patient_ref="MRN-0001",
        outcome=Outcome.SUCCESS,
        workstation="ws-01",
        app_version="0.1.0",
    )


def raw_connection(path: Path, key: bytes) -> sqlcipher3.Connection:
    """A connection outside EncryptedDatabase, as an attacker holding the key would open one."""
    connection = sqlcipher3.connect(str(path), isolation_level=None)
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return connection


def tamper_audit(path: Path, key: bytes, *statements: tuple[str, tuple[object, ...]]) -> None:
    """Edit audit.db with the key in hand, dropping the append-only triggers first."""
    connection = raw_connection(path, key)
    connection.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
    connection.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
    for sql, parameters in statements:
        connection.execute(sql, parameters)
    connection.close()


def integrity_problems(path: Path, key: bytes) -> list[str]:
    """Everything PRAGMA integrity_check and cipher_integrity_check report; [] when clean."""
    connection = raw_connection(path, key)
    try:
        logical = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        physical = [row[0] for row in connection.execute("PRAGMA cipher_integrity_check")]
    finally:
        connection.close()
    return [problem for problem in logical if problem != "ok"] + physical
