"""Flags a nurse can act on: each names its value and shows where it stands in the notes, a
contradiction can take the notes' value in one click, and the list follows the nurse's edits
instead of vanishing at the first keystroke."""

import pytest
from pytestqt.qtbot import QtBot

from app.services.workstation import Workstation
from app.ui.tasks import TaskRunner
from tests.ui.review_desk import TIMEOUT_MS, ReviewDesk, checked_desk

NOTES = "0800 BP 132/84, HR 88, SpO2 95% RA. Pain 2/10. Ambulating with walker.\n"
WRONG_BP = "S: Stable shift. BP 150/95, HR 88, SpO2 95% RA. Pain 2/10.\n"
INVENTED_TEMP = "S: Stable shift. BP 132/84, HR 88, SpO2 95% RA. Temp 39.4 C. Pain 2/10.\n"


@pytest.fixture
def wrong_bp(qtbot: QtBot, demo_workstation: Workstation, tasks: TaskRunner) -> ReviewDesk:
    return checked_desk(qtbot, demo_workstation, tasks, NOTES, WRONG_BP)


@pytest.fixture
def invented_temp(qtbot: QtBot, demo_workstation: Workstation, tasks: TaskRunner) -> ReviewDesk:
    return checked_desk(qtbot, demo_workstation, tasks, NOTES, INVENTED_TEMP)


def _rechecked(qtbot: QtBot, desk: ReviewDesk) -> None:
    qtbot.waitUntil(lambda: "Checked as you edit" in desk.panel.message.text(), timeout=TIMEOUT_MS)


def test_a_contradiction_names_the_drafts_value_and_the_notes_value(wrong_bp: ReviewDesk) -> None:
    row = wrong_bp.panel.flag_list.item(0).text()
    assert row.startswith(
        "Unresolved · Contradicted blood pressure “BP 150/95”, the notes say “BP 132/84”"
    )


def test_an_unsupported_fact_names_its_value(invented_temp: ReviewDesk) -> None:
    row = invented_temp.panel.flag_list.item(0).text()
    assert row.startswith("Unresolved · Unsupported temperature “Temp 39.4 C”")


def test_choosing_a_contradiction_highlights_where_the_value_stands_in_the_notes(
    wrong_bp: ReviewDesk,
) -> None:
    wrong_bp.panel.flag_list.setCurrentRow(0)

    [highlight] = wrong_bp.notes.extraSelections()
    assert highlight.cursor.selectedText() == "BP 132/84"
    assert wrong_bp.draft.textCursor().selectedText() == "BP 150/95"


def test_use_the_notes_value_writes_it_over_the_contradicted_value(
    qtbot: QtBot, wrong_bp: ReviewDesk
) -> None:
    wrong_bp.panel.flag_list.setCurrentRow(0)
    assert wrong_bp.panel.use_source_button.isEnabled()

    wrong_bp.panel.use_source_button.click()

    assert wrong_bp.draft.toPlainText() == WRONG_BP.replace("BP 150/95", "BP 132/84")
    _rechecked(qtbot, wrong_bp)
    assert wrong_bp.panel.flag_list.count() == 0


def test_use_the_notes_value_is_not_offered_for_an_unsupported_fact(
    invented_temp: ReviewDesk,
) -> None:
    invented_temp.panel.flag_list.setCurrentRow(0)
    assert not invented_temp.panel.use_source_button.isEnabled()


def test_a_pause_in_typing_rechecks_and_highlights_the_flag_where_it_now_stands(
    qtbot: QtBot, invented_temp: ReviewDesk
) -> None:
    cursor = invented_temp.draft.textCursor()
    cursor.setPosition(0)
    invented_temp.draft.setTextCursor(cursor)
    qtbot.keyClicks(invented_temp.draft, "Night: ")

    _rechecked(qtbot, invented_temp)

    assert invented_temp.panel.flag_list.count() == 1
    [highlight] = invented_temp.draft.extraSelections()
    assert highlight.cursor.selectedText() == "Temp 39.4 C"


def test_deleting_the_flagged_value_clears_its_flag_but_signing_waits_for_a_save(
    qtbot: QtBot, invented_temp: ReviewDesk
) -> None:
    invented_temp.draft.setPlainText(INVENTED_TEMP.replace(" Temp 39.4 C.", ""))
    invented_temp.draft.document().setModified(True)

    _rechecked(qtbot, invented_temp)

    assert invented_temp.panel.flag_list.count() == 0
    assert invented_temp.panel.message.text().startswith("Clean check")
    assert not invented_temp.panel.sign_button.isEnabled()


def test_an_accepted_flag_stays_accepted_when_an_edit_moves_it(
    qtbot: QtBot, invented_temp: ReviewDesk
) -> None:
    panel = invented_temp.panel
    panel.flag_list.setCurrentRow(0)
    panel.accept_button.click()
    qtbot.waitUntil(lambda: panel.flag_list.item(0).text().startswith("Resolved"))

    cursor = invented_temp.draft.textCursor()
    cursor.setPosition(0)
    invented_temp.draft.setTextCursor(cursor)
    qtbot.keyClicks(invented_temp.draft, "Night: ")
    _rechecked(qtbot, invented_temp)

    assert panel.flag_list.item(0).text().startswith("Resolved")
