"""UI tests: the real window on Qt's offscreen platform, real services underneath."""

import os
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import Workstation
from app.ui.application import WindowController
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def sign_in(qtbot: QtBot, controller: WindowController, password: str = DEMO_PASSWORD) -> None:
    dialog = controller.sign_in_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.username, DEMO_USERNAME)
    qtbot.keyClicks(dialog.password, password)
    dialog.sign_in_button.click()


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    """A runner owned by the application, as the app's runner outlives every widget using it.

    A runner without a parent is destroyed as soon as the test drops it, while Qt may still
    deliver its workers' queued results: that ends the process, not just the test.
    """
    runner = TaskRunner(qapp)
    yield runner
    runner.wait(10_000)


@pytest.fixture
def controller(qtbot: QtBot, demo_workstation: Workstation) -> Iterator[WindowController]:
    controller = WindowController(demo_workstation)
    controller.start()
    yield controller
    window = controller.window
    if window is not None:
        window.confirm_discard = lambda: True
        window.close()
    controller.tasks.wait(10_000)


FIRST_DEMO_MRN = "DEMO-1001"


def choose_patient(qtbot: QtBot, desk: MainWindow, mrn: str) -> None:
    """Pick `mrn` in the patient bar as a nurse does, and wait until the desk works for them."""
    picker = desk.patient_bar.picker
    picker.setCurrentIndex(picker.findData(mrn))
    qtbot.waitUntil(
        lambda: desk.patient_bar.current is not None and desk.patient_bar.current.mrn == mrn,
        timeout=5_000,
    )


@pytest.fixture
def signed_in_desk(qtbot: QtBot, controller: WindowController) -> MainWindow:
    """The desk right after sign-in, its patient list loaded and no patient chosen."""
    sign_in(qtbot, controller)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
    window = controller.window
    assert window is not None
    qtbot.waitUntil(lambda: window.patient_bar.picker.count() > 0, timeout=5_000)
    return window


@pytest.fixture
def desk(qtbot: QtBot, signed_in_desk: MainWindow) -> MainWindow:
    """The desk with the first demo patient chosen, as a nurse does before pasting notes."""
    choose_patient(qtbot, signed_in_desk, FIRST_DEMO_MRN)
    return signed_in_desk
