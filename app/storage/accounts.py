"""Local accounts in drafts.db: persistence only.

How many failures lock an account, and for how long, is the identity layer's decision; this
module records what it decides. Only argon2id hashes are accepted, so a password can never be
stored as given by mistake.
"""

import unicodedata
import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from app.domain.errors import NotFound
from app.domain.roles import Role
from app.storage.database import (
    EncryptedDatabase,
    Row,
    StorageError,
    decode_time,
    encode_time,
)
from app.storage.migrations import DRAFTS_DB_MIGRATIONS, migrate

_COLUMNS = (
    "user_id, username, display_name, role, password_hash, disabled, failed_attempts, "
    "locked_until, credentials"
)
_ARGON2ID_PREFIX = "$argon2id$"


class Account(BaseModel):
    """A local account as stored: its password only as an argon2id hash, never shown in repr."""

    model_config = ConfigDict(frozen=True)

    user_id: str
    username: str
    display_name: str
    role: Role
    password_hash: str = Field(repr=False)
    disabled: bool = False
    failed_attempts: int = 0
    locked_until: datetime | None = None
    credentials: str = ""
    """Professional credentials as the signer writes them after their name ("RN, BSN")."""


class AccountExists(StorageError):
    """Another account already uses that username (compared without regard to case)."""


class AccountsExist(StorageError):
    """A first account was asked for, but the workstation has accounts already."""


class AccountStore:
    """Local accounts in the encrypted drafts.db, for standalone workstations and break-glass
    access; the services decide who may add one."""

    def __init__(self, db: EncryptedDatabase) -> None:
        """Bring `db` up to the drafts schema first: accounts share drafts.db."""
        migrate(db, DRAFTS_DB_MIGRATIONS)
        self._db = db

    def create_account(
        self,
        *,
        username: str,
        display_name: str,
        role: Role,
        password_hash: str,
        credentials: str = "",
        only_if_first: bool = False,
    ) -> Account:
        """Insert one account; with `only_if_first`, only into an empty table.

        The emptiness check and the insert share one transaction, so two processes racing to
        create "the first account" cannot both succeed.
        """
        _require_argon2id(password_hash)
        account = Account(
            user_id=uuid.uuid4().hex,
            username=username,
            display_name=display_name,
            role=role,
            password_hash=password_hash,
            credentials=credentials,
        )
        with self._db.transaction() as cursor:
            if only_if_first and cursor.execute("SELECT 1 FROM accounts LIMIT 1").fetchone():
                raise AccountsExist("This workstation has local accounts already.")
            taken = cursor.execute(
                "SELECT 1 FROM accounts WHERE username_key = ?", (username_key(username),)
            ).fetchone()
            if taken:
                raise AccountExists(f"The username {username!r} is already taken.")
            cursor.execute(
                f"INSERT INTO accounts ({_COLUMNS}, username_key)"
                " VALUES (?, ?, ?, ?, ?, 0, 0, NULL, ?, ?)",
                (
                    account.user_id,
                    account.username,
                    account.display_name,
                    account.role.value,
                    account.password_hash,
                    account.credentials,
                    username_key(username),
                ),
            )
        return account

    def has_accounts(self) -> bool:
        """Whether any account exists; first-run setup offers itself only when none does."""
        return self._db.query_one("SELECT 1 FROM accounts LIMIT 1") is not None

    def get_by_username(self, username: str) -> Account | None:
        """The account whose name matches `username` (case-folded, NFKC-normalised), or None."""
        row = self._db.query_one(
            f"SELECT {_COLUMNS} FROM accounts WHERE username_key = ?", (username_key(username),)
        )
        return None if row is None else _account(row)

    def get(self, user_id: str) -> Account:
        """The account with `user_id`; NotFound when it was never created."""
        row = self._db.query_one(f"SELECT {_COLUMNS} FROM accounts WHERE user_id = ?", (user_id,))
        if row is None:
            raise NotFound("That account does not exist.")
        return _account(row)

    def record_failure(self, user_id: str, *, locked_until: datetime | None = None) -> Account:
        """Count one more failed sign-in and store the lock the caller decided on, if any."""
        return self._update(
            user_id,
            "failed_attempts = failed_attempts + 1, locked_until = ?",
            (None if locked_until is None else encode_time(locked_until),),
        )

    def record_success(self, user_id: str) -> Account:
        """Clear the failure count and any lock-out after a correct password."""
        return self._update(user_id, "failed_attempts = 0, locked_until = NULL", ())

    def set_password(self, user_id: str, password_hash: str) -> Account:
        """Store a new hash; anything but an argon2id hash is refused."""
        _require_argon2id(password_hash)
        return self._update(user_id, "password_hash = ?", (password_hash,))

    def set_role(self, user_id: str, role: Role) -> Account:
        """Change what the account may do, as an administrator decided."""
        return self._update(user_id, "role = ?", (role.value,))

    def set_credentials(self, user_id: str, credentials: str) -> Account:
        """Set the professional credentials the signer writes after their name ("RN, BSN")."""
        return self._update(user_id, "credentials = ?", (credentials,))

    def set_disabled(self, user_id: str, disabled: bool) -> Account:
        """Disable or re-enable sign-in; the account and its audit history stay."""
        return self._update(user_id, "disabled = ?", (int(disabled),))

    def _update(self, user_id: str, assignments: str, values: tuple[object, ...]) -> Account:
        with self._db.transaction() as cursor:
            if not cursor.execute(
                f"UPDATE accounts SET {assignments} WHERE user_id = ?", (*values, user_id)
            ).rowcount:
                raise NotFound("That account does not exist.")
            row = cursor.execute(
                f"SELECT {_COLUMNS} FROM accounts WHERE user_id = ?", (user_id,)
            ).fetchone()
        assert row is not None
        return _account(row)


def username_key(username: str) -> str:
    """The form usernames are compared in: Unicode-normalised and case-folded."""
    return unicodedata.normalize("NFKC", username).casefold()


def _require_argon2id(password_hash: str) -> None:
    if not password_hash.startswith(_ARGON2ID_PREFIX):
        raise ValueError("password_hash must be an argon2id hash from app.identity.passwords")


def _account(row: Row) -> Account:
    (
        user_id,
        username,
        display_name,
        role,
        password_hash,
        disabled,
        failures,
        locked_until,
        credentials,
    ) = row
    return Account(
        user_id=user_id,
        username=username,
        display_name=display_name,
        role=role,
        password_hash=password_hash,
        disabled=bool(disabled),
        failed_attempts=failures,
        locked_until=None if locked_until is None else decode_time(locked_until),
        credentials=credentials,
    )
