"""After signing: the signed state shows on the editor, Copy for EHR is one visible click, and
FHIR Composition is offered only for the kind that maps to it. Importing notes over pasted
ones asks first."""

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.notes import NoteKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import Workstation
from app.ui.credentials_dialog import CredentialsDialog
from app.ui.main_window import MainWindow
from tests.services.test_review import FAITHFUL, NOTES
from tests.ui.conftest import open_saved_draft
from tests.ui.menus import menu_action

TIMEOUT_MS = 10_000


def _my_credentials(desk: MainWindow) -> CredentialsDialog:
    menu_action(desk, "My credentials…").trigger()
    [dialog] = [child for child in desk.findChildren(CredentialsDialog) if child.isVisible()]
    return dialog


def test_a_signed_note_says_so_on_the_editor_and_offers_copy_for_ehr(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    open_saved_draft(
        qtbot, desk, demo_workstation, FAITHFUL, notes=NOTES, kind=NoteKind.SHIFT_SBAR, sign=True
    )

    assert desk.signed_banner.isVisibleTo(desk)
    assert desk.signed_banner.text().endswith("· read-only. Amend to make a change.")
    assert desk.copy_for_ehr_button.isVisibleTo(desk)


def test_the_banner_names_who_signed_the_note_and_when(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    stored = open_saved_draft(
        qtbot, desk, demo_workstation, FAITHFUL, notes=NOTES, kind=NoteKind.SHIFT_SBAR, sign=True
    )
    nurse = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    [version] = demo_workstation.review.history(nurse, stored.id)
    assert version.signed_at is not None
    when = version.signed_at.astimezone().strftime("%Y-%m-%d %H:%M")

    qtbot.waitUntil(lambda: desk.signed_banner.text().startswith("Signed by"), timeout=TIMEOUT_MS)

    assert desk.signed_banner.text() == (
        f"Signed by Demo Nurse, RN on {when} · read-only. Amend to make a change."
    )


def test_credentials_changed_after_signing_leave_the_signed_note_as_signed(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    open_saved_draft(
        qtbot, desk, demo_workstation, FAITHFUL, notes=NOTES, kind=NoteKind.SHIFT_SBAR, sign=True
    )
    credentials = _my_credentials(desk)
    credentials.field.clear()
    qtbot.keyClicks(credentials.field, "RN, BSN")
    with qtbot.waitSignal(credentials.saved, timeout=TIMEOUT_MS):
        credentials.save_button.click()
    desk.new_note()
    desk.drafts_list.open_row(0)
    qtbot.waitUntil(lambda: desk.current_draft is not None, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: desk.signed_banner.text().startswith("Signed by"), timeout=TIMEOUT_MS)

    with qtbot.waitSignal(desk.exports.finished, timeout=TIMEOUT_MS):
        desk.copy_for_ehr_button.click()

    clipboard = QApplication.clipboard().text()
    desk.exports.clipboard.clear_if_ours()
    assert desk.signed_banner.text().startswith("Signed by Demo Nurse, RN on ")
    assert "verified and signed by Demo Nurse, RN on " in clipboard


def test_copy_for_ehr_puts_the_signed_note_on_the_clipboard(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    open_saved_draft(
        qtbot, desk, demo_workstation, FAITHFUL, notes=NOTES, kind=NoteKind.SHIFT_SBAR, sign=True
    )

    with qtbot.waitSignal(desk.exports.finished, timeout=TIMEOUT_MS):
        desk.copy_for_ehr_button.click()

    clipboard = QApplication.clipboard().text()
    assert clipboard.startswith("Alex Demo · MRN DEMO-1001")
    assert FAITHFUL.strip() in clipboard
    desk.exports.clipboard.clear_if_ours()


def test_an_unsigned_draft_shows_neither_banner_nor_copy_button(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    open_saved_draft(
        qtbot, desk, demo_workstation, FAITHFUL, notes=NOTES, kind=NoteKind.SHIFT_SBAR, sign=False
    )

    assert not desk.signed_banner.isVisibleTo(desk)
    assert not desk.copy_for_ehr_button.isVisibleTo(desk)


def test_fhir_composition_is_offered_only_for_a_discharge_summary(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    assert not desk.composition_action.isEnabled()
    open_saved_draft(
        qtbot, desk, demo_workstation, FAITHFUL, notes=NOTES, kind=NoteKind.DISCHARGE, sign=False
    )
    assert desk.composition_action.isEnabled()

    desk.new_note_button.click()

    assert not desk.composition_action.isEnabled()


def test_importing_over_pasted_notes_asks_and_a_refusal_keeps_them(
    qtbot: QtBot, desk: MainWindow, tmp_path: Path
) -> None:
    notes_file = tmp_path / "night.txt"
    notes_file.write_text("0200 Slept well.\n", encoding="utf-8")
    asked: list[bool] = []

    def refuse() -> bool:
        asked.append(True)
        return False

    desk.confirm_clear = refuse
    desk.source_edit.setPlainText("0800 Pasted by hand.")

    desk.import_notes_from(notes_file)

    qtbot.waitUntil(lambda: asked == [True], timeout=TIMEOUT_MS)
    assert desk.source_edit.toPlainText() == "0800 Pasted by hand."


def test_importing_into_empty_notes_does_not_ask(
    qtbot: QtBot, desk: MainWindow, tmp_path: Path
) -> None:
    notes_file = tmp_path / "night.txt"
    notes_file.write_text("0200 Slept well.\n", encoding="utf-8")
    desk.confirm_clear = lambda: False

    desk.import_notes_from(notes_file)

    qtbot.waitUntil(
        lambda: desk.source_edit.toPlainText().startswith("0200 Slept well."), timeout=TIMEOUT_MS
    )
