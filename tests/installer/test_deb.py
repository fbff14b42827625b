"""The .deb, built from a fake bundle and installed by the real dpkg into a throw-away root."""

import os
import shutil
import tomllib
from pathlib import Path

import pytest

from app.security.policy import load_policy
from tests.installer.conftest import INSTALLER, REPO_ROOT, require_tools, run

BUILD_DEB = INSTALLER / "linux" / "build-deb.sh"
INSTALL_INTO_ROOT = INSTALLER / "linux" / "install-into-root.sh"
VERSION = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["version"]

pytestmark = pytest.mark.slow


@pytest.fixture
def deb(fake_bundle: Path, tmp_path: Path) -> Path:
    require_tools("dpkg-deb", "dpkg")
    built = run(BUILD_DEB, fake_bundle, tmp_path / "out")
    return Path(built.stdout.strip())


@pytest.fixture
def installed(deb: Path, tmp_path: Path) -> Path:
    root = tmp_path / "root"
    run(INSTALL_INTO_ROOT, deb, root)
    return root


def field(deb: Path, name: str) -> str:
    return run("dpkg-deb", "--field", deb, name).stdout.strip()


def test_the_package_is_named_and_versioned_from_pyproject(deb: Path) -> None:
    architecture = run("dpkg", "--print-architecture").stdout.strip()
    assert deb.name == f"wardscribe_{VERSION}_{architecture}.deb"
    assert field(deb, "Package") == "wardscribe"
    assert field(deb, "Version") == VERSION
    assert field(deb, "Architecture") == architecture


def test_the_bundle_lands_in_opt_and_runs_through_the_usr_bin_link(installed: Path) -> None:
    executable = installed / "opt" / "wardscribe" / "wardscribe"
    assert os.access(executable, os.X_OK)
    assert (installed / "opt" / "wardscribe" / "_internal" / "resources" / "note.txt").is_file()
    link = installed / "usr" / "bin" / "wardscribe"
    assert os.readlink(link) == "/opt/wardscribe/wardscribe"
    assert run(executable, "--self-test").stdout == "fake wardscribe --self-test\n"


def test_a_desktop_entry_and_icons_are_installed(installed: Path) -> None:
    desktop = installed / "usr" / "share" / "applications" / "wardscribe.desktop"
    assert "Exec=wardscribe\n" in desktop.read_text()
    assert "Icon=wardscribe\n" in desktop.read_text()
    icons = installed / "usr" / "share" / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "wardscribe.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256):
        assert (icons / f"{size}x{size}" / "apps" / "wardscribe.png").is_file()
    if shutil.which("desktop-file-validate"):
        run("desktop-file-validate", desktop)


def test_the_example_policy_is_shipped_but_no_machine_policy_is_installed(
    installed: Path,
) -> None:
    docs = installed / "usr" / "share" / "doc" / "wardscribe"
    assert load_policy(docs / "policy.example.toml") is not None
    shipped = {path.name for path in (docs / "identity-examples").iterdir()}
    assert shipped == {
        path.name for path in (REPO_ROOT / "resources" / "policy-examples").iterdir()
    }
    assert not (installed / "etc" / "wardscribe").exists()


def test_every_file_belongs_to_root_and_none_is_group_or_world_writable(deb: Path) -> None:
    for line in run("dpkg-deb", "--contents", deb).stdout.splitlines():
        mode, owner = line.split()[:2]
        assert owner == "root/root", line
        if not mode.startswith("l"):
            assert mode[5] != "w" and mode[8] != "w", line


def test_the_same_bundle_and_epoch_give_the_same_bytes(
    fake_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_tools("dpkg-deb")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = Path(run(BUILD_DEB, fake_bundle, tmp_path / "first").stdout.strip())
    second = Path(run(BUILD_DEB, fake_bundle, tmp_path / "second").stdout.strip())
    assert first.read_bytes() == second.read_bytes()
