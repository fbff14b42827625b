"""The desk's fact-based drafts: the facts at once with no model, or with the model's prose."""

from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from app.domain.grounded.render import PROSE_PENDING
from app.domain.notes import NoteKind
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.main_window import MainWindow
from tests.grounded.notes import SHIFT


def _action(desk: MainWindow, text: str) -> QAction:
    return next(
        action
        for action in desk.findChildren(QAction)
        if action.text().replace("&", "").startswith(text)
    )


def test_facts_only_fills_the_draft_from_the_notes_without_the_model(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation, nurse: Session
) -> None:
    desk.source_edit.setPlainText(SHIFT)
    desk.kind_box.setCurrentIndex(desk.kind_box.findData(NoteKind.SHIFT_SBAR))

    _action(desk, "Facts only").trigger()
    qtbot.waitUntil(lambda: not desk.stop_button.isEnabled(), timeout=30_000)

    text = desk.draft_edit.toPlainText()
    assert text.startswith(f"Situation:\n{PROSE_PENDING}")
    assert "- Recheck K at 1200." in text
    assert demo_workstation.engine_host.loaded() is None
    assert desk.current_draft is not None
    stored = demo_workstation.drafts.open_draft(nurse, desk.current_draft.id)
    assert stored.text == text


def test_grounded_keeps_the_facts_and_adds_the_models_prose(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation
) -> None:
    desk.source_edit.setPlainText(SHIFT)
    desk.kind_box.setCurrentIndex(desk.kind_box.findData(NoteKind.SHIFT_DAR))

    _action(desk, "Grounded").trigger()
    qtbot.waitUntil(lambda: not desk.stop_button.isEnabled(), timeout=60_000)

    text = desk.draft_edit.toPlainText()
    assert text.startswith("Data:\nVital signs:\n- Blood pressure: BP 142/88")
    assert "Plan as written:\n- Recheck K at 1200." in text
    assert demo_workstation.engine_host.loaded() is not None
