"""Installer tests: the real packaging tools (dpkg, gpg, wixl, osslsigncode) on small inputs."""

import shutil
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
INSTALLER = REPO_ROOT / "installer"


def require_tools(*names: str) -> None:
    """Skip, naming the Debian package to install, when a packaging tool is not on PATH."""
    missing = [name for name in names if shutil.which(name) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (see docs/deployment.md, 'Build machine')")


def run(*command: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, check=check
    )


@pytest.fixture
def fake_bundle(tmp_path: Path) -> Path:
    """A folder shaped like PyInstaller's output, small enough to package in a second."""
    bundle = tmp_path / "bundle"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    executable = bundle / "wardscribe"
    executable.write_text('#!/bin/sh\necho "fake wardscribe $*"\n')
    executable.chmod(0o755)
    (bundle / "_internal" / "libfake.so").write_bytes(b"\x7fELF fake")
    (bundle / "_internal" / "resources" / "note.txt").write_text("resource\n")
    return bundle
