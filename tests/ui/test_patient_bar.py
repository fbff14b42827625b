"""The patient bar: choosing a patient and registering a new one through the real service."""

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.audit import AuditAction
from app.domain.notes import Patient
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import Workstation
from app.ui.patient_bar import NewPatientDialog, PatientBar
from app.ui.tasks import TaskRunner
from tests.fixtures.audit_log import audit_store


@pytest.fixture
def bar(qtbot: QtBot, tasks: TaskRunner, demo_workstation: Workstation) -> Iterator[PatientBar]:
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    bar = PatientBar(demo_workstation.drafts, session, tasks)
    qtbot.addWidget(bar)
    bar.refresh()
    qtbot.waitUntil(lambda: bar.picker.count() == 3, timeout=5_000)
    yield bar
    tasks.wait(10_000)


def _when_dialog_opens(qtbot: QtBot, act: Callable[[NewPatientDialog], None]) -> None:
    def find_and_act() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewPatientDialog)
        act(dialog)

    QTimer.singleShot(0, find_and_act)


def _type(qtbot: QtBot, dialog: NewPatientDialog, name: str, mrn: str) -> None:
    qtbot.keyClicks(dialog.name, name)
    qtbot.keyClicks(dialog.mrn, mrn)
    qtbot.keyClicks(dialog.unit, "6 North")
    qtbot.keyClicks(dialog.bed, "7")


def test_the_bar_lists_patients_and_shows_where_the_chosen_one_is(bar: PatientBar) -> None:
    bar.select("DEMO-1003")
    assert bar.current is not None and bar.current.name == "Riley Example"
    assert bar.details.text() == "5 East Cardiac · bed 3 · encounter 2026-11-20"
    assert bar.identity.text().startswith("Riley Example · MRN DEMO-1003 · ")
    assert bar.identity.text().endswith("Allergies: NKDA · Code status: Full code")


def test_the_bar_chooses_nobody_until_the_nurse_does(bar: PatientBar) -> None:
    assert bar.current is None
    assert bar.picker.placeholderText() == "Choose a patient…"


def test_a_new_patient_is_registered_audited_and_selected(
    qtbot: QtBot, bar: PatientBar, demo_workstation: Workstation
) -> None:
    def fill(dialog: NewPatientDialog) -> None:
        _type(qtbot, dialog, "Sam New", "MRN-2001")
        dialog.ok_button.click()

    _when_dialog_opens(qtbot, fill)
    bar.new_button.click()
    qtbot.waitUntil(lambda: bar.picker.count() == 4, timeout=5_000)
    current = bar.current
    assert current is not None
    assert (current.mrn, current.name, current.unit, current.bed) == (
        "MRN-2001",
        "Sam New",
        "6 North",
        "7",
    )
    assert bar.details.text().startswith("6 North · bed 7 · encounter ")
    actions = [row.event.action for row in audit_store(demo_workstation).events()]
    assert AuditAction.PATIENT_REGISTER in actions


@pytest.mark.parametrize("mrn", ["", "MRN 2001", "-2001", "MRN-", "MRN;DROP"])
def test_an_invalid_mrn_is_refused_and_the_dialog_stays_open(
    qtbot: QtBot, bar: PatientBar, mrn: str
) -> None:
    seen: list[tuple[bool, str]] = []

    def fill(dialog: NewPatientDialog) -> None:
        _type(qtbot, dialog, "Sam New", mrn)
        dialog.ok_button.click()
        seen.append((dialog.isVisible(), dialog.error.text()))
        dialog.reject()

    _when_dialog_opens(qtbot, fill)
    bar.new_button.click()
    assert seen and seen[0][0] is True
    assert "MRN must be" in seen[0][1]
    qtbot.wait(200)
    assert bar.picker.count() == 3


def test_registering_a_known_mrn_keeps_the_stored_patient_and_says_so(
    qtbot: QtBot, bar: PatientBar
) -> None:
    with qtbot.waitSignal(bar.notice, timeout=5_000) as notice:
        bar.register(Patient(mrn="DEMO-1002", name="Someone Else"))
    assert "already registered" in notice.args[0]
    qtbot.waitUntil(lambda: bar.current is not None and bar.current.mrn == "DEMO-1002")
    assert bar.current is not None and bar.current.name == "Jordan Sample"


def test_the_controls_are_named_for_screen_readers_and_reachable_by_keyboard(
    bar: PatientBar,
) -> None:
    assert bar.picker.accessibleName() == "Patient"
    assert bar.new_button.accessibleName() == "New patient"
    assert bar.new_button.text() == "New pat&ient…"
    dialog = NewPatientDialog()
    names = [w.accessibleName() for w in (dialog.name, dialog.mrn, dialog.unit, dialog.bed)]
    assert names == ["Patient name", "MRN", "Unit", "Bed"]
    assert dialog.encounter.accessibleName() == "Encounter date"


def test_a_new_patient_is_registered_with_birth_date_sex_allergies_and_code_status(
    qtbot: QtBot, bar: PatientBar
) -> None:
    def fill(dialog: NewPatientDialog) -> None:
        _type(qtbot, dialog, "Sam New", "MRN-2002")
        qtbot.keyClicks(dialog.birth_date, "1950-01-31")
        dialog.sex.setCurrentText("F")
        qtbot.keyClicks(dialog.allergies, "latex")
        dialog.code_status.setCurrentText("DNR/DNI")
        dialog.ok_button.click()

    _when_dialog_opens(qtbot, fill)
    bar.new_button.click()
    qtbot.waitUntil(lambda: bar.picker.count() == 4, timeout=5_000)
    current = bar.current
    assert current is not None
    assert (current.birth_date, current.sex, current.allergies, current.code_status) == (
        "1950-01-31",
        "F",
        "latex",
        "DNR/DNI",
    )
    assert " y F · Allergies: latex · Code status: DNR/DNI" in bar.identity.text()


def test_a_birth_date_that_is_not_a_date_is_refused(qtbot: QtBot, bar: PatientBar) -> None:
    seen: list[str] = []

    def fill(dialog: NewPatientDialog) -> None:
        _type(qtbot, dialog, "Sam New", "MRN-2003")
        qtbot.keyClicks(dialog.birth_date, "31/01/1950")
        dialog.ok_button.click()
        seen.append(dialog.error.text())
        dialog.reject()

    _when_dialog_opens(qtbot, fill)
    bar.new_button.click()
    assert seen == ["The birth date must be a date (YYYY-MM-DD)."]
