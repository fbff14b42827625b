"""The desk's notice line says what happened without moving the controls under it, and an
ordinary session carries no emergency banner."""

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.workstation import Workstation
from app.ui.desk_notice import DeskNotice
from app.ui.emergency_banner import emergency_banner


def _notice_above_a_button(qtbot: QtBot) -> tuple[QWidget, DeskNotice, QPushButton]:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    notice, button = DeskNotice(), QPushButton("Generate")
    layout.addWidget(notice)
    layout.addWidget(button)
    layout.addStretch(1)
    window.resize(400, 300)
    window.show()
    qtbot.waitExposed(window)
    return window, notice, button


def test_a_notice_said_and_cleared_never_moves_the_button_under_it(qtbot: QtBot) -> None:
    _window, notice, button = _notice_above_a_button(qtbot)
    before = button.y()

    notice.say("Saved (encrypted).")
    qtbot.waitUntil(notice.isVisible)
    said = button.y()
    notice.say("")
    qtbot.waitUntil(lambda: not notice.isVisible())

    assert before == said == button.y()


def test_empty_text_hides_the_notice(qtbot: QtBot) -> None:
    _window, notice, _ = _notice_above_a_button(qtbot)
    notice.say("Stopped.")

    notice.say("")

    assert not notice.isVisible()
    assert notice.text() == ""


def test_an_error_is_marked_for_the_themes_error_colour_and_the_next_notice_is_not(
    qtbot: QtBot,
) -> None:
    _window, notice, _ = _notice_above_a_button(qtbot)

    notice.say("Generate a draft before saving.", error=True)
    assert notice.property("error") is True

    notice.say("Saved (encrypted).")
    assert notice.property("error") is False


def test_an_ordinary_session_shows_no_emergency_banner(
    qtbot: QtBot, demo_workstation: Workstation
) -> None:
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)

    banner = emergency_banner(session)
    qtbot.addWidget(banner)

    assert banner.isHidden()
    assert banner.text() == ""
