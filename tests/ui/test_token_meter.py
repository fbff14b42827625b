"""The token meter: an instant estimate while typing, the exact count only from a loaded model."""

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.services.workstation import Workstation
from app.ui.tasks import TaskRunner
from app.ui.token_meter import TokenMeter


@pytest.fixture
def editor_and_meter(
    qtbot: QtBot, tasks: TaskRunner, demo_workstation: Workstation
) -> Iterator[tuple[QPlainTextEdit, TokenMeter]]:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    meter = TokenMeter(editor, demo_workstation.engine_host, tasks, limit=10, debounce_ms=50)
    qtbot.addWidget(meter)
    yield editor, meter
    tasks.wait(10_000)


def test_typing_shows_a_character_estimate_and_never_loads_the_model(
    qtbot: QtBot, demo_workstation: Workstation, editor_and_meter: tuple[QPlainTextEdit, TokenMeter]
) -> None:
    editor, meter = editor_and_meter
    assert meter.toolTip() == "~0 tokens of 10"
    editor.setPlainText("BP 132/84 HR 88")
    assert meter.toolTip() == "~4 tokens of 10"
    qtbot.wait(300)
    assert meter.toolTip() == "~4 tokens of 10"
    assert meter.text() == "Notes: about 40% of what the model can read"
    assert demo_workstation.engine_host.loaded() is None


def test_a_loaded_model_replaces_the_estimate_with_its_exact_count(
    qtbot: QtBot, demo_workstation: Workstation, editor_and_meter: tuple[QPlainTextEdit, TokenMeter]
) -> None:
    editor, meter = editor_and_meter
    engine = demo_workstation.engine_host.engine()
    text = "Ambulating with walker, pain 2/10, SpO2 95% on room air, plan discharge."
    editor.setPlainText(text)
    exact = engine.count_tokens(text)
    qtbot.waitUntil(lambda: meter.toolTip().endswith(f"\n{exact:,} tokens of 10"), timeout=5_000)
    assert meter.text() == "Notes: more than the model can read at once"
    assert "the older notes will be shortened to their facts" in meter.toolTip()
    assert "split" not in meter.toolTip()


def test_the_meter_speaks_of_a_share_and_leaves_token_figures_to_its_tooltip(
    editor_and_meter: tuple[QPlainTextEdit, TokenMeter],
) -> None:
    editor, meter = editor_and_meter
    editor.setPlainText("BP 1")
    assert meter.text() == "Notes: about 10% of what the model can read"
    assert "token" not in meter.text()
    assert meter.toolTip() == "~1 tokens of 10"
