"""The nurse's path through the window: sign in, paste, generate, stop, save, reopen."""

from pytestqt.qtbot import QtBot

from app.domain.notes import NoteKind
from app.paths import resources_dir
from app.services.workstation import StartOptions, Workstation
from app.ui.application import WindowController
from app.ui.main_window import MainWindow
from tests.ui.conftest import sign_in

NOTES = (resources_dir() / "demo" / "shift-notes.txt").read_text(encoding="utf-8")
GENERATION_TIMEOUT_MS = 180_000


def _paste_and_choose_sbar(desk: MainWindow) -> None:
    desk.source_edit.setPlainText(NOTES)
    desk.kind_box.setCurrentIndex(desk.kind_box.findData(NoteKind.SHIFT_SBAR))


def _generate_to_the_end(qtbot: QtBot, desk: MainWindow) -> None:
    desk.generate_button.click()
    qtbot.waitUntil(lambda: not desk.stop_button.isEnabled(), timeout=GENERATION_TIMEOUT_MS)


def test_a_wrong_password_keeps_the_sign_in_form_with_a_message(
    qtbot: QtBot, controller: WindowController
) -> None:
    sign_in(qtbot, controller, password="wrong-password")
    dialog = controller.sign_in_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "not correct" in dialog.message.text(), timeout=10_000)
    assert controller.window is None
    assert dialog.password.text() == ""


def test_signing_in_opens_the_desk_with_the_demo_patients(desk: MainWindow) -> None:
    assert desk.patient_bar.picker.count() == 3
    assert "Demo Nurse" in desk.windowTitle()


def test_the_draft_streams_into_the_editor_and_is_saved_when_complete(
    qtbot: QtBot, desk: MainWindow
) -> None:
    _paste_and_choose_sbar(desk)
    _generate_to_the_end(qtbot, desk)
    draft = desk.current_draft
    assert draft is not None
    assert draft.text and desk.draft_edit.toPlainText() == draft.text
    assert "review every line" in desk.notice.text()
    qtbot.waitUntil(lambda: desk.drafts_list.count() == 1, timeout=5_000)


def test_stop_cancels_the_run_and_nothing_is_saved_over_the_draft(
    qtbot: QtBot, desk: MainWindow
) -> None:
    _paste_and_choose_sbar(desk)
    desk.generate_button.click()
    desk.stop_button.click()
    qtbot.waitUntil(desk.generate_button.isEnabled, timeout=GENERATION_TIMEOUT_MS)
    assert "Stopped" in desk.notice.text()
    draft = desk.current_draft
    assert draft is not None and draft.text == ""


def test_regenerate_after_stop_produces_a_complete_draft(qtbot: QtBot, desk: MainWindow) -> None:
    _paste_and_choose_sbar(desk)
    desk.generate_button.click()
    desk.stop_button.click()
    qtbot.waitUntil(desk.generate_button.isEnabled, timeout=GENERATION_TIMEOUT_MS)
    desk.regenerate_button.click()
    qtbot.waitUntil(lambda: not desk.stop_button.isEnabled(), timeout=GENERATION_TIMEOUT_MS)
    draft = desk.current_draft
    assert draft is not None and draft.text == desk.draft_edit.toPlainText() != ""


def test_an_edited_draft_is_saved_and_shown_again_after_a_restart(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    _paste_and_choose_sbar(desk)
    _generate_to_the_end(qtbot, desk)
    desk.draft_edit.setPlainText("Situation: reviewed and edited by the nurse.")
    desk.save_button.click()
    qtbot.waitUntil(lambda: desk.notice.text().startswith("Saved"), timeout=5_000)
    desk.close()
    data_dir = demo_workstation.locations.root.parent
    demo_workstation.close()

    reopened = Workstation.open(StartOptions(data_dir=data_dir, demo=True))
    controller = WindowController(reopened)
    controller.start()
    try:
        sign_in(qtbot, controller)
        qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
        window = controller.window
        assert window is not None
        qtbot.waitUntil(lambda: window.drafts_list.count() == 1, timeout=5_000)
        window.drafts_list.open_row(0)
        qtbot.waitUntil(lambda: window.current_draft is not None, timeout=5_000)
        assert window.draft_edit.toPlainText() == "Situation: reviewed and edited by the nurse."
        assert window.source_edit.toPlainText() == NOTES
        window.close()
    finally:
        controller.tasks.wait(10_000)
        reopened.close()


def test_closing_with_unsaved_changes_asks_first(qtbot: QtBot, desk: MainWindow) -> None:
    asked: list[bool] = []

    def refuse() -> bool:
        asked.append(True)
        return False

    desk.confirm_discard = refuse
    qtbot.keyClicks(desk.draft_edit, "typed but not saved")
    assert not desk.close()
    assert asked == [True]
    assert desk.isVisible()


def test_after_a_draft_the_status_line_says_it_is_written_and_the_details_name_the_model(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    _paste_and_choose_sbar(desk)
    _generate_to_the_end(qtbot, desk)

    info = demo_workstation.engine_host.info
    assert info is not None
    assert desk.draft_status.text().startswith("Draft written")
    assert info.model_file not in desk.draft_status.text()
    details = desk.draft_status.toolTip()
    assert f"Model file: {info.model_file}" in details
    assert "tokens/s" in details
    assert f"of {info.n_ctx:,} tokens" in details
    assert "Coverage:" in details
