"""`wardscribe check`: the JSON contract and clear errors for input it cannot read."""

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import check_cmd

SOURCE = "0800 BP 142/88, HR 96. Metoprolol 25 mg PO BID. Allergies: PCN.\n"
DRAFT = "BP 142/88 and HR 112. Lopressor 25 mg by mouth twice daily. Zofran 4 mg IV.\n"


def run_check(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="wardscribe")
    check_cmd.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["check", *argv])
    result: int = args.handler(args)
    return result


@pytest.fixture
def notes(tmp_path: Path) -> tuple[Path, Path]:
    source, draft = tmp_path / "source.txt", tmp_path / "draft.txt"
    source.write_text(SOURCE, encoding="utf-8")
    draft.write_text(DRAFT, encoding="utf-8")
    return source, draft


def test_json_output_follows_the_contract(
    notes: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    source, draft = notes
    assert run_check("--source", str(source), "--draft", str(draft), "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"unsupported", "contradicted", "omitted", "evidence"}
    assert [set(flag) for flag in report["unsupported"]] == [
        {"text", "start", "end", "kind", "reason"}
    ]
    assert set(report["contradicted"][0]) == {
        "text",
        "start",
        "end",
        "kind",
        "reason",
        "source_text",
    }
    assert [set(omission) for omission in report["omitted"]] == [{"text", "kind"}]


def test_json_offsets_slice_the_draft_file(
    notes: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    source, draft = notes
    run_check("--source", str(source), "--draft", str(draft), "--json")
    report = json.loads(capsys.readouterr().out)
    for flag in report["unsupported"] + report["contradicted"]:
        assert DRAFT[flag["start"] : flag["end"]] == flag["text"]


def test_the_readable_report_places_each_flag_by_line_and_column(
    notes: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    source, draft = notes
    assert run_check("--source", str(source), "--draft", str(draft)) == 0
    output = capsys.readouterr().out
    assert "line 1, col 15  vital.hr  “HR 112”" in output
    assert "Omitted" in output


def test_a_clean_draft_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(SOURCE, encoding="utf-8")
    assert run_check("--source", str(notes), "--draft", str(notes)) == 0
    assert capsys.readouterr().out.startswith("No unsupported, contradicted or omitted")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"BP 120/80\x00\x01\x02", "binary"),
        (bytes(range(128, 256)), "UTF-8"),
        (b"  \n\t", "empty"),
    ],
)
def test_bad_draft_input_is_a_one_line_error_with_exit_code_two(
    notes: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes | None,
    message: str,
) -> None:
    source, _ = notes
    draft = tmp_path / "bad.txt"
    if content is not None:
        draft.write_bytes(content)
    assert run_check("--source", str(source), "--draft", str(draft)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f"wardscribe check: {draft}:")
    assert message in captured.err


def test_a_real_process_exits_two_without_a_traceback(tmp_path: Path) -> None:
    program = (
        "import argparse, sys\n"
        "from app.cli import check_cmd\n"
        "parser = argparse.ArgumentParser(prog='wardscribe')\n"
        "check_cmd.register(parser.add_subparsers(dest='command', required=True))\n"
        "args = parser.parse_args(sys.argv[1:])\n"
        "sys.exit(args.handler(args))\n"
    )
    missing = tmp_path / "missing.txt"
    completed = subprocess.run(
        [sys.executable, "-c", program, "check", "--source", str(missing), "--draft", str(missing)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    assert completed.stderr.strip().endswith("no such file or directory")


def test_json_lists_every_draft_sentence_with_its_evidence_in_the_source(
    notes: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    source, draft = notes
    run_check("--source", str(source), "--draft", str(draft), "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["evidence"]
    for sentence in report["evidence"]:
        assert set(sentence) == {"start", "end", "support", "supported", "source"}
        for span in sentence["source"]:
            assert SOURCE[span["start"] : span["end"]].strip()


def test_json_lists_a_sentence_the_notes_do_not_support_as_unsupported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, draft = tmp_path / "source.txt", tmp_path / "draft.txt"
    source.write_text(SOURCE, encoding="utf-8")
    invented = (
        "Her brother, a retired pharmacist from Ohio, brought photographs of the grandchildren."
    )
    draft.write_text(DRAFT + "\n" + invented + "\n", encoding="utf-8")
    run_check("--source", str(source), "--draft", str(draft), "--json")
    report = json.loads(capsys.readouterr().out)
    sentences = [flag for flag in report["unsupported"] if flag["kind"] == "sentence"]
    assert [flag["text"] for flag in sentences] == [invented.rstrip(".")]
