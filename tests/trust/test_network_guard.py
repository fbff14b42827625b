"""The network guard: only the identity provider's hosts, and a whole draft makes no connection.

Audit hooks cannot be removed, so every test that installs the guard does it in a child process.
"""

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.identity.config import IdentityPolicy
from app.security.network_guard import ConnectionAttempt, NetworkGuard, NetworkPolicy, policy_hosts
from tests.trust.insecure_file_keyring import KEYRING_FILE_ENV, InsecureFileKeyringForTests

REPO_ROOT = Path(__file__).resolve().parents[2]


def run_child(module: str, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    finished = subprocess.run(
        [sys.executable, "-m", f"tests.trust.children.{module}", *args],
        cwd=REPO_ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    result: dict[str, Any] = json.loads(finished.stdout.splitlines()[-1])
    return result


def probe(actions: list[tuple[str, str, int]], **config: Any) -> dict[str, Any]:
    settings = {"allowed_hosts": [], "allow_loopback": False, **config, "actions": actions}
    return run_child("network_probe", json.dumps(settings))


@pytest.fixture
def loopback_server() -> Iterator[int]:
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.settimeout(0.2)
        stop = threading.Event()

        def accept() -> None:
            while not stop.is_set():
                try:
                    server.accept()[0].close()
                except TimeoutError:
                    continue

        acceptor = threading.Thread(target=accept)
        acceptor.start()
        yield server.getsockname()[1]
        stop.set()
        acceptor.join()


@pytest.fixture
def unix_server(tmp_path: Path) -> Iterator[str]:
    path = str(tmp_path / "ipc.sock")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(path)
        server.listen()
        yield path


class FakeSocket:
    def __init__(self, family: socket.AddressFamily = socket.AF_INET) -> None:
        self.family = family


def test_a_host_outside_the_policy_is_refused_before_any_lookup() -> None:
    report = probe([("connect", "example.org", 443), ("resolve", "pypi.org", 443)])

    assert report["results"] == ["blocked", "blocked"]
    assert report["attempts"] == [
        ["socket.getaddrinfo", "example.org", 443, False],
        ["socket.getaddrinfo", "pypi.org", 443, False],
    ]


def test_an_address_literal_is_refused_like_a_name() -> None:
    report = probe([("connect", "93.184.215.14", 80)])

    assert report["results"] == ["blocked"]


def test_loopback_is_refused_unless_the_policy_allows_it(loopback_server: int) -> None:
    actions = [("connect", "127.0.0.1", loopback_server), ("connect", "localhost", loopback_server)]

    assert probe(actions)["results"] == ["blocked", "blocked"]
    assert probe(actions, allow_loopback=True)["results"] == ["ok", "ok"]


def test_listening_is_allowed_on_loopback_only(loopback_server: int) -> None:
    report = probe([("bind", "127.0.0.1", 0), ("bind", "0.0.0.0", 0)], allow_loopback=True)

    assert report["results"] == ["ok", "blocked"]


def test_unix_sockets_are_not_network_and_pass_uncounted(unix_server: str) -> None:
    report = probe([("unix", unix_server, 0)])

    assert report == {"results": ["ok"], "attempts": []}


def test_an_allowed_name_grants_the_addresses_its_lookup_returned() -> None:
    attempts: list[ConnectionAttempt] = []
    guard = NetworkGuard(["login.hospital.test"], on_attempt=attempts.append)

    guard.check("socket.getaddrinfo", ("login.hospital.test", 443, 0, 1, 6))
    guard.check("socket.connect", (FakeSocket(), ("10.20.30.40", 443)))

    assert [a.allowed for a in attempts] == [True, True]


def test_a_granted_address_stays_allowed_from_other_threads() -> None:
    guard = NetworkGuard(["login.hospital.test"])
    guard.check("socket.getaddrinfo", ("login.hospital.test", 443, 0, 1, 6))
    guard.check("socket.connect", (FakeSocket(), ("10.20.30.40", 443)))
    outcomes: list[str] = []

    def connect(address: str) -> None:
        try:
            guard.check("socket.connect", (FakeSocket(), (address, 443)))
            outcomes.append("ok")
        except PermissionError:
            outcomes.append("blocked")

    for address in ("10.20.30.40", "10.20.30.99"):
        thread = threading.Thread(target=connect, args=(address,))
        thread.start()
        thread.join()

    assert outcomes == ["ok", "blocked"]


def test_a_wildcard_allows_subdomains_but_not_the_lookalike() -> None:
    guard = NetworkGuard(["*.hospital.test"])

    guard.check("socket.getaddrinfo", ("dc1.hospital.test", 636, 0, 1, 6))
    with pytest.raises(PermissionError):
        guard.check("socket.getaddrinfo", ("dc1.hospital.test.evil.example", 636, 0, 1, 6))
    with pytest.raises(PermissionError):
        guard.check("socket.getaddrinfo", ("evilhospital.test", 636, 0, 1, 6))


def test_the_identity_provider_hosts_come_from_the_policy() -> None:
    identity = IdentityPolicy.model_validate(
        {
            "provider": "entra_id",
            "entra_id": {
                "tenant_id": "11111111-1111-1111-1111-111111111111",
                "client_id": "22222222-2222-2222-2222-222222222222",
            },
        }
    )

    hosts, loopback = policy_hosts(
        identity, NetworkPolicy(allowed_hosts=("proxy.hospital.test",)), ["siem.hospital.test"]
    )

    assert hosts == {"login.microsoftonline.com", "proxy.hospital.test", "siem.hospital.test"}
    assert loopback, "the browser returns to the loopback redirect"


def test_a_whole_draft_makes_no_connection_attempt(
    data_dir: Path, tmp_path: Path, file_keyring: InsecureFileKeyringForTests
) -> None:
    """Sign in, create, generate on the tiny model, save, list, sign out: zero attempts.

    The one socket operation seen is urllib3's import-time IPv6 probe (a bind to ::1 port 0,
    no packet sent); the guard refuses it too and urllib3 carries on without IPv6.
    """
    report = run_child(
        "draft_offline", str(data_dir), env={KEYRING_FILE_ENV: str(file_keyring.path)}
    )

    connections = [a for a in report["attempts"] if a[0] != "socket.bind"]
    binds = [a for a in report["attempts"] if a[0] == "socket.bind"]
    assert connections == []
    assert binds in ([], [["socket.bind", "::1", 0, False]])
    assert report["generated_chars"] > 0
    assert report["saved_revision"] >= 3
    assert report["listed"]


def test_a_lab_server_named_by_the_policy_is_allowed_on_loopback_alone() -> None:
    guard = NetworkGuard(["127.0.0.1"])

    guard.check("socket.connect", (FakeSocket(), ("127.0.0.1", 636)))
    with pytest.raises(PermissionError):
        guard.check("socket.connect", (FakeSocket(socket.AF_INET6), ("::1", 636)))


def test_refused_attempts_are_held_for_the_audit_trail_until_it_listens() -> None:
    guard = NetworkGuard([])
    with pytest.raises(PermissionError):
        guard.check("socket.getaddrinfo", ("exfil.example", 443, 0, 1, 6))
    heard: list[ConnectionAttempt] = []

    guard.report_refused_to(heard.append)
    with pytest.raises(PermissionError):
        guard.check("socket.connect", (FakeSocket(), ("10.0.0.9", 443)))

    assert [(a.event, a.host, a.allowed) for a in heard] == [
        ("socket.getaddrinfo", "exfil.example", False),
        ("socket.connect", "10.0.0.9", False),
    ]
