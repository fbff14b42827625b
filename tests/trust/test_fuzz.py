"""Fuzzing the parsers that read what people and IT type: policy files, source notes, argv.

Each parser either accepts or refuses with its own error (one a person can act on); any other
exception is a bug that would reach a user as a traceback.
"""

import argparse
import contextlib
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.cli import main as cli_main
from app.domain.errors import InputRejected
from app.domain.source_input import decode_source_bytes, validate_source
from app.security.policy import MachinePolicy, PolicyInvalid, load_policy

FUZZ = settings(
    max_examples=200,
    deadline=2000,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

POLICY_KEYS = st.sampled_from(
    [
        "settings",
        "break_glass",
        "enabled",
        "max_minutes",
        "identity",
        "provider",
        "entra_id",
        "active_directory",
        "retention",
        "audit_days",
        "draft_days",
        "log_forwarding",
        "network",
        "model_path",
        "context_tokens",
    ]
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(POLICY_KEYS | st.text(), inner),
    max_leaves=20,
)


def toml_text() -> st.SearchStrategy[str]:
    """Text shaped like a policy file: sections, keys and values, with noise mixed in."""
    line = st.one_of(
        POLICY_KEYS.map(lambda key: f"[{key}]"),
        st.tuples(POLICY_KEYS, JSON_VALUES).map(lambda kv: f"{kv[0]} = {json.dumps(kv[1])}"),
        st.text(max_size=40),
    )
    return st.lists(line, max_size=12).map("\n".join)


POLICY_BYTES = st.one_of(
    st.binary(max_size=400),
    toml_text().map(str.encode),
    JSON_VALUES.map(lambda value: json.dumps(value).encode()),
    st.dictionaries(POLICY_KEYS, JSON_VALUES, max_size=5).map(lambda d: json.dumps(d).encode()),
)


@pytest.fixture
def policy_folder(tmp_path: Path) -> Path:
    return tmp_path


@FUZZ
@given(raw=POLICY_BYTES, suffix=st.sampled_from([".toml", ".json"]))
def test_any_policy_file_is_accepted_or_refused_as_invalid(
    policy_folder: Path, raw: bytes, suffix: str
) -> None:
    path = policy_folder / f"policy{suffix}"
    path.write_bytes(raw)
    try:
        result = load_policy(path, registry_tables=dict)
    except PolicyInvalid:
        return
    assert isinstance(result, MachinePolicy)


@FUZZ
@given(text=st.text(max_size=2000))
def test_any_text_is_accepted_as_notes_or_refused(text: str) -> None:
    try:
        accepted = validate_source(text)
    except InputRejected as refusal:
        assert text not in str(refusal) or not text.strip()
        return
    assert accepted.strip()


@FUZZ
@given(data=st.binary(max_size=2000))
def test_any_file_is_decoded_as_notes_or_refused(data: bytes) -> None:
    try:
        decode_source_bytes(data)
    except InputRejected:
        return


def parser_tokens() -> list[str]:
    """Every subcommand and option string the real parser knows, so examples get past argparse."""
    parser = cli_main.build_parser()
    tokens: set[str] = set()

    def walk(node: argparse.ArgumentParser) -> None:
        for action in node._actions:
            tokens.update(action.option_strings)
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    tokens.add(name)
                    walk(child)

    walk(parser)
    return sorted(tokens)


SLOW_COMMANDS = {"self-test", "selftest", "--self-test", "draft", "doctor"}
"""Load or hash the model (seconds each): parsed here, run by their own tests."""
ARGV_TOKENS = [token for token in parser_tokens() if token not in SLOW_COMMANDS]
SAFE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12).filter(
    lambda token: not token.startswith(("/", "~", "\\")) and ".." not in token
)


@FUZZ
@given(argv=st.lists(st.sampled_from([*ARGV_TOKENS, *SLOW_COMMANDS]) | st.text(), max_size=8))
def test_any_argv_parses_or_exits_cleanly(argv: list[str]) -> None:
    try:
        cli_main.build_parser().parse_args(argv)
    except SystemExit as exit_:
        assert exit_.code in (0, 2)


@pytest.fixture
def isolated_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memory_keyring: object
) -> Iterator[None]:
    """main() for real, in a scratch folder: no window, no stdin, no policy, no real keyring.

    The process protections are left out: the network guard is an audit hook that cannot be
    removed, so it would stay in the test process. tests/cli/test_protections.py runs them.
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WARDSCRIBE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WARDSCRIBE_POLICY_FILE", str(tmp_path / "no-policy.toml"))
    for variable in ("WARDSCRIBE_USER", "WARDSCRIBE_PASSWORD", "WARDSCRIBE_BACKUP_KEY"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(cli_main, "_run_window", lambda _args: 0)
    monkeypatch.setattr(cli_main, "protect_process", lambda _options: None)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    yield


@settings(FUZZ, max_examples=100, deadline=10_000)
@given(argv=st.lists(st.sampled_from(ARGV_TOKENS) | SAFE_TEXT, max_size=6))
@example(argv=["audit", "verify"])
@example(argv=["--demo", "audit", "verify"])
@example(argv=["account", "add", "--username", "u", "--display-name", "U", "--role", "nurse"])
@example(argv=["check", "--source", "missing.txt", "--draft", "missing.txt"])
@example(argv=["deidentify", "--input", "missing.txt"])
def test_main_returns_a_status_or_exits_for_any_argv(isolated_cli: None, argv: list[str]) -> None:
    if SLOW_COMMANDS & set(argv):
        return
    with (
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(io.StringIO()),
    ):
        try:
            status = cli_main.main(argv)
        except SystemExit as exit_:
            assert exit_.code in (0, 1, 2)
            return
    assert isinstance(status, int)
    assert os.getcwd()
