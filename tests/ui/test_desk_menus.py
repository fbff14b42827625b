"""The desk's menu bar: each menu item asks the desk for its action by signal, the dialogs
open beside the desk, and the audit log is offered only to who may read it."""

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from app.domain.grounded.draft import DraftMode
from app.domain.roles import Role
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.desk_menus import DeskMenus
from app.ui.export_actions import ExportActions
from app.ui.keyboard_help import KeyboardHelpDialog
from app.ui.settings_dialog import SettingsDialog
from app.ui.tasks import TaskRunner
from tests.ui.menus import menu_action


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


def _menus(
    qtbot: QtBot, workstation: Workstation, session: Session, tasks: TaskRunner
) -> tuple[QMainWindow, DeskMenus, ExportActions]:
    window = QMainWindow()
    qtbot.addWidget(window)
    exports = ExportActions(
        workstation.exports,
        session,
        tasks,
        clipboard_clear_seconds=30,
        default_dir=workstation.locations.root,
        parent=window,
    )
    return window, DeskMenus(workstation, session, tasks, exports, window), exports


@pytest.fixture
def desk(
    qtbot: QtBot, demo_workstation: Workstation, nurse: Session, tasks: TaskRunner
) -> Iterator[tuple[QMainWindow, DeskMenus, ExportActions]]:
    yield _menus(qtbot, demo_workstation, nurse, tasks)


def test_the_menus_are_file_extracted_facts_and_export_in_that_order(
    desk: tuple[QMainWindow, DeskMenus, ExportActions],
) -> None:
    window, _, _ = desk
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&File", "E&xtracted facts", "&Export"]


@pytest.mark.parametrize(
    ("words", "signal"),
    [
        ("Import notes…", "import_requested"),
        ("Clear for a new note", "new_note_requested"),
        ("Lock", "lock_requested"),
        ("Sign out", "sign_out_requested"),
        ("Quit", "quit_requested"),
    ],
)
def test_each_file_item_asks_the_desk_for_its_action(
    qtbot: QtBot, desk: tuple[QMainWindow, DeskMenus, ExportActions], words: str, signal: str
) -> None:
    window, menus, _ = desk

    with qtbot.waitSignal(getattr(menus, signal), timeout=1_000):
        menu_action(window, words).trigger()


@pytest.mark.parametrize(
    ("words", "mode"),
    [
        ("Facts only, at once (no model)", DraftMode.FACTS_ONLY),
        ("Grounded: facts from the notes, prose by the model", DraftMode.GROUNDED),
        ("Whole note by the model", DraftMode.WHOLE),
    ],
)
def test_each_extracted_facts_item_asks_for_a_draft_in_its_mode(
    qtbot: QtBot, desk: tuple[QMainWindow, DeskMenus, ExportActions], words: str, mode: DraftMode
) -> None:
    window, menus, _ = desk

    with qtbot.waitSignal(menus.draft_requested, timeout=1_000) as asked:
        menu_action(window, words).trigger()

    assert asked.args == [mode]


def test_an_export_item_asks_for_that_export_of_the_draft_on_the_desk(
    qtbot: QtBot, desk: tuple[QMainWindow, DeskMenus, ExportActions]
) -> None:
    window, menus, exports = desk

    with qtbot.waitSignal(menus.export_requested, timeout=1_000) as asked:
        menu_action(window, "Save as PDF…").trigger()

    assert asked.args == [exports.save_pdf]


def test_keyboard_shortcuts_opens_the_list_beside_the_desk(
    desk: tuple[QMainWindow, DeskMenus, ExportActions],
) -> None:
    window, menus, _ = desk

    menu_action(window, "Keyboard shortcuts…").trigger()

    assert isinstance(menus.keyboard_help, KeyboardHelpDialog)
    assert menus.keyboard_help.isVisible()
    assert menus.keyboard_help.parent() is window


def test_settings_opens_its_dialog(desk: tuple[QMainWindow, DeskMenus, ExportActions]) -> None:
    window, _, _ = desk

    menu_action(window, "Settings…").trigger()

    assert [dialog for dialog in window.findChildren(SettingsDialog) if dialog.isVisible()]


def test_a_nurse_is_not_offered_the_audit_log(
    desk: tuple[QMainWindow, DeskMenus, ExportActions],
) -> None:
    window, _, _ = desk

    with pytest.raises(LookupError):
        menu_action(window, "Audit log…")


def test_a_compliance_officer_is_offered_the_audit_log(
    qtbot: QtBot, demo_workstation: Workstation, tasks: TaskRunner
) -> None:
    demo_workstation.accounts.add(
        "auditor", "Audit Officer", Role.COMPLIANCE_OFFICER, "auditor-pass-1"
    )
    officer = demo_workstation.auth.sign_in("auditor", "auditor-pass-1")
    window, _, _ = _menus(qtbot, demo_workstation, officer, tasks)

    assert menu_action(window, "Audit log…").isEnabled()
