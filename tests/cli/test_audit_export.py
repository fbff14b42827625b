"""`wardscribe audit export`, run as a compliance officer would, in a child process."""

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli.conftest import Runner

OFFICER_PASSWORD = "compliance-password-1"
NURSE_PASSWORD = "nurse-password-1"
ADMIN_PASSWORD = "it-admin-password-1"
AS_ADMIN = {"WARDSCRIBE_USER": "it", "WARDSCRIBE_PASSWORD": ADMIN_PASSWORD}


@pytest.fixture
def workstation(wardscribe: Runner, tmp_path: Path) -> Path:
    """A standalone data folder: IT's first account, then a compliance officer and a nurse.

    The first account needs no sign-in; IT adds the others signed in, as the service demands.
    """
    data_dir = tmp_path / "data"
    for username, role, password, env in (
        ("it", "it_admin", ADMIN_PASSWORD, {"WARDSCRIBE_PASSWORD": ADMIN_PASSWORD}),
        ("auditor", "compliance_officer", OFFICER_PASSWORD, AS_ADMIN),
        ("rn.lee", "nurse", NURSE_PASSWORD, AS_ADMIN),
    ):
        created = wardscribe(
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
            env={**env, "WARDSCRIBE_NEW_PASSWORD": password},
        )
        assert created.returncode == 0, created.stderr
    return data_dir


def export(
    wardscribe: Runner, data_dir: Path, user: str, password: str, *args: str
) -> tuple[int, str]:
    finished = wardscribe(
        "audit",
        "export",
        "--data-dir",
        str(data_dir),
        *args,
        env={"WARDSCRIBE_USER": user, "WARDSCRIBE_PASSWORD": password},
    )
    return finished.returncode, finished.stdout + finished.stderr


def test_a_nurse_is_refused_and_no_file_is_written(
    wardscribe: Runner, workstation: Path, tmp_path: Path
) -> None:
    target = tmp_path / "audit.csv"

    status, output = export(wardscribe, workstation, "rn.lee", NURSE_PASSWORD, "--to", str(target))

    assert status == 1
    assert "does not allow this" in output
    assert not target.exists()
    assert list(tmp_path.glob(".audit.csv*")) == []


def test_the_compliance_officer_exports_the_refusals_as_csv(
    wardscribe: Runner, workstation: Path, tmp_path: Path
) -> None:
    export(wardscribe, workstation, "rn.lee", NURSE_PASSWORD, "--to", str(tmp_path / "no.csv"))
    target = tmp_path / "denied.csv"

    status, output = export(
        wardscribe,
        workstation,
        "auditor",
        OFFICER_PASSWORD,
        "--format",
        "csv",
        "--action",
        "access_denied",
        "--to",
        str(target),
    )

    assert status == 0, output
    assert f"Exported 1 audit events to {target}." in output
    [row] = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert (row["action"], row["outcome"], row["reason"]) == (
        "access_denied",
        "denied",
        "audit.export",
    )
    assert row["role"] == "nurse"


def test_a_json_export_keeps_to_the_time_range_and_records_itself(
    wardscribe: Runner, workstation: Path, tmp_path: Path
) -> None:
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    status, output = export(
        wardscribe,
        workstation,
        "auditor",
        OFFICER_PASSWORD,
        "--format",
        "json",
        "--action",
        "sign_in",
        "--until",
        tomorrow,
        "--to",
        str(tmp_path / "first.json"),
    )
    assert status == 0, output
    export(
        wardscribe,
        workstation,
        "auditor",
        OFFICER_PASSWORD,
        "--format",
        "json",
        "--action",
        "audit_export",
        "--since",
        tomorrow,
        "--to",
        str(tmp_path / "none.json"),
    )
    export(
        wardscribe,
        workstation,
        "auditor",
        OFFICER_PASSWORD,
        "--format",
        "json",
        "--action",
        "audit_export",
        "--to",
        str(tmp_path / "exports.json"),
    )

    signed_in = json.loads((tmp_path / "first.json").read_text())["events"]
    officer = [event for event in signed_in if event["role"] == "compliance_officer"]
    assert [event["action"] for event in officer] == ["sign_in"]
    assert json.loads((tmp_path / "none.json").read_text())["events"] == []
    exports = json.loads((tmp_path / "exports.json").read_text())["events"]
    assert [event["reason"] for event in exports] == ["json", "json"]


def test_an_over_long_filter_value_is_refused_by_name_without_echoing_it(
    wardscribe: Runner, workstation: Path, tmp_path: Path
) -> None:
    """Issue 17, item 10: a clear message, not "unexpected error (ValidationError)"."""
    patient_file = tmp_path / "patient.txt"
    patient_file.write_text("MRN" + "7" * 200)
    status, output = export(
        wardscribe,
        workstation,
        "auditor",
        OFFICER_PASSWORD,
        "--patient-file",
        str(patient_file),
        "--to",
        str(tmp_path / "audit.csv"),
    )

    assert status == 1
    assert "patient_ref is not accepted" in output
    assert "7" * 200 not in output
    assert "unexpected error" not in output


@pytest.mark.parametrize("where", ["missing-folder/audit.csv", "."], ids=["missing", "folder"])
def test_exporting_to_a_missing_folder_or_a_folder_says_which_path(
    wardscribe: Runner, workstation: Path, tmp_path: Path, where: str
) -> None:
    target = tmp_path / where

    status, output = export(
        wardscribe, workstation, "auditor", OFFICER_PASSWORD, "--to", str(target)
    )

    assert status == 1
    assert "Check the path" in output
    assert "unexpected error" not in output
