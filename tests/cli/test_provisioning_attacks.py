"""Issue 17, item 1, on a managed workstation: the first administrator comes from the machine
policy IT installed in /etc (here in a private mount namespace), so nobody at the OS account
ever creates an account without signing in, not even the first."""

from pathlib import Path

import pytest

from app.identity.passwords import hash_password
from tests.cli.conftest import Runner
from tests.cli.local_user import add_account, audit_events

ADMIN_PASSWORD = "policy-admin-password-1"
SQUATTER_PASSWORD = "squatter-password-1"


@pytest.fixture
def managed(wardscribe: Runner) -> Runner:
    policy = (
        "[administrator]\n"
        'username = "ws.admin"\n'
        'display_name = "Ward IT"\n'
        f'password_hash = "{hash_password(ADMIN_PASSWORD)}"\n'
    )
    return wardscribe.under_machine_policy(policy)


def _provisioning(events: list[dict[str, object]]) -> list[tuple[object, object, object]]:
    return [
        (event["user_id"], event["outcome"], event["reason"])
        for event in events
        if event["action"] in ("account_provision", "account_create")
    ]


def test_the_first_account_cannot_be_created_unsigned_where_the_policy_provisions_one(
    managed: Runner, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"

    status, output = add_account(
        managed,
        data_dir,
        "mallory",
        "compliance_officer",
        env={"WARDSCRIBE_PASSWORD": SQUATTER_PASSWORD},
        stdin=f"{SQUATTER_PASSWORD}\n",
    )

    assert status == 1
    assert "Traceback" not in output
    assert _provisioning(audit_events(managed, data_dir)) == [
        ("machine_policy", "success", "created:it_admin")
    ]


def test_the_policys_administrator_signs_in_and_adds_the_ward_accounts(
    managed: Runner, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"

    status, output = add_account(
        managed,
        data_dir,
        "rn.lee",
        "nurse",
        env={"WARDSCRIBE_USER": "ws.admin", "WARDSCRIBE_PASSWORD": ADMIN_PASSWORD},
        stdin="nurse-password-12\n",
    )

    assert status == 0, output
    events = audit_events(managed, data_dir)
    assert _provisioning(events)[0] == ("machine_policy", "success", "created:it_admin")
    created = [e for e in events if e["action"] == "account_create"]
    assert [(e["role"], e["outcome"], e["reason"]) for e in created] == [
        ("it_admin", "success", "nurse")
    ]


def test_an_account_made_unsigned_before_the_policy_arrived_gets_the_policys_password(
    wardscribe: Runner, managed: Runner, tmp_path: Path
) -> None:
    """Someone who got to the workstation before IT's policy took the administrator's name."""
    data_dir = tmp_path / "data"
    status, output = add_account(
        wardscribe,
        data_dir,
        "ws.admin",
        "compliance_officer",
        env={"WARDSCRIBE_PASSWORD": SQUATTER_PASSWORD},
    )
    assert status == 0, output

    as_squatter = managed(
        "audit",
        "export",
        "--data-dir",
        str(data_dir),
        "--to",
        str(tmp_path / "audit.csv"),
        env={"WARDSCRIBE_USER": "ws.admin", "WARDSCRIBE_PASSWORD": SQUATTER_PASSWORD},
    )

    assert as_squatter.returncode == 1
    assert not (tmp_path / "audit.csv").exists()
    assert _provisioning(audit_events(managed, data_dir))[-1] == (
        "machine_policy",
        "success",
        "restored:it_admin",
    )


def test_hash_password_reads_the_password_from_stdin_and_prints_only_its_argon2id_hash(
    wardscribe: Runner,
) -> None:
    hashed = wardscribe("account", "hash-password", stdin=f"{ADMIN_PASSWORD}\n")

    assert hashed.returncode == 0, hashed.stderr
    assert hashed.stdout.startswith("$argon2id$")
    assert ADMIN_PASSWORD not in hashed.stdout + hashed.stderr
