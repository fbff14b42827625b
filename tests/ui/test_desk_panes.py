"""The desk's panes: saved drafts, notes, draft and review side by side, each reachable by its
Alt+letter, with direction controls taken out of the editors and reported."""

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import Workstation
from app.ui.desk_panes import DeskPanes
from app.ui.tasks import TaskRunner

RIGHT_TO_LEFT_OVERRIDE = "\u202e"


@pytest.fixture
def panes(qtbot: QtBot, demo_workstation: Workstation, tasks: TaskRunner) -> DeskPanes:
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    panes = DeskPanes(demo_workstation, session, tasks)
    qtbot.addWidget(panes)
    panes.show()
    return panes


def test_the_panes_run_from_saved_drafts_to_notes_to_draft_to_review(panes: DeskPanes) -> None:
    assert panes.count() == 4
    assert panes.widget(0) is panes.drafts_list
    assert panes.widget(1).isAncestorOf(panes.source_edit)
    assert panes.widget(2).isAncestorOf(panes.draft_edit)
    assert panes.widget(3) is panes.review_panel


@pytest.mark.parametrize(("label", "editor"), [("Source &notes", "source"), ("&Draft", "draft")])
def test_each_editor_has_a_label_whose_alt_letter_reaches_it(
    panes: DeskPanes, label: str, editor: str
) -> None:
    target = panes.source_edit if editor == "source" else panes.draft_edit
    [found] = [found for found in panes.findChildren(QLabel) if found.text() == label]
    assert found.buddy() is target


@pytest.mark.parametrize("editor", ["source", "draft"])
def test_direction_controls_pasted_into_an_editor_are_removed_and_counted(
    qtbot: QtBot, panes: DeskPanes, editor: str
) -> None:
    target = panes.source_edit if editor == "source" else panes.draft_edit

    with qtbot.waitSignal(panes.bidi_stripped) as stripped:
        target.insertPlainText(f"BP {RIGHT_TO_LEFT_OVERRIDE}08/021{RIGHT_TO_LEFT_OVERRIDE}")

    assert stripped.args == [2]
    assert target.toPlainText() == "BP 08/021"


def test_the_signed_notes_banner_and_copy_button_start_hidden(panes: DeskPanes) -> None:
    assert not panes.signed_banner.isVisible()
    assert not panes.copy_for_ehr_button.isVisible()


def test_the_buttons_are_named_for_screen_readers_without_their_mnemonics(
    panes: DeskPanes,
) -> None:
    buttons = (panes.generate_button, panes.regenerate_button, panes.new_note_button)
    assert [button.accessibleName() for button in buttons] == [
        "Generate",
        "Regenerate",
        "New note",
    ]
