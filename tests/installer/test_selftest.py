"""`wardscribe self-test`: one line, exit 0 or 1, and no trace left on the workstation."""

import argparse
import os
import re
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from app.cli import selftest_cmd
from app.cli.selftest_cmd import self_test
from app.inference.model_files import ModelSpec
from app.services import selftest
from app.services.selftest import SelfTestRequest
from tests.fixtures.tiny_model import tiny_model_spec
from tests.installer.conftest import REPO_ROOT

PASS_LINE = re.compile(
    r"WardScribe self-test: PASS \(no machine policy, encryption, keystore, "
    r"model sha256 [0-9a-f]{12}…, "
    r"generation \d+ tokens in \d+\.\d\d s on (CPU|CUDA), CPU variant \w+ \([A-Z0-9_ ]+\), "
    r"audit chain \d+ events\)\n"
)


class UntouchableKeyring(KeyringBackend):
    """Stands in for the user's real credential store: any use of it fails the test."""

    priority = 5  # type: ignore[assignment]
    used = False

    def get_password(self, service: str, username: str) -> str | None:
        UntouchableKeyring.used = True
        raise AssertionError("the self-test read the real credential store")

    def set_password(self, service: str, username: str, password: str) -> None:
        UntouchableKeyring.used = True
        raise AssertionError("the self-test wrote to the real credential store")

    def delete_password(self, service: str, username: str) -> None:
        UntouchableKeyring.used = True
        raise AssertionError("the self-test deleted from the real credential store")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No machine policy, a private temp folder, and the real keyring swapped for a tripwire."""
    monkeypatch.setenv("WARDSCRIBE_POLICY_FILE", str(tmp_path / "no-policy.toml"))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    previous = keyring.get_keyring()
    keyring.set_keyring(UntouchableKeyring())
    UntouchableKeyring.used = False
    yield scratch
    keyring.set_keyring(previous)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> ModelSpec:
    return tiny_model_spec(tmp_path_factory.mktemp("tiny-model"))


def verdict(capsys: pytest.CaptureFixture[str]) -> str:
    out = capsys.readouterr().out
    assert out.count("\n") == 1, out
    return out


def test_a_healthy_installation_passes_in_one_line_naming_every_check(
    tiny: ModelSpec, capsys: pytest.CaptureFixture[str]
) -> None:
    assert self_test(SelfTestRequest(model=tiny.path, sha256=tiny.sha256)) == 0
    line = verdict(capsys)
    assert PASS_LINE.fullmatch(line), line
    assert tiny.sha256[:12] in line


def test_the_real_credential_store_is_never_used(
    tiny: ModelSpec, capsys: pytest.CaptureFixture[str]
) -> None:
    assert self_test(SelfTestRequest(model=tiny.path, sha256=tiny.sha256)) == 0
    assert not UntouchableKeyring.used


def test_the_scratch_data_is_deleted(tiny: ModelSpec, isolated: Path) -> None:
    self_test(SelfTestRequest(model=tiny.path, sha256=tiny.sha256))
    assert list(isolated.iterdir()) == []


def test_a_failure_also_leaves_nothing_behind(isolated: Path) -> None:
    assert self_test(SelfTestRequest(model=Path("/nonexistent.gguf"), sha256="0" * 64)) == 1
    assert list(isolated.iterdir()) == []


def test_a_build_without_a_model_says_so_and_fails(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(selftest, "embedded_parts_available", lambda: False)
    assert self_test(SelfTestRequest()) == 1
    assert verdict(capsys).startswith("WardScribe self-test: FAIL: model: no model bundled")


def test_skip_model_checks_everything_else(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(selftest, "embedded_parts_available", lambda: False)
    assert self_test(SelfTestRequest(skip_model=True)) == 0
    assert re.fullmatch(
        r"WardScribe self-test: PASS \(no machine policy, encryption, keystore, model skipped, "
        r"audit chain \d+ events\)\n",
        verdict(capsys),
    )


def test_a_model_with_another_hash_fails_at_the_model_step(
    tiny: ModelSpec, capsys: pytest.CaptureFixture[str]
) -> None:
    assert self_test(SelfTestRequest(model=tiny.path, sha256="0" * 64)) == 1
    line = verdict(capsys)
    assert line.startswith("WardScribe self-test: FAIL: model: ")
    assert "0" * 64 in line


def test_an_invalid_machine_policy_fails_naming_the_file_and_the_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text("[settings]\nidle_lock_minutes = 0\n")
    monkeypatch.setenv("WARDSCRIBE_POLICY_FILE", str(policy))
    assert self_test(SelfTestRequest(skip_model=True)) == 1
    line = verdict(capsys)
    assert line.startswith(f"WardScribe self-test: FAIL: policy: Machine policy {policy}")
    assert "settings.idle_lock_minutes" in line


def test_a_directory_policy_is_validated_and_its_sign_in_left_to_doctor(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = REPO_ROOT / "resources" / "policy-examples" / "entra.toml"
    monkeypatch.setenv("WARDSCRIBE_POLICY_FILE", str(policy))
    assert self_test(SelfTestRequest(skip_model=True)) == 0
    assert verdict(capsys).startswith(
        "WardScribe self-test: PASS (policy valid (entra_id sign-in untested), encryption"
    )
    assert os.environ["WARDSCRIBE_POLICY_FILE"] == str(policy)


def test_the_model_the_policy_pins_is_the_one_tested(
    tiny: ModelSpec,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(f'[settings]\nmodel_path = "{tiny.path}"\nmodel_sha256 = "{tiny.sha256}"\n')
    monkeypatch.setenv("WARDSCRIBE_POLICY_FILE", str(policy))
    assert self_test(SelfTestRequest()) == 0
    assert f"model sha256 {tiny.sha256[:12]}" in verdict(capsys)
    assert self_test(SelfTestRequest(model=tiny.path, sha256=tiny.sha256)) == 1
    assert "FAIL: model: the machine policy pins the model" in verdict(capsys)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="wardscribe")
    selftest_cmd.add_self_test_flag(main)
    selftest_cmd.register(main.add_subparsers())
    return main


def test_the_flag_is_the_subcommand_with_its_defaults() -> None:
    flag = parser().parse_args(["--self-test"])
    command = parser().parse_args(["self-test"])
    for args in (flag, command):
        assert args.handler is selftest_cmd.run
        assert (args.model, args.sha256, args.skip_model) == (None, None, False)


def test_a_malformed_sha256_is_refused_before_anything_runs() -> None:
    with pytest.raises(SystemExit) as exit_info:
        parser().parse_args(["self-test", "--model", "m.gguf", "--sha256", "not-a-hash"])
    assert exit_info.value.code == 2
