"""Anyone signed in sets the credentials they sign with from the desk's File menu."""

from pytestqt.qtbot import QtBot

from app.domain.audit import AuditAction
from app.domain.identity import Principal
from app.services.workstation import Workstation
from app.ui.credentials_dialog import CredentialsDialog
from app.ui.main_window import MainWindow
from tests.fixtures.audit_log import audit_store
from tests.ui.menus import menu_action

TIMEOUT_MS = 10_000


def _open(qtbot: QtBot, desk: MainWindow) -> CredentialsDialog:
    menu_action(desk, "My credentials…").trigger()
    [dialog] = [child for child in desk.findChildren(CredentialsDialog) if child.isVisible()]
    return dialog


def test_the_dialog_shows_the_signature_as_it_will_read(
    qtbot: QtBot, signed_in_desk: MainWindow
) -> None:
    dialog = _open(qtbot, signed_in_desk)
    assert dialog.signature.text() == "Demo Nurse, RN"

    dialog.field.clear()
    qtbot.keyClicks(dialog.field, "RN, CCRN")

    assert dialog.signature.text() == "Demo Nurse, RN, CCRN"
    dialog.reject()


def test_saved_credentials_are_the_sessions_at_once_and_audited(
    qtbot: QtBot, demo_workstation: Workstation, signed_in_desk: MainWindow
) -> None:
    dialog = _open(qtbot, signed_in_desk)
    dialog.field.clear()
    qtbot.keyClicks(dialog.field, "RN, BSN")

    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT_MS) as saved:
        dialog.save_button.click()

    [principal] = saved.args
    assert isinstance(principal, Principal)
    assert principal.signature_name == "Demo Nurse, RN, BSN"
    assert not dialog.isVisible()
    assert _open(qtbot, signed_in_desk).signature.text() == "Demo Nurse, RN, BSN"
    actions = [row.event.action for row in audit_store(demo_workstation).events()]
    assert AuditAction.CREDENTIALS_CHANGE in actions


def test_credentials_no_signature_should_print_are_refused_in_words(
    qtbot: QtBot, signed_in_desk: MainWindow
) -> None:
    dialog = _open(qtbot, signed_in_desk)
    dialog.field.setText("RN\u200b")

    dialog.save_button.click()

    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=TIMEOUT_MS)
    assert "invisible characters" in dialog.message.text()
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    dialog.reject()
    assert _open(qtbot, signed_in_desk).signature.text() == "Demo Nurse, RN"
