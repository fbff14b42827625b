"""How long the UI thread goes without serving its event loop while a draft streams.

Run: `python -m bench.ui_stall [--model PATH --sha256 HEX]` (offscreen Qt; no display needed).
A 5 ms heartbeat timer runs on the UI thread; any gap beyond its interval is time the event loop
was blocked. The window, services, SQLCipher files and llama.cpp are the real ones; only the
keyring is an in-memory stand-in so the benchmark never touches the operator's credentials.
"""

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from app.domain.notes import NoteKind
from app.keys.memory_keyring import use_memory_keyring
from app.paths import resources_dir
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import StartOptions, Workstation
from app.ui.application import WindowController
from app.ui.main_window import MainWindow

HEARTBEAT_MS = 5


def _spin_until(condition: Callable[[], bool], seconds: float) -> None:
    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    poll.start(20)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, help="GGUF to use (default: the embedded model)")
    parser.add_argument("--sha256", help="the model's pinned SHA-256")
    args = parser.parse_args()
    use_memory_keyring()
    app = QApplication([])
    with tempfile.TemporaryDirectory() as data:
        demo = Path(data) / "demo"
        demo.mkdir()
        if args.model:
            (demo / "settings.json").write_text(
                json.dumps({"model_path": str(args.model), "model_sha256": args.sha256})
            )
        workstation = Workstation.open(StartOptions(data_dir=Path(data), demo=True))
        controller = WindowController(workstation)
        controller.start()
        dialog = controller.sign_in_dialog
        assert dialog is not None
        dialog.username.setText(DEMO_USERNAME)
        dialog.password.setText(DEMO_PASSWORD)
        dialog.sign_in_button.click()
        _spin_until(lambda: controller.window is not None, 60)
        window = controller.window
        assert isinstance(window, MainWindow), "the demo nurse signs in to the desk"
        window.source_edit.setPlainText(
            (resources_dir() / "demo" / "shift-notes.txt").read_text(encoding="utf-8")
        )
        window.kind_box.setCurrentIndex(window.kind_box.findData(NoteKind.SHIFT_SBAR))

        gaps: list[float] = []
        last = time.perf_counter()

        def beat() -> None:
            nonlocal last
            now = time.perf_counter()
            gaps.append((now - last) * 1000 - HEARTBEAT_MS)
            last = now

        heartbeat = QTimer()
        heartbeat.timeout.connect(beat)
        heartbeat.start(HEARTBEAT_MS)
        started = time.perf_counter()
        window.generate_button.click()
        _spin_until(window.generate_button.isEnabled, 1800)
        elapsed = time.perf_counter() - started
        heartbeat.stop()
        characters = len(window.draft_edit.toPlainText())
        window.confirm_discard = lambda: True
        window.close()
        controller.tasks.wait(30_000)
        info = workstation.engine_host.info
        workstation.close()
    app.quit()
    stalls = sorted(max(gap, 0.0) for gap in gaps)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores")
    print(f"model: {info.model_file if info else 'not loaded'} on {info.backend if info else '-'}")
    print(f"streamed {characters} characters in {elapsed:.1f} s (model load included)")
    print(f"heartbeats: {len(stalls)} at {HEARTBEAT_MS} ms")
    print(
        f"event-loop stall: max {stalls[-1]:.1f} ms, p99 {stalls[int(len(stalls) * 0.99)]:.1f} ms,"
        f" median {statistics.median(stalls):.1f} ms (target: max under 50 ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
