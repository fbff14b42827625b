"""The desk says so, in view, when a CUDA build had to run the model on the CPU.

No GPU runs here: the build's GPU claim and a failing GPU load are stood in for (tests/fixtures/
broken_gpu.py); the engine, the services and the window are real.
"""

import pytest
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from tests.fixtures.broken_gpu import GPU_ERROR, break_the_gpu

NOTES = "0700 BP 128/76, HR 82. Ambulated to chair with one assist.\n"


def draft_to_the_end(qtbot: QtBot, desk: MainWindow) -> None:
    desk.source_edit.setPlainText(NOTES)
    desk.generate_button.click()
    qtbot.waitUntil(lambda: not desk.stop_button.isEnabled(), timeout=60_000)


def test_a_gpu_fallback_shows_a_banner_with_the_reason(
    qtbot: QtBot, desk: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_the_gpu(monkeypatch)
    draft_to_the_end(qtbot, desk)

    assert desk.backend_banner.isVisible()
    assert "Running on the CPU" in desk.backend_banner.text()
    assert GPU_ERROR in desk.backend_banner.text()


def test_a_model_running_where_it_should_shows_no_banner(qtbot: QtBot, desk: MainWindow) -> None:
    draft_to_the_end(qtbot, desk)

    assert not desk.backend_banner.isVisible()
