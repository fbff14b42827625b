"""Issue 17, item 1: who may create accounts, attacked through the CLI as the OS user would."""

from pathlib import Path

import pytest

from tests.cli.conftest import Runner
from tests.cli.local_user import add_account, audit_events

ADMIN_PASSWORD = "it-admin-password-1"
NEW_PASSWORD = "a-new-long-password"


@pytest.fixture
def standalone(wardscribe: Runner, tmp_path: Path) -> Path:
    """A standalone install whose first account, IT's, exists."""
    data_dir = tmp_path / "data"
    status, output = add_account(
        wardscribe, data_dir, "it", "it_admin", env={"WARDSCRIBE_PASSWORD": ADMIN_PASSWORD}
    )
    assert status == 0, output
    return data_dir


def _created(events: list[dict[str, object]]) -> list[tuple[object, object, object]]:
    return [
        (event["user_id"], event["outcome"], event["reason"])
        for event in events
        if event["action"] == "account_create"
    ]


def test_the_first_account_is_created_without_sign_in_and_audited_as_the_first(
    wardscribe: Runner, standalone: Path
) -> None:
    [(user, outcome, reason)] = _created(audit_events(wardscribe, standalone))

    assert str(user).startswith("os:")
    assert (outcome, reason) == ("success", "first_account:it_admin")


def test_once_an_account_exists_nobody_creates_one_without_signing_in(
    wardscribe: Runner, standalone: Path
) -> None:
    status, output = add_account(
        wardscribe,
        standalone,
        "mallory",
        "compliance_officer",
        env={"WARDSCRIBE_PASSWORD": NEW_PASSWORD},
        stdin=f"{NEW_PASSWORD}\n",
    )

    assert status == 1
    assert "Traceback" not in output
    assert [
        (outcome, reason) for _, outcome, reason in _created(audit_events(wardscribe, standalone))
    ] == [("success", "first_account:it_admin")]


def test_the_new_accounts_password_does_not_sign_in_the_administrator(
    wardscribe: Runner, standalone: Path
) -> None:
    status, _ = add_account(
        wardscribe,
        standalone,
        "mallory",
        "it_admin",
        env={"WARDSCRIBE_USER": "it", "WARDSCRIBE_PASSWORD": NEW_PASSWORD},
        stdin=f"{NEW_PASSWORD}\n",
    )

    assert status == 1
    sign_ins = [e for e in audit_events(wardscribe, standalone) if e["action"] == "sign_in"]
    assert [(e["outcome"], e["reason"]) for e in sign_ins] == [("failure", "bad_credentials")]


def test_a_nurse_signed_in_is_refused_and_the_refusal_is_audited(
    wardscribe: Runner, standalone: Path
) -> None:
    as_admin = {"WARDSCRIBE_USER": "it", "WARDSCRIBE_PASSWORD": ADMIN_PASSWORD}
    add_account(wardscribe, standalone, "rn.lee", "nurse", env=as_admin, stdin="nurse-password-1\n")

    status, output = add_account(
        wardscribe,
        standalone,
        "mallory",
        "it_admin",
        env={"WARDSCRIBE_USER": "rn.lee", "WARDSCRIBE_PASSWORD": "nurse-password-1"},
        stdin=f"{NEW_PASSWORD}\n",
    )

    assert status == 1
    assert "does not allow this" in output
    denied = [e for e in audit_events(wardscribe, standalone) if e["outcome"] == "denied"]
    assert [(e["action"], e["role"], e["reason"]) for e in denied] == [
        ("access_denied", "nurse", "account.manage")
    ]


def test_an_administrator_adds_an_account_with_both_passwords_read_from_stdin(
    wardscribe: Runner, standalone: Path
) -> None:
    status, output = add_account(
        wardscribe,
        standalone,
        "rn.lee",
        "nurse",
        env={"WARDSCRIBE_USER": "it"},
        stdin=f"{ADMIN_PASSWORD}\n{NEW_PASSWORD}\n",
    )

    assert status == 0, output
    events = audit_events(wardscribe, standalone)
    created = [e for e in events if e["action"] == "account_create"][-1]
    assert (created["role"], created["outcome"], created["reason"]) == (
        "it_admin",
        "success",
        "nurse",
    )
    as_new_nurse = wardscribe(
        "audit",
        "export",
        "--data-dir",
        str(standalone),
        "--to",
        str(standalone / "x.csv"),
        env={"WARDSCRIBE_USER": "rn.lee"},
        stdin=f"{NEW_PASSWORD}\n",
    )
    assert "Your role (nurse) does not allow this" in as_new_nurse.stderr


def test_the_command_line_has_no_place_for_a_password(wardscribe: Runner) -> None:
    usage = wardscribe("account", "add", "--help").stdout

    assert "--username" in usage
    assert "--password" not in usage
