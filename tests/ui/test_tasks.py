"""The task runner answers the widget that asked, and only while that widget still exists."""

import threading

import shiboken6
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.ui.tasks import TaskRunner


def _held_until(release: threading.Event, outcome: object) -> object:
    if not release.wait(timeout=10):
        raise TimeoutError("the test never released the work")
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


def test_the_result_reaches_the_owner_on_the_ui_thread(qtbot: QtBot, qapp: QApplication) -> None:
    runner = TaskRunner(qapp)
    owner = QWidget()
    answers: list[tuple[object, bool]] = []
    runner.submit(
        owner,
        lambda: 42,
        lambda value: answers.append(
            (value, threading.current_thread() is threading.main_thread())
        ),
        lambda error: answers.append((error, False)),
    )
    qtbot.waitUntil(lambda: bool(answers), timeout=5_000)
    assert answers == [(42, True)]


def test_the_error_reaches_the_owner(qtbot: QtBot, qapp: QApplication) -> None:
    runner = TaskRunner(qapp)
    owner = QWidget()
    errors: list[BaseException] = []
    refusal = PermissionError("not your patient")

    def refuse() -> None:
        raise refusal

    runner.submit(owner, refuse, lambda _: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    assert errors == [refusal]


def test_a_result_arriving_after_its_owner_was_deleted_is_dropped(
    qtbot: QtBot, qapp: QApplication
) -> None:
    runner = TaskRunner(qapp)
    owner = QWidget()
    release = threading.Event()
    answers: list[object] = []
    runner.submit(owner, lambda: _held_until(release, "patients"), answers.append, answers.append)
    shiboken6.delete(owner)
    release.set()
    assert runner.wait(5_000)
    qtbot.wait(50)
    assert answers == []


def test_an_error_arriving_after_its_owner_was_deleted_is_dropped(
    qtbot: QtBot, qapp: QApplication
) -> None:
    runner = TaskRunner(qapp)
    owner = QWidget()
    release = threading.Event()
    answers: list[object] = []
    runner.submit(
        owner, lambda: _held_until(release, OSError("disk gone")), answers.append, answers.append
    )
    shiboken6.delete(owner)
    release.set()
    assert runner.wait(5_000)
    qtbot.wait(50)
    assert answers == []


def test_work_still_finishes_when_its_owner_is_deleted(qtbot: QtBot, qapp: QApplication) -> None:
    runner = TaskRunner(qapp)
    owner = QWidget()
    release = threading.Event()
    saved = threading.Event()

    def save() -> None:
        _held_until(release, None)
        saved.set()

    runner.submit(owner, save, lambda _: None, lambda _: None)
    shiboken6.delete(owner)
    release.set()
    assert runner.wait(5_000)
    assert saved.is_set()
