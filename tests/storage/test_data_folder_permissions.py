"""A data folder others can write to is made owner-only, or refused when it is a shared one
(issue 17, item 10)."""

import os
import stat
from pathlib import Path

import pytest

from app.storage.locations import DataLocations, SharedDataFolder

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def test_an_existing_world_writable_data_folder_is_made_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o777)

    DataLocations.resolve(folder, demo=False)

    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_shared_sticky_folder_is_refused_not_taken_over(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o1777)

    with pytest.raises(SharedDataFolder, match="shared with other users"):
        DataLocations.resolve(folder, demo=False)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o1777


def test_a_private_folder_is_left_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o750)

    DataLocations.resolve(folder, demo=False)

    assert stat.S_IMODE(folder.stat().st_mode) == 0o750
