"""Issue 17, item 5: no patient identity in the process command line, where every local user
can read it (`ps`, /proc/PID/cmdline) for as long as the draft runs."""

import threading
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from app.paths import resources_dir
from tests.cli.conftest import Runner
from tests.cli.local_user import add_account, audit_events

NOTES_FILE = resources_dir() / "demo" / "shift-notes.txt"
NURSE = {"WARDSCRIBE_USER": "rn.lee", "WARDSCRIBE_PASSWORD": "a-long-password-1"}
MRN = "MRN-CANARY-4711"
NAME = "Canary Quillfeather"


@pytest.fixture
def nurse_folder(wardscribe: Runner, data_dir: Path) -> Path:
    status, output = add_account(wardscribe, data_dir, "rn.lee", "nurse", env=NURSE)
    assert status == 0, output
    return data_dir


def _command_lines() -> list[bytes]:
    """What any local user reads with `ps -ef`."""
    lines = []
    for entry in Path("/proc").iterdir():
        try:
            lines.append((entry / "cmdline").read_bytes())
        except OSError:
            continue
    return lines


def test_patient_identity_given_as_arguments_is_refused_with_what_to_do_instead(
    wardscribe: Runner, nurse_folder: Path
) -> None:
    refused = wardscribe(
        "draft",
        "--data-dir",
        str(nurse_folder),
        "--input",
        str(NOTES_FILE),
        "--patient",
        MRN,
        "--patient-name",
        NAME,
        env=NURSE,
    )

    assert refused.returncode == 1
    assert "--patient-file" in refused.stderr
    assert not [e for e in audit_events(wardscribe, nurse_folder) if e["patient_ref"] == MRN]


def test_a_new_patient_read_from_stdin_never_appears_in_any_command_line(
    wardscribe: Runner, nurse_folder: Path
) -> None:
    finished: list[CompletedProcess[str]] = []
    drafting = threading.Thread(
        target=lambda: finished.append(
            wardscribe(
                "draft",
                "--data-dir",
                str(nurse_folder),
                "--input",
                str(NOTES_FILE),
                "--patient-file",
                "-",
                env=NURSE,
                stdin=f"{MRN}\n{NAME}\n",
            )
        )
    )
    seen: list[bytes] = []
    drafting.start()
    while drafting.is_alive():
        seen.extend(line for line in _command_lines() if MRN.encode() in line or b"Quill" in line)
    drafting.join()

    assert finished[0].returncode == 0, finished[0].stderr
    assert seen == []
    registered = [e for e in audit_events(wardscribe, nurse_folder) if e["patient_ref"] == MRN]
    assert {e["action"] for e in registered} >= {"patient_register", "draft_create"}


def test_the_patient_file_names_the_patient_and_stays_off_the_command_line(
    wardscribe: Runner, nurse_folder: Path, tmp_path: Path
) -> None:
    patient = tmp_path / "patient.txt"
    patient.write_text(f"{MRN}\n{NAME}\n")

    drafted = wardscribe(
        "draft",
        "--data-dir",
        str(nurse_folder),
        "--input",
        str(NOTES_FILE),
        "--patient-file",
        str(patient),
        env=NURSE,
    )

    assert drafted.returncode == 0, drafted.stderr
    assert [e["action"] for e in audit_events(wardscribe, nurse_folder) if e["patient_ref"] == MRN][
        :2
    ] == ["patient_register", "draft_create"]
