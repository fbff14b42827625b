"""`wardscribe audit export`, run as a compliance officer would, in a child process."""

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.cli.conftest import Runner
from tests.cli.local_user import NURSE_PASSWORD, OFFICER_PASSWORD, ward_folder


@pytest.fixture
def workstation(wardscribe: Runner, tmp_path: Path) -> Path:
    """A standalone data folder with IT, a compliance officer and a nurse."""
    return ward_folder(wardscribe, tmp_path / "data")


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
