"""Notes and drafts belong to one patient on the desk: nothing is chosen at sign-in, the bar
shows who the patient is, and another patient gets a clear desk (asking first when work is
not saved)."""

from pytestqt.qtbot import QtBot

from app.domain.notes import NoteKind
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.main_window import MainWindow
from tests.ui.conftest import choose_patient, open_saved_draft

ALEX, JORDAN = "DEMO-1001", "DEMO-1002"
ALEX_NOTES = "0700 Full code. Allergies: penicillin (hives). 0800 BP 142/88, HR 96.\n"
TIMEOUT_MS = 10_000


def _open_saved_draft_for_alex(qtbot: QtBot, desk: MainWindow, workstation: Workstation) -> None:
    open_saved_draft(qtbot, desk, workstation, "S: Stable. Full code.", notes=ALEX_NOTES, mrn=ALEX)


def test_no_patient_is_chosen_at_sign_in(signed_in_desk: MainWindow) -> None:
    bar = signed_in_desk.patient_bar
    assert bar.current is None
    assert bar.picker.currentIndex() == -1
    assert bar.identity.text() == "No patient chosen."


def test_generate_without_a_chosen_patient_asks_for_one(signed_in_desk: MainWindow) -> None:
    signed_in_desk.source_edit.setPlainText(ALEX_NOTES)
    signed_in_desk.generate_button.click()
    assert "Choose or add a patient" in signed_in_desk.notice.text()
    assert signed_in_desk.current_draft is None


def test_the_bar_shows_name_mrn_age_sex_allergies_and_code_status(
    qtbot: QtBot, signed_in_desk: MainWindow
) -> None:
    choose_patient(qtbot, signed_in_desk, JORDAN)
    identity = signed_in_desk.patient_bar.identity.text()
    for part in ("Jordan Sample", "MRN DEMO-1002", " y F", "Allergies: sulfa, latex"):
        assert part in identity
    assert "Code status: DNR/DNI" in identity


def test_notes_pasted_before_choosing_a_patient_stay_for_that_patient(
    qtbot: QtBot, signed_in_desk: MainWindow
) -> None:
    signed_in_desk.source_edit.setPlainText(ALEX_NOTES)
    choose_patient(qtbot, signed_in_desk, ALEX)
    assert signed_in_desk.source_edit.toPlainText() == ALEX_NOTES


def test_switching_patient_clears_the_previous_patients_notes_and_draft(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    _open_saved_draft_for_alex(qtbot, desk, demo_workstation)

    choose_patient(qtbot, desk, JORDAN)

    assert desk.current_draft is None
    assert desk.source_edit.toPlainText() == ""
    assert desk.draft_edit.toPlainText() == ""
    assert desk.review_panel.flag_list.count() == 0


def test_switching_with_unsaved_notes_asks_and_a_refusal_keeps_patient_and_notes(
    qtbot: QtBot, desk: MainWindow
) -> None:
    asked: list[bool] = []

    def refuse() -> bool:
        asked.append(True)
        return False

    desk.confirm_clear = refuse
    desk.source_edit.setPlainText(ALEX_NOTES)

    desk.patient_bar.picker.setCurrentIndex(desk.patient_bar.picker.findData(JORDAN))

    assert asked == [True]
    current = desk.patient_bar.current
    assert current is not None and current.mrn == ALEX
    assert "Alex Demo" in desk.patient_bar.identity.text()
    assert desk.source_edit.toPlainText() == ALEX_NOTES


def test_switching_with_unsaved_notes_and_agreeing_clears_them(
    qtbot: QtBot, desk: MainWindow
) -> None:
    desk.confirm_clear = lambda: True
    desk.source_edit.setPlainText(ALEX_NOTES)

    choose_patient(qtbot, desk, JORDAN)

    assert desk.source_edit.toPlainText() == ""


def test_the_old_patients_notes_cannot_be_drafted_for_the_new_patient(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation, nurse: Session
) -> None:
    _open_saved_draft_for_alex(qtbot, desk, demo_workstation)
    choose_patient(qtbot, desk, JORDAN)
    desk.source_edit.setPlainText(ALEX_NOTES)

    desk.generate_button.click()

    qtbot.waitUntil(lambda: "another patient" in desk.notice.text(), timeout=TIMEOUT_MS)
    assert desk.current_draft is None
    assert demo_workstation.drafts.list_drafts(nurse, JORDAN) == []


def test_opening_a_draft_from_the_list_brings_its_own_patient(
    qtbot: QtBot, signed_in_desk: MainWindow, demo_workstation: Workstation
) -> None:
    _open_saved_draft_for_alex(qtbot, signed_in_desk, demo_workstation)
    current = signed_in_desk.patient_bar.current
    assert current is not None and current.mrn == ALEX
    assert signed_in_desk.source_edit.toPlainText() == ALEX_NOTES


def test_new_note_clears_notes_draft_and_review_and_keeps_the_patient(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    _open_saved_draft_for_alex(qtbot, desk, demo_workstation)

    desk.new_note_button.click()

    assert desk.current_draft is None
    assert (desk.source_edit.toPlainText(), desk.draft_edit.toPlainText()) == ("", "")
    current = desk.patient_bar.current
    assert current is not None and current.mrn == ALEX
    assert desk.new_note_button.accessibleName() == "New note"


def test_new_note_with_unsaved_edits_asks_and_a_refusal_keeps_them(
    qtbot: QtBot, desk: MainWindow
) -> None:
    desk.confirm_clear = lambda: False
    qtbot.keyClicks(desk.source_edit, "0800 BP 120/80.")

    desk.new_note_button.click()

    assert desk.source_edit.toPlainText() == "0800 BP 120/80."


def test_opening_another_draft_over_unsaved_notes_asks_and_a_refusal_keeps_them(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation, nurse: Session
) -> None:
    demo_workstation.drafts.create_draft(nurse, JORDAN, NoteKind.SHIFT_SBAR, "0800 BP 120/80.")
    choose_patient(qtbot, desk, JORDAN)
    desk.drafts_list.refresh()
    qtbot.waitUntil(lambda: desk.drafts_list.count() == 1, timeout=TIMEOUT_MS)
    asked: list[bool] = []

    def refuse() -> bool:
        asked.append(True)
        return False

    desk.confirm_clear = refuse
    desk.source_edit.setPlainText("typed, not drafted yet")

    desk.drafts_list.open_row(0)
    qtbot.wait(200)

    assert asked == [True]
    assert desk.current_draft is None
    assert desk.source_edit.toPlainText() == "typed, not drafted yet"


def test_the_version_history_of_a_note_shows_whose_note_it_is(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    _open_saved_draft_for_alex(qtbot, desk, demo_workstation)

    desk.review_panel.history_button.click()

    dialog = desk.review_panel.history_dialog
    assert dialog is not None
    identity = dialog.identity.text()
    assert identity.startswith("Alex Demo · MRN DEMO-1001")
    assert "Allergies: penicillin (hives)" in identity and "Code status: Full code" in identity
    dialog.close()


def test_the_patient_cannot_be_changed_while_a_draft_is_generating(
    qtbot: QtBot, desk: MainWindow
) -> None:
    desk.source_edit.setPlainText(ALEX_NOTES)

    desk.generate_button.click()

    assert not desk.patient_bar.isEnabled()
    qtbot.waitUntil(desk.generate_button.isEnabled, timeout=180_000)
    assert desk.patient_bar.isEnabled()
