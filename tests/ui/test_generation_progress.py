"""While the model works the desk says the stage, the part of the notes being read and, once
there is a speed to go by, about how long is left; a lock in the middle of a run loses none of
its text."""

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.domain.generation import MeasuredSpeed
from app.domain.notes import NoteKind
from app.paths import resources_dir
from app.services.demo import DEMO_PASSWORD
from app.services.measured_speed import SPEED_FILE
from app.ui.main_window import MainWindow

NOTES = (resources_dir() / "demo" / "shift-notes.txt").read_text(encoding="utf-8")
GENERATION_TIMEOUT_MS = 180_000


@pytest.fixture
def measured_here(data_dir: Path) -> None:
    """A workstation whose model speed was measured in an earlier session."""
    kept = MeasuredSpeed(reading=200.0, writing=5.0).model_dump_json()
    (data_dir / "demo").mkdir(parents=True, exist_ok=True)
    (data_dir / "demo" / SPEED_FILE).write_text(kept, encoding="utf-8")


def _paste(desk: MainWindow, kind: NoteKind, notes: str = NOTES) -> None:
    desk.source_edit.setPlainText(notes)
    desk.kind_box.setCurrentIndex(desk.kind_box.findData(kind))


def _finished(qtbot: QtBot, desk: MainWindow) -> None:
    qtbot.waitUntil(lambda: not desk.stop_button.isEnabled(), timeout=GENERATION_TIMEOUT_MS)


def test_the_status_line_names_the_stage_and_never_says_the_model_is_missing(
    qtbot: QtBot, desk: MainWindow
) -> None:
    _paste(desk, NoteKind.SHIFT_SBAR)
    seen: list[str] = []
    desk.generation.progress.connect(seen.append)

    desk.generate_button.click()
    assert desk.draft_status.text() == "Reading the notes · estimating…"
    qtbot.waitUntil(lambda: desk.draft_edit.toPlainText() != "", timeout=GENERATION_TIMEOUT_MS)
    _finished(qtbot, desk)

    assert any(line.startswith("Writing the draft · ") for line in seen)
    assert not [line for line in seen if "not loaded" in line]
    assert desk.draft_status.text().startswith("Draft written")


def test_after_one_draft_the_next_one_says_about_how_long_is_left(
    qtbot: QtBot, desk: MainWindow
) -> None:
    _paste(desk, NoteKind.SHIFT_SBAR)
    desk.generate_button.click()
    _finished(qtbot, desk)
    desk.source_edit.appendPlainText("1600 Resting comfortably, no new complaints.")

    desk.generate_button.click()

    line = desk.draft_status.text()
    assert line.startswith("Reading the notes · ")
    assert line.endswith(" left") or line.endswith("almost done")
    _finished(qtbot, desk)


def test_the_first_draft_of_a_session_is_timed_by_the_speed_kept_from_the_last(
    qtbot: QtBot, measured_here: None, desk: MainWindow
) -> None:
    _paste(desk, NoteKind.SHIFT_SBAR)

    desk.generate_button.click()

    assert desk.draft_status.text().startswith("Reading the notes · about ")
    _finished(qtbot, desk)


def test_notes_longer_than_a_batch_are_read_part_by_part(qtbot: QtBot, desk: MainWindow) -> None:
    _paste(desk, NoteKind.SHIFT_SBAR, "\n".join([NOTES] * 8))
    seen: list[str] = []
    desk.generation.progress.connect(seen.append)

    desk.generate_button.click()
    _finished(qtbot, desk)

    parts = [line for line in seen if line.startswith("Reading the notes: part ")]
    assert parts, seen
    assert parts[0].startswith("Reading the notes: part 1 of ")
    assert any(line.startswith("Reading the notes: part 2 of ") for line in parts)


def test_a_lock_in_the_middle_of_a_run_loses_none_of_its_text(
    qtbot: QtBot, desk: MainWindow
) -> None:
    _paste(desk, NoteKind.DISCHARGE)
    desk.generate_button.click()
    qtbot.waitUntil(lambda: desk.draft_edit.toPlainText() != "", timeout=GENERATION_TIMEOUT_MS)

    behind_the_lock: list[str] = []
    desk.generation.progress.connect(behind_the_lock.append)
    desk.lock()
    qtbot.waitUntil(lambda: bool(behind_the_lock), timeout=10_000)
    qtbot.keyClicks(desk.lock_screen.password, DEMO_PASSWORD)
    desk.lock_screen.unlock_button.click()
    qtbot.waitUntil(lambda: not desk.is_locked, timeout=10_000)
    still_writing = desk.is_generating
    _finished(qtbot, desk)

    saved = desk.current_draft
    assert saved is not None
    qtbot.waitUntil(lambda: desk.draft_edit.toPlainText() == saved.text, timeout=10_000)
    assert still_writing, "the run ended during the lock; the test needs a longer draft"
