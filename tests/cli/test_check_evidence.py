"""`wardscribe check --json`, run as a process: a sentence the notes do not support is an entry
of `unsupported` (kind `sentence`, its offsets into the draft), and beside the flags every
sentence is listed with its evidence, offsets into the notes."""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

SOURCE = (
    "0800 BP 142/88, HR 96. Metoprolol 25 mg PO BID.\n"
    "Lungs clear bilaterally. Up to chair with assist x1.\n"
)
FAITHFUL = "BP 142/88 and HR 96 at 0800. Lungs clear on both sides.\n"
INVENTED = "Her brother, a retired pharmacist from Ohio, brought photographs of the grandchildren."


def _check(tmp_path: Path, draft_text: str) -> tuple[str, dict[str, Any]]:
    source, draft = tmp_path / "source.txt", tmp_path / "draft.txt"
    source.write_text(SOURCE, encoding="utf-8")
    draft.write_text(draft_text, encoding="utf-8")
    command = ["check", "--source", str(source), "--draft", str(draft), "--json"]
    completed = subprocess.run(
        [sys.executable, "-m", "app", *command],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return draft_text, json.loads(completed.stdout)


def test_an_invented_sentence_is_unsupported_by_its_offsets_with_its_evidence_beside(
    tmp_path: Path,
) -> None:
    draft, report = _check(tmp_path, f"{FAITHFUL}{INVENTED}\n")

    [flag] = [flag for flag in report["unsupported"] if flag["kind"] == "sentence"]
    start, end = flag["start"], flag["end"]
    assert draft[start:end] == flag["text"] == INVENTED.rstrip(".")
    [listed] = [entry for entry in report["evidence"] if entry["start"] == start]
    assert listed["end"] == end and listed["supported"] is False and listed["source"] == []


def test_every_sentence_is_listed_in_draft_order_and_a_supported_ones_evidence_is_in_the_notes(
    tmp_path: Path,
) -> None:
    draft, report = _check(tmp_path, f"{FAITHFUL}{INVENTED}\n")

    listed = report["evidence"]
    starts = [entry["start"] for entry in listed]
    assert starts == sorted(starts) and len(listed) == 3
    lungs = next(entry for entry in listed if "Lungs" in draft[entry["start"] : entry["end"]])
    assert lungs["supported"] is True
    assert any("Lungs clear" in SOURCE[span["start"] : span["end"]] for span in lungs["source"])


def test_a_faithful_draft_has_no_sentence_flag_and_every_sentence_supported(
    tmp_path: Path,
) -> None:
    _, report = _check(tmp_path, FAITHFUL)

    assert [flag for flag in report["unsupported"] if flag["kind"] == "sentence"] == []
    assert all(entry["supported"] is True for entry in report["evidence"])
