"""Every control a keyboard can reach is named for screen readers and reachable with Tab."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QWidget
from pytestqt.qtbot import QtBot

from app.domain.notes import NoteKind
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.application import WindowController
from app.ui.main_window import MainWindow
from app.ui.patient_bar import NewPatientDialog
from app.ui.review_panel import AmendDialog, AttestationDialog
from app.ui.version_history import VersionHistoryDialog
from tests.ui.menus import open_settings


def _focusable(top: QWidget) -> list[QWidget]:
    """The widgets on screen that take focus; an inner editor standing in for its owner (the
    line edit of a spin box or date field) is reached and named through that owner."""
    found = []
    for widget in top.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(top):
            continue
        owner = widget.parentWidget()
        if isinstance(owner, QAbstractSpinBox) or (
            owner is not None and owner.focusProxy() is widget
        ):
            continue
        found.append(widget)
    return found


def _unnamed_or_untabbable(top: QWidget) -> list[str]:
    return [
        f"{type(widget).__name__} {widget.objectName()!r}"
        for widget in _focusable(top)
        if not widget.accessibleName().strip() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]


def test_every_control_of_the_desk_is_named_and_reachable_by_tab(desk: MainWindow) -> None:
    assert len(_focusable(desk)) > 10
    assert _unnamed_or_untabbable(desk) == []


def test_every_control_of_the_sign_in_form_is_named_and_reachable_by_tab(
    controller: WindowController,
) -> None:
    dialog = controller.sign_in_dialog
    assert dialog is not None

    assert _unnamed_or_untabbable(dialog) == []


def test_every_control_of_the_lock_screen_is_named_and_reachable_by_tab(
    qtbot: QtBot, desk: MainWindow
) -> None:
    desk.lock()
    qtbot.waitUntil(lambda: desk.is_locked, timeout=5_000)

    assert _unnamed_or_untabbable(desk.lock_screen) == []


def test_every_control_of_the_settings_dialog_is_named_and_reachable_by_tab(
    desk: MainWindow,
) -> None:
    dialog = open_settings(desk)

    assert _unnamed_or_untabbable(dialog) == []


def test_every_control_of_the_new_patient_and_signing_dialogs_is_named(qtbot: QtBot) -> None:
    dialogs: list[QWidget] = [
        NewPatientDialog(),
        AttestationDialog("I reviewed this draft."),
        AmendDialog(),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)

    assert [problem for dialog in dialogs for problem in _unnamed_or_untabbable(dialog)] == []


def test_every_control_of_the_version_history_is_named_and_reachable_by_tab(
    qtbot: QtBot,
    desk: MainWindow,
    demo_workstation: Workstation,
    controller: WindowController,
    nurse: Session,
) -> None:
    draft = demo_workstation.drafts.create_draft(
        nurse, "DEMO-1001", NoteKind.SHIFT_SBAR, "0800 BP 132/84.\n"
    )
    dialog = VersionHistoryDialog(demo_workstation.review, nurse, controller.tasks, draft.id, desk)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.version_list.count() == 1, timeout=5_000)

    assert _unnamed_or_untabbable(dialog) == []
