"""`wardscribe summarize`, and the coverage report of `draft`, run as separate processes."""

import json
from pathlib import Path

import pytest

from app.paths import resources_dir
from tests.cli.conftest import Runner
from tests.fixtures.long_notes import day_note, multi_day_notes, varied_day_notes

NOTES_FILE = resources_dir() / "demo" / "shift-notes.txt"


@pytest.fixture
def small_context(data_dir: Path) -> Path:
    """The demo data folder with a 4,096-token context, so a few days of notes overflow it."""
    settings_file = data_dir / "demo" / "settings.json"
    settings = json.loads(settings_file.read_text())
    settings_file.write_text(json.dumps({**settings, "context_tokens": 4096}))
    return data_dir


@pytest.fixture
def long_notes(tmp_path: Path) -> Path:
    """A month of notes whose every entry charts a new insulin dose: too long even as facts."""
    path = tmp_path / "long-notes.txt"
    path.write_text(varied_day_notes(60_000), encoding="utf-8")
    return path


def test_summarize_of_two_files_reports_text_coverage_timings_and_model_as_json(
    wardscribe: Runner, data_dir: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "day-1.txt", tmp_path / "day-2.txt"
    first.write_text(day_note(1), encoding="utf-8")
    second.write_text(day_note(2), encoding="utf-8")
    result = wardscribe(
        "summarize",
        "--demo",
        "--data-dir",
        str(data_dir),
        "--input",
        str(first),
        "--input",
        str(second),
        "--json",
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["kind"] == "summary"
    assert isinstance(report["text"], str) and report["text"]
    assert [part["label"] for part in report["coverage"]["parts"]] == [
        "2026-11-10 07:00",
        "2026-11-11 07:00",
    ]
    assert report["coverage"]["status_line"] == "Coverage: 2 of 2 parts whole"
    assert report["timings"]["prompt_tokens"] > 0
    assert set(report["model"]) == {"file", "sha256"}


def test_draft_of_a_long_file_reports_the_parts_left_out_as_json(
    wardscribe: Runner, small_context: Path, long_notes: Path
) -> None:
    result = wardscribe(
        "draft",
        "--demo",
        "--data-dir",
        str(small_context),
        "--input",
        str(long_notes),
        "--mode",
        "whole",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    coverage = json.loads(result.stdout)["coverage"]
    statuses = [part["status"] for part in coverage["parts"]]
    assert statuses[0] == "left_out" and statuses[-1] == "whole"
    assert "LEFT OUT" in coverage["status_line"]
    assert coverage["warning"].startswith(f"{statuses.count('left_out')} source parts")


def test_draft_of_a_long_file_warns_on_stderr_which_parts_were_left_out(
    wardscribe: Runner, small_context: Path, long_notes: Path
) -> None:
    result = wardscribe(
        "draft",
        "--demo",
        "--data-dir",
        str(small_context),
        "--input",
        str(long_notes),
        "--mode",
        "whole",
    )
    assert result.returncode == 0, result.stderr
    assert "Coverage: " in result.stderr
    assert "WARNING: " in result.stderr and "were LEFT OUT: part 1 (" in result.stderr
    assert "LEFT OUT" not in result.stdout


def test_draft_of_a_long_file_that_fits_as_facts_reports_coverage_without_a_warning(
    wardscribe: Runner, small_context: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "two-weeks.txt"
    notes.write_text(multi_day_notes(20_000), encoding="utf-8")
    result = wardscribe(
        "draft",
        "--demo",
        "--data-dir",
        str(small_context),
        "--input",
        str(notes),
        "--mode",
        "whole",
    )
    assert result.returncode == 0, result.stderr
    assert "as facts only" in result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING: ")]
    # The tiny model never ends its turn: its draft is unfinished and says so; nothing else warns.
    assert all(line.startswith("WARNING: The draft is unfinished") for line in warnings)
