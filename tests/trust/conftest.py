"""Fixtures for the trust tests: real files, real keys, real processes."""

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from tests.trust.insecure_file_keyring import KEYRING_FILE_ENV, InsecureFileKeyringForTests


@pytest.fixture
def file_keyring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[InsecureFileKeyringForTests]:
    """The process-wide keyring, swapped for one that child processes can share."""
    previous = keyring.get_keyring()
    path = tmp_path / "test-keyring.json"
    monkeypatch.setenv(KEYRING_FILE_ENV, str(path))
    backend = InsecureFileKeyringForTests(path)
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
