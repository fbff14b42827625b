"""Permission checks that audit their refusals."""

from datetime import UTC, datetime

from app.domain.audit import AuditAction, Outcome
from app.domain.errors import AccessDenied
from app.domain.roles import Permission, is_allowed
from app.services.audit_trail import AuditTrail
from app.services.session import Session


class SessionLocked(AccessDenied):
    """The session is locked or has ended: nothing may be done until its owner signs in again."""


def require(
    trail: AuditTrail,
    session: Session,
    permission: Permission,
    *,
    object_type: str | None = None,
    object_id: str | None = None,
    patient_ref: str | None = None,
) -> None:
    """Raise AccessDenied, after auditing the denial, unless the session may do this now."""
    require_open(trail, session, object_type=object_type, object_id=object_id)
    if not is_allowed(session.principal.role, permission):
        trail.record(
            session,
            AuditAction.ACCESS_DENIED,
            Outcome.DENIED,
            object_type=object_type,
            object_id=object_id,
            patient_ref=patient_ref,
            reason=permission.value,
        )
        # The permission's code is in the audit event, for IT; the person is told in words.
        role = session.principal.role.value.replace("_", " ")
        raise AccessDenied(f"Your role ({role}) does not allow this. Ask IT if you need it.")


def require_open(
    trail: AuditTrail,
    session: Session,
    *,
    object_type: str | None = None,
    object_id: str | None = None,
) -> None:
    """Raise SessionLocked, after auditing the denial, unless the session is open: for what
    every signed-in person may do for themselves, whatever their role."""
    if not session.locked and session.has_expired(datetime.now(UTC)):
        session.locked = session.ended = True
        trail.record(session, AuditAction.SESSION_EXPIRE)
    if session.locked:
        trail.record(
            session,
            AuditAction.ACCESS_DENIED,
            Outcome.DENIED,
            object_type=object_type,
            object_id=object_id,
            reason="session_locked",
        )
        raise SessionLocked(
            "The session has ended. Sign in again to continue."
            if session.ended
            else "The session is locked. Unlock it with your password to continue."
        )
