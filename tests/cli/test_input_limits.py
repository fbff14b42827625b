"""Issue 17, item 10: a notes file is read only as far as its size limit."""

import resource
from pathlib import Path

from tests.cli.conftest import Runner


def test_an_endless_input_is_refused_after_reading_past_the_limit_not_read_whole(
    wardscribe: Runner, data_dir: Path, tmp_path: Path
) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss

    endless = tmp_path / "notes.txt"
    endless.symlink_to("/dev/zero")

    refused = wardscribe(
        "draft", "--demo", "--data-dir", str(data_dir), "--input", str(endless), timeout=120
    )

    assert refused.returncode == 1
    assert f"{endless}: the file is larger than" in refused.stderr
    assert "Traceback" not in refused.stderr
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert max(before, peak_kib) < 1024 * 1024


def test_a_folder_given_as_input_gets_a_message_not_a_traceback(
    wardscribe: Runner, data_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "notes.txt"
    folder.mkdir()

    refused = wardscribe("draft", "--demo", "--data-dir", str(data_dir), "--input", str(folder))

    assert refused.returncode == 1
    assert f"{folder}: the file cannot be read" in refused.stderr
    assert "Traceback" not in refused.stderr
