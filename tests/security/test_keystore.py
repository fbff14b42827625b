"""KeyStore: database keys live only in a secure OS credential store."""

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from app.keys.keystore import (
    SERVICE,
    KeyMissing,
    KeyringUnavailable,
    KeyStore,
    is_secure_backend,
)

REPO_ROOT = Path(__file__).resolve().parents[2]


class PlaintextFileLikeKeyring(KeyringBackend):
    """Stands in for keyrings.alt's PlaintextKeyring: viable, but below keyring's 'recommended'."""

    priority = 0.5

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise AssertionError("a key must never be handed to an insecure backend")

    def delete_password(self, service: str, username: str) -> None:
        return None


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    """Restore the process-wide backend after a test swaps in its own."""
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


@pytest.mark.usefixtures("memory_keyring")
def test_a_new_file_gets_a_fresh_32_byte_key(tmp_path: Path) -> None:
    key = KeyStore().database_key(tmp_path / "drafts.db")

    assert len(key) == 32


def test_the_key_is_stored_as_lowercase_hex_under_the_absolute_path(
    tmp_path: Path, memory_keyring: KeyringBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    key = KeyStore().database_key(Path("drafts.db"))

    assert memory_keyring.get_password(SERVICE, str(tmp_path / "drafts.db")) == key.hex()


@pytest.mark.usefixtures("memory_keyring")
def test_asking_again_returns_the_same_key(tmp_path: Path) -> None:
    keys = KeyStore()
    first = keys.database_key(tmp_path / "drafts.db")
    (tmp_path / "drafts.db").write_bytes(b"")

    assert keys.database_key(tmp_path / "drafts.db") == first


@pytest.mark.usefixtures("memory_keyring")
def test_each_file_gets_its_own_key(tmp_path: Path) -> None:
    keys = KeyStore()

    assert keys.database_key(tmp_path / "drafts.db") != keys.database_key(tmp_path / "audit.db")


@pytest.mark.usefixtures("memory_keyring")
def test_an_existing_file_without_a_key_raises_key_missing_naming_it(tmp_path: Path) -> None:
    existing = tmp_path / "drafts.db"
    existing.write_bytes(b"\x00" * 4096)

    with pytest.raises(KeyMissing) as raised:
        KeyStore().database_key(existing)

    assert str(existing) in str(raised.value)


def test_no_key_is_created_for_an_existing_file(
    tmp_path: Path, memory_keyring: KeyringBackend
) -> None:
    existing = tmp_path / "drafts.db"
    existing.write_bytes(b"\x00" * 4096)

    with pytest.raises(KeyMissing):
        KeyStore().database_key(existing)

    assert memory_keyring.get_password(SERVICE, str(existing)) is None


def test_a_malformed_stored_key_is_refused(tmp_path: Path, memory_keyring: KeyringBackend) -> None:
    memory_keyring.set_password(SERVICE, str(tmp_path / "drafts.db"), "not-a-key")

    with pytest.raises(KeyMissing, match="not a WardScribe key"):
        KeyStore().database_key(tmp_path / "drafts.db")


def test_a_deleted_key_is_gone(tmp_path: Path, memory_keyring: KeyringBackend) -> None:
    keys = KeyStore()
    keys.database_key(tmp_path / "drafts.db")

    keys.delete_key(tmp_path / "drafts.db")

    assert memory_keyring.get_password(SERVICE, str(tmp_path / "drafts.db")) is None


@pytest.mark.usefixtures("memory_keyring")
def test_deleting_a_key_that_is_not_there_is_harmless(tmp_path: Path) -> None:
    KeyStore().delete_key(tmp_path / "never-created.db")


@pytest.mark.usefixtures("restore_keyring")
def test_the_fail_backend_raises_keyring_unavailable_with_how_to_fix(tmp_path: Path) -> None:
    keyring.set_keyring(fail.Keyring())

    with pytest.raises(KeyringUnavailable) as raised:
        KeyStore().database_key(tmp_path / "drafts.db")

    message = str(raised.value)
    assert "GNOME Keyring or KWallet" in message
    assert "Credential Manager" in message
    assert "Keychain" in message


@pytest.mark.parametrize(
    "backend",
    [null.Keyring(), PlaintextFileLikeKeyring()],
    ids=["null", "plaintext-like"],
)
@pytest.mark.usefixtures("restore_keyring")
def test_insecure_backends_raise_keyring_unavailable(
    tmp_path: Path, backend: KeyringBackend
) -> None:
    keyring.set_keyring(backend)

    with pytest.raises(KeyringUnavailable):
        KeyStore().database_key(tmp_path / "drafts.db")


def test_a_chainer_is_only_as_secure_as_its_weakest_member(
    monkeypatch: pytest.MonkeyPatch, memory_keyring: KeyringBackend
) -> None:
    def chain_of(*members: KeyringBackend) -> None:
        monkeypatch.setattr(chainer.ChainerBackend, "backends", list(members))

    chain_of()
    assert not is_secure_backend(chainer.ChainerBackend())
    chain_of(memory_keyring, PlaintextFileLikeKeyring())
    assert not is_secure_backend(chainer.ChainerBackend())
    chain_of(memory_keyring)
    assert is_secure_backend(chainer.ChainerBackend())


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("gnome-keyring-daemon") is None or shutil.which("dbus-run-session") is None,
    reason="needs gnome-keyring-daemon and dbus-run-session for a real Secret Service",
)
def test_a_key_round_trips_through_a_real_secret_service(tmp_path: Path) -> None:
    """gnome-keyring in a private D-Bus session with a fresh HOME: the real Linux path."""
    probe = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from keyring.backends import SecretService
        from app.keys.keystore import SERVICE, KeyStore

        db_path = Path(sys.argv[1])
        created = KeyStore().database_key(db_path)
        db_path.write_bytes(b"")
        read_back = KeyStore().database_key(db_path)
        in_service = SecretService.Keyring().get_password(SERVICE, str(db_path))
        print(len(created), created == read_back, in_service == created.hex())
        """
    )
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "HOME": str(home),
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(REPO_ROOT),
        "LANG": "C.UTF-8",
    }
    script = (
        "printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "
        'exec "$0" -c "$1" "$2"'
    )

    result = subprocess.run(
        [
            "dbus-run-session",
            "--",
            "sh",
            "-c",
            script,
            sys.executable,
            probe,
            str(tmp_path / "drafts.db"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["32", "True", "True"]
