"""The MSI source compiles with Debian's wixl, and signing with osslsigncode is verifiable."""

import shutil
from pathlib import Path

import pytest

from tests.installer.conftest import INSTALLER, require_tools, run

BUILD_MSI = INSTALLER / "windows" / "build-msi.sh"
SIGN_MSI = INSTALLER / "windows" / "sign-msi.sh"
POLICIES_KEY = r"Software\Policies\WardScribe"

pytestmark = pytest.mark.slow


@pytest.fixture
def windows_bundle(tmp_path: Path) -> Path:
    """Dummy payload in the shape of the Windows PyInstaller output."""
    bundle = tmp_path / "bundle"
    (bundle / "_internal" / "PySide6" / "plugins").mkdir(parents=True)
    for name in (
        "wardscribe.exe",
        "wardscribe-cli.exe",
        "_internal/python311.dll",
        "_internal/PySide6/plugins/qwindows.dll",
    ):
        (bundle / name).write_bytes(f"dummy {name}".encode())
    return bundle


@pytest.fixture
def msi(windows_bundle: Path, tmp_path: Path) -> Path:
    require_tools("wixl", "msiinfo")
    return Path(run(BUILD_MSI, windows_bundle, tmp_path / "out").stdout.strip())


def table(msi: Path, name: str) -> list[list[str]]:
    """Rows of one MSI table, without msiinfo's three header lines."""
    lines = run("msiinfo", "export", msi, name).stdout.splitlines()[3:]
    return [line.split("\t") for line in lines]


def test_every_bundle_file_is_installed_under_program_files(
    msi: Path, windows_bundle: Path
) -> None:
    installed = {row[2] for row in table(msi, "File")}
    assert installed == {path.name for path in windows_bundle.rglob("*") if path.is_file()}
    directories = {row[0]: row for row in table(msi, "Directory")}
    assert directories["INSTALLDIR"][1:] == ["ProgramFiles64Folder", "WardScribe"]
    assert all(row[3] == "256" for row in table(msi, "Component") if row[5].startswith("f"))


def test_it_is_a_per_machine_package_with_a_start_menu_shortcut(msi: Path) -> None:
    properties = dict((row[0], row[1]) for row in table(msi, "Property"))
    assert properties["ALLUSERS"] == "1"
    assert properties["ProductName"] == "WardScribe"
    [shortcut] = table(msi, "Shortcut")
    assert shortcut[1:5] == [
        "ProgramMenuFolder",
        "WardScribe",
        "StartMenuShortcut",
        "[#WardScribeExe]",
    ]


def test_tenant_and_client_ids_go_where_the_admx_puts_them(msi: Path) -> None:
    written = {(row[2], row[3]): row[4] for row in table(msi, "Registry")}
    assert written[(POLICIES_KEY + r"\identity\entra_id", "tenant_id")] == "[TENANTID]"
    assert written[(POLICIES_KEY + r"\identity\entra_id", "client_id")] == "[CLIENTID]"
    assert written[(POLICIES_KEY + r"\identity", "provider")] == "[WS_PROVIDER]"
    actions = {row[0]: row for row in table(msi, "CustomAction")}
    assert actions["SetProviderEntra"][2:4] == ["WS_PROVIDER", "entra_id"]


def test_the_policy_file_is_copied_by_system_into_a_folder_only_admins_can_write(
    msi: Path,
) -> None:
    actions = {row[0]: row for row in table(msi, "CustomAction")}
    deferred_as_system = 50 | 1024 | 2048  # exe from a property, in-script, no impersonation
    copy, lock = actions["CopyPolicyFile"], actions["LockPolicyFolder"]
    assert int(copy[1]) == int(lock[1]) == deferred_as_system
    assert copy[3] == '/d /c copy /y "[POLICYFILE]" "[POLICYDIR]policy.json"'
    assert "/inheritance:r" in lock[3] and "*S-1-5-32-545:(OI)(CI)RX" in lock[3]
    sequence = {row[0]: (row[1], int(row[2])) for row in table(msi, "InstallExecuteSequence")}
    assert sequence["CopyPolicyFile"][0] == 'POLICYFILE AND NOT REMOVE~="ALL"'
    assert sequence["InstallFiles"][1] < sequence["LockPolicyFolder"][1]
    assert sequence["LockPolicyFolder"][1] < sequence["CopyPolicyFile"][1]
    assert sequence["CopyPolicyFile"][1] < sequence["InstallFinalize"][1]


def test_an_upgrade_removes_the_old_version_before_installing(msi: Path) -> None:
    sequence = {row[0]: int(row[2]) for row in table(msi, "InstallExecuteSequence")}
    assert sequence["InstallValidate"] < sequence["RemoveExistingProducts"]
    assert sequence["RemoveExistingProducts"] < sequence["InstallInitialize"]


def test_a_signed_msi_verifies_and_a_changed_one_does_not(msi: Path, tmp_path: Path) -> None:
    require_tools("osslsigncode", "openssl")
    signed = tmp_path / "signed.msi"
    result = run(SIGN_MSI, msi, signed)
    assert "Signature verification: ok" in result.stdout
    assert "THROW-AWAY" in result.stderr
    certificate = Path(f"{signed}.throwaway.crt")

    tampered = tmp_path / "tampered.msi"
    shutil.copy(signed, tampered)
    run(
        "msibuild",
        tampered,
        "-q",
        "UPDATE `Property` SET `Value` = 'Evil' WHERE `Property` = 'ProductName'",
    )
    check = run("osslsigncode", "verify", "-in", tampered, "-CAfile", certificate, check=False)
    assert check.returncode != 0
