"""Issue 17, item 5, for the compliance officer's commands: `audit export` and `legal-hold`
name a patient by MRN, and no MRN may appear in a command line, where every local user reads
it (`ps`, /proc/PID/cmdline) for as long as the command runs."""

import threading
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tests.cli.conftest import Runner
from tests.cli.local_user import AS_OFFICER, audit_events, ward_folder

MRN = "MRN-CANARY-5150"


@pytest.fixture
def ward(wardscribe: Runner, tmp_path: Path) -> Path:
    """A standalone data folder with IT, a compliance officer and a nurse."""
    return ward_folder(wardscribe, tmp_path / "data")


def _command_lines_naming(needle: bytes) -> list[bytes]:
    """The command lines, as any local user reads them with `ps -ef`, that contain `needle`."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            line = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if needle in line:
            found.append(line)
    return found


def _watching_command_lines(run: "threading.Thread") -> list[bytes]:
    seen: list[bytes] = []
    run.start()
    while run.is_alive():
        seen.extend(_command_lines_naming(MRN.encode()))
    run.join()
    return seen


def _hold(wardscribe: Runner, ward: Path, *args: str, stdin: str = "") -> CompletedProcess[str]:
    return wardscribe(
        "legal-hold", "place", "--data-dir", str(ward), *args, env=AS_OFFICER, stdin=stdin
    )


def test_an_mrn_given_to_legal_hold_as_an_argument_is_refused_before_anything_is_held(
    wardscribe: Runner, ward: Path
) -> None:
    refused = _hold(wardscribe, ward, "--patient", MRN)

    assert refused.returncode == 1
    assert "--patient-file" in refused.stderr
    assert MRN not in refused.stderr
    assert not [e for e in audit_events(wardscribe, ward) if e["patient_ref"] == MRN]


def test_a_legal_hold_on_a_patient_read_from_stdin_never_shows_the_mrn_in_a_command_line(
    wardscribe: Runner, ward: Path
) -> None:
    finished: list[CompletedProcess[str]] = []
    placing = threading.Thread(
        target=lambda: finished.append(
            _hold(wardscribe, ward, "--patient-file", "-", stdin=f"{MRN}\n")
        )
    )

    seen = _watching_command_lines(placing)

    assert finished[0].returncode == 0, finished[0].stderr
    assert seen == []
    held = [e for e in audit_events(wardscribe, ward) if e["patient_ref"] == MRN]
    assert [e["action"] for e in held] == ["legal_hold_place"]


def test_an_mrn_given_to_audit_export_as_an_argument_is_refused_and_nothing_is_written(
    wardscribe: Runner, ward: Path, tmp_path: Path
) -> None:
    target = tmp_path / "audit.csv"

    refused = wardscribe(
        "audit",
        "export",
        "--data-dir",
        str(ward),
        "--patient",
        MRN,
        "--to",
        str(target),
        env=AS_OFFICER,
    )

    assert refused.returncode == 1
    assert "--patient-file" in refused.stderr
    assert MRN not in refused.stderr
    assert not target.exists()


def test_audit_export_reads_the_patient_from_a_file_and_exports_only_that_patients_events(
    wardscribe: Runner, ward: Path, tmp_path: Path
) -> None:
    assert _hold(wardscribe, ward, "--patient-file", "-", stdin=f"{MRN}\n").returncode == 0
    patient_file = tmp_path / "patient.txt"
    patient_file.write_text(f"{MRN}\n")
    target = tmp_path / "audit.csv"
    finished: list[CompletedProcess[str]] = []
    exporting = threading.Thread(
        target=lambda: finished.append(
            wardscribe(
                "audit",
                "export",
                "--data-dir",
                str(ward),
                "--patient-file",
                str(patient_file),
                "--to",
                str(target),
                env=AS_OFFICER,
            )
        )
    )

    seen = _watching_command_lines(exporting)

    assert finished[0].returncode == 0, finished[0].stderr
    assert seen == []
    rows = target.read_text().splitlines()
    assert len(rows) == 2 and "legal_hold_place" in rows[1] and MRN in rows[1]


def test_a_patient_file_holding_more_than_an_mrn_is_refused(wardscribe: Runner, ward: Path) -> None:
    refused = _hold(wardscribe, ward, "--patient-file", "-", stdin=f"{MRN}\nA. Patient\n")

    assert refused.returncode == 1
    assert "the MRN alone, on one line" in refused.stderr
    assert not [e for e in audit_events(wardscribe, ward) if e["patient_ref"] == MRN]


def test_a_legal_hold_naming_neither_a_patient_nor_a_draft_says_how_to_name_one(
    wardscribe: Runner, ward: Path
) -> None:
    refused = _hold(wardscribe, ward)

    assert refused.returncode == 1
    assert "--patient-file" in refused.stderr and "--draft" in refused.stderr
