"""Creating local accounts on a standalone workstation.

This runs from the command line under the operating-system account that installed WardScribe
(there is no WardScribe administrator before the first account exists), and is audited under
that OS account.
"""

import getpass

from app.domain.audit import AuditAction, Outcome
from app.domain.errors import WardScribeError
from app.domain.roles import Role
from app.security.passwords import hash_password
from app.services.audit_trail import AuditTrail
from app.storage.accounts import Account, AccountStore

MIN_PASSWORD_LENGTH = 12


class WeakPassword(WardScribeError):
    pass


class LocalAccountAdmin:
    def __init__(self, accounts: AccountStore, trail: AuditTrail) -> None:
        self._accounts = accounts
        self._trail = trail

    def add(self, username: str, display_name: str, role: Role, password: str) -> Account:
        if len(password) < MIN_PASSWORD_LENGTH:
            raise WeakPassword(f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters.")
        account = self._accounts.create_account(
            username=username,
            display_name=display_name,
            role=role,
            password_hash=hash_password(password),
        )
        self._trail.record_unauthenticated(
            f"os:{getpass.getuser()}",
            AuditAction.ACCOUNT_CREATE,
            Outcome.SUCCESS,
            role.value,
            object_type="account",
            object_id=account.user_id,
        )
        return account
