"""On a shared workstation each person's font size and contrast follow them: applied at
sign-in, gone at sign-out, never the next person's."""

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.services.session import Session
from app.ui.application import WindowController
from tests.ui.conftest import sign_in
from tests.ui.menus import menu_action


@pytest.fixture
def restored(qapp: QApplication) -> Iterator[QApplication]:
    font, palette, sheet = qapp.font(), qapp.palette(), qapp.styleSheet()
    yield qapp
    qapp.setFont(font)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


def _base(app: QApplication) -> str:
    return app.palette().color(QPalette.ColorRole.Base).name()


def test_her_high_contrast_and_font_come_with_her_sign_in_and_leave_with_her_sign_out(
    qtbot: QtBot, controller: WindowController, nurse: Session, restored: QApplication
) -> None:
    sign_in(qtbot, controller)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
    window = controller.window
    assert window is not None
    service = controller.workstation.settings_service
    service.change(nurse, "high_contrast", True)
    service.change(nurse, "font_point_size", 16)
    menu_action(window, "Sign out").trigger()
    qtbot.waitUntil(lambda: controller.sign_in_dialog is not None, timeout=10_000)
    qtbot.waitUntil(lambda: controller.window is None, timeout=10_000)

    assert _base(restored) != "#000000"
    assert restored.font().pointSize() != 16

    sign_in(qtbot, controller)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)

    assert _base(restored) == "#000000"
    assert restored.font().pointSize() == 16
