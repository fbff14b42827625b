"""Small file operations that survive a crash: fsync the data, then the directory entry.

A rename is atomic, but without an fsync of the file first the new name can point at empty
data after a power cut, and without an fsync of the directory the rename itself can be lost.
"""

import os
from pathlib import Path

_PRIVATE = 0o600


def fsync_file(path: Path) -> None:
    """Flush a written file to the disk, so a crash cannot leave it empty or half-written."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_directory(folder: Path) -> None:
    """Make renames and new names in `folder` durable; Windows has no directory fsync."""
    if os.name == "posix":
        fsync_file(folder)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once: readers see the old bytes or the new, never half."""
    staging = path.with_name(f".{path.name}.tmp")
    descriptor = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, _PRIVATE)
    try:
        os.write(descriptor, data)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.replace(staging, path)
    fsync_directory(path.parent)
