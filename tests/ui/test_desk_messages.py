"""The desk's messages and buttons match what happens: a signed note offers no rewrite, a
stopped draft stays unsaved until the nurse edits it, an old error goes when the next action
starts, and a notice never moves the controls under it."""

from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from app.domain.notes import Draft
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.main_window import MainWindow
from tests.services.test_review import FAITHFUL, NOTES
from tests.ui.conftest import open_saved_draft

TIMEOUT_MS = 10_000
GENERATION_TIMEOUT_MS = 180_000


def _open_signed_note(qtbot: QtBot, desk: MainWindow, workstation: Workstation) -> Draft:
    return open_saved_draft(qtbot, desk, workstation, FAITHFUL, notes=NOTES, sign=True)


def test_a_signed_note_offers_no_generate_regenerate_or_save(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    _open_signed_note(qtbot, desk, demo_workstation)

    assert not desk.generate_button.isEnabled()
    assert not desk.regenerate_button.isEnabled()
    assert not desk.save_button.isEnabled()
    assert desk.draft_edit.isReadOnly() and desk.source_edit.isReadOnly()
    assert desk.new_note_button.isEnabled()


def test_regenerate_on_a_signed_note_leaves_its_text_on_screen(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    _open_signed_note(qtbot, desk, demo_workstation)

    desk.regenerate_button.click()

    assert desk.draft_edit.toPlainText() == FAITHFUL
    assert not desk.is_generating


def test_new_note_after_a_signed_note_offers_generate_again(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    _open_signed_note(qtbot, desk, demo_workstation)

    desk.new_note_button.click()

    assert desk.generate_button.isEnabled()
    assert not desk.source_edit.isReadOnly() and not desk.draft_edit.isReadOnly()


def test_a_stopped_draft_is_not_autosaved_until_the_nurse_edits_it(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation, nurse: Session
) -> None:
    desk.source_edit.setPlainText(NOTES)
    desk.generate_button.click()
    desk.stop_button.click()
    qtbot.waitUntil(desk.generate_button.isEnabled, timeout=GENERATION_TIMEOUT_MS)
    draft = desk.current_draft
    assert draft is not None

    desk.autosave.save_now()
    qtbot.wait(300)

    assert "not saved" in desk.notice.text()
    assert demo_workstation.drafts.open_draft(nurse, draft.id).text == ""

    qtbot.keyClicks(desk.draft_edit, "Edited by the nurse.")
    desk.autosave.save_now()
    qtbot.waitUntil(
        lambda: demo_workstation.drafts.open_draft(nurse, draft.id).text != "",
        timeout=TIMEOUT_MS,
    )


def test_an_error_notice_goes_when_the_next_action_starts(qtbot: QtBot, desk: MainWindow) -> None:
    desk.save_button.click()
    assert desk.notice.text() == "Generate a draft before saving."

    desk.source_edit.setPlainText(NOTES)
    desk.generate_button.click()

    assert "Generate a draft before saving." not in desk.notice.text()
    qtbot.waitUntil(desk.generate_button.isEnabled, timeout=GENERATION_TIMEOUT_MS)


def test_showing_and_hiding_a_notice_does_not_move_the_controls(
    qtbot: QtBot, desk: MainWindow
) -> None:
    desk.show()
    qtbot.waitExposed(desk)
    # The offscreen screen is narrower than the desk, which opens at its minimum width there:
    # labels filled in just after opening still move the panes once.
    qtbot.wait(300)
    before = desk.generate_button.mapTo(desk, QPoint(0, 0))

    desk.show_notice("Saved (encrypted).")
    qtbot.wait(50)
    shown = desk.generate_button.mapTo(desk, QPoint(0, 0))
    desk.show_notice("")
    qtbot.wait(50)

    assert shown == before
    assert desk.generate_button.mapTo(desk, QPoint(0, 0)) == before
