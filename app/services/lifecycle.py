"""The data's life cycle: retention purges, legal holds, backups and key rotation.

Each is an IT or compliance action, so each checks the caller's role first and is audited,
whether it succeeds or is refused. Audit events name what was purged or copied by id and count,
never by content.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.domain.audit import AuditAction, Outcome
from app.domain.legal_hold import HoldKind
from app.domain.roles import Permission
from app.keys.entries import KeyEntries
from app.keys.keystore import KeyStore
from app.services.access import require
from app.services.audit_trail import AuditTrail
from app.services.session import Session
from app.storage.backup import (
    BACKUP_KEY_ENTRY,
    BackupSummary,
    NotTheHospitalsKey,
    RestoreSummary,
    backup_key_id,
    create_backup,
    require_hospital_key,
)
from app.storage.database import EncryptedDatabase
from app.storage.locations import DataLocations
from app.storage.rekey import rotate_keys
from app.storage.replaced_logs import archive_replaced_log, replaced_log_reference
from app.storage.retention import PurgeReport, RetentionPolicy, RetentionStore

MANAGE_DATA = Permission.SETTINGS_CHANGE
"""Purge, back up, restore, rotate keys: IT's role."""
MANAGE_HOLDS = Permission.AUDIT_EXPORT
"""Place and release legal holds: the compliance officer's role."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class LifecycleParts:
    """What the use cases act on; the composition root builds it."""

    locations: DataLocations
    databases: Sequence[EncryptedDatabase]
    retention: RetentionStore
    policy: RetentionPolicy
    keys: KeyStore
    entries: KeyEntries
    hospital_key_id: str | None = None
    """The backup key the machine policy names; any other is refused (None: no policy)."""


class LifecycleService:
    """Keeping data for as long as the policy says and no longer: retention purges and legal
    holds, backups and restores, and key rotation, each permission-checked and audited."""

    def __init__(
        self,
        trail: AuditTrail,
        parts: LifecycleParts,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        """`clock` stamps holds and purges, so tests can move time instead of waiting."""
        self._trail = trail
        self._parts = parts
        self._clock = clock

    def purge_expired(self, session: Session, *, dry_run: bool = False) -> PurgeReport:
        """Apply the retention policy now; `dry_run` reports what would go, removing nothing."""
        require(self._trail, session, MANAGE_DATA, object_type="retention_run")
        retention, policy, now = self._parts.retention, self._parts.policy, self._clock()
        report = retention.preview(policy, now) if dry_run else retention.purge(policy, now)
        if not dry_run:
            for draft in report.purged:
                self._trail.record(
                    session,
                    AuditAction.RETENTION_PURGE,
                    object_type="draft",
                    object_id=draft.draft_id,
                    patient_ref=draft.patient_mrn,
                    reason="signed_note_expired" if draft.signed else "draft_expired",
                )
        self._trail.record(
            session,
            AuditAction.RETENTION_PURGE,
            object_type="retention_run",
            object_id=(
                f"drafts={report.drafts};signed={report.signed};"
                f"patients={len(report.patients_removed)};held={report.held_back}"
            ),
            reason="dry_run" if dry_run else None,
        )
        return report

    def place_legal_hold(self, session: Session, kind: HoldKind, ref: str) -> None:
        """Keep what `ref` names from every purge until released; permission-checked and audited."""
        require(self._trail, session, MANAGE_HOLDS, object_type=f"hold_{kind.value}")
        self._parts.retention.place_hold(kind, ref, session.user_id, self._clock())
        self._hold_event(session, AuditAction.LEGAL_HOLD_PLACE, kind, ref)

    def release_legal_hold(self, session: Session, kind: HoldKind, ref: str) -> bool:
        """Lift a hold; False when there was none. Permission-checked and audited either way."""
        require(self._trail, session, MANAGE_HOLDS, object_type=f"hold_{kind.value}")
        released = self._parts.retention.release_hold(kind, ref)
        self._hold_event(
            session,
            AuditAction.LEGAL_HOLD_RELEASE,
            kind,
            ref,
            Outcome.SUCCESS if released else Outcome.FAILURE,
        )
        return released

    def back_up(
        self, session: Session, into: Path, backup_key: bytes | None = None
    ) -> BackupSummary:
        """Copy both databases, online, under the backup key (the stored one by default)."""
        require(self._trail, session, MANAGE_DATA, object_type="backup")
        key = backup_key or self._parts.entries.read_or_create(BACKUP_KEY_ENTRY)
        parts = self._parts
        try:
            require_hospital_key(key, parts.hospital_key_id)
            summary = create_backup(
                parts.locations,
                parts.keys.database_key,
                parts.entries,
                backup_key=key,
                into=into,
                now=self._clock(),
            )
        except Exception as error:
            self._backup_event(session, AuditAction.BACKUP_CREATE, Outcome.FAILURE, error=error)
            raise
        self._backup_event(
            session, AuditAction.BACKUP_CREATE, object_id=summary.folder.name, key=key
        )
        return summary

    def export_backup_key(self, session: Session) -> str:
        """The backup key as 64 hex digits, for IT to escrow; creates it on first use."""
        require(self._trail, session, MANAGE_DATA, object_type="backup_key")
        key = self._parts.entries.read_or_create(BACKUP_KEY_ENTRY)
        self._backup_event(session, AuditAction.BACKUP_KEY_EXPORT, key=key)
        return key.hex()

    def import_backup_key(self, session: Session, key: bytes) -> None:
        """Install an escrowed backup key, so this computer's backups use the hospital's key."""
        require(self._trail, session, MANAGE_DATA, object_type="backup_key")
        try:
            require_hospital_key(key, self._parts.hospital_key_id)
        except NotTheHospitalsKey as refusal:
            self._backup_event(
                session, AuditAction.BACKUP_KEY_IMPORT, Outcome.DENIED, error=refusal
            )
            raise
        self._parts.entries.write(BACKUP_KEY_ENTRY, key)
        self._backup_event(session, AuditAction.BACKUP_KEY_IMPORT, key=key)

    def authorize_restore(self, session: Session) -> None:
        """Refuse (audited) a caller who may not restore, before WardScribe is closed for it."""
        require(self._trail, session, MANAGE_DATA, object_type="backup")

    def record_restore_start(self, session: Session, folder: Path) -> None:
        """Audit, in the log about to be replaced, that a restore is replacing it.

        Closing the workstation then signs a checkpoint over this event, so the replaced log
        ends with it and the restored log's own restore event can name that end.
        """
        self._trail.record(
            session,
            AuditAction.BACKUP_RESTORE,
            object_type="backup",
            object_id=folder.name,
            reason="replacing_this_log",
        )

    def record_restore(
        self,
        session: Session,
        folder: Path,
        result: RestoreSummary | Exception,
    ) -> None:
        """Audit a restore into the log that is live after it: the restored one on success.

        A success first copies the replaced log into the restored one, then names the folder it
        was moved to and that log's last signed checkpoint (`replaced-…@seq:hash`), which
        `audit verify` proves the copy reaches.
        """
        if isinstance(result, Exception):
            self._backup_event(
                session, AuditAction.BACKUP_RESTORE, Outcome.FAILURE, folder.name, error=result
            )
            return
        archive_replaced_log(
            self._trail.store,
            result,
            self._parts.keys.database_key(self._parts.locations.audit_db),
        )
        replaced = replaced_log_reference(result)
        self._trail.record(
            session,
            AuditAction.BACKUP_RESTORE,
            object_type="backup",
            object_id=folder.name if replaced is None else replaced,
            reason="restored",
        )

    def rotate_keys(self, session: Session) -> None:
        """Re-encrypt drafts.db and audit.db under new keys; see app.storage.rekey."""
        require(self._trail, session, MANAGE_DATA, object_type="database_keys")
        try:
            rotate_keys(self._parts.databases, self._parts.entries)
        except Exception as error:
            self._trail.record(
                session,
                AuditAction.KEY_ROTATE,
                Outcome.FAILURE,
                object_type="database_keys",
                reason=_code(error),
            )
            raise
        self._trail.record(session, AuditAction.KEY_ROTATE, object_type="database_keys")

    def _hold_event(
        self,
        session: Session,
        action: AuditAction,
        kind: HoldKind,
        ref: str,
        outcome: Outcome = Outcome.SUCCESS,
    ) -> None:
        self._trail.record(
            session,
            action,
            outcome,
            object_type=f"hold_{kind.value}",
            object_id=ref,
            patient_ref=ref if kind is HoldKind.PATIENT else None,
        )

    def _backup_event(
        self,
        session: Session,
        action: AuditAction,
        outcome: Outcome = Outcome.SUCCESS,
        object_id: str | None = None,
        *,
        key: bytes | None = None,
        error: Exception | None = None,
    ) -> None:
        """Backup events name the key by its id (`backup_key_id`), never by its value."""
        reason = _code(error) if error is not None else None
        if key is not None:
            reason = f"key:{backup_key_id(key)}"
        self._trail.record(
            session, action, outcome, object_type="backup", object_id=object_id, reason=reason
        )


def _code(error: Exception) -> str:
    """A ShortCode for the audit log: the error's type, never its message."""
    return type(error).__name__.lower()[:64]
