"""`wardscribe draft --mode whole`, run as a process, says what the guards on generation found:
in the JSON report, and on stderr as a warning when printing the draft."""

import json
import subprocess
from pathlib import Path

from app.paths import resources_dir
from tests.cli.conftest import Runner

NOTES_FILE = resources_dir() / "demo" / "shift-notes.txt"


def draft_whole_note(
    wardscribe: Runner, data_dir: Path, notes: Path, *options: str
) -> subprocess.CompletedProcess[str]:
    """`wardscribe draft --mode whole` of the demo patient from `notes`, with `options`."""
    return wardscribe(
        "draft",
        "--demo",
        "--data-dir",
        str(data_dir),
        "--input",
        str(notes),
        "--mode",
        "whole",
        *options,
    )


def test_the_json_report_lists_each_guard_finding_with_its_message(
    wardscribe: Runner, data_dir: Path
) -> None:
    result = draft_whole_note(wardscribe, data_dir, NOTES_FILE, "--json")

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    # The tiny model never ends its turn: every draft it writes is cut off by the token limit.
    [finding] = report["guards"]
    assert finding["kind"] == "unfinished" and "unfinished" in finding["message"]


def test_printing_the_draft_warns_on_stderr_that_it_is_unfinished(
    wardscribe: Runner, data_dir: Path
) -> None:
    result = draft_whole_note(wardscribe, data_dir, NOTES_FILE)

    assert result.returncode == 0, result.stderr
    assert "WARNING: The draft is unfinished" in result.stderr


def test_a_discharge_summary_from_two_lines_is_refused_with_the_reason(
    wardscribe: Runner, data_dir: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "two-lines.txt"
    notes.write_text("0800 BP 132/84, HR 88. Pain 2/10.\nAmbulating with walker.\n")

    result = draft_whole_note(wardscribe, data_dir, notes, "--kind", "discharge")

    assert result.returncode != 0
    assert "too short for a discharge summary" in result.stderr
    assert "Traceback" not in result.stderr
