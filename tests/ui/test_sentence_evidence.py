"""Sentences the notes do not support head the review list, and selecting one shows in the notes
the sentences that come closest to it."""

import pytest
from pytestqt.qtbot import QtBot

from app.services.workstation import Workstation
from app.ui.tasks import TaskRunner
from tests.ui.review_desk import ReviewDesk, checked_desk

NOTES = "0800 BP 132/84, HR 88, SpO2 95% RA. Pain 2/10. Ambulating with walker in the hallway.\n"
INVENTED = (
    "S: Stable shift. BP 150/95, HR 88, SpO2 95% RA. Pain 2/10. Ambulating with walker to the "
    "cardiology clinic downstairs for evaluation tomorrow.\n"
)
SENTENCE = "Ambulating with walker to the cardiology clinic downstairs for evaluation tomorrow"


@pytest.fixture
def checked(qtbot: QtBot, demo_workstation: Workstation, tasks: TaskRunner) -> ReviewDesk:
    """A draft with one sentence the notes never support and one contradicted value, checked."""
    return checked_desk(qtbot, demo_workstation, tasks, NOTES, INVENTED)


def test_a_sentence_not_found_in_the_notes_is_listed_first_and_quoted(checked: ReviewDesk) -> None:
    rows = [checked.panel.flag_list.item(i).text() for i in range(checked.panel.flag_list.count())]

    assert rows[0] == f"Unresolved · Not found in the notes: “{SENTENCE}”"
    assert any("Contradicted blood pressure" in row for row in rows[1:])


def test_selecting_it_highlights_the_closest_sentence_of_the_notes(checked: ReviewDesk) -> None:
    checked.panel.flag_list.setCurrentRow(0)

    [highlight] = checked.notes.extraSelections()
    assert highlight.cursor.selectedText().strip() == "Ambulating with walker in the hallway"
    assert checked.draft.textCursor().selectedText() == SENTENCE


def test_selecting_another_flag_replaces_the_evidence_highlight(checked: ReviewDesk) -> None:
    checked.panel.flag_list.setCurrentRow(0)
    checked.panel.flag_list.setCurrentRow(1)

    [highlight] = checked.notes.extraSelections()
    assert highlight.cursor.selectedText() == "BP 132/84"
