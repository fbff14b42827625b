"""Issue 17, item 4: rolling the audit log back with nothing but file copies.

The attacker copies `audit.db` and `audit-checkpoints.jsonl` aside, lets work happen, then
copies the older pair back (or deletes or trims the checkpoint file). No key is needed for that.
"""

from pathlib import Path

import pytest

from tests.cli.conftest import Runner
from tests.cli.file_attacks import rolled_back

LOG_FILES = ("audit.db", "audit-checkpoints.jsonl")


def _verify(wardscribe: Runner, data_dir: Path) -> tuple[int, str]:
    finished = wardscribe("audit", "verify", "--data-dir", str(data_dir))
    return finished.returncode, finished.stdout + finished.stderr


@pytest.fixture
def used_folder(wardscribe: Runner, tmp_path: Path) -> Path:
    """A data folder whose log has a few events and a signed checkpoint."""
    data_dir = tmp_path / "data"
    for _ in range(2):
        status, output = _verify(wardscribe, data_dir)
        assert status == 0, output
    return data_dir


def test_an_intact_log_still_verifies(wardscribe: Runner, used_folder: Path) -> None:
    status, output = _verify(wardscribe, used_folder)

    assert status == 0, output
    assert "Audit log intact" in output


def test_copying_an_older_log_and_its_checkpoints_back_is_caught(
    wardscribe: Runner, used_folder: Path, tmp_path: Path
) -> None:
    with rolled_back(used_folder, LOG_FILES, tmp_path / "saved"):
        for _ in range(3):
            _verify(wardscribe, used_folder)

    status, output = _verify(wardscribe, used_folder)

    assert status == 1
    assert "older copy" in output


def test_a_rollback_stays_caught_however_often_the_app_starts_afterwards(
    wardscribe: Runner, used_folder: Path, tmp_path: Path
) -> None:
    with rolled_back(used_folder, LOG_FILES, tmp_path / "saved"):
        _verify(wardscribe, used_folder)

    results = [_verify(wardscribe, used_folder)[0] for _ in range(3)]

    assert results == [1, 1, 1]


def test_a_deleted_checkpoint_file_is_a_failure_not_intact(
    wardscribe: Runner, used_folder: Path
) -> None:
    (used_folder / "audit-checkpoints.jsonl").unlink()

    status, output = _verify(wardscribe, used_folder)

    assert status == 1
    assert "audit-checkpoints.jsonl does not hold it" in output


def test_a_checkpoint_file_cut_back_is_a_failure_not_intact(
    wardscribe: Runner, used_folder: Path
) -> None:
    checkpoints = used_folder / "audit-checkpoints.jsonl"
    lines = checkpoints.read_text().splitlines(keepends=True)
    assert len(lines) >= 2
    checkpoints.write_text("".join(lines[:-1]))

    status, output = _verify(wardscribe, used_folder)

    assert status == 1
    assert "cut back" in output
