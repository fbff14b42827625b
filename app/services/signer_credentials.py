"""Each signer's own professional credentials, printed after their name on what they sign.

Only local accounts used to carry credentials ("RN, BSN"), set by IT; a nurse signed in through
Active Directory or Entra ID signed as a bare name. Now anyone signed in may set their own,
whatever provider vouched for them: kept per user id in the encrypted drafts.db, applied to the
principal at every sign-in and at once to the session that set them, so the signed note, the
text copied for the EHR and the PDF all name them the same way. What a person set overrides the
account's or the directory's (`title`); clearing it brings that back at the next sign-in. Each
change is audited with no value in it.
"""

from app.domain.audit import AuditAction
from app.domain.identity import Principal
from app.services.access import require_open
from app.services.accounts import MAX_CREDENTIALS_LENGTH, check_name
from app.services.audit_trail import AuditTrail
from app.services.session import Session
from app.storage.signer_credentials import SignerCredentialsStore

_OBJECT = "credentials"


class SignerCredentials:
    """Sets a person's own credentials and applies them to whoever signs in."""

    def __init__(self, store: SignerCredentialsStore, trail: AuditTrail) -> None:
        """Credentials are kept in `store` and every change audited in `trail`."""
        self._store = store
        self._trail = trail

    def apply(self, principal: Principal) -> Principal:
        """`principal` with the credentials its person set, if they set any."""
        own = self._store.get(principal.user_id)
        return principal if own is None else principal.model_copy(update={"credentials": own})

    def set_own(self, session: Session, credentials: str) -> Principal:
        """Set the session's person's credentials ("" clears them); the session signs with them
        from now on. Refused for a locked session or a value no signature should print."""
        require_open(self._trail, session, object_type=_OBJECT)
        wanted = credentials.strip()
        if wanted:
            check_name(wanted, "credentials", MAX_CREDENTIALS_LENGTH)
            self._store.set(session.user_id, wanted)
        else:
            self._store.clear(session.user_id)
        self._trail.record(
            session,
            AuditAction.CREDENTIALS_CHANGE,
            object_type=_OBJECT,
            object_id=session.user_id,
            reason="set" if wanted else "cleared",
        )
        session.principal = session.principal.model_copy(update={"credentials": wanted})
        return session.principal
