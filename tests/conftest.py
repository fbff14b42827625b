"""Fixtures shared across test areas. Keep each one small and say which area it serves."""

import json
import os
import secrets
import shutil
import subprocess
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import keyring
import pytest
from keyring.backend import KeyringBackend

from app.keys.memory_keyring import use_memory_keyring

if TYPE_CHECKING:
    from app.inference.model_files import ModelSpec
    from app.services.workstation import Workstation


_BUS_VARIABLES = ("DBUS_SESSION_BUS_ADDRESS", "DBUS_SYSTEM_BUS_ADDRESS")
_DAEMON_OPTIONS = ("--nofork", "--print-address=1")
_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@pytest.fixture(scope="session", autouse=True)
def private_buses(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A private D-Bus daemon as the session bus and another as the system bus, for every test.

    UI: each desk listens on D-Bus for the desktop session locking (app/ui/session_lock_watch.py);
    on a developer's machine it must not hear the real screen saver lock mid-test. Qt resolves
    the bus addresses once per process, so they are set before the first test of any folder
    opens a window, and kept: the daemons run in pytest's own process tree (`dbus-run-session`
    would give the bus to a child instead) and end when pytest does (`setpriv --pdeathsig`).
    Stopping them earlier would end pytest too: GLib clients in this process (keyring's
    libsecret probe) raise SIGTERM when their session bus goes away. The buses activate no
    services, so no real Secret Service starts behind the tests. Without `dbus-daemon` or
    `setpriv` nothing is set and the D-Bus tests skip.
    """
    daemon, setpriv = shutil.which("dbus-daemon"), shutil.which("setpriv")
    if daemon is None or setpriv is None:
        return {}
    config = tmp_path_factory.mktemp("dbus") / "bus.conf"
    config.write_text(_BUS_CONFIG)
    addresses: dict[str, str] = {}
    for name in _BUS_VARIABLES:
        process = subprocess.Popen(
            [setpriv, "--pdeathsig=TERM", daemon, f"--config-file={config}", *_DAEMON_OPTIONS],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdout is not None
        addresses[name] = os.environ[name] = process.stdout.readline().strip()
    return addresses


@pytest.fixture
def memory_keyring() -> Iterator[KeyringBackend]:
    """Storage and security: the process-wide keyring backend, swapped for an in-memory one."""
    previous = keyring.get_keyring()
    backend = use_memory_keyring()
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def db_key() -> bytes:
    """Storage: a fresh raw SQLCipher key."""
    return secrets.token_bytes(32)


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> "ModelSpec":
    """Services, UI and CLI: a tiny real GGUF model, written once per test session."""
    from tests.fixtures.tiny_model import tiny_model_spec

    return tiny_model_spec(tmp_path_factory.mktemp("tiny-model"))


@pytest.fixture
def data_dir(tmp_path: Path, tiny_model: "ModelSpec", monkeypatch: pytest.MonkeyPatch) -> Path:
    """Services, UI and CLI: a fresh data folder whose settings point at the tiny model.

    The machine policy path is moved into the test's folder so a policy installed on the test
    machine cannot change the outcome.
    """
    return _data_folder(tmp_path, tiny_model, monkeypatch)


def _data_folder(tmp_path: Path, model: "ModelSpec", monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder, its demo folder within, whose settings point at `model`; no policy."""
    root = tmp_path / "data"
    for folder in (root, root / "demo"):
        folder.mkdir(parents=True)
        (folder / "settings.json").write_text(
            json.dumps({"model_path": str(model.path), "model_sha256": model.sha256})
        )
    monkeypatch.setenv("WARDSCRIBE_POLICY_FILE", str(tmp_path / "no-policy.toml"))
    monkeypatch.delenv("WARDSCRIBE_DATA_DIR", raising=False)
    return root


@pytest.fixture
def demo_workstation(data_dir: Path, memory_keyring: KeyringBackend) -> "Iterator[Workstation]":
    """Services and UI: a demo workstation on real SQLCipher files and the tiny model."""
    yield from _demo_workstation(data_dir)


def _demo_workstation(data_dir: Path) -> "Iterator[Workstation]":
    """A demo workstation opened on `data_dir` for one fixture's test, closed after it."""
    from app.services.workstation import StartOptions, Workstation

    workstation = Workstation.open(StartOptions(data_dir=data_dir, demo=True))
    yield workstation
    workstation.close()


@pytest.fixture
def looping_workstation(
    tmp_path: Path, memory_keyring: KeyringBackend, monkeypatch: pytest.MonkeyPatch
) -> "Iterator[Workstation]":
    """Services and UI: a demo workstation whose real tiny model falls into a loop within a few
    dozen tokens, for the guards that stop a loop."""
    from tests.fixtures.tiny_model import tiny_model_spec

    (tmp_path / "model").mkdir()
    model = tiny_model_spec(tmp_path / "model", loops=True)
    yield from _demo_workstation(_data_folder(tmp_path, model, monkeypatch))


@pytest.fixture
def open_under_policy(
    data_dir: Path, memory_keyring: KeyringBackend, monkeypatch: pytest.MonkeyPatch
) -> "Iterator[Callable[[str], Workstation]]":
    """Services and UI: open a (non-demo) workstation under a machine policy written as TOML."""
    from app.services.workstation import StartOptions, Workstation

    opened: list[Workstation] = []

    def open_workstation(policy_toml: str) -> Workstation:
        policy = data_dir / "policy.toml"
        policy.write_text(policy_toml)
        monkeypatch.setenv("WARDSCRIBE_POLICY_FILE", str(policy))
        opened.append(Workstation.open(StartOptions(data_dir=data_dir)))
        return opened[-1]

    yield open_workstation
    for workstation in opened:
        workstation.close()


ALLOW_SKIPS = "WARDSCRIBE_ALLOW_SKIPS"
"""Set to 1 for a quick local run without the real servers and tools; the full suite skips none."""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Turn a skip into a failure: a test that needs a missing server or tool has proved nothing.

    `make test` installs everything the suite needs (.ci/system-packages.sh), so on a machine it
    set up a skip means something is broken, not absent. WARDSCRIBE_ALLOW_SKIPS=1 lets a quick
    local run skip, and the summary lists what it left out.
    """
    report: pytest.TestReport = yield
    if report.skipped and not hasattr(report, "wasxfail") and os.environ.get(ALLOW_SKIPS) != "1":
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = (
            f"{reason}\nThe full suite skips nothing: run `make test`, which installs what the "
            f"tests need, or set {ALLOW_SKIPS}=1 for a quick run that leaves this out."
        )
    return report
