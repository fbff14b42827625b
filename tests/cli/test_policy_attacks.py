"""Issue 17, items 2 and 9: what the user's own environment and files can do to the machine
policy IT installed in /etc (here in a private mount namespace, never the real /etc)."""

from pathlib import Path

import pytest

from tests.cli.conftest import POLICY_VARIABLE, Runner
from tests.cli.local_user import add_account

MACHINE_POLICY = (
    '[settings]\nidle_lock_minutes = 5\n\n[network]\nallowed_hosts = ["collector.example"]\n'
)


@pytest.fixture
def managed(wardscribe: Runner) -> Runner:
    """The user's own processes on a workstation with a machine policy."""
    return wardscribe.under_machine_policy(MACHINE_POLICY)


def test_the_machine_policy_applies_without_any_override(managed: Runner, tmp_path: Path) -> None:
    started = managed("audit", "verify", "--demo", "--data-dir", str(tmp_path / "data"))

    assert started.returncode == 1
    assert "Demo mode is disabled on this workstation" in started.stderr


def test_an_override_pointing_at_a_missing_file_cannot_drop_the_machine_policy(
    managed: Runner, tmp_path: Path
) -> None:
    started = managed(
        "audit",
        "verify",
        "--demo",
        "--data-dir",
        str(tmp_path / "data"),
        env={POLICY_VARIABLE: str(tmp_path / "missing.toml")},
    )

    assert started.returncode == 1
    assert "which nothing may replace" in started.stderr
    assert not (tmp_path / "data" / "demo").exists()


def test_a_policy_the_user_wrote_cannot_widen_the_machine_policy(
    managed: Runner, tmp_path: Path
) -> None:
    wider = tmp_path / "mine.toml"
    wider.write_text('[network]\nallowed_hosts = ["exfiltrate.example"]\n')

    started = managed(
        "audit", "verify", "--data-dir", str(tmp_path / "data"), env={POLICY_VARIABLE: str(wider)}
    )

    assert started.returncode == 1
    assert "which nothing may replace" in started.stderr


def test_a_packaged_build_refuses_the_override_even_without_a_machine_policy(
    wardscribe: Runner, tmp_path: Path
) -> None:
    frozen_main = (
        "import sys; sys.frozen = True; from app.cli.main import main; sys.exit(main(sys.argv[1:]))"
    )
    started = wardscribe.python(
        "-c", frozen_main, "audit", "verify", "--demo", "--data-dir", str(tmp_path / "data")
    )

    assert started.returncode == 1
    assert "an installed WardScribe reads its policy only from" in started.stderr


def test_a_demo_folder_is_refused_as_a_data_folder_on_a_managed_workstation(
    wardscribe: Runner, managed: Runner, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    seeded = wardscribe("audit", "verify", "--demo", "--data-dir", str(data_dir))
    assert seeded.returncode == 0, seeded.stderr

    signed_in = managed(
        "audit",
        "export",
        "--data-dir",
        str(data_dir / "demo"),
        "--to",
        str(tmp_path / "out.csv"),
        env={"WARDSCRIBE_USER": "demo", "WARDSCRIBE_PASSWORD": "wardscribe-demo"},
    )

    assert signed_in.returncode == 1
    assert "demo data folder" in signed_in.stderr
    assert "(audit.export)" not in signed_in.stderr


def test_a_managed_workstation_still_creates_its_first_local_account(
    managed: Runner, tmp_path: Path
) -> None:
    status, output = add_account(
        managed,
        tmp_path / "data",
        "it",
        "it_admin",
        env={"WARDSCRIBE_PASSWORD": "it-admin-password-1"},
    )

    assert status == 0, output
