"""Creating local accounts: the first one to bootstrap a standalone install, then only by IT.

Before any account exists there is nobody to sign in, so the very first account of a standalone
workstation may be created by whoever runs the command; the audit names the OS account and
says it was the first (`first_account:<role>`). From then on an account is created only by a
signed-in administrator (`account.manage`), so anyone at the OS account cannot mint a
compliance officer or IT administrator for themselves. A workstation whose policy names an
identity provider has no bootstrap: IT stages its local (break-glass) accounts signed in with
the directory. A policy with an `[administrator]` table provisions the first administrator
itself, so no account is ever created unsigned there either. The demo folder holds invented
patients only, so demo accounts need no sign-in.
"""

import getpass
import unicodedata

from app.domain.audit import AuditAction, Outcome
from app.domain.errors import AccessDenied, WardScribeError
from app.domain.roles import Permission, Role
from app.identity.administrator_policy import AdministratorPolicy
from app.identity.passwords import hash_password
from app.services.access import require
from app.services.audit_trail import AuditTrail
from app.services.session import Session
from app.storage.accounts import Account, AccountsExist, AccountStore

MIN_PASSWORD_LENGTH = 12
MAX_USERNAME_LENGTH = 64
MAX_DISPLAY_NAME_LENGTH = 128
MAX_CREDENTIALS_LENGTH = 64


class WeakPassword(WardScribeError):
    """A password shorter than MIN_PASSWORD_LENGTH."""


def policy_password_hash(password: str) -> str:
    """The argon2id hash IT puts in the machine policy's [administrator] password_hash.

    The password is held to the same length rule as an account's; nothing is stored or audited.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters.")
    return hash_password(password)


class NameRejected(WardScribeError):
    """A username or display name that could not be shown or compared safely."""


def _os_user() -> str:
    return f"os:{getpass.getuser()}"


def check_name(value: str, what: str, limit: int) -> None:
    """Refuse empty, over-long and invisible-character names.

    Control, format (bidi overrides, zero-width) and escape characters would let a name look
    like another one on screen, in the audit export or on a terminal.
    """
    if not value.strip():
        raise NameRejected(f"The {what} is empty; choose one.")
    if len(value) > limit:
        raise NameRejected(f"The {what} is longer than {limit} characters; choose a shorter one.")
    if any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in value):
        raise NameRejected(
            f"The {what} holds control or invisible characters; type it again in plain text."
        )


POLICY_USER = "machine_policy"
"""The `user_id` of what the machine policy itself does; no person or OS account did it."""


class LocalAccountAdmin:
    """Local accounts: the first one, the policy's administrator, and the ones IT adds."""

    def __init__(
        self,
        accounts: AccountStore,
        trail: AuditTrail,
        *,
        bootstrap: bool,
        demo: bool = False,
        administrator: AdministratorPolicy | None = None,
    ) -> None:
        """`bootstrap`: whether this workstation may create its first account unsigned; never
        when the policy names its `administrator`."""
        self._accounts = accounts
        self._trail = trail
        self._bootstrap = bootstrap and administrator is None
        self._demo = demo
        self._administrator = administrator

    def provision(self) -> None:
        """Create the policy's administrator, or restore the policy's password and role to an
        account of that name (one made before the policy arrived, or changed since); audited.

        Nothing happens, and nothing is audited, when the account already matches the policy.
        """
        wanted = self._administrator
        if wanted is None:
            return
        account = self._accounts.get_by_username(wanted.username)
        if account is None:
            account = self._accounts.create_account(
                username=wanted.username,
                display_name=wanted.display_name,
                role=Role.IT_ADMIN,
                password_hash=wanted.password_hash,
            )
            how = "created"
        elif account.password_hash != wanted.password_hash or account.role is not Role.IT_ADMIN:
            self._accounts.set_password(account.user_id, wanted.password_hash)
            self._accounts.set_role(account.user_id, Role.IT_ADMIN)
            how = "restored"
        else:
            return
        self._trail.record_unauthenticated(
            POLICY_USER,
            AuditAction.ACCOUNT_PROVISION,
            Outcome.SUCCESS,
            f"{how}:{Role.IT_ADMIN.value}",
            object_type="account",
            object_id=account.user_id,
        )

    @property
    def needs_administrator(self) -> bool:
        """Whether adding an account now needs an administrator's session."""
        return not self._demo and not (self._bootstrap and not self._accounts.has_accounts())

    def add(
        self,
        username: str,
        display_name: str,
        role: Role,
        password: str,
        *,
        by: Session | None = None,
        credentials: str = "",
    ) -> Account:
        """Create a local account, signed in as `by` or, for the first account, unsigned;
        `credentials` ("RN, BSN") follow the name on what the person signs."""
        check_name(username, "username", MAX_USERNAME_LENGTH)
        check_name(display_name, "display name", MAX_DISPLAY_NAME_LENGTH)
        if credentials:
            check_name(credentials, "credentials", MAX_CREDENTIALS_LENGTH)
        if len(password) < MIN_PASSWORD_LENGTH:
            raise WeakPassword(f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters.")
        if by is not None:
            require(self._trail, by, Permission.ACCOUNT_MANAGE, object_type="account")
            account = self._create(username, display_name, role, password, credentials=credentials)
            self._trail.record(
                by,
                AuditAction.ACCOUNT_CREATE,
                reason=role.value,
                object_type="account",
                object_id=account.user_id,
            )
            return account
        if self._demo:
            return self._create_unsigned(
                username, display_name, role, password, "demo", credentials=credentials
            )
        return self._add_first(username, display_name, role, password, credentials)

    def _add_first(
        self, username: str, display_name: str, role: Role, password: str, credentials: str
    ) -> Account:
        if self._bootstrap:
            try:
                return self._create_unsigned(
                    username,
                    display_name,
                    role,
                    password,
                    "first_account",
                    credentials=credentials,
                    only_if_first=True,
                )
            except AccountsExist:
                pass
        self._trail.record_unauthenticated(
            _os_user(),
            AuditAction.ACCOUNT_CREATE,
            Outcome.DENIED,
            "sign_in_required",
            object_type="account",
        )
        if self._administrator is not None:
            raise AccessDenied(
                "The machine policy provisions this workstation's administrator "
                f"({self._administrator.username}); sign in as that administrator to add accounts."
            )
        raise AccessDenied(
            "Only an administrator (it_admin) signed in to WardScribe may add accounts on this "
            "workstation. Sign in as one and try again."
        )

    def _create_unsigned(
        self,
        username: str,
        display_name: str,
        role: Role,
        password: str,
        how: str,
        *,
        credentials: str = "",
        only_if_first: bool = False,
    ) -> Account:
        account = self._create(
            username,
            display_name,
            role,
            password,
            credentials=credentials,
            only_if_first=only_if_first,
        )
        self._trail.record_unauthenticated(
            _os_user(),
            AuditAction.ACCOUNT_CREATE,
            Outcome.SUCCESS,
            f"{how}:{role.value}",
            object_type="account",
            object_id=account.user_id,
        )
        return account

    def _create(
        self,
        username: str,
        display_name: str,
        role: Role,
        password: str,
        *,
        credentials: str = "",
        only_if_first: bool = False,
    ) -> Account:
        return self._accounts.create_account(
            username=username,
            display_name=display_name,
            role=role,
            password_hash=hash_password(password),
            credentials=credentials,
            only_if_first=only_if_first,
        )
