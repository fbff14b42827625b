"""The desk's review of a de-identified copy: replacements highlighted, the date method
chosen, additions, then saved."""

import os
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.deidentify import DateMethod
from app.domain.deidentify.review import ADDED_TAG, MarkedCopy
from app.domain.notes import Draft, NoteKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.export import ExportService
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.deidentified_review import DeidentifiedReview
from app.ui.export_actions import ExportActions
from app.ui.tasks import TaskRunner

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

COPY = MarkedCopy("Mr [PATIENT] likes the Orioles.", ((3, 12),))
SHIFTED = MarkedCopy("Mr [PATIENT] saw the Orioles on 2/23.", ((3, 12), (32, 36)))


class Remakes:
    """Stands in for the export service: records each date method asked for, and hands the
    dialog a new copy only when the test says so."""

    def __init__(self) -> None:
        self.asked: list[DateMethod] = []
        self.pending: list[Callable[[MarkedCopy], None]] = []

    def __call__(self, dates: DateMethod, show: Callable[[MarkedCopy], None]) -> None:
        self.asked.append(dates)
        self.pending.append(show)


def highlighted(dialog: DeidentifiedReview) -> list[str]:
    return [selection.cursor.selectedText() for selection in dialog.text.extraSelections()]


def test_every_replacement_is_highlighted(qtbot: QtBot) -> None:
    dialog = DeidentifiedReview(COPY, Remakes())
    qtbot.addWidget(dialog)
    assert dialog.text.toPlainText() == COPY.text
    assert highlighted(dialog) == ["[PATIENT]"]


def test_a_phrase_the_nurse_types_is_replaced_and_highlighted(qtbot: QtBot) -> None:
    dialog = DeidentifiedReview(COPY, Remakes())
    qtbot.addWidget(dialog)
    dialog.phrase.setText("orioles")
    dialog.replace_button.click()
    assert dialog.copy().text == f"Mr [PATIENT] likes the {ADDED_TAG}."
    assert highlighted(dialog) == ["[PATIENT]", ADDED_TAG]
    assert dialog.phrase.text() == ""


def test_dates_are_removed_unless_the_nurse_chooses_to_shift_them(qtbot: QtBot) -> None:
    remakes = Remakes()
    dialog = DeidentifiedReview(COPY, remakes)
    qtbot.addWidget(dialog)
    assert dialog.remove_dates.isChecked() and not dialog.shift_dates.isChecked()
    assert remakes.asked == []


def test_choosing_to_shift_dates_makes_the_copy_again_and_holds_save_until_it_comes(
    qtbot: QtBot,
) -> None:
    remakes = Remakes()
    dialog = DeidentifiedReview(COPY, remakes)
    qtbot.addWidget(dialog)
    dialog.shift_dates.click()
    assert remakes.asked == [DateMethod.SHIFT]
    assert not dialog.save_button.isEnabled()
    remakes.pending[0](SHIFTED)
    assert dialog.copy() == SHIFTED
    assert dialog.save_button.isEnabled()


def test_the_nurses_replacements_survive_a_change_of_date_method(qtbot: QtBot) -> None:
    remakes = Remakes()
    dialog = DeidentifiedReview(COPY, remakes)
    qtbot.addWidget(dialog)
    dialog.replace("orioles")
    dialog.shift_dates.click()
    remakes.pending[0](SHIFTED)
    assert dialog.copy().text == f"Mr [PATIENT] saw the {ADDED_TAG} on 2/23."
    assert highlighted(dialog) == ["[PATIENT]", ADDED_TAG, "2/23"]


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner(qapp)
    yield runner
    runner.wait(10_000)


def export_actions(
    workstation: Workstation, session: Session, tasks: TaskRunner, folder: Path
) -> ExportActions:
    """The desk's export actions for `session`, saving into `folder`."""
    drafts = workstation.drafts
    return ExportActions(
        ExportService(drafts._store, drafts._trail),
        session,
        tasks,
        clipboard_clear_seconds=0.2,
        default_dir=folder,
    )


def saved_draft(workstation: Workstation, session: Session, notes: str, text: str) -> Draft:
    """A demo patient's SBAR drafted by `session` from `notes`, its text saved as `text`."""
    drafts = workstation.drafts
    draft = drafts.create_draft(session, "DEMO-1001", NoteKind.SHIFT_SBAR, notes)
    return drafts.save_text(session, draft.id, text, draft.revision)


def test_the_reviewed_copy_is_what_is_saved(
    qtbot: QtBot, tasks: TaskRunner, demo_workstation: Workstation, tmp_path: Path
) -> None:
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    actions = export_actions(demo_workstation, session, tasks, tmp_path)
    notes, text = "Mr Halvorsen, 3/14.", "Situation: Mr. Halvorsen stable."
    draft = saved_draft(demo_workstation, session, notes, text)
    reviewed: list[MarkedCopy] = []

    def review(copy: MarkedCopy, remake: object) -> str:
        reviewed.append(copy)
        return copy.text.replace("stable", "[REDACTED]")

    actions.review_copy = review
    actions.choose_save_path = lambda title, suggested, name_filter: tmp_path / "example.txt"
    with qtbot.waitSignal(actions.finished, timeout=20_000):
        actions.save_deidentified(draft)
    saved = (tmp_path / "example.txt").read_text(encoding="utf-8")
    assert "Halvorsen" not in saved and "[REDACTED]" in saved
    assert [reviewed[0].text[start:end] for start, end in reviewed[0].marks][:2] == [
        "[PATIENT]",
        "[DATE]",
    ]


def test_nothing_is_saved_when_the_nurse_cancels_the_review(
    qtbot: QtBot, tasks: TaskRunner, demo_workstation: Workstation, tmp_path: Path
) -> None:
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    actions = export_actions(demo_workstation, session, tasks, tmp_path)
    draft = saved_draft(demo_workstation, session, "Mr Halvorsen.", "Situation: stable.")
    asked: list[str] = []
    actions.review_copy = lambda copy, remake: None
    actions.choose_save_path = lambda title, suggested, name_filter: asked.append(title)
    actions.save_deidentified(draft)
    tasks.wait(20_000)
    qtbot.wait(200)
    assert asked == [] and list(tmp_path.glob("*.txt")) == []


def test_a_copy_with_shifted_dates_says_so_and_keeps_the_days_between_them(
    qtbot: QtBot, tasks: TaskRunner, demo_workstation: Workstation, tmp_path: Path
) -> None:
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    actions = export_actions(demo_workstation, session, tasks, tmp_path)
    notes = "Mr Halvorsen admitted 03/10/2024, extubated 03/14/2024."
    draft = saved_draft(demo_workstation, session, notes, "Situation: stable.")
    shifted: list[MarkedCopy] = []

    def review(copy: MarkedCopy, remake: Callable[..., None]) -> str:
        remake(DateMethod.SHIFT, shifted.append)
        qtbot.waitUntil(lambda: bool(shifted), timeout=20_000)
        return shifted[0].text

    actions.review_copy = review
    actions.choose_save_path = lambda title, suggested, name_filter: tmp_path / "example.txt"
    with qtbot.waitSignal(actions.finished, timeout=20_000):
        actions.save_deidentified(draft)
    saved = (tmp_path / "example.txt").read_text(encoding="utf-8")
    assert "dates shifted" in saved.splitlines()[0]
    assert "03/10/2024" not in saved and "03/14/2024" not in saved
    moved = [
        date(int(year), int(month), int(day))
        for month, day, year in re.findall(r"(\d\d)/(\d\d)/(\d{4})", saved)
    ]
    assert len(moved) == 2 and (moved[1] - moved[0]).days == 4
