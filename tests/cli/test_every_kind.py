"""Every note kind drafts end to end through `wardscribe draft`, as a separate process."""

import json
from pathlib import Path

import pytest

from app.domain.notes import NoteKind
from app.inference.templates import load_template
from app.paths import resources_dir
from tests.cli.conftest import Runner

NOTES_FILE = resources_dir() / "demo" / "shift-notes.txt"


@pytest.mark.parametrize("kind", list(NoteKind), ids=str)
def test_each_kind_drafts_and_records_its_template(
    wardscribe: Runner, data_dir: Path, kind: NoteKind
) -> None:
    result = wardscribe(
        "draft",
        "--demo",
        "--data-dir",
        str(data_dir),
        "--input",
        str(NOTES_FILE),
        "--kind",
        kind.value,
        "--json",
    )

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    template = load_template(kind)
    assert report["kind"] == kind.value
    assert report["text"]
    assert report["template"] == {"id": template.id, "version": template.version}
    assert set(report["missing_sections"]) <= set(template.sections)
