"""The self-test under a server policy checks the server (TLS, pin, model) and drafts there."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli.selftest_cmd import self_test
from app.services.selftest import SelfTestRequest
from tests.remote.conftest import MODEL_ID
from tests.remote.llama_server import LlamaServer
from tests.remote.pki import Authority
from tests.remote.test_server_drafting import server_policy


@pytest.fixture
def policy_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The machine policy stood in, and the self-test's scratch folder kept in this test's."""
    path = tmp_path / "policy.toml"
    monkeypatch.setenv("WARDSCRIBE_POLICY_FILE", str(path))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    yield path


def test_the_self_test_passes_naming_the_server_it_drafted_on(
    policy_file: Path,
    tls_server: LlamaServer,
    hospital_ca: Authority,
    capsys: pytest.CaptureFixture[str],
) -> None:
    policy_file.write_text(server_policy(tls_server.url, hospital_ca))

    assert self_test(SelfTestRequest()) == 0

    line = capsys.readouterr().out
    where = f"Hospital server ({MODEL_ID}, 127.0.0.1)"
    assert f"server verified: {where}, generation " in line
    assert line.rstrip().endswith("events)")
    assert f"s on {where}" in line


def test_a_server_refused_fails_the_self_test_even_with_fallback_allowed(
    policy_file: Path,
    tls_server: LlamaServer,
    hospital_ca: Authority,
    capsys: pytest.CaptureFixture[str],
) -> None:
    policy = server_policy(tls_server.url, hospital_ca, allow_local_fallback=True)
    policy_file.write_text(policy + f'pinned_sha256 = "{"0" * 64}"\n')

    assert self_test(SelfTestRequest()) == 1

    line = capsys.readouterr().out
    assert line.startswith("WardScribe self-test: FAIL: server: ")
    assert "not the pinned one" in line
