"""Writes audit events with the workstation's identity filled in.

Services call this and nothing else to audit, so the fields an auditor relies on (UTC time,
workstation, app version, break-glass flag) are set in one place and cannot be forgotten.
"""

import socket
from collections.abc import Callable
from datetime import UTC, datetime

from app import __version__
from app.domain.audit import AuditAction, AuditEvent, Outcome
from app.domain.draft_digest import draft_digest
from app.domain.notes import Draft
from app.services.session import Session
from app.storage.audit import AuditStore


def _utc_now() -> datetime:
    return datetime.now(UTC)


class AuditTrail:
    """The one writer of audit events for the services: it fills in what every event needs
    (this workstation, the app's version, the UTC time, the user) so no use case can forget it."""

    def __init__(
        self,
        store: AuditStore,
        workstation: str | None = None,
        clock: Callable[[], datetime] = _utc_now,
        draft_key: bytes | None = None,
    ) -> None:
        """`draft_key`: keys the digest each draft event carries of the draft's revision; with
        none, events carry the revision only."""
        self._store = store
        self._workstation = workstation or socket.gethostname()
        self._clock = clock
        self._draft_key = draft_key

    @property
    def store(self) -> AuditStore:
        """The audit log itself, for the services that verify, search or export it."""
        return self._store

    def record(
        self,
        session: Session,
        action: AuditAction,
        outcome: Outcome = Outcome.SUCCESS,
        *,
        object_type: str | None = None,
        object_id: str | None = None,
        patient_ref: str | None = None,
        reason: str | None = None,
        draft: Draft | None = None,
    ) -> None:
        """Append one event for `session`'s user; raises if the log cannot record it, so nothing
        goes unaudited."""
        principal = session.principal
        self._append(
            AuditEvent(
                occurred_at=self._clock(),
                user_id=principal.user_id,
                role=principal.role.value,
                action=action,
                object_type=object_type,
                object_id=object_id,
                patient_ref=patient_ref,
                outcome=outcome,
                reason=reason,
                workstation=self._workstation,
                app_version=__version__,
                break_glass=principal.break_glass,
                draft_revision=None if draft is None else draft.revision,
                draft_digest=None
                if draft is None or self._draft_key is None
                else draft_digest(self._draft_key, draft),
            )
        )

    def record_draft(
        self,
        session: Session,
        action: AuditAction,
        draft: Draft,
        outcome: Outcome = Outcome.SUCCESS,
        reason: str | None = None,
    ) -> None:
        """Audit something done to a draft: its id, patient, revision and a keyed digest of that
        revision, never its text."""
        self.record(
            session,
            action,
            outcome,
            object_type="draft",
            object_id=draft.id,
            patient_ref=draft.patient_mrn,
            reason=reason,
            draft=draft,
        )

    def record_unauthenticated(
        self,
        claimed_user: str,
        action: AuditAction,
        outcome: Outcome,
        reason: str | None = None,
        *,
        object_type: str | None = None,
        object_id: str | None = None,
    ) -> None:
        """Audit something done before or without a session: a failed sign-in, a CLI check."""
        self._append(
            AuditEvent(
                occurred_at=self._clock(),
                user_id=claimed_user[:128],
                role=None,
                action=action,
                object_type=object_type,
                object_id=object_id,
                outcome=outcome,
                reason=reason,
                workstation=self._workstation,
                app_version=__version__,
            )
        )

    def _append(self, event: AuditEvent) -> None:
        self._store.append(event)
