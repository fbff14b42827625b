"""Capture the README's screenshots from the real app on an X server (run under xvfb-run).

Uses a throwaway demo data folder, the embedded default model and an in-memory keyring, so it
never touches the operator's real data or credential store.
"""

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.notes import NoteKind
from app.paths import resources_dir
from app.security.memory_keyring import use_memory_keyring
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import StartOptions, Workstation
from app.ui.application import WindowController

OUT = Path(__file__).resolve().parent


def _wait_for(condition: Callable[[], bool], seconds: float) -> None:
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if condition() else None)
    timer.start(50)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    if not condition():
        raise TimeoutError("the window did not reach the expected state")


def _shoot(widget: QWidget, name: str) -> None:
    QApplication.processEvents()
    screen = widget.screen()
    screen.grabWindow(widget.winId()).save(str(OUT / name))
    print(f"wrote {OUT / name}")


def main() -> int:
    use_memory_keyring()
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as data:
        workstation = Workstation.open(StartOptions(data_dir=Path(data), demo=True))
        controller = WindowController(workstation)
        controller.start()
        dialog = controller.sign_in_dialog
        assert dialog is not None
        _wait_for(dialog.isVisible, 10)
        _shoot(dialog, "sign-in.png")
        dialog.username.setText(DEMO_USERNAME)
        dialog.password.setText(DEMO_PASSWORD)
        dialog.sign_in_button.click()
        _wait_for(lambda: controller.window is not None, 30)
        window = controller.window
        assert window is not None
        window.resize(1400, 820)
        notes = (resources_dir() / "demo" / "shift-notes.txt").read_text(encoding="utf-8")
        window.source_edit.setPlainText(notes)
        window.kind_box.setCurrentIndex(window.kind_box.findData(NoteKind.SHIFT_SBAR))
        window.generate_button.click()
        _wait_for(lambda: not window.stop_button.isEnabled(), 900)
        window.review_panel.check_button.click()
        _wait_for(lambda: window.review_panel.flag_list.count() > 0, 30)
        _shoot(window, "desk.png")
        window.lock()
        _wait_for(lambda: window.is_locked, 5)
        _shoot(window, "locked.png")
        window.confirm_discard = lambda: True
        window.close()
        controller.tasks.wait(30_000)
        workstation.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
