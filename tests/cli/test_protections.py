"""The entry points protect the process: hardening and the network guard are in place for the
CLI and the window, a whole draft makes no connection attempt, and a blocked one is audited.

Each run is a child process: the guard is an audit hook, which no process can remove.
"""

import json
from pathlib import Path
from typing import Any

import pytest

from app.paths import resources_dir
from tests.cli.conftest import Runner

NOTES_FILE = resources_dir() / "demo" / "shift-notes.txt"
BLOCKED = ["network_blocked", "updates.example.org:443", "socket.getaddrinfo"]


def start(wardscribe: Runner, mode: str, data_dir: Path) -> dict[str, Any]:
    finished = wardscribe.python(
        "-m", "tests.cli.children.protected_start", mode, str(data_dir), str(NOTES_FILE)
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    report: dict[str, Any] = json.loads(finished.stdout.splitlines()[-1])
    assert report["status"] == 0
    return report


@pytest.fixture
def draft_run(wardscribe: Runner, data_dir: Path) -> dict[str, Any]:
    return start(wardscribe, "draft", data_dir)


def actions(events: list[list[Any]]) -> list[str]:
    return [action for action, _, _ in events]


def new_events(report: dict[str, Any]) -> list[list[Any]]:
    """What the log gained while a workstation was open and a connection was attempted."""
    return report["events_after_attempt"][len(report["events_before_attempt"]) :]


def test_a_whole_cli_draft_makes_no_connection_attempt(draft_run: dict[str, Any]) -> None:
    """With no policy the guard allows no host, so any attempt would be refused and audited."""
    assert draft_run["guard_installed"]
    assert "draft_generate" in actions(draft_run["events_before_attempt"])
    assert "network_blocked" not in actions(draft_run["events_before_attempt"])


def test_a_blocked_connection_from_a_cli_process_lands_in_the_audit_log(
    draft_run: dict[str, Any],
) -> None:
    assert draft_run["attempt"] == "blocked"
    assert new_events(draft_run) == [BLOCKED]


def test_the_cli_process_cannot_dump_core_and_reports_crashes_without_values(
    draft_run: dict[str, Any],
) -> None:
    assert draft_run["core_limit"] == [0, 0]
    assert draft_run["dumpable"] == 0
    assert draft_run["excepthook"] == "_reporter.<locals>.report"
    assert draft_run["crash_log"]


def test_the_window_process_is_hardened_and_guarded_before_it_opens(
    wardscribe: Runner, data_dir: Path
) -> None:
    report = start(wardscribe, "window", data_dir)

    assert report["guard_installed"]
    assert report["core_limit"] == [0, 0]
    assert report["dumpable"] == 0
    assert report["crash_log"]
    assert report["attempt"] == "blocked"
    assert new_events(report) == [BLOCKED]
