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
    path.write_text("Mr Halvorsen, MRN 1234567, seen 11/14/2024.\n", encoding="utf-8")
    return path


def test_the_copy_goes_to_the_output_file(notes: Path, tmp_path: Path) -> None:
    output = tmp_path / "clean.txt"
    assert run_deidentify("--input", str(notes), "--output", str(output)) == 0
    assert output.read_text(encoding="utf-8").endswith("Mr [PATIENT], MRN [ID], seen [DATE].\n")


def test_without_an_output_file_the_copy_goes_to_standard_output(
    notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_deidentify("--input", str(notes)) == 0
    assert capsys.readouterr().out.endswith("Mr [PATIENT], MRN [ID], seen [DATE].\n")


def test_the_copy_starts_with_the_method_used(
    notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_deidentify("--input", str(notes), "--dates", "shift")
    first_line = capsys.readouterr().out.splitlines()[0]
    assert first_line.startswith("De-identified by WardScribe") and "shifted" in first_line


def test_shifted_dates_are_replaced_by_other_dates(
    notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_deidentify("--input", str(notes), "--dates", "shift")
    copy = capsys.readouterr().out
    assert "11/14/2024" not in copy and "[DATE]" not in copy.splitlines()[-1]


def test_the_summary_counts_each_kind_without_quoting_them(
    notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_deidentify("--input", str(notes))
    summary = capsys.readouterr().err
    assert "replaced 3 (date 1, id 1, patient 1)" in summary
    assert "Halvorsen" not in summary and "1234567" not in summary


def test_the_input_is_never_overwritten(notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = notes.read_text(encoding="utf-8")
    assert run_deidentify("--input", str(notes), "--output", str(notes)) == 2
    assert notes.read_text(encoding="utf-8") == original
