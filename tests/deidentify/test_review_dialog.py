"""The desk's review of a de-identified copy: replacements highlighted, additions, then saved."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.deidentify.review import ADDED_TAG, MarkedCopy
from app.domain.notes import NoteKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.export import ExportService
from app.services.workstation import Workstation
from app.ui.deidentified_review import DeidentifiedReview
from app.ui.export_actions import ExportActions
from app.ui.tasks import TaskRunner

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

COPY = MarkedCopy("Mr [PATIENT] likes the Orioles.", ((3, 12),))


def highlighted(dialog: DeidentifiedReview) -> list[str]:
    return [selection.cursor.selectedText() for selection in dialog.text.extraSelections()]


def test_every_replacement_is_highlighted(qtbot: QtBot) -> None:
    dialog = DeidentifiedReview(COPY)
    qtbot.addWidget(dialog)
    assert dialog.text.toPlainText() == COPY.text
    assert highlighted(dialog) == ["[PATIENT]"]


def test_a_phrase_the_nurse_types_is_replaced_and_highlighted(qtbot: QtBot) -> None:
    dialog = DeidentifiedReview(COPY)
    qtbot.addWidget(dialog)
    dialog.phrase.setText("orioles")
    dialog.replace_button.click()
    assert dialog.copy().text == f"Mr [PATIENT] likes the {ADDED_TAG}."
    assert highlighted(dialog) == ["[PATIENT]", ADDED_TAG]
    assert dialog.phrase.text() == ""


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner(qapp)
    yield runner
    runner.wait(10_000)


def test_the_reviewed_copy_is_what_is_saved(
    qtbot: QtBot, tasks: TaskRunner, demo_workstation: Workstation, tmp_path: Path
) -> None:
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    drafts = demo_workstation.drafts
    draft = drafts.create_draft(session, "DEMO-1001", NoteKind.SHIFT_SBAR, "Mr Halvorsen, 3/14.")
    draft = drafts.save_text(session, draft.id, "Situation: Mr. Halvorsen stable.", draft.revision)
    actions = ExportActions(
        ExportService(drafts._store, drafts._trail),
        session,
        tasks,
        clipboard_clear_seconds=0.2,
        default_dir=tmp_path,
    )
    reviewed: list[MarkedCopy] = []

    def review(copy: MarkedCopy) -> str:
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
    drafts = demo_workstation.drafts
    draft = drafts.create_draft(session, "DEMO-1001", NoteKind.SHIFT_SBAR, "Mr Halvorsen.")
    draft = drafts.save_text(session, draft.id, "Situation: stable.", draft.revision)
    actions = ExportActions(
        ExportService(drafts._store, drafts._trail),
        session,
        tasks,
        clipboard_clear_seconds=0.2,
        default_dir=tmp_path,
    )
    asked: list[str] = []
    actions.review_copy = lambda copy: None
    actions.choose_save_path = lambda title, suggested, name_filter: asked.append(title)
    actions.save_deidentified(draft)
    tasks.wait(20_000)
    qtbot.wait(200)
    assert asked == [] and list(tmp_path.glob("*.txt")) == []
