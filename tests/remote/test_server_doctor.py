"""`wardscribe doctor` under a server policy: the real CLI process, its network guard installed,
reaching the loopback server the policy names and saying where drafts are written."""

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Runner
from tests.remote.conftest import MODEL_ID
from tests.remote.llama_server import LlamaServer
from tests.remote.pki import Authority
from tests.remote.test_server_drafting import server_policy


@pytest.fixture
def wardscribe(tmp_path: Path) -> Runner:
    """The CLI in its own keyring session (as tests/cli runs it), its policy file stood in."""
    home = tmp_path / "home"
    home.mkdir()
    return Runner(home, tmp_path / "policy.toml")


def test_doctor_checks_the_server_and_names_it_and_its_tokenizer(
    wardscribe: Runner, data_dir: Path, tls_server: LlamaServer, hospital_ca: Authority
) -> None:
    wardscribe.policy.write_text(server_policy(tls_server.url, hospital_ca))

    result = wardscribe("doctor", "--data-dir", str(data_dir), "--json")

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["drafts_on"] == f"Hospital server ({MODEL_ID}, 127.0.0.1)"
    assert report["model"] == {"id": MODEL_ID, "listed_by_server": True}
    assert report["server"]["endpoint"] == f"127.0.0.1:{tls_server.port}"
    assert report["server"]["tokenizer"].startswith("llama_cpp.server")
    assert report["server_fallback_reason"] is None


def test_doctor_reports_why_this_computer_drafts_when_the_server_is_refused(
    wardscribe: Runner, data_dir: Path, tls_server: LlamaServer, hospital_ca: Authority
) -> None:
    policy = server_policy(tls_server.url, hospital_ca, allow_local_fallback=True)
    wardscribe.policy.write_text(policy + f'pinned_sha256 = "{"0" * 64}"\n')

    result = wardscribe("doctor", "--data-dir", str(data_dir), "--json")

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["drafts_on"] == "This computer (CPU)"
    assert "not the pinned one" in report["server_fallback_reason"]
    assert report["server"] is None
