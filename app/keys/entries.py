"""Named 256-bit secrets in the OS credential store, beside the database keys.

`KeyStore` hands out one key per database file and refuses to replace it. Checkpoint signing,
backups and key rotation need more: a key under a name of their own, a pending key that must be
written, read back and later promoted over the live one. They go through this module, which keeps
the same rules: only a secure backend, lowercase hex, and a write that is read back before it is
trusted.
"""

import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from app.keys.keystore import (
    SERVICE,
    KeyMissing,
    KeyringUnavailable,
    current_backend,
    is_secure_backend,
)

SECRET_BYTES = 32
_T = TypeVar("_T")
_STORED = re.compile("[0-9a-f]{64}")


def database_entry(db_path: Path) -> str:
    """The entry `KeyStore` files a database's key under: the file's absolute path."""
    return str(db_path.resolve())


class KeyEntries:
    def __init__(self, service: str = SERVICE) -> None:
        self.service = service

    def read(self, entry: str) -> bytes | None:
        stored = self._call(lambda backend: backend.get_password(self.service, entry))
        if stored is None:
            return None
        if not _STORED.fullmatch(stored):
            raise KeyMissing(
                f"The credential store entry {entry!r} does not hold a WardScribe key; "
                "restore the original entry."
            )
        return bytes.fromhex(stored)

    def write(self, entry: str, secret: bytes) -> None:
        """Store `secret` and read it back: a store that drops writes must fail here, not later."""
        if len(secret) != SECRET_BYTES:
            raise ValueError(f"a stored secret is {SECRET_BYTES} bytes, not {len(secret)}")
        self._call(lambda backend: backend.set_password(self.service, entry, secret.hex()))
        if self.read(entry) != secret:
            raise KeyringUnavailable(
                f"The credential store did not keep the entry {entry!r}; it may be locked."
            )

    def read_text(self, entry: str, form: re.Pattern[str]) -> str | None:
        """A short non-secret value of the given `form`; one of another form is refused."""
        stored = self._call(lambda backend: backend.get_password(self.service, entry))
        if stored is None:
            return None
        if not form.fullmatch(stored):
            raise KeyMissing(
                f"The credential store entry {entry!r} does not hold what WardScribe wrote "
                "there; restore the original entry."
            )
        return stored

    def write_text(self, entry: str, value: str, form: re.Pattern[str]) -> None:
        """Store `value` and read it back, like `write`."""
        if not form.fullmatch(value):
            raise ValueError(f"{value!r} is not of the form {form.pattern}")
        self._call(lambda backend: backend.set_password(self.service, entry, value))
        if self.read_text(entry, form) != value:
            raise KeyringUnavailable(
                f"The credential store did not keep the entry {entry!r}; it may be locked."
            )

    def delete(self, entry: str) -> None:
        try:
            self._call(lambda backend: backend.delete_password(self.service, entry))
        except keyring.errors.PasswordDeleteError:
            return

    def read_or_create(self, entry: str) -> bytes:
        existing = self.read(entry)
        if existing is not None:
            return existing
        secret = secrets.token_bytes(SECRET_BYTES)
        self.write(entry, secret)
        return secret

    def _call(self, operation: Callable[[KeyringBackend], _T]) -> _T:
        backend = _secure_backend()
        try:
            return operation(backend)
        except keyring.errors.PasswordDeleteError:
            raise
        except keyring.errors.KeyringError as error:
            raise KeyringUnavailable(
                f"The credential store could not be used ({type(error).__name__}); "
                "it may be locked."
            ) from None


def _secure_backend() -> KeyringBackend:
    backend = current_backend()
    if not is_secure_backend(backend):
        raise KeyringUnavailable(
            f"No secure credential store is available (found {type(backend).__name__})."
        )
    return backend
