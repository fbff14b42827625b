"""The desk tells the nurse what the guards on generation found in a whole-note draft: a loop
stopped (the editor then shows the text kept, as saved), an unfinished draft, and notes too
short for the kind chosen."""

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.domain.notes import NoteKind
from app.services.demo import DEMO_PASSWORD
from app.services.workstation import Workstation
from app.ui.main_window import MainWindow
from tests.ui.conftest import FIRST_DEMO_MRN, choose_patient, signed_in_window, started
from tests.ui.menus import generate_whole_note

NOTES = "0700 BP 128/76, HR 82, SpO2 96% RA. Ambulated to chair with one assist.\n"


def test_a_draft_cut_off_at_the_token_limit_is_called_unfinished_on_the_desk(
    qtbot: QtBot, desk: MainWindow
) -> None:
    # The tiny model never ends its turn: every draft runs to the kind's token limit.
    desk.source_edit.setPlainText(NOTES)

    generate_whole_note(desk)
    qtbot.waitUntil(lambda: not desk.stop_button.isEnabled(), timeout=60_000)

    assert desk.notice.text().startswith("Draft ready")
    assert "The draft is unfinished" in desk.notice.text()


def test_a_discharge_summary_from_two_lines_is_refused_on_the_desk_with_the_reason(
    qtbot: QtBot, desk: MainWindow
) -> None:
    desk.source_edit.setPlainText(NOTES)
    desk.kind_box.setCurrentIndex(desk.kind_box.findData(NoteKind.DISCHARGE))

    generate_whole_note(desk)
    qtbot.waitUntil(lambda: "too short" in desk.notice.text(), timeout=60_000)

    assert "discharge summary" in desk.notice.text()
    assert desk.draft_edit.toPlainText() == ""


@pytest.fixture
def looping_desk(qtbot: QtBot, looping_workstation: Workstation) -> Iterator[MainWindow]:
    """The desk on a workstation whose model falls into a loop, the first demo patient chosen."""
    with started(looping_workstation) as controller:
        window = signed_in_window(qtbot, controller)
        choose_patient(qtbot, window, FIRST_DEMO_MRN)
        yield window


def test_a_loop_stopped_by_the_guards_is_said_on_the_desk_which_shows_only_the_kept_text(
    qtbot: QtBot, looping_desk: MainWindow
) -> None:
    desk = looping_desk
    streamed: list[str] = []
    desk.generation.text_arrived.connect(streamed.append)
    desk.source_edit.setPlainText(NOTES)

    generate_whole_note(desk)
    qtbot.waitUntil(lambda: not desk.stop_button.isEnabled(), timeout=60_000)

    notice = desk.notice.text()
    assert notice.startswith("Draft ready") and "The model began repeating itself" in notice
    saved = desk.current_draft
    assert saved is not None
    kept = desk.draft_edit.toPlainText()
    assert kept == saved.text and len(kept) < len("".join(streamed))
    assert "".join(streamed).startswith(kept)
    assert not desk.draft_edit.document().isModified()


def test_a_draft_that_finished_behind_the_lock_is_said_with_its_findings_on_unlock(
    qtbot: QtBot, desk: MainWindow
) -> None:
    desk.source_edit.setPlainText(NOTES)
    with qtbot.waitSignal(desk.generation.started, timeout=60_000):
        generate_whole_note(desk)
    desk.lock()
    qtbot.waitUntil(lambda: not desk.is_generating, timeout=60_000)
    assert desk.is_locked and "unfinished" not in desk.notice.text()

    qtbot.keyClicks(desk.lock_screen.password, DEMO_PASSWORD)
    desk.lock_screen.unlock_button.click()
    qtbot.waitUntil(lambda: "The draft is unfinished" in desk.notice.text(), timeout=10_000)

    saved = desk.current_draft
    assert saved is not None and desk.draft_edit.toPlainText() == saved.text != ""
    assert desk.notice.text().startswith("Draft ready")
