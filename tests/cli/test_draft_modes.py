"""`wardscribe draft --mode`: grounded drafts and facts-only drafts, run as separate processes."""

import json
from pathlib import Path

from app.domain.grounded.layout import shipped_layout
from app.inference.model_files import ModelSpec
from app.paths import resources_dir
from tests.cli.conftest import Runner

NOTES_FILE = resources_dir() / "demo" / "shift-notes.txt"


def _draft(wardscribe: Runner, data_dir: Path, mode: str | None) -> dict[str, object]:
    chosen = () if mode is None else ("--mode", mode)
    result = wardscribe(
        "draft",
        "--demo",
        "--data-dir",
        str(data_dir),
        "--input",
        str(NOTES_FILE),
        *chosen,
        "--json",
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = json.loads(result.stdout)
    return report


def test_a_facts_only_draft_is_printed_without_a_model(
    wardscribe: Runner, data_dir: Path, tiny_model: ModelSpec
) -> None:
    report = _draft(wardscribe, data_dir, "facts-only")
    assert report["facts_only_reason"] == "asked"
    assert report["model"] is None
    text = str(report["text"])
    assert text.startswith("Situation:\n[To be written.]\n\nBackground:\n")
    assert "Plan as written:" in text


def test_a_grounded_draft_holds_every_heading_of_its_kind(
    wardscribe: Runner, data_dir: Path, tiny_model: ModelSpec
) -> None:
    report = _draft(wardscribe, data_dir, "grounded")
    assert report["facts_only_reason"] is None
    assert report["missing_sections"] == []
    assert "Vital signs:" in str(report["text"])


def test_without_a_mode_the_draft_is_grounded_and_reports_its_layout(
    wardscribe: Runner, data_dir: Path, tiny_model: ModelSpec
) -> None:
    report = _draft(wardscribe, data_dir, None)
    assert report["facts_only_reason"] is None
    assert report["layout"] == {"id": "default", "version": shipped_layout("").version}
    assert "Vital signs:" in str(report["text"])


def test_a_whole_note_draft_is_still_chosen_with_its_flag_and_has_no_layout(
    wardscribe: Runner, data_dir: Path, tiny_model: ModelSpec
) -> None:
    report = _draft(wardscribe, data_dir, "whole")
    assert report["layout"] is None
    assert report["model"] is not None
    assert "Vital signs:" not in str(report["text"])
