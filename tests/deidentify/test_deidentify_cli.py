"""`wardscribe deidentify`: writes a copy, never overwrites the input, fails clearly."""

import argparse
from pathlib import Path

import pytest

from app.cli import deidentify_cmd


def run_deidentify(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="wardscribe")
    deidentify_cmd.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["deidentify", *argv])
    result: int = args.handler(args)
    return result


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text("Pt John Smith, MRN 1234567, seen 11/14/2024.\n", encoding="utf-8")
    return path


def test_the_copy_goes_to_the_output_file(notes: Path, tmp_path: Path) -> None:
    output = tmp_path / "clean.txt"
    assert run_deidentify("--input", str(notes), "--output", str(output)) == 0
    assert output.read_text(encoding="utf-8") == "Pt [NAME], MRN [MRN], seen [DATE]/2024.\n"


def test_without_an_output_file_the_copy_goes_to_standard_output(
    notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_deidentify("--input", str(notes)) == 0
    assert capsys.readouterr().out == "Pt [NAME], MRN [MRN], seen [DATE]/2024.\n"


def test_the_summary_counts_replacements_without_quoting_them(
    notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_deidentify("--input", str(notes))
    summary = capsys.readouterr().err
    assert "replaced 3" in summary
    assert "Smith" not in summary and "1234567" not in summary


def test_the_input_is_never_overwritten(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = notes.read_text(encoding="utf-8")
    assert run_deidentify("--input", str(notes), "--output", str(notes)) == 2
    assert notes.read_text(encoding="utf-8") == original
    assert "refusing to overwrite" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), (b"\x00\x01binary", "binary"), (b"\xff\xfe\xfa", "UTF-8")],
)
def test_unreadable_input_is_a_one_line_error_with_exit_code_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    assert run_deidentify("--input", str(path)) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and message in error
