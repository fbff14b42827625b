"""CLI tests run `wardscribe` in a child process, as IT and scripts would.

The child cannot see the test's in-memory keyring, so it gets a throwaway Secret Service of its
own: a private D-Bus session with gnome-keyring, exactly the production path on Linux.
"""

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

KEYRING_PASSWORD = "cli-test-keyring"
POLICY_VARIABLE = "WARDSCRIBE_POLICY_FILE"
_INSTALL_ETC_POLICY = (
    'mount -t tmpfs wardscribe-test "$1" && mkdir "$1/upper" "$1/work" && '
    'mount -t overlay overlay -o "lowerdir=/etc,upperdir=$1/upper,workdir=$1/work" /etc && '
    'mkdir -p /etc/wardscribe && cp "$2" /etc/wardscribe/policy.toml && shift 2 && exec "$@"'
)


def _namespace_prefix() -> list[str]:
    """A private mount namespace; an unprivileged user needs a user namespace as well."""
    user = [] if os.geteuid() == 0 else ["--user", "--map-root-user"]
    return ["unshare", "--mount", "--propagation", "private", *user]


@functools.cache
def machine_policy_unavailable() -> str | None:
    """Why /etc/wardscribe/policy.toml cannot be installed for a child, or None when it can.

    Tests never write the real /etc: the policy goes into an overlay of /etc that only the
    child's private mount namespace sees.
    """
    if shutil.which("unshare") is None:
        return "unshare (util-linux) is needed to give a child its own /etc"
    with tempfile.TemporaryDirectory() as scratch:
        policy = Path(scratch) / "policy.toml"
        policy.write_text("")
        mount_point = Path(scratch) / "mnt"
        mount_point.mkdir()
        probe = subprocess.run(
            [
                *_namespace_prefix(),
                "sh",
                "-c",
                _INSTALL_ETC_POLICY,
                "sh",
                str(mount_point),
                str(policy),
                "test",
                "-f",
                "/etc/wardscribe/policy.toml",
            ],
            capture_output=True,
            text=True,
            check=False,
        )

    def _with_etc_policy(self, command: list[str]) -> list[str]:
        assert self.machine_policy is not None
        mount_point = self.home.parent / "etc-overlay"
        mount_point.mkdir(exist_ok=True)
        return [
            *_namespace_prefix(),
            "sh",
            "-c",
            _INSTALL_ETC_POLICY,
            "sh",
            str(mount_point),
            str(self.machine_policy),
            *command,
        ]

    if probe.returncode != 0:
        return f"cannot overlay /etc in a private mount namespace: {probe.stderr.strip()}"
    return None


@pytest.fixture
def wardscribe(tmp_path: Path) -> Iterator["Runner"]:
    if shutil.which("gnome-keyring-daemon") is None or shutil.which("dbus-run-session") is None:
        pytest.skip("gnome-keyring-daemon and dbus-run-session are needed for a real keyring")
    home = tmp_path / "home"
    home.mkdir()
    yield Runner(home, tmp_path / "no-policy.toml")


class Runner:
    def __init__(self, home: Path, policy: Path, machine_policy: Path | None = None) -> None:
        """`policy` stands in for the machine policy through WARDSCRIBE_POLICY_FILE; with
        `machine_policy`, children instead see that file at /etc/wardscribe/policy.toml (in a
        private mount namespace) and the stand-in variable is not set for them."""
        self.home = home
        self.policy = policy
        self.machine_policy = machine_policy

    def under_machine_policy(self, policy_toml: str) -> "Runner":
        """The same user, on a workstation where IT installed `policy_toml` in /etc."""
        reason = machine_policy_unavailable()
        if reason is not None:
            pytest.skip(reason)
        installed = self.home.parent / "machine-policy.toml"
        installed.write_text(policy_toml)
        return Runner(self.home, self.policy, installed)

    def __call__(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        timeout: float = 600,
        stdin: str = "",
    ) -> subprocess.CompletedProcess[str]:
        """Run `wardscribe ARGS` with a fresh unlocked keyring that lives for this call only.

        The keyring's files stay in this test's HOME, so a later call sees the same keys.
        `stdin` is all the child can read: nobody at a terminal answers its prompts.
        """
        return self.python("-m", "app", *args, env=env, timeout=timeout, stdin=stdin)

    def python(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        timeout: float = 600,
        stdin: str = "",
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
            **{key: value for key, value in os.environ.items() if key != POLICY_VARIABLE},
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        }
        if self.machine_policy is None:
            environment[POLICY_VARIABLE] = str(self.policy)
        environment.update(env or {})
        in_session = ["dbus-run-session", "--", "sh", "-c", command, "python", *args]
        return subprocess.run(
            in_session if self.machine_policy is None else self._with_etc_policy(in_session),
            input=stdin,
            capture_output=True,
            text=True,
            env=environment,
            timeout=timeout,
            check=False,
        )

    def _with_etc_policy(self, command: list[str]) -> list[str]:
        assert self.machine_policy is not None
        mount_point = self.home.parent / "etc-overlay"
        mount_point.mkdir(exist_ok=True)
        return [
            *_namespace_prefix(),
            "sh",
            "-c",
            _INSTALL_ETC_POLICY,
            "sh",
            str(mount_point),
            str(self.machine_policy),
            *command,
        ]
