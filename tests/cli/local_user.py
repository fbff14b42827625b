"""What a local attacker (or IT checking up on one) can do with the user's own access.

`audit_events` reads the audit log the way any process running as the user can: in a child
process inside the same keyring session, opening the workstation through the ordinary code.
"""

import json
from pathlib import Path
from typing import Any

from tests.cli.conftest import Runner

_READ_AUDIT = """
import json, sys
from pathlib import Path
from app.services.workstation import StartOptions, Workstation
from tests.fixtures.audit_log import audit_store
workstation = Workstation.open(StartOptions(data_dir=Path(sys.argv[1])))
try:
    store = audit_store(workstation)
    print(json.dumps([row.event.model_dump(mode="json") for row in store.events()]))
finally:
    workstation.close()
"""


def audit_events(wardscribe: Runner, data_dir: Path) -> list[dict[str, Any]]:
    """Every event of the data folder's audit log, oldest first."""
    finished = wardscribe.python("-c", _READ_AUDIT, str(data_dir))
    assert finished.returncode == 0, finished.stderr
    events: list[dict[str, Any]] = json.loads(finished.stdout)
    return events


def add_account(
    wardscribe: Runner,
    data_dir: Path,
    username: str,
    role: str,
    *,
    env: dict[str, str] | None = None,
    stdin: str = "",
) -> tuple[int, str]:
    """`wardscribe account add` for USERNAME; the exit status and everything it printed."""
    finished = wardscribe(
        "account",
        "add",
        "--data-dir",
        str(data_dir),
        "--username",
        username,
        "--display-name",
        username,
        "--role",
        role,
        env=env,
        stdin=stdin,
    )
    return finished.returncode, finished.stdout + finished.stderr


ADMIN_PASSWORD = "it-admin-password-1"
OFFICER_PASSWORD = "compliance-password-1"
NURSE_PASSWORD = "nurse-password-1"
AS_OFFICER = {"WARDSCRIBE_USER": "auditor", "WARDSCRIBE_PASSWORD": OFFICER_PASSWORD}


def ward_folder(wardscribe: Runner, data_dir: Path) -> Path:
    """A standalone data folder: IT's first account, `it`, which needs no sign-in, then the
    compliance officer `auditor` and the nurse `rn.lee`, added by IT signed in, as the service
    demands. Returns `data_dir`."""
    as_admin = {"WARDSCRIBE_USER": "it", "WARDSCRIBE_PASSWORD": ADMIN_PASSWORD}
    for username, role, password, env in (
        ("it", "it_admin", ADMIN_PASSWORD, {"WARDSCRIBE_PASSWORD": ADMIN_PASSWORD}),
        ("auditor", "compliance_officer", OFFICER_PASSWORD, as_admin),
        ("rn.lee", "nurse", NURSE_PASSWORD, as_admin),
    ):
        status, output = add_account(
            wardscribe, data_dir, username, role, env={**env, "WARDSCRIBE_NEW_PASSWORD": password}
        )
        assert status == 0, output
    return data_dir


_READ_SETTINGS = """
import sys
from pathlib import Path
from app.services.workstation import StartOptions, Workstation
workstation = Workstation.open(StartOptions(data_dir=Path(sys.argv[1])))
try:
    print(workstation.settings.effective.model_dump_json())
finally:
    workstation.close()
"""


def effective_settings(wardscribe: Runner, data_dir: Path) -> dict[str, Any]:
    """The settings a workstation started on the data folder would run with."""
    finished = wardscribe.python("-c", _READ_SETTINGS, str(data_dir))
    assert finished.returncode == 0, finished.stderr
    settings: dict[str, Any] = json.loads(finished.stdout)
    return settings
