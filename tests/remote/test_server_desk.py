"""The desk when the hospital server dies mid-draft: the text so far stays, the notice says why."""

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.domain.notes import Patient
from app.domain.roles import Role
from app.services.workstation import Workstation
from app.ui.application import WindowController
from app.ui.main_window import MainWindow
from tests.remote.llama_server import LlamaServer
from tests.remote.pki import Authority
from tests.remote.test_server_drafting import server_policy
from tests.ui.conftest import choose_patient
from tests.ui.menus import generate_whole_note

NOTES = "0700 BP 128/76, HR 82. Ambulated to chair with one assist. Pain 2/10.\n"
USER, PASSWORD = "nurse-9", "ward-9-password-long"


@pytest.fixture
def server_desk(
    qtbot: QtBot,
    start_server: Callable[..., LlamaServer],
    hospital_ca: Authority,
    open_under_policy: Callable[[str], Workstation],
) -> Iterator[tuple[MainWindow, LlamaServer]]:
    server = start_server()
    workstation = open_under_policy(server_policy(server.url, hospital_ca))
    workstation.accounts.add(USER, "Nurse Nine", Role.NURSE, PASSWORD)
    session = workstation.auth.sign_in(USER, PASSWORD)
    workstation.drafts.register_patient(session, Patient(mrn="MRN-9", name="Test Patient"))
    workstation.auth.sign_out(session)
    controller = WindowController(workstation)
    controller.start()
    dialog = controller.sign_in_dialog
    assert dialog is not None
    dialog.username.setText(USER)
    dialog.password.setText(PASSWORD)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
    desk = controller.window
    assert isinstance(desk, MainWindow)
    qtbot.waitUntil(lambda: desk.patient_bar.picker.count() > 0, timeout=5_000)
    choose_patient(qtbot, desk, "MRN-9")
    yield desk, server
    desk.confirm_discard = lambda: True
    desk.close()
    controller.tasks.wait(10_000)


def test_a_server_killed_mid_draft_leaves_the_text_and_names_the_failure(
    qtbot: QtBot, server_desk: tuple[MainWindow, LlamaServer]
) -> None:
    desk, server = server_desk
    desk.source_edit.setPlainText(NOTES)
    generate_whole_note(desk)
    qtbot.waitUntil(lambda: bool(desk.draft_edit.toPlainText()), timeout=30_000)
    server.kill()
    qtbot.waitUntil(lambda: not desk.stop_button.isEnabled(), timeout=30_000)

    assert desk.draft_edit.toPlainText()
    assert "text so far is kept" in desk.notice.text()
    assert server.url.removeprefix("https://") in desk.notice.text()
