"""Sign-in and sign-out, audited whether they succeed or not."""

from collections.abc import Mapping

from app.domain.audit import AuditAction, Outcome
from app.domain.errors import AuthenticationFailed
from app.domain.identity import ProviderKind
from app.identity.provider import PasswordProvider
from app.services.audit_trail import AuditTrail
from app.services.session import Session


class AuthService:
    def __init__(
        self, trail: AuditTrail, providers: Mapping[ProviderKind, PasswordProvider]
    ) -> None:
        self._trail = trail
        self._providers = dict(providers)

    @property
    def provider_kinds(self) -> list[ProviderKind]:
        return list(self._providers)

    def sign_in(
        self, username: str, password: str, provider: ProviderKind = ProviderKind.LOCAL
    ) -> Session:
        chosen = self._providers.get(provider)
        if chosen is None:
            self._trail.record_unauthenticated(
                username, AuditAction.SIGN_IN, Outcome.FAILURE, "provider_disabled"
            )
            raise AuthenticationFailed(
                "That sign-in method is not enabled on this workstation.", "provider_disabled"
            )
        try:
            principal = chosen.authenticate(username, password)
        except AuthenticationFailed as failure:
            self._trail.record_unauthenticated(
                username, AuditAction.SIGN_IN, Outcome.FAILURE, failure.reason
            )
            raise
        session = Session(principal)
        self._trail.record(session, AuditAction.SIGN_IN)
        return session

    def sign_out(self, session: Session) -> None:
        self._trail.record(session, AuditAction.SIGN_OUT)
        session.locked = True
