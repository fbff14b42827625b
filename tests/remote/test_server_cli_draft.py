"""`wardscribe draft` as a separate process under a server policy: its network guard installed,
the draft written on the loopback server, the JSON and the audit log naming it."""

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Runner
from tests.cli.local_user import add_account, audit_events
from tests.remote.conftest import MODEL_ID
from tests.remote.llama_server import LlamaServer
from tests.remote.pki import Authority
from tests.remote.test_server_drafting import passages_of, server_policy

ADMIN_PASSWORD = "it-admin-password-long-enough"
NURSE_PASSWORD = "nurse-password-long-enough"
NOTES = "0700 BP 128/76, HR 82, SpO2 96% RA. Ambulated to chair with one assist. Pain 2/10.\n"


@pytest.fixture
def wardscribe(tmp_path: Path) -> Runner:
    home = tmp_path / "home"
    home.mkdir()
    return Runner(home, tmp_path / "policy.toml")


def test_a_cli_draft_is_written_on_the_server_and_audited(
    wardscribe: Runner,
    data_dir: Path,
    tmp_path: Path,
    tls_server: LlamaServer,
    hospital_ca: Authority,
) -> None:
    wardscribe.policy.write_text(server_policy(tls_server.url, hospital_ca))
    status, output = add_account(
        wardscribe, data_dir, "it", "it_admin", env={"WARDSCRIBE_PASSWORD": ADMIN_PASSWORD}
    )
    assert status == 0, output
    status, output = add_account(
        wardscribe,
        data_dir,
        "nurse",
        "nurse",
        env={
            "WARDSCRIBE_USER": "it",
            "WARDSCRIBE_PASSWORD": ADMIN_PASSWORD,
            "WARDSCRIBE_NEW_PASSWORD": NURSE_PASSWORD,
        },
    )
    assert status == 0, output
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES)
    patient = tmp_path / "patient.txt"
    patient.write_text("MRN-11\nTest Patient\n")

    result = wardscribe(
        "draft",
        "--data-dir",
        str(data_dir),
        "--input",
        str(notes),
        "--patient-file",
        str(patient),
        "--json",
        env={"WARDSCRIBE_USER": "nurse", "WARDSCRIBE_PASSWORD": NURSE_PASSWORD},
    )

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["text"]
    assert report["drafted_on"] == f"Hospital server ({MODEL_ID}, 127.0.0.1)"
    assert report["model"] == {"id": MODEL_ID, "server": f"127.0.0.1:{tls_server.port}"}
    events = audit_events(wardscribe, data_dir)
    server_events = [event for event in events if event["action"] == "server_generate"]
    drafted = [event for event in events if event["action"] == "draft_generate"]
    assert len(server_events) == passages_of(NOTES)
    for event in server_events:
        assert event["user_id"] == drafted[-1]["user_id"]
        assert event["patient_ref"] == drafted[-1]["patient_ref"] == "MRN-11"
        assert event["reason"].startswith("completed:prompt:")
