"""Issue 17, item 6: drafts.db deleted, emptied or replaced by an older copy, as the user can."""

import json
from pathlib import Path

import pytest

from app.paths import resources_dir
from tests.cli.conftest import Runner
from tests.cli.file_attacks import change_with_the_key, rolled_back

NOTES_FILE = resources_dir() / "demo" / "shift-notes.txt"


def _draft(wardscribe: Runner, data_dir: Path) -> str:
    drafted = wardscribe(
        "draft", "--demo", "--data-dir", str(data_dir), "--input", str(NOTES_FILE), "--json"
    )
    assert drafted.returncode == 0, drafted.stderr
    return str(json.loads(drafted.stdout)["draft_id"])


def _start(wardscribe: Runner, data_dir: Path) -> tuple[int, str]:
    started = wardscribe("audit", "verify", "--demo", "--data-dir", str(data_dir))
    return started.returncode, started.stdout + started.stderr


def _refusal(wardscribe: Runner, data_dir: Path) -> str:
    """What WardScribe said when it refused to start on the data folder."""
    status, output = _start(wardscribe, data_dir)
    assert status == 1, output
    return output


@pytest.fixture
def demo_folder(wardscribe: Runner, data_dir: Path) -> Path:
    """The demo data folder after one draft."""
    _draft(wardscribe, data_dir)
    return data_dir / "demo"


def test_a_deleted_drafts_database_is_not_recreated_empty(
    wardscribe: Runner, data_dir: Path, demo_folder: Path
) -> None:
    (demo_folder / "drafts.db").unlink()

    assert "drafts.db is missing" in _refusal(wardscribe, data_dir)
    assert not (demo_folder / "drafts.db").exists()


def test_an_older_copy_of_the_drafts_database_is_refused(
    wardscribe: Runner, data_dir: Path, demo_folder: Path, tmp_path: Path
) -> None:
    with rolled_back(demo_folder, ["drafts.db"], tmp_path / "older"):
        _draft(wardscribe, data_dir)

    assert "lacks 1 draft(s)" in _refusal(wardscribe, data_dir)


def test_drafts_deleted_with_the_database_key_are_refused(
    wardscribe: Runner, data_dir: Path, demo_folder: Path
) -> None:
    change_with_the_key(wardscribe, demo_folder / "drafts.db", "DELETE FROM drafts")

    assert "emptied or replaced by an older copy" in _refusal(wardscribe, data_dir)


_SAVE_AN_EDIT = """
import sys
from pathlib import Path
from app.services.demo import DEMO_PASSWORD
from app.services.workstation import StartOptions, Workstation
workstation = Workstation.open(StartOptions(data_dir=Path(sys.argv[1]), demo=True))
try:
    session = workstation.auth.sign_in("demo", DEMO_PASSWORD)
    draft = workstation.drafts.open_draft(session, sys.argv[2])
    workstation.drafts.save_text(session, draft.id, draft.text + " Edited.", draft.revision)
finally:
    workstation.close()
"""


def test_an_older_copy_holding_every_draft_at_an_older_revision_is_refused(
    wardscribe: Runner, data_dir: Path, tmp_path: Path
) -> None:
    draft_id = _draft(wardscribe, data_dir)
    with rolled_back(data_dir / "demo", ["drafts.db"], tmp_path / "older"):
        saved = wardscribe.python("-c", _SAVE_AN_EDIT, str(data_dir), draft_id)
        assert saved.returncode == 0, saved.stderr

    assert "1 draft(s) at an older revision than the audit log records" in _refusal(
        wardscribe, data_dir
    )


def test_a_draft_rewritten_in_place_with_the_key_at_the_same_revision_is_refused(
    wardscribe: Runner, data_dir: Path, demo_folder: Path
) -> None:
    change_with_the_key(
        wardscribe,
        demo_folder / "drafts.db",
        "UPDATE drafts SET text = 'Patient stable, no concerns.'",
    )

    assert "changed outside WardScribe" in _refusal(wardscribe, data_dir)


def test_an_untouched_drafts_database_starts(
    wardscribe: Runner, data_dir: Path, demo_folder: Path
) -> None:
    status, output = _start(wardscribe, data_dir)

    assert status == 0, output
