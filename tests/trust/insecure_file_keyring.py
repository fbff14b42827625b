"""TEST ONLY: a keyring backend that keeps secrets in a plain JSON file the test created.

Child processes in the crash and kill tests need the same keys as the test that started them,
and an in-memory keyring dies with its process. Never import this from `app/`: it writes keys
to disk in the clear, which is exactly what WardScribe forbids.
"""

import json
import os
from pathlib import Path

import keyring.errors
from keyring.backend import KeyringBackend

KEYRING_FILE_ENV = "WARDSCRIBE_TEST_KEYRING_FILE"


class InsecureFileKeyringForTests(KeyringBackend):
    priority = 10  # type: ignore[assignment]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    @classmethod
    def from_environment(cls) -> "InsecureFileKeyringForTests":
        return cls(Path(os.environ[KEYRING_FILE_ENV]))

    def get_password(self, service: str, username: str) -> str | None:
        return self._entries().get(_key(service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._entries()
        entries[_key(service, username)] = password
        self._save(entries)

    def delete_password(self, service: str, username: str) -> None:
        entries = self._entries()
        if entries.pop(_key(service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)
        self._save(entries)

    def _entries(self) -> dict[str, str]:
        try:
            loaded: dict[str, str] = json.loads(self.path.read_text())
        except FileNotFoundError:
            return {}
        return loaded

    def _save(self, entries: dict[str, str]) -> None:
        """Write-then-rename with fsyncs, so a SIGKILL leaves the old file or the new one."""
        staging = self.path.with_suffix(".tmp")
        with staging.open("w") as file:
            json.dump(entries, file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(staging, self.path)
        folder = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _key(service: str, username: str) -> str:
    return f"{service}\x00{username}"
