"""Every note kind drafts end to end on the desk and is stored under its own template."""

import pytest
from pytestqt.qtbot import QtBot

from app.domain.note_templates import load_template
from app.domain.notes import NoteKind
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.main_window import MainWindow

NOTES = (
    "0700 BP 128/76, HR 82, SpO2 96% RA. Ambulated to chair with one assist.\n"
    "0900 Metoprolol 25 mg PO given. Lungs clear bilaterally, no cough.\n"
    "1200 Tolerating regular diet, voiding without difficulty. Pain 2/10 in the left knee.\n"
    "1500 Daughter at bedside, updated on the plan for physical therapy tomorrow.\n"
)
"""Enough for every kind: a discharge summary is not drafted from two lines of notes."""


@pytest.mark.parametrize("kind", list(NoteKind), ids=str)
def test_each_kind_drafts_on_the_desk_and_keeps_its_template(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation, nurse: Session, kind: NoteKind
) -> None:
    desk.source_edit.setPlainText(NOTES)
    desk.kind_box.setCurrentIndex(desk.kind_box.findData(kind))

    desk.generate_button.click()
    qtbot.waitUntil(lambda: not desk.stop_button.isEnabled(), timeout=60_000)

    assert desk.current_draft is not None
    draft = demo_workstation.drafts.open_draft(nurse, desk.current_draft.id)
    template = load_template(kind)
    assert draft.kind is kind
    assert (draft.template_id, draft.template_version) == (template.id, template.version)
    assert draft.text and desk.draft_edit.toPlainText() == draft.text
