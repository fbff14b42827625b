"""Who may open a draft and who may change it: one rule for drafting, review and export.

A draft's author may open it; anyone else needs DRAFT_READ_UNIT (the charge nurse reads the
unit's drafts). Only the author changes, signs or amends it. Each refusal is audited as
`not_author` with the draft's id and patient, never its text.
"""

from typing import NoReturn

from app.domain.audit import AuditAction, Outcome
from app.domain.errors import AccessDenied
from app.domain.notes import Draft
from app.domain.roles import Permission, is_allowed
from app.services.access import require
from app.services.audit_trail import AuditTrail
from app.services.session import Session
from app.storage.drafts import DraftStore

_DRAFT = "draft"


class DraftAccess:
    """The draft-access rule, bound to the store drafts are read from and the trail refusals go
    to; DraftService, ReviewService and ExportService each hold one over the same store."""

    def __init__(self, store: DraftStore, trail: AuditTrail) -> None:
        """Refusals are audited through `trail`, so every denied open or change is on record."""
        self._store = store
        self._trail = trail

    def readable(self, session: Session, draft_id: str) -> Draft:
        """The draft, if the session may open it; AccessDenied (audited) otherwise."""
        require(
            self._trail, session, Permission.DRAFT_READ_OWN, object_type=_DRAFT, object_id=draft_id
        )
        draft = self._store.get_draft(draft_id)
        if draft.author_id != session.user_id and not is_allowed(
            session.principal.role, Permission.DRAFT_READ_UNIT
        ):
            self._deny(session, draft, "This draft belongs to another author.")
        return draft

    def authored(
        self,
        session: Session,
        draft_id: str,
        permission: Permission = Permission.DRAFT_WRITE,
        message: str = "Only the author can change this draft.",
    ) -> Draft:
        """The draft, if the session holds `permission` and wrote it; AccessDenied otherwise."""
        require(self._trail, session, permission, object_type=_DRAFT, object_id=draft_id)
        draft = self._store.get_draft(draft_id)
        self.require_author(session, draft, message)
        return draft

    def require_author(
        self,
        session: Session,
        draft: Draft,
        message: str = "Only the author can change this draft.",
    ) -> None:
        """Refuse (audited) a draft already read that the session did not write."""
        if draft.author_id != session.user_id:
            self._deny(session, draft, message)

    def _deny(self, session: Session, draft: Draft, message: str) -> NoReturn:
        self._trail.record_draft(
            session, AuditAction.ACCESS_DENIED, draft, Outcome.DENIED, "not_author"
        )
        raise AccessDenied(message)
