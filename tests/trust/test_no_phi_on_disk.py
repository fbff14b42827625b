"""No PHI in logs, temp files, caches or crash output, whatever a workflow does or how it ends.

A hardened child process runs every service workflow with canary patient data, logs at DEBUG
into the data folder, and dies on an exception whose message quotes the note. Then every file
under the data folder, the temp folder and ~/.cache, and the child's own output, is searched for
the canaries in UTF-8 and UTF-16-LE.
"""

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.trust.insecure_file_keyring import KEYRING_FILE_ENV, InsecureFileKeyringForTests

REPO_ROOT = Path(__file__).resolve().parents[2]
CANARIES = {
    "name": "Quennell Farthingstone-Abara",
    "mrn": "MRN-CANARY-77310",
    "note": "Canary note: Ximena Oyelaran-Pettigrew reported chest tightness at 0347.",
}


@pytest.fixture
def child_home(tmp_path: Path) -> dict[str, Path]:
    folders = {"home": tmp_path / "home", "tmp": tmp_path / "tmp"}
    for folder in folders.values():
        folder.mkdir()
    (folders["home"] / ".cache").mkdir()
    return folders


def run_hardened(
    module: str, args: list[str], folders: dict[str, Path], keyring_file: Path
) -> subprocess.CompletedProcess[bytes]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("XDG_CACHE_HOME", "PYTHONFAULTHANDLER")
    }
    environment |= {
        "HOME": str(folders["home"]),
        "TMPDIR": str(folders["tmp"]),
        KEYRING_FILE_ENV: str(keyring_file),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [sys.executable, "-m", f"tests.trust.children.{module}", *args],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        timeout=180,
        check=False,
    )


def files_under(root: Path) -> Iterator[Path]:
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder, name)
            if path.is_file() and not path.is_symlink():
                yield path


def needles() -> list[bytes]:
    return [
        text.encode(encoding) for text in CANARIES.values() for encoding in ("utf-8", "utf-16-le")
    ]


def hits(data: bytes) -> list[bytes]:
    return [needle for needle in needles() if needle in data]


def test_the_search_finds_a_planted_canary(tmp_path: Path) -> None:
    """The control: if the canary were written anywhere, this search would see it."""
    planted = tmp_path / "planted.bin"
    planted.write_bytes(b"\x00" + CANARIES["note"].encode("utf-16-le") + b"\x00")

    assert [path for path in files_under(tmp_path) if hits(path.read_bytes())] == [planted]


def test_no_canary_reaches_any_file_or_the_crash_output(
    data_dir: Path, child_home: dict[str, Path], file_keyring: InsecureFileKeyringForTests
) -> None:
    finished = run_hardened(
        "phi_workflows", [str(data_dir), json.dumps(CANARIES)], child_home, file_keyring.path
    )

    assert finished.returncode == 1, finished.stderr.decode(errors="replace")[-2000:]
    assert b"WardScribe stopped on an unexpected error (RuntimeError)" in finished.stderr
    crash_log = (data_dir / "crash.log").read_text()
    assert "builtins.RuntimeError" in crash_log
    assert "in failing_generation" not in crash_log and ", in generate" in crash_log
    searched = [
        *files_under(data_dir),
        *files_under(child_home["tmp"]),
        *files_under(child_home["home"] / ".cache"),
    ]
    assert len(searched) >= 4
    leaks = {str(path): hits(path.read_bytes()) for path in searched}
    assert {path: found for path, found in leaks.items() if found} == {}
    assert hits(finished.stdout) == [] and hits(finished.stderr) == []


def test_a_fatal_crash_leaves_a_traceback_without_values_and_no_core_file(
    tmp_path: Path, child_home: dict[str, Path], file_keyring: InsecureFileKeyringForTests
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    script = (
        "import sys, os, signal, resource\n"
        "from pathlib import Path\n"
        "from app.security.hardening import harden_process\n"
        "report = harden_process(Path(sys.argv[1]))\n"
        "assert resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)\n"
        "assert report.core_dumps_disabled and report.ptrace_blocked\n"
        f"note = {CANARIES['note']!r}\n"
        "def crash_while_holding(text):\n"
        "    os.kill(os.getpid(), signal.SIGSEGV)\n"
        "crash_while_holding(note)\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", script, str(data)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "HOME": str(child_home["home"])},
        capture_output=True,
        timeout=60,
        check=False,
    )

    assert finished.returncode == -signal.SIGSEGV
    crash_log = (data / "crash.log").read_text()
    assert "Segmentation fault" in crash_log and "crash_while_holding" in crash_log
    assert not list(tmp_path.glob("core*"))
    assert hits(crash_log.encode()) == [] and hits(finished.stderr) == []
