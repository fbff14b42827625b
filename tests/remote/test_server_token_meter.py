"""While a nurse types, the notes stay here: the meter estimates and never asks the server."""

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from app.services.workstation import Workstation
from app.ui.tasks import TaskRunner
from app.ui.token_meter import TokenMeter, estimate_tokens
from tests.remote.llama_server import LlamaServer
from tests.remote.pki import Authority
from tests.remote.test_server_drafting import server_policy


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner(qapp)  # owned by the application, as in tests/ui
    yield runner
    runner.wait(10_000)


def test_the_meter_keeps_its_estimate_when_the_server_drafts(
    qtbot: QtBot,
    tasks: TaskRunner,
    tls_server: LlamaServer,
    hospital_ca: Authority,
    open_under_policy: Callable[[str], Workstation],
) -> None:
    workstation = open_under_policy(server_policy(tls_server.url, hospital_ca))
    workstation.engine_host.engine()  # the server checked and ready, as after a first draft
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    meter = TokenMeter(editor, workstation.engine_host, tasks, limit=4096, debounce_ms=20)
    qtbot.addWidget(meter)

    text = "Ambulating with walker, pain 2/10, SpO2 95% on room air."
    editor.setPlainText(text)
    qtbot.wait(300)
    tasks.wait(5_000)

    assert meter.toolTip() == f"~{estimate_tokens(text)} tokens of 4,096"
