"""The desk says so, in view, when a CUDA build had to run the model on the CPU.

No GPU runs here: the build's GPU claim and a failing GPU load are stood in for (as in
tests/inference/test_gpu_fallback.py); the engine, the services and the window are real.
"""

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.inference import native
from app.inference.errors import ModelLoadFailed
from app.ui.main_window import MainWindow

NOTES = "0700 BP 128/76, HR 82. Ambulated to chair with one assist.\n"
real_load_model = native.load_model


def load_on_cpu_only(path: Path, *, n_gpu_layers: int) -> Any:
    if n_gpu_layers != 0:
        raise ModelLoadFailed("CUDA error: no CUDA-capable device is detected")
    return real_load_model(path, n_gpu_layers=n_gpu_layers)


def draft_to_the_end(qtbot: QtBot, desk: MainWindow) -> None:
    desk.source_edit.setPlainText(NOTES)
    desk.generate_button.click()
    qtbot.waitUntil(lambda: not desk.stop_button.isEnabled(), timeout=60_000)


def test_a_gpu_fallback_shows_a_banner_with_the_reason(
    qtbot: QtBot, desk: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(native, "gpu_offload_supported", lambda: True)
    monkeypatch.setattr(native, "load_model", load_on_cpu_only)
    draft_to_the_end(qtbot, desk)

    assert desk.backend_banner.isVisible()
    assert "Running on the CPU" in desk.backend_banner.text()
    assert "no CUDA-capable device" in desk.backend_banner.text()


def test_a_model_running_where_it_should_shows_no_banner(qtbot: QtBot, desk: MainWindow) -> None:
    draft_to_the_end(qtbot, desk)

    assert not desk.backend_banner.isVisible()
