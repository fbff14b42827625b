"""Child of the display-scaling test: the real screens under QT_SCALE_FACTOR, nothing clipped.

The scale factor must be set before QApplication exists, so this runs in its own process.
argv[1] is the data folder (its settings point at the tiny model). Prints one JSON object: the
screen's logical size and every problem found, each a short line naming the widget.
"""

import json
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.keys.memory_keyring import use_memory_keyring
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import StartOptions, Workstation
from app.ui.application import WindowController
from tests.ui.menus import open_settings


def _wait_for(condition: Callable[[], bool], seconds: float = 20) -> None:
    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    poll.start(20)
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    if not condition():
        raise TimeoutError("the screen did not reach the expected state")


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, (QAbstractButton, QLabel)) else ""
    return f"{type(widget).__name__} {widget.accessibleName() or text!r}"


def clipped(screen_name: str, top: QWidget) -> list[str]:
    """Controls smaller than they need to show their text, and a window too big for the screen."""
    problems = []
    available = top.screen().availableGeometry().size()
    needed = top.minimumSizeHint().expandedTo(top.minimumSize())
    if needed.width() > available.width() or needed.height() > available.height():
        problems.append(
            f"{screen_name}: needs {needed.width()}x{needed.height()}, screen has "
            f"{available.width()}x{available.height()}"
        )
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or isinstance(widget.parentWidget(), QAbstractSpinBox):
            continue
        if isinstance(widget, QAbstractButton):
            hint = widget.sizeHint()
        elif isinstance(widget, (QComboBox, QLineEdit)) or (
            isinstance(widget, QLabel) and not widget.wordWrap() and widget.text()
        ):
            hint = widget.minimumSizeHint()
        else:
            continue
        size = widget.size()
        if size.width() < hint.width() or size.height() < hint.height():
            problems.append(
                f"{screen_name}: {_name(widget)} is {size.width()}x{size.height()}, "
                f"needs {hint.width()}x{hint.height()}"
            )
    return problems


def _settle(top: QWidget) -> None:
    top.show()
    QApplication.processEvents()
    _wait_for(top.isVisible)
    QApplication.processEvents()


def main(data_dir: Path) -> None:
    use_memory_keyring()
    app = QApplication(sys.argv[:1])
    workstation = Workstation.open(StartOptions(data_dir=data_dir, demo=True))
    controller = WindowController(workstation)
    problems: list[str] = []
    first_size: list[int] = []
    try:
        controller.start()
        dialog = controller.sign_in_dialog
        assert dialog is not None
        _settle(dialog)
        problems += clipped("sign-in", dialog)
        dialog.username.setText(DEMO_USERNAME)
        dialog.password.setText(DEMO_PASSWORD)
        dialog.sign_in_button.click()
        _wait_for(lambda: controller.window is not None)
        window = controller.window
        assert window is not None
        _wait_for(lambda: window.patient_bar.picker.count() > 0)
        QApplication.processEvents()
        problems += clipped("desk", window)
        first_size = [window.width(), window.height()]
        settings = open_settings(window)
        _settle(settings)
        problems += clipped("settings", settings)
        settings.reject()
        window.lock()
        _wait_for(lambda: window.is_locked)
        QApplication.processEvents()
        problems += clipped("lock screen", window)
        window.close()
        controller.tasks.wait(10_000)
    finally:
        workstation.close()
    size = app.primaryScreen().availableGeometry().size()
    report = {"screen": [size.width(), size.height()], "desk": first_size, "problems": problems}
    print(json.dumps(report))
    app.quit()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
