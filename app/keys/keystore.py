"""Database keys, held only by the operating system's credential store.

Each database file has its own random 32-byte key, stored under the file's absolute path. A key
is created only for a file that does not exist yet: creating one for an existing file would make
its data unreadable for good, so a missing key is an error for a person to resolve.

The credential store protects keys from other users of the computer, not from programs running
as the same user.
"""

import os
import re
import secrets
from pathlib import Path

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from app.domain.errors import WardScribeError

SERVICE = "WardScribe"
_KEY_BYTES = 32
_STORED_KEY = re.compile("[0-9a-f]{64}")  # 32 bytes as lowercase hex
_FILE_BACKED_MODULES = ("keyrings.alt", "keyrings.cryptfile")
"""Backends that keep secrets in files WardScribe would then be trusting as its vault."""

_BACKEND_VARIABLE = "PYTHON_KEYRING_BACKEND"
_HOW_TO_FIX = (
    "WardScribe keeps its database keys only in the operating system's credential store. "
    "On Linux, install and unlock a Secret Service provider such as GNOME Keyring or KWallet "
    "in your desktop session; on Windows, Credential Manager must be available; on macOS, "
    "the login Keychain must be unlocked."
)


class KeyStoreError(WardScribeError):
    """Base for credential store failures."""


class KeyringUnavailable(KeyStoreError):
    """No secure credential store can be used right now."""


class KeyMissing(KeyStoreError):
    """A database file exists but the credential store holds no usable key for it."""


class KeyStore:
    def __init__(self, service: str = SERVICE) -> None:
        self.service = service

    def database_key(self, db_path: Path) -> bytes:
        """The key for `db_path`, created and stored first if the file does not exist yet."""
        entry = _entry_name(db_path)
        backend = _secure_backend()
        stored = _get(backend, self.service, entry)
        if stored is not None:
            return _decode(stored, db_path)
        if db_path.exists():
            raise KeyMissing(
                f"The credential store holds no key for {db_path}, so it cannot be opened. "
                "Restore the credential store (for example from the user profile backup) or "
                "restore the data folder together with its keys; WardScribe will not replace "
                "the key of an existing file."
            )
        key = secrets.token_bytes(_KEY_BYTES)
        try:
            backend.set_password(self.service, entry, key.hex())
        except keyring.errors.KeyringError as error:
            raise _unavailable(error) from None
        if _get(backend, self.service, entry) != key.hex():
            raise KeyringUnavailable(
                f"The credential store did not keep the new key for {db_path}. {_HOW_TO_FIX}"
            )
        return key

    def delete_key(self, db_path: Path) -> None:
        """Forget the key; the file, if it still exists, can never be opened again."""
        backend = _secure_backend()
        try:
            backend.delete_password(self.service, _entry_name(db_path))
        except keyring.errors.PasswordDeleteError:
            return
        except keyring.errors.KeyringError as error:
            raise _unavailable(error) from None


def _entry_name(db_path: Path) -> str:
    return str(db_path.resolve())


def _decode(stored: str, db_path: Path) -> bytes:
    if not _STORED_KEY.fullmatch(stored):
        raise KeyMissing(
            f"The credential store entry for {db_path} is not a WardScribe key; "
            "restore the original entry."
        )
    return bytes.fromhex(stored)


def current_backend() -> KeyringBackend:
    """The process's keyring backend, or KeyringUnavailable saying why there is none.

    PYTHON_KEYRING_BACKEND naming a class that cannot be imported surfaces inside keyring as
    an ImportError, AttributeError or ValueError, not a KeyringError.
    """
    try:
        return keyring.get_keyring()
    except keyring.errors.KeyringError as error:
        raise _unavailable(error) from None
    except (ImportError, AttributeError, ValueError):
        named = os.environ.get(_BACKEND_VARIABLE, "")
        raise KeyringUnavailable(
            f"{_BACKEND_VARIABLE} names a credential store that cannot be loaded ({named!r}). "
            f"Unset {_BACKEND_VARIABLE} to use the operating system's. {_HOW_TO_FIX}"
        ) from None


def _secure_backend() -> KeyringBackend:
    backend = current_backend()
    if not is_secure_backend(backend):
        raise KeyringUnavailable(
            f"No secure credential store is available (found {type(backend).__name__}). "
            f"{_HOW_TO_FIX}"
        )
    return backend


def is_secure_backend(backend: KeyringBackend) -> bool:
    """Whether secrets given to `backend` end up in an OS-protected store.

    A chainer is only as safe as its weakest member: it writes to the first that accepts.
    """
    if isinstance(backend, chainer.ChainerBackend):
        members = list(backend.backends)
        return bool(members) and all(is_secure_backend(member) for member in members)
    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    if type(backend).__module__.startswith(_FILE_BACKED_MODULES):
        return False
    try:
        return float(backend.priority) >= 1
    except Exception:  # a backend says "unusable here" by raising from `priority`
        return False


def _get(backend: KeyringBackend, service: str, entry: str) -> str | None:
    try:
        return backend.get_password(service, entry)
    except keyring.errors.KeyringError as error:
        raise _unavailable(error) from None


def _unavailable(error: Exception) -> KeyringUnavailable:
    return KeyringUnavailable(
        f"The credential store could not be used ({type(error).__name__}); it may be locked. "
        f"{_HOW_TO_FIX}"
    )
