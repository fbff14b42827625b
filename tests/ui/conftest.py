"""UI tests: the real window on Qt's offscreen platform, real services underneath."""

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.notes import Draft, NoteKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
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
def nurse(demo_workstation: Workstation) -> Session:
    """The demo nurse signed in beside the desk, to arrange drafts through the services as the
    person the desk works for, and to read back what the desk stored."""
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    """A runner owned by the application, as the app's runner outlives every widget using it.

    A runner without a parent is destroyed as soon as the test drops it, while Qt may still
    deliver its workers' queued results: that ends the process, not just the test.
    """
    runner = TaskRunner(qapp)
    yield runner
    runner.wait(10_000)


@contextmanager
def started(workstation: Workstation) -> Iterator[WindowController]:
    """The app started on `workstation`, at its sign-in dialog; whatever window it shows when
    the block ends is closed, unsaved edits discarded, and its background work waited for."""
    controller = WindowController(workstation)
    controller.start()
    yield controller
    window = controller.window
    if window is not None:
        window.confirm_discard = lambda: True
        window.close()
    controller.tasks.wait(10_000)


@pytest.fixture
def controller(qtbot: QtBot, demo_workstation: Workstation) -> Iterator[WindowController]:
    with started(demo_workstation) as controller:
        yield controller


FIRST_DEMO_MRN = "DEMO-1001"


def choose_patient(qtbot: QtBot, desk: MainWindow, mrn: str) -> None:
    """Pick `mrn` in the patient bar as a nurse does, and wait until the desk works for them."""
    picker = desk.patient_bar.picker
    picker.setCurrentIndex(picker.findData(mrn))
    qtbot.waitUntil(
        lambda: desk.patient_bar.current is not None and desk.patient_bar.current.mrn == mrn,
        timeout=5_000,
    )


def signed_in_window(qtbot: QtBot, controller: WindowController) -> MainWindow:
    """Sign in as the demo nurse and wait for the desk, its patient list loaded."""
    sign_in(qtbot, controller)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
    window = controller.window
    assert isinstance(window, MainWindow)
    qtbot.waitUntil(lambda: window.patient_bar.picker.count() > 0, timeout=5_000)
    return window


def open_saved_draft(
    qtbot: QtBot,
    desk: MainWindow,
    workstation: Workstation,
    text: str,
    *,
    notes: str,
    mrn: str = FIRST_DEMO_MRN,
    kind: NoteKind = NoteKind.SHIFT_SBAR,
    sign: bool = False,
) -> Draft:
    """Store the demo nurse's draft of `notes` reading `text` (signed when `sign`) through the
    services, then open it from the desk's drafts list, as the only draft there, as she would.
    Returns the draft as stored."""
    nurse = workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    created = workstation.drafts.create_draft(nurse, mrn, kind, notes)
    stored = workstation.drafts.save_text(nurse, created.id, text, created.revision)
    if sign:
        stored = workstation.review.sign(nurse, stored.id, attestation=True)
    desk.drafts_list.refresh()
    qtbot.waitUntil(lambda: desk.drafts_list.count() == 1, timeout=10_000)
    desk.drafts_list.open_row(0)
    qtbot.waitUntil(lambda: desk.current_draft is not None, timeout=10_000)
    return stored


@pytest.fixture
def signed_in_desk(qtbot: QtBot, controller: WindowController) -> MainWindow:
    """The desk right after sign-in, its patient list loaded and no patient chosen."""
    return signed_in_window(qtbot, controller)


@pytest.fixture
def desk(qtbot: QtBot, signed_in_desk: MainWindow) -> MainWindow:
    """The desk with the first demo patient chosen, as a nurse does before pasting notes."""
    choose_patient(qtbot, signed_in_desk, FIRST_DEMO_MRN)
    return signed_in_desk
