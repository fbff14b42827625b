"""A new user's desk shows the steps of a note where the draft will appear; a user with drafts
of her own sees the usual line."""

from pytestqt.qtbot import QtBot

from app.domain.notes import NoteKind
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.first_run import FIRST_RUN_HINT, USUAL_HINT
from app.ui.main_window import MainWindow
from tests.ui.conftest import FIRST_DEMO_MRN

NOTES = "0800 BP 132/84, HR 88, SpO2 95% RA. Pain 2/10.\n"


def test_a_user_without_drafts_sees_the_steps_in_the_empty_draft_pane(
    qtbot: QtBot, signed_in_desk: MainWindow
) -> None:
    qtbot.waitUntil(lambda: signed_in_desk.first_run_hint.showing, timeout=10_000)

    hint = signed_in_desk.draft_edit.placeholderText()
    assert hint == FIRST_RUN_HINT
    assert "Choose the patient" in hint and "Generate (Alt+G)" in hint and "F1" in hint


def test_once_she_has_a_draft_the_pane_shows_the_usual_line(
    qtbot: QtBot, signed_in_desk: MainWindow, demo_workstation: Workstation, nurse: Session
) -> None:
    desk = signed_in_desk
    qtbot.waitUntil(lambda: desk.first_run_hint.showing, timeout=10_000)
    demo_workstation.drafts.create_draft(nurse, FIRST_DEMO_MRN, NoteKind.SHIFT_SBAR, NOTES)

    with qtbot.waitSignal(desk.drafts_list.shown, timeout=10_000):
        desk.drafts_list.refresh()

    assert desk.draft_edit.placeholderText() == USUAL_HINT


def test_an_empty_search_does_not_bring_the_hint_back(
    qtbot: QtBot, signed_in_desk: MainWindow, demo_workstation: Workstation, nurse: Session
) -> None:
    desk = signed_in_desk
    demo_workstation.drafts.create_draft(nurse, FIRST_DEMO_MRN, NoteKind.SHIFT_SBAR, NOTES)
    with qtbot.waitSignal(desk.drafts_list.shown, timeout=10_000):
        desk.drafts_list.refresh()

    with qtbot.waitSignal(desk.drafts_list.shown, timeout=10_000):
        desk.drafts_list.search("nobody of that name")

    assert desk.drafts_list.count() == 0
    assert desk.draft_edit.placeholderText() == USUAL_HINT
