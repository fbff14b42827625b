"""Sign-in and sign-out, audited whether they succeed or not."""

import hashlib
import hmac
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.domain.audit import AuditAction, Outcome
from app.domain.errors import AuthenticationFailed
from app.domain.identity import EmergencyReason, Principal, ProviderKind
from app.domain.roles import Role
from app.identity.provider import InteractiveProvider, PasswordProvider
from app.identity.role_mapping import ProviderUnavailable
from app.services.audit_trail import AuditTrail
from app.services.session import Session
from app.services.signer_credentials import SignerCredentials

DEFAULT_REVALIDATE_INTERVAL = timedelta(minutes=5)


@dataclass(frozen=True)
class EmergencyAccess:
    """Break-glass access (HIPAA 164.312(a)(2)(ii)) as the machine policy allows it.

    Emergency accounts are local accounts IT stages in advance, so they work while the
    directory or Entra ID is unreachable; each use needs a reason, ends after `max_minutes`,
    and flags every audit event of the session for review.
    """

    accounts: PasswordProvider
    max_minutes: int
    roles: frozenset[Role]
    """The roles the policy lets break the glass; any other account is refused and audited."""


def _role_changed() -> AuthenticationFailed:
    return AuthenticationFailed(
        "Your WardScribe role has changed. Sign in again to work under the new role.",
        "role_changed",
    )


class AuthService:
    """Sign-in, sign-out, lock and unlock, and emergency access, through the identity
    providers the machine policy names; every attempt is audited, failed ones included."""

    def __init__(
        self,
        trail: AuditTrail,
        providers: Mapping[ProviderKind, PasswordProvider],
        interactive: InteractiveProvider | None = None,
        emergency: EmergencyAccess | None = None,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        revalidate_interval: timedelta = DEFAULT_REVALIDATE_INTERVAL,
        name_key: bytes | None = None,
        signer_credentials: SignerCredentials | None = None,
    ) -> None:
        """`name_key`: keys the digest that stands for unknown usernames in the audit log.
        `signer_credentials` gives each person signed in the credentials they set themselves."""
        self._name_key = name_key or secrets.token_bytes(32)
        self._trail = trail
        self._providers = dict(providers)
        self._interactive = interactive
        self._emergency = emergency
        self._clock = clock
        self._revalidate_interval = revalidate_interval
        self._signer_credentials = signer_credentials

    @property
    def emergency_access_enabled(self) -> bool:
        """Whether the policy allows break-glass sign-in; the sign-in dialog offers it only then."""
        return self._emergency is not None

    @property
    def password_provider_kinds(self) -> list[ProviderKind]:
        """The providers that take a username and password, for the sign-in dialog's choice."""
        return list(self._providers)

    @property
    def interactive_provider(self) -> ProviderKind | None:
        """The provider that signs in through its own window instead of a password, if any."""
        return None if self._interactive is None else self._interactive.kind

    @property
    def revalidate_interval(self) -> timedelta:
        """How often an open session's sign-in should be checked with `revalidate`."""
        return self._revalidate_interval

    def sign_in(
        self, username: str, password: str, provider: ProviderKind | None = None
    ) -> Session:
        """Check a typed username and password with `provider`, or the one this machine uses."""
        chosen = self._password_provider(provider)
        if chosen is None:
            self._trail.record_unauthenticated(
                self._unverified(username),
                AuditAction.SIGN_IN,
                Outcome.FAILURE,
                "provider_disabled",
            )
            raise AuthenticationFailed(
                "That sign-in method is not enabled on this workstation.", "provider_disabled"
            )
        authenticate = chosen.authenticate
        return self._audited_sign_in(username, lambda: authenticate(username, password))

    def _password_provider(self, kind: ProviderKind | None) -> PasswordProvider | None:
        if kind is None and len(self._providers) == 1:
            return next(iter(self._providers.values()))
        return None if kind is None else self._providers.get(kind)

    def sign_in_interactive(self, parent_window_handle: int | None = None) -> Session:
        """Sign in through the browser or the OS broker; blocks until the person finishes."""
        provider = self._interactive
        if provider is None:
            raise AuthenticationFailed(
                "Browser sign-in is not enabled on this workstation.", "provider_disabled"
            )
        return self._audited_sign_in(
            provider.kind.value,
            lambda: provider.sign_in_interactive(parent_window_handle=parent_window_handle),
        )

    def sign_in_emergency(self, username: str, password: str, reason: EmergencyReason) -> Session:
        """Open a time-limited, flagged session with a pre-staged emergency account."""
        emergency = self._emergency
        if emergency is None:
            self._trail.record_unauthenticated(
                self._unverified(username),
                AuditAction.EMERGENCY_ACCESS,
                Outcome.FAILURE,
                "break_glass_disabled",
            )
            raise AuthenticationFailed(
                "Emergency access is not enabled on this workstation.", "break_glass_disabled"
            )

        def authenticate() -> Principal:
            principal = emergency.accounts.authenticate(username, password)
            if principal.role not in emergency.roles:
                raise AuthenticationFailed(
                    "This account may not use emergency access on this workstation. Sign in "
                    "normally, or use an emergency account IT staged for patient care.",
                    "break_glass_role_not_allowed",
                )
            return principal.model_copy(update={"break_glass": True})

        return self._audited_sign_in(
            username,
            authenticate,
            action=AuditAction.EMERGENCY_ACCESS,
            reason=f"break_glass:{reason.value}",
            lifetime=timedelta(minutes=emergency.max_minutes),
        )

    def lock(self, session: Session) -> None:
        """Lock on idle or on request: the session keeps its owner but can do nothing."""
        if not session.locked:
            session.locked = True
            self._trail.record(session, AuditAction.SESSION_LOCK)

    def unlock(self, session: Session, password: str) -> None:
        """Unlock only for the same person, proven again with their password."""
        if session.ended:
            raise AuthenticationFailed("This session has ended. Sign in again.", "session_ended")
        try:
            provider = self._provider_for(session)
            principal = provider.authenticate(session.principal.username, password)
            if principal.user_id != session.user_id:
                raise AuthenticationFailed("That is not the locked session's owner.", "other_user")
            if principal.role != session.principal.role:
                raise _role_changed()
        except AuthenticationFailed as failure:
            self._trail.record(
                session, AuditAction.SESSION_UNLOCK, Outcome.FAILURE, reason=str(failure.reason)
            )
            raise
        session.locked = False
        self._trail.record(session, AuditAction.SESSION_UNLOCK)

    def revalidate(self, session: Session) -> bool:
        """Ask the session's provider whether its sign-in still holds; lock the session if not.

        A password reset, a disabled account, Entra's *Revoke sessions* or a removed role must
        reach a workstation left signed in, not wait for the next sign-in. When the provider
        refuses, the session is locked and audited (`session_lock`, reason `token_expired`,
        `token_revoked`, `disabled`, `role_changed`, ...) and the refusal is raised for the UI
        to show. Returns True when the provider vouched for the session, False when nobody
        could tell: the provider was unreachable (no verdict, so the session stays open) or
        the session is locked already (unlocking proves the person again).
        """
        if session.locked:
            return False
        provider = self._revalidator_for(session)
        if provider is None:
            return False
        try:
            renewed = provider.revalidate(session.principal)
            if renewed.role != session.principal.role:
                raise _role_changed()
        except ProviderUnavailable:
            return False
        except AuthenticationFailed as refusal:
            if not session.locked:
                session.locked = True
                self._trail.record(session, AuditAction.SESSION_LOCK, reason=str(refusal.reason))
            raise
        return True

    def _revalidator_for(self, session: Session) -> PasswordProvider | InteractiveProvider | None:
        if session.principal.break_glass:
            return None if self._emergency is None else self._emergency.accounts
        kind = session.principal.provider
        if self._interactive is not None and self._interactive.kind is kind:
            return self._interactive
        return self._providers.get(kind)

    def _provider_for(self, session: Session) -> PasswordProvider:
        if session.principal.break_glass and self._emergency is not None:
            return self._emergency.accounts
        provider = self._providers.get(session.principal.provider)
        if provider is None:
            raise AuthenticationFailed(
                "Unlock this session by signing in again.", "unlock_needs_sign_in"
            )
        return provider

    def _audited_sign_in(
        self,
        claimed_user: str,
        authenticate: Callable[[], Principal],
        *,
        action: AuditAction = AuditAction.SIGN_IN,
        reason: str | None = None,
        lifetime: timedelta | None = None,
    ) -> Session:
        try:
            principal = authenticate()
        except AuthenticationFailed as failure:
            self._trail.record_unauthenticated(
                self._unverified(claimed_user)
                if failure.reason == "unknown_user"
                else claimed_user,
                action,
                Outcome.FAILURE,
                str(failure.reason),
            )
            raise
        if self._signer_credentials is not None:
            principal = self._signer_credentials.apply(principal)
        started_at = self._clock()
        expires_at = None if lifetime is None else started_at + lifetime
        session = Session(principal, started_at=started_at, expires_at=expires_at)
        self._trail.record(session, action, reason=reason)
        return session

    def _unverified(self, typed: str) -> str:
        """What the audit log stores for a username no account vouches for: a keyed digest, never
        the text, which may be a password or a patient's name typed into the wrong field. The
        same name always gives the same digest on this workstation, so repeated tries show."""
        digest = hmac.new(self._name_key, typed.encode(), hashlib.sha256).hexdigest()
        return f"unknown:{digest[:16]}"

    def sign_out(self, session: Session) -> None:
        """End the session and audit it; signing out an ended session does nothing."""
        if not session.ended:
            session.locked = session.ended = True
            self._trail.record(session, AuditAction.SIGN_OUT)
