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
from keyring.compat import properties

KEYRING_FILE_ENV = "WARDSCRIBE_TEST_KEYRING_FILE"


class InsecureFileKeyringForTests(KeyringBackend):
    @properties.classproperty
    def priority(cls) -> float:
        """Usable only where a test named the file; otherwise keyring's automatic choice of a
        default backend, which tries every class it knows, must pass this one over."""
        if KEYRING_FILE_ENV not in os.environ:
            raise RuntimeError(f"the test keyring needs {KEYRING_FILE_ENV}")
        return 10

    def __init__(self, path: Path | None = None) -> None:
        """Without `path`, the file named by WARDSCRIBE_TEST_KEYRING_FILE: that is how
        PYTHON_KEYRING_BACKEND=tests.trust.insecure_file_keyring.InsecureFileKeyringForTests
        hands it to a `wardscribe` child process."""
        super().__init__()
        self.path = path or Path(os.environ[KEYRING_FILE_ENV])

    @classmethod
    def from_environment(cls) -> "InsecureFileKeyringForTests":
        return cls()

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
