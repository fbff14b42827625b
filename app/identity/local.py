"""Local accounts for standalone workstations and the demo: argon2id, throttled.

After `max_failures` wrong passwords in a row the account refuses every attempt, right or wrong,
until `lockout` has passed, so a password cannot be guessed at keyboard speed.
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from app.domain.errors import AuthenticationFailed, NotFound
from app.domain.identity import Principal, ProviderKind
from app.domain.roles import Role
from app.identity.passwords import hash_password, verify_password
from app.storage.accounts import Account, AccountStore

_REFUSED = (
    "The username or password is not correct, or the account is paused after too many wrong "
    "passwords. Check them, or wait a few minutes and try again."
)
"""One answer for an unknown name, a wrong password and a paused account, so trying names
cannot tell which accounts exist; the audit log's reason still tells them apart."""
_DUMMY_HASH = hash_password("wardscribe-timing-equaliser")
"""Verified against when the username is unknown or the account paused, so every failure takes
the same time."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


class LocalAccountProvider:
    def __init__(
        self,
        accounts: AccountStore,
        max_failures: int = 5,
        lockout: timedelta = timedelta(minutes=5),
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._accounts = accounts
        self._max_failures = max_failures
        self._lockout = lockout
        self._clock = clock

    @property
    def kind(self) -> ProviderKind:
        return ProviderKind.LOCAL

    def authenticate(self, username: str, password: str) -> Principal:
        account = self._accounts.get_by_username(username)
        if account is None:
            verify_password(_DUMMY_HASH, password)
            raise AuthenticationFailed(_REFUSED, "unknown_user")
        now = self._clock()
        if account.locked_until is not None and now < account.locked_until:
            verify_password(_DUMMY_HASH, password)
            raise AuthenticationFailed(_REFUSED, "throttled")
        if not verify_password(account.password_hash, password):
            locks = account.failed_attempts + 1 >= self._max_failures
            self._accounts.record_failure(
                account.user_id, locked_until=now + self._lockout if locks else None
            )
            raise AuthenticationFailed(_REFUSED, "bad_credentials")
        if account.disabled:
            raise AuthenticationFailed("This account is disabled. Ask IT to enable it.", "disabled")
        self._accounts.record_success(account.user_id)
        return self._principal(account)

    def revalidate(self, principal: Principal) -> Principal:
        """The account as it is now: one read, so an account IT disabled stops open sessions too."""
        try:
            account = self._accounts.get(principal.user_id)
        except NotFound:
            raise AuthenticationFailed(
                "This account no longer exists. Ask IT.", "account_not_found"
            ) from None
        if account.disabled:
            raise AuthenticationFailed("This account is disabled. Ask IT to enable it.", "disabled")
        return self._principal(account)

    @staticmethod
    def _principal(account: Account) -> Principal:
        return Principal(
            user_id=account.user_id,
            username=account.username,
            display_name=account.display_name,
            role=Role(account.role),
            provider=ProviderKind.LOCAL,
            credentials=account.credentials,
        )
