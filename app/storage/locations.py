"""Where WardScribe keeps its files.

Demo data lives in its own `demo/` folder so that invented patients never share a database
(or a key) with real ones.
"""

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Self

import platformdirs

from app.domain.errors import WardScribeError

DATA_DIR_ENV = "WARDSCRIBE_DATA_DIR"
_PRIVATE = 0o700


@dataclass(frozen=True, slots=True)
class DataLocations:
    """Where one data folder keeps its databases and models."""

    root: Path
    drafts_db: Path
    audit_db: Path
    models_dir: Path

    @classmethod
    def under(cls, root: Path) -> Self:
        """The standard layout inside `root`: both databases and the models folder."""
        return cls(
            root=root,
            drafts_db=root / "drafts.db",
            audit_db=root / "audit.db",
            models_dir=root / "models",
        )

    @classmethod
    def resolve(cls, data_dir: Path | None, demo: bool) -> Self:
        """Pick the data folder and create it (owner-only) if missing.

        An explicit folder wins, then $WARDSCRIBE_DATA_DIR, then the platform's per-user
        data folder.
        """
        base = data_dir or _from_environment() or _platform_data_dir()
        root = base.expanduser().absolute()
        locations = cls.under(root / "demo" if demo else root)
        _make_private_dirs(locations.root)
        _make_private_dirs(locations.models_dir)
        for folder in {root, locations.root}:
            _tighten(folder)
        return locations


def _from_environment() -> Path | None:
    value = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(value) if value else None


def _platform_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("WardScribe", appauthor=False))


class SharedDataFolder(WardScribeError):
    """The data folder can be written by other users, who could swap its databases."""


def _tighten(folder: Path) -> None:
    """Make an existing data folder that others may write to owner-only, or refuse a shared one.

    Anyone who can write the folder can swap the databases, the checkpoints or settings.json
    under the user. A sticky folder (like /tmp) is meant to be shared, so it is refused rather
    than taken over.
    """
    if os.name != "posix":
        return
    mode = folder.stat().st_mode
    if not mode & (stat.S_IWGRP | stat.S_IWOTH):
        return
    if mode & stat.S_ISVTX:
        raise SharedDataFolder(
            f"The data folder {folder} is shared with other users (like /tmp); choose a folder "
            "of your own with --data-dir or WARDSCRIBE_DATA_DIR."
        )
    folder.chmod(_PRIVATE)


def _make_private_dirs(path: Path) -> None:
    """Create each missing folder as owner-only; folders that already exist are left alone."""
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=_PRIVATE, exist_ok=True)
