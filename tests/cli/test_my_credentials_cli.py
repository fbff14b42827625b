"""`wardscribe account my-credentials`: a signer sets their own credentials from a script."""

from pathlib import Path

import pytest

from tests.cli.conftest import Runner
from tests.cli.local_user import NURSE_PASSWORD, audit_events, ward_folder

AS_NURSE = {"WARDSCRIBE_USER": "rn.lee", "WARDSCRIBE_PASSWORD": NURSE_PASSWORD}


@pytest.fixture
def ward(wardscribe: Runner, tmp_path: Path) -> Path:
    return ward_folder(wardscribe, tmp_path / "data")


def _mine(wardscribe: Runner, ward: Path, *credentials: str) -> str:
    finished = wardscribe(
        "account", "my-credentials", "--data-dir", str(ward), *credentials, env=AS_NURSE
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout.strip()


def test_a_nurse_sets_her_credentials_and_signs_with_them_from_then_on(
    wardscribe: Runner, ward: Path
) -> None:
    assert _mine(wardscribe, ward) == "You sign as: rn.lee"

    assert _mine(wardscribe, ward, "RN, BSN") == "You sign as: rn.lee, RN, BSN"
    assert _mine(wardscribe, ward) == "You sign as: rn.lee, RN, BSN"


def test_the_change_is_audited_as_hers_without_the_credentials(
    wardscribe: Runner, ward: Path
) -> None:
    _mine(wardscribe, ward, "RN, CCRN")

    [event] = [
        event for event in audit_events(wardscribe, ward) if event["action"] == "credentials_change"
    ]

    assert (event["outcome"], event["reason"]) == ("success", "set")
    assert "CCRN" not in str(event)
