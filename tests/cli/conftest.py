"""CLI tests run `wardscribe` in a child process, as IT and scripts would.

The child cannot see the test's in-memory keyring, so it gets a throwaway Secret Service of its
own: a private D-Bus session with gnome-keyring, exactly the production path on Linux.
"""

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

KEYRING_PASSWORD = "cli-test-keyring"


@pytest.fixture
def wardscribe(tmp_path: Path) -> Iterator["Runner"]:
    if shutil.which("gnome-keyring-daemon") is None or shutil.which("dbus-run-session") is None:
        pytest.skip("gnome-keyring-daemon and dbus-run-session are needed for a real keyring")
    home = tmp_path / "home"
    home.mkdir()
    yield Runner(home, tmp_path / "no-policy.toml")


class Runner:
    def __init__(self, home: Path, policy: Path) -> None:
        self.home = home
        self.policy = policy

    def __call__(
        self, *args: str, env: dict[str, str] | None = None, timeout: float = 600
    ) -> subprocess.CompletedProcess[str]:
        """Run `wardscribe ARGS` with a fresh unlocked keyring that lives for this call only.

        The keyring's files stay in this test's HOME, so a later call sees the same keys.
        """
        return self.python("-m", "app", *args, env=env, timeout=timeout)

    def python(
        self, *args: str, env: dict[str, str] | None = None, timeout: float = 600
    ) -> subprocess.CompletedProcess[str]:
        """Run Python with ARGS in the same keyring session as `wardscribe` would have."""
        command = " ".join(
            [
                f"printf {KEYRING_PASSWORD} | gnome-keyring-daemon --unlock --components=secrets"
                " >/dev/null;",
                f'"{sys.executable}" "$@"',
            ]
        )
        environment = {
            **os.environ,
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "WARDSCRIBE_POLICY_FILE": str(self.policy),
            "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
            **(env or {}),
        }
        return subprocess.run(
            ["dbus-run-session", "--", "sh", "-c", command, "python", *args],
            capture_output=True,
            text=True,
            env=environment,
            timeout=timeout,
            check=False,
        )
