"""The desk tells the nurse what the guards on generation found: an unfinished draft, and notes
too short for the kind chosen."""

from pytestqt.qtbot import QtBot

from app.domain.notes import NoteKind
from app.ui.main_window import MainWindow

NOTES = "0700 BP 128/76, HR 82, SpO2 96% RA. Ambulated to chair with one assist.\n"


def test_a_draft_cut_off_at_the_token_limit_is_called_unfinished_on_the_desk(
    qtbot: QtBot, desk: MainWindow
) -> None:
    # The tiny model never ends its turn: every draft runs to the kind's token limit.
    desk.source_edit.setPlainText(NOTES)

    desk.generate_button.click()
    qtbot.waitUntil(lambda: not desk.stop_button.isEnabled(), timeout=60_000)

    assert desk.notice.text().startswith("Draft ready")
    assert "The draft is unfinished" in desk.notice.text()


def test_a_discharge_summary_from_two_lines_is_refused_on_the_desk_with_the_reason(
    qtbot: QtBot, desk: MainWindow
) -> None:
    desk.source_edit.setPlainText(NOTES)
    desk.kind_box.setCurrentIndex(desk.kind_box.findData(NoteKind.DISCHARGE))

    desk.generate_button.click()
    qtbot.waitUntil(lambda: "too short" in desk.notice.text(), timeout=60_000)

    assert "discharge summary" in desk.notice.text()
    assert desk.draft_edit.toPlainText() == ""
