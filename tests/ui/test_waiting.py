"""While the model works, the nurse is waiting, not away: the idle lock holds until the run
ends, then counts its full period again."""

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui.idle import IdleWatcher
from app.ui.main_window import MainWindow
from tests.services.test_review import NOTES

GENERATION_TIMEOUT_MS = 180_000


def test_a_held_watcher_does_not_report_idle(qtbot: QtBot, qapp: QApplication) -> None:
    watcher = IdleWatcher(0.2, qapp)
    fired: list[bool] = []
    watcher.idle.connect(lambda: fired.append(True))

    watcher.hold(True)
    qtbot.wait(500)

    assert fired == []
    watcher.deleteLater()


def test_released_the_watcher_counts_the_whole_period_again(
    qtbot: QtBot, qapp: QApplication
) -> None:
    watcher = IdleWatcher(0.3, qapp)
    watcher.hold(True)
    qtbot.wait(400)
    fired: list[bool] = []
    watcher.idle.connect(lambda: fired.append(True))

    watcher.hold(False)
    qtbot.wait(150)
    assert fired == []
    qtbot.waitUntil(lambda: fired == [True], timeout=2_000)
    watcher.deleteLater()


def test_the_desk_holds_the_idle_lock_while_a_draft_is_written(
    qtbot: QtBot, desk: MainWindow
) -> None:
    assert not desk.idle_watcher.is_held
    desk.source_edit.setPlainText(NOTES)

    desk.generate_button.click()

    assert desk.idle_watcher.is_held
    qtbot.waitUntil(desk.generate_button.isEnabled, timeout=GENERATION_TIMEOUT_MS)
    assert not desk.idle_watcher.is_held
    assert not desk.is_locked
