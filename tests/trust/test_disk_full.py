"""A full disk: the save fails with a message a nurse can act on, and nothing stored is harmed.

Runs on a real 2 MiB tmpfs, which needs root (CAP_SYS_ADMIN); skipped with the reason otherwise.
"""

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain.notes import NoteKind, Patient
from app.storage.database import DiskFull, EncryptedDatabase
from app.storage.drafts import DraftStore
from tests.trust.events import integrity_problems

MESSAGE = "The disk is full; the draft was not saved; free space and save again."
BIG_TEXT = "S: stable overnight, no concerns. " * 2000


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command on this machine")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=True)


def fill(disk: Path) -> Path:
    """Take every free byte, the way a runaway log would."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as file:
        try:
            while True:
                file.write(bytes(4096))
        except OSError:
            pass
    return filler


class Ward:
    def __init__(self, path: Path, key: bytes) -> None:
        self.path, self.key = path, key
        self.db = EncryptedDatabase(path, key)
        self.drafts = DraftStore(self.db)
        self.drafts.upsert_patient(Patient(mrn="MRN-1", name="A. Patient"))

    def reopened_text(self, draft_id: str) -> str:
        self.db.close()
        self.db = EncryptedDatabase(self.path, self.key)
        self.drafts = DraftStore(self.db)
        return self.drafts.get_draft(draft_id).text


@pytest.fixture
def ward(small_disk: Path, db_key: bytes) -> Iterator[Ward]:
    ward = Ward(small_disk / "drafts.db", db_key)
    yield ward
    (small_disk / "filler").unlink(missing_ok=True)
    ward.db.close()


def new_draft(ward: Ward, text: str) -> str:
    return ward.drafts.create_draft(
        patient_mrn="MRN-1",
        author_id="nurse-1",
        kind=NoteKind.SHIFT_SBAR,
        source_text="Obs stable.",
        template_id="sbar",
        template_version=1,
        text=text,
    ).id


def test_a_save_on_a_full_disk_says_so_and_keeps_the_previous_version(ward: Ward) -> None:
    draft_id = new_draft(ward, "version one")
    fill(ward.path.parent)

    with pytest.raises(DiskFull) as refused:
        ward.drafts.save_text(draft_id, BIG_TEXT, expected_revision=1)

    assert str(refused.value) == MESSAGE
    assert ward.reopened_text(draft_id) == "version one"
    assert integrity_problems(ward.path, ward.key) == []


def test_saving_works_again_once_space_is_freed(ward: Ward) -> None:
    draft_id = new_draft(ward, "version one")
    filler = fill(ward.path.parent)
    with pytest.raises(DiskFull):
        ward.drafts.save_text(draft_id, BIG_TEXT, expected_revision=1)

    filler.unlink()
    saved = ward.drafts.save_text(draft_id, BIG_TEXT, expected_revision=1)

    assert saved.revision == 2
    assert ward.reopened_text(draft_id) == BIG_TEXT


def test_a_new_draft_on_a_full_disk_is_not_half_created(ward: Ward) -> None:
    fill(ward.path.parent)

    with pytest.raises(DiskFull):
        new_draft(ward, BIG_TEXT)

    assert ward.drafts.list_drafts() == []
