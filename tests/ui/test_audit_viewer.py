"""The audit viewer: where a compliance officer lands, filtering off the UI thread, exports."""

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.notes import NoteKind
from app.domain.roles import Role
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import Workstation
from app.ui.application import WindowController
from app.ui.audit_viewer import COLUMNS, AuditViewer, AuditWindow
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from tests.ui.conftest import sign_in

OFFICER, OFFICER_PASSWORD = "auditor", "auditor-password-1"
NOTES = "0800 BP 128/82. Imelda Vasquez-Thornbury slept well.\n"


@pytest.fixture
def patient_mrn(demo_workstation: Workstation) -> str:
    """A patient the demo nurse drafted for, so the log has events about them."""
    nurse = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    mrn = demo_workstation.drafts.list_patients(nurse)[0].mrn
    demo_workstation.drafts.create_draft(nurse, mrn, NoteKind.SHIFT_SBAR, NOTES)
    demo_workstation.auth.sign_out(nurse)
    return mrn


@pytest.fixture
def officer_window(
    qtbot: QtBot, demo_workstation: Workstation, patient_mrn: str
) -> Iterator[AuditWindow]:
    demo_workstation.accounts.add(OFFICER, "A. Auditor", Role.COMPLIANCE_OFFICER, OFFICER_PASSWORD)
    controller = WindowController(demo_workstation)
    controller.start()
    dialog = controller.sign_in_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.username, OFFICER)
    qtbot.keyClicks(dialog.password, OFFICER_PASSWORD)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
    window = controller.window
    assert isinstance(window, AuditWindow)
    yield window
    controller.tasks.wait(10_000)
    window.close()
    controller.tasks.wait(10_000)


def wait_for_search(qtbot: QtBot, viewer: AuditViewer) -> None:
    qtbot.waitUntil(viewer.search_button.isEnabled, timeout=10_000)


def test_a_compliance_officer_lands_on_the_audit_log_with_the_newest_events(
    qtbot: QtBot, officer_window: AuditWindow
) -> None:
    viewer = officer_window.viewer
    wait_for_search(qtbot, viewer)

    assert viewer.model.rowCount() > 0
    assert viewer.model.events[0].seq > viewer.model.events[-1].seq
    assert viewer.table.accessibleName() == "Audit events"


def test_a_patient_filter_shows_only_that_patients_events(
    qtbot: QtBot, officer_window: AuditWindow, patient_mrn: str
) -> None:
    viewer = officer_window.viewer
    wait_for_search(qtbot, viewer)

    qtbot.keyClicks(viewer.patient_edit, patient_mrn)
    viewer.search_button.click()
    wait_for_search(qtbot, viewer)

    assert [e.event.action.value for e in viewer.model.events] == ["draft_create"]
    patient_column = [name for name, _ in COLUMNS]
    assert viewer.model.data(viewer.model.index(0, patient_column.index("Patient")), 0) == (
        patient_mrn
    )


def test_a_date_that_is_not_a_date_is_explained_and_not_searched(
    qtbot: QtBot, officer_window: AuditWindow
) -> None:
    viewer = officer_window.viewer
    wait_for_search(qtbot, viewer)

    qtbot.keyClicks(viewer.since_edit, "last tuesday")
    viewer.search_button.click()

    assert "YYYY-MM-DD" in viewer.status.text()


def test_export_buttons_write_csv_and_json_of_the_filtered_events(
    qtbot: QtBot, officer_window: AuditWindow, patient_mrn: str, tmp_path: Path
) -> None:
    viewer = officer_window.viewer
    wait_for_search(qtbot, viewer)
    qtbot.keyClicks(viewer.patient_edit, patient_mrn)

    for button, name in (
        (viewer.export_csv_button, "a.csv"),
        (viewer.export_json_button, "a.json"),
    ):
        viewer.choose_export_path = lambda _format, name=name: tmp_path / name
        button.click()
        wait_for_search(qtbot, viewer)

    [row] = list(csv.DictReader((tmp_path / "a.csv").open(encoding="utf-8", newline="")))
    events = json.loads((tmp_path / "a.json").read_text())["events"]
    assert (row["action"], row["patient_ref"]) == ("draft_create", patient_mrn)
    assert [(e["action"], e["patient_ref"], e["reason"]) for e in events] == [
        ("draft_create", patient_mrn, None),
        ("audit_export", patient_mrn, "csv"),
    ], "the CSV export, itself audited, is found by the JSON export that follows it"
    assert "Vasquez" not in (tmp_path / "a.csv").read_text() + (tmp_path / "a.json").read_text()


def test_the_desk_offers_the_audit_log_only_to_a_role_that_may_read_it(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation, qapp: QApplication
) -> None:
    demo_workstation.accounts.add(OFFICER, "A. Auditor", Role.COMPLIANCE_OFFICER, OFFICER_PASSWORD)
    officer = demo_workstation.auth.sign_in(OFFICER, OFFICER_PASSWORD)
    tasks = TaskRunner(qapp)
    officer_desk = MainWindow(demo_workstation, officer, tasks)
    qtbot.addWidget(officer_desk)

    def menu_texts(window: MainWindow) -> list[str]:
        return [a.text() for menu in window.menuBar().actions() for a in menu.menu().actions()]

    assert "&Audit log…" not in menu_texts(desk)
    assert "&Audit log…" in menu_texts(officer_desk)
    tasks.wait(10_000)


def test_the_nurses_sign_in_still_opens_the_desk(
    qtbot: QtBot, controller: WindowController
) -> None:
    sign_in(qtbot, controller)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)

    assert isinstance(controller.window, MainWindow)
