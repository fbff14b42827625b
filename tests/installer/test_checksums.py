"""SHA256SUMS is signed at build time, and installer/verify.sh catches any change to a release."""

import shutil
from pathlib import Path

import pytest

from tests.installer.conftest import INSTALLER, require_tools, run

SIGN = INSTALLER / "sign-checksums.sh"
VERIFY = INSTALLER / "verify.sh"


@pytest.fixture
def release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A signed release folder, signed with a throw-away key as a build without a key is."""
    require_tools("gpg", "gpgv", "sha256sum")
    monkeypatch.delenv("WARDSCRIBE_SIGNING_KEY", raising=False)
    folder = tmp_path / "dist"
    folder.mkdir()
    (folder / "wardscribe_0.1.0_amd64.deb").write_bytes(b"package bytes")
    (folder / "wardscribe-0.1.0.cdx.json").write_text('{"bomFormat": "CycloneDX"}')
    signed = run(SIGN, folder, "wardscribe_0.1.0_amd64.deb", "wardscribe-0.1.0.cdx.json")
    assert "THROW-AWAY" in signed.stderr
    return folder


def test_signing_writes_the_sums_a_detached_signature_and_the_public_key(release: Path) -> None:
    sums = (release / "SHA256SUMS").read_text().splitlines()
    assert [line.split()[1] for line in sums] == [
        "wardscribe_0.1.0_amd64.deb",
        "wardscribe-0.1.0.cdx.json",
    ]
    assert (release / "SHA256SUMS.asc").read_text().startswith("-----BEGIN PGP SIGNATURE-----")
    assert "PUBLIC KEY BLOCK" in (release / "wardscribe-signing-key.asc").read_text()


def test_an_untouched_release_verifies(release: Path) -> None:
    result = run(VERIFY, release)
    assert "OK: signature and hashes verified" in result.stdout


def test_a_changed_file_is_named_and_fails_verification(release: Path) -> None:
    with (release / "wardscribe_0.1.0_amd64.deb").open("ab") as package:
        package.write(b"tampered")
    result = run(VERIFY, release, check=False)
    assert result.returncode != 0
    assert "wardscribe_0.1.0_amd64.deb: FAILED" in result.stdout


def test_edited_sums_fail_the_signature_check(release: Path) -> None:
    sums = release / "SHA256SUMS"
    sums.write_text(sums.read_text().replace("a", "b", 1))
    result = run(VERIFY, release, check=False)
    assert result.returncode != 0
    assert "BAD signature" in result.stderr


def test_a_signature_by_another_key_is_refused(release: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "x").write_text("x")
    run(SIGN, other, "x")
    shutil.copy(other / "wardscribe-signing-key.asc", tmp_path / "expected-key.asc")
    result = run(VERIFY, release, tmp_path / "expected-key.asc", check=False)
    assert result.returncode != 0
    assert "OK:" not in result.stdout
