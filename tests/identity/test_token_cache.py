"""The Entra ID token cache is OS-encrypted or absent; never plain text on disk."""

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.identity.role_mapping import FailureReason
from app.identity.token_cache import TokenCacheUnavailable, open_token_cache

REPO_ROOT = Path(__file__).resolve().parents[2]
REFRESH_TOKEN = "rt-ward7-0123456789abcdef"

# Run in a child process, inside its own D-Bus session with an unlocked gnome-keyring.
_CHILD = """
import sys
from pathlib import Path
import msal
from app.identity.token_cache import open_token_cache

mode, location, secret = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
cache = open_token_cache(location)
kind = msal.TokenCache.CredentialType.REFRESH_TOKEN
if mode == "write":
    entry = {
        "credential_type": kind, "secret": secret, "home_account_id": "oid.tid",
        "environment": "login.microsoftonline.com", "client_id": "client", "target": "",
    }
    cache.modify(kind, entry, entry)
else:
    found = [item["secret"] for item in cache.search(kind)]
    sys.exit(0 if found == [secret] else f"read back {len(found)} refresh tokens")
"""


def test_unreachable_secret_service_fails_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    location = tmp_path / "cache" / "msal.cache"

    with pytest.raises(TokenCacheUnavailable) as unavailable:
        open_token_cache(location)

    assert unavailable.value.reason is FailureReason.TOKEN_CACHE_UNAVAILABLE
    assert not location.exists()


def test_missing_libsecret_bindings_fail_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mocked: PyGObject is made unimportable, as on a machine without it."""
    monkeypatch.setitem(sys.modules, "gi", None)
    monkeypatch.delitem(sys.modules, "msal_extensions.libsecret", raising=False)

    with pytest.raises(TokenCacheUnavailable, match="libsecret"):
        open_token_cache(tmp_path / "msal.cache")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="the Secret Service is Linux's store")
def test_tokens_survive_a_restart_encrypted_in_the_secret_service(tmp_path: Path) -> None:
    missing = [
        tool for tool in ("dbus-run-session", "gnome-keyring-daemon") if not shutil.which(tool)
    ]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (apt-get install dbus gnome-keyring)")
    if importlib.util.find_spec("gi") is None:
        pytest.skip("PyGObject not installed (see docs/identity.md, 'Linux token cache')")
    home = tmp_path / "home"
    home.mkdir()
    location = tmp_path / "state" / "msal.cache"
    child = [sys.executable, "-c", _CHILD]
    session = (
        "printf ward-test-login | gnome-keyring-daemon --unlock --components=secrets >/dev/null"
        ' && "$@" write "$CACHE" "$SECRET" && "$@" read "$CACHE" "$SECRET"'
    )
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "PYTHONPATH": str(REPO_ROOT),
        "CACHE": str(location),
        "SECRET": REFRESH_TOKEN,
    }
    process = subprocess.Popen(
        ["dbus-run-session", "--", "sh", "-c", session, "sh", *child],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    assert process.returncode == 0, output.decode(errors="replace")
    # os.walk passes over a directory that vanishes as it is read: the keyring daemon's control
    # directory (home/.cache/keyring-*) may still be removed as the session ends.
    on_disk = [
        Path(root) / name
        for root, _, names in os.walk(tmp_path)
        for name in names
        if (Path(root) / name).is_file()
    ]
    assert on_disk, "the keyring and the change marker should both be on disk"
    assert not [path for path in on_disk if REFRESH_TOKEN.encode() in path.read_bytes()]
