"""DataLocations: which folder holds the data, and that it is private."""

import stat
from pathlib import Path

import pytest

from app.storage.locations import DATA_DIR_ENV, DataLocations


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the platform's per-user folders into tmp_path; real platformdirs resolves them."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    return home


def test_an_explicit_folder_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))

    locations = DataLocations.resolve(tmp_path / "explicit", demo=False)

    assert locations.root == tmp_path / "explicit"


def test_the_environment_wins_over_the_platform_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))

    assert DataLocations.resolve(None, demo=False).root == tmp_path / "from-env"


def test_without_either_the_platform_user_data_folder_is_used(isolated_home: Path) -> None:
    locations = DataLocations.resolve(None, demo=False)

    assert locations.root == isolated_home / ".local" / "share" / "WardScribe"


def test_the_files_live_in_the_root(tmp_path: Path) -> None:
    locations = DataLocations.resolve(tmp_path / "data", demo=False)

    assert locations.drafts_db == tmp_path / "data" / "drafts.db"
    assert locations.audit_db == tmp_path / "data" / "audit.db"
    assert locations.models_dir == tmp_path / "data" / "models"


def test_demo_data_lives_in_its_own_subfolder(tmp_path: Path) -> None:
    real = DataLocations.resolve(tmp_path / "data", demo=False)
    demo = DataLocations.resolve(tmp_path / "data", demo=True)

    assert demo.root == real.root / "demo"
    assert demo.drafts_db != real.drafts_db


def test_created_folders_are_owner_only(tmp_path: Path) -> None:
    locations = DataLocations.resolve(tmp_path / "new" / "data", demo=True)

    for folder in (
        tmp_path / "new",
        tmp_path / "new" / "data",
        locations.root,
        locations.models_dir,
    ):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_an_existing_folder_keeps_its_permissions(tmp_path: Path) -> None:
    existing = tmp_path / "shared"
    existing.mkdir(mode=0o755)
    existing.chmod(0o755)

    DataLocations.resolve(existing, demo=False)

    assert stat.S_IMODE(existing.stat().st_mode) == 0o755
