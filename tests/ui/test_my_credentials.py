"""Anyone signed in sets the credentials they sign with from the desk's File menu."""

from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from app.domain.audit import AuditAction
from app.ui.credentials_dialog import CredentialsDialog
from app.ui.main_window import MainWindow
from tests.fixtures.audit_log import audit_store

TIMEOUT_MS = 10_000


def _open(qtbot: QtBot, desk: MainWindow) -> CredentialsDialog:
    [action] = [item for item in desk.findChildren(QAction) if item.text() == "My &credentials…"]
    action.trigger()
    qtbot.waitUntil(lambda: desk.findChild(CredentialsDialog) is not None, timeout=TIMEOUT_MS)
    dialog = desk.findChild(CredentialsDialog)
    assert dialog is not None
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
    qtbot: QtBot, signed_in_desk: MainWindow
) -> None:
    dialog = _open(qtbot, signed_in_desk)
    dialog.field.clear()
    qtbot.keyClicks(dialog.field, "RN, BSN")

    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT_MS):
        dialog.save_button.click()

    assert signed_in_desk._session.principal.signature_name == "Demo Nurse, RN, BSN"
    assert not dialog.isVisible()
    actions = [row.event.action for row in audit_store(signed_in_desk._workstation).events()]
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
    assert signed_in_desk._session.principal.credentials == "RN"
    dialog.reject()
