"""Importing notes: the chosen file is read off the UI thread, its folder is where the next
dialog opens, and a file that cannot be read is reported."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import Workstation
from app.ui.export_actions import ExportActions
from app.ui.notes_import import NotesImport
from app.ui.tasks import TaskRunner

NOTES = "0600 BP 128/80, HR 76. Slept well.\n"
TIMEOUT_MS = 10_000


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    return window


@pytest.fixture
def notes_import(
    window: QWidget, demo_workstation: Workstation, tasks: TaskRunner, tmp_path: Path
) -> NotesImport:
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    exports = ExportActions(
        demo_workstation.exports,
        session,
        tasks,
        clipboard_clear_seconds=30,
        default_dir=tmp_path,
        mrn_in_names=False,
        parent=window,
    )
    return NotesImport(exports, tasks, window)


def _handover(tmp_path: Path) -> Path:
    folder = tmp_path / "handover"
    folder.mkdir()
    notes = folder / "night.txt"
    notes.write_text(NOTES, encoding="utf-8")
    return notes


def test_the_chosen_file_is_read_and_its_folder_opens_the_next_dialog(
    qtbot: QtBot, notes_import: NotesImport, tmp_path: Path
) -> None:
    notes = _handover(tmp_path)
    opened_in: list[Path] = []

    def choose(folder: Path) -> Path:
        opened_in.append(folder)
        return notes

    notes_import.choose_notes_file = choose
    with qtbot.waitSignal(notes_import.read, timeout=TIMEOUT_MS) as read:
        notes_import.ask()
    with qtbot.waitSignal(notes_import.read, timeout=TIMEOUT_MS):
        notes_import.ask()

    assert read.args == [NOTES]
    assert opened_in == [tmp_path, notes.parent]


def test_a_cancelled_dialog_reads_nothing(qtbot: QtBot, notes_import: NotesImport) -> None:
    notes_import.choose_notes_file = lambda _folder: None

    with (
        qtbot.assertNotEmitted(notes_import.read, wait=300),
        qtbot.assertNotEmitted(notes_import.failed),
    ):
        notes_import.ask()


def test_a_file_that_cannot_be_read_is_reported(
    qtbot: QtBot, notes_import: NotesImport, tmp_path: Path
) -> None:
    with qtbot.waitSignal(notes_import.failed, timeout=TIMEOUT_MS) as failed:
        notes_import.read_from(tmp_path / "missing.txt")

    assert failed.args is not None
    assert isinstance(failed.args[0], Exception)
