"""Export actions on Qt's offscreen platform: real clipboard, real PDF, real services."""

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fhir.resources.R4B.documentreference import DocumentReference
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.domain.notes import Draft, NoteKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.export import ExportService
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.export_actions import ExportActions
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from tests.ui.menus import menu_action

NOTE = "Situation: stable, pain 2/10.\nRecommendation: mobilise with walker.\n"
PDF_TOOL = shutil.which("pdftotext")


@pytest.fixture
def actions_and_draft(
    qtbot: QtBot, tasks: TaskRunner, demo_workstation: Workstation, tmp_path: Path
) -> Iterator[tuple[ExportActions, Draft]]:
    session = demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    drafts = demo_workstation.drafts
    draft = drafts.create_draft(session, "DEMO-1001", NoteKind.SHIFT_SBAR, "0800 BP 132/84.")
    draft = drafts.save_text(session, draft.id, NOTE, draft.revision)
    actions = ExportActions(
        ExportService(drafts._store, drafts._trail),
        session,
        tasks,
        clipboard_clear_seconds=0.2,
        default_dir=tmp_path,
    )
    yield actions, draft
    tasks.wait(10_000)


def _copy(qtbot: QtBot, actions: ExportActions, draft: Draft) -> None:
    with qtbot.waitSignal(actions.finished, timeout=10_000):
        actions.copy_to_clipboard(draft)


def test_copied_text_is_cleared_after_the_timeout_when_unchanged(
    qtbot: QtBot, actions_and_draft: tuple[ExportActions, Draft]
) -> None:
    actions, draft = actions_and_draft
    clipboard = QGuiApplication.clipboard()
    _copy(qtbot, actions, draft)
    assert NOTE.strip() in clipboard.text()
    assert clipboard.text().endswith("AI-assisted draft, reviewed by Demo Nurse, RN\n")
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=3_000)


def test_something_the_nurse_copied_meanwhile_is_not_cleared(
    qtbot: QtBot, actions_and_draft: tuple[ExportActions, Draft]
) -> None:
    actions, draft = actions_and_draft
    clipboard = QGuiApplication.clipboard()
    _copy(qtbot, actions, draft)
    clipboard.setText("bed 14B needs a pump")
    qtbot.wait(600)
    assert clipboard.text() == "bed 14B needs a pump"


def _pdf_text(path: Path) -> str:
    assert PDF_TOOL is not None
    return subprocess.run(
        [PDF_TOOL, "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.skipif(PDF_TOOL is None, reason="needs pdftotext (Debian: poppler-utils)")
def test_save_as_pdf_writes_a_pdf_with_header_note_and_ai_footer(
    qtbot: QtBot, actions_and_draft: tuple[ExportActions, Draft], tmp_path: Path
) -> None:
    actions, draft = actions_and_draft
    offered: list[Path] = []

    def choose(title: str, suggested: Path, name_filter: str) -> Path:
        offered.append(suggested)
        return tmp_path / "handoff.pdf"

    actions.choose_save_path = choose
    with qtbot.waitSignal(actions.finished, timeout=10_000) as saved:
        actions.save_pdf(draft)
    assert saved.args == ["Saved handoff.pdf."]
    day = draft.updated_at.astimezone().strftime("%Y-%m-%d")
    assert offered == [tmp_path / f"shift-sbar_{day}_{draft.id[:8]}.pdf"]
    pdf = tmp_path / "handoff.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = _pdf_text(pdf)
    assert "Shift note (SBAR)" in text
    assert "Alex Demo · MRN DEMO-1001" in text
    assert "Allergies: penicillin (hives) · Code status: Full code" in text
    assert "4 West Med-Surg, bed 12A" in text
    assert "Recommendation: mobilise with walker." in text
    assert "AI-assisted draft, reviewed by Demo Nurse, RN" in text
    assert "Page 1 of 1" in text


def test_export_fhir_json_writes_a_valid_document_reference(
    qtbot: QtBot, actions_and_draft: tuple[ExportActions, Draft], tmp_path: Path
) -> None:
    actions, draft = actions_and_draft
    actions.choose_save_path = lambda title, suggested, name_filter: tmp_path / "note.json"
    with qtbot.waitSignal(actions.finished, timeout=10_000):
        actions.save_fhir(draft)
    resource = json.loads((tmp_path / "note.json").read_text(encoding="utf-8"))
    assert DocumentReference.model_validate(resource).subject.identifier.value == "DEMO-1001"


def test_cancelling_the_file_dialog_writes_nothing_and_exports_nothing(
    qtbot: QtBot, actions_and_draft: tuple[ExportActions, Draft], tmp_path: Path
) -> None:
    actions, draft = actions_and_draft
    actions.choose_save_path = lambda title, suggested, name_filter: None
    with qtbot.assertNotEmitted(actions.finished, wait=300):
        actions.save_pdf(draft)
    assert not list(tmp_path.glob("*.pdf"))


def test_a_refused_export_reports_the_error_and_writes_no_file(
    qtbot: QtBot, actions_and_draft: tuple[ExportActions, Draft], tmp_path: Path
) -> None:
    actions, draft = actions_and_draft
    actions.choose_save_path = lambda title, suggested, name_filter: tmp_path / "c.json"
    with qtbot.waitSignal(actions.failed, timeout=10_000) as failed:
        actions.save_fhir(draft, composition=True)
    assert "discharge summaries" in str(failed.args[0])
    assert not (tmp_path / "c.json").exists()


def test_the_proposed_name_names_no_patient_unless_the_policy_allows_the_mrn(
    qtbot: QtBot, actions_and_draft: tuple[ExportActions, Draft], tmp_path: Path
) -> None:
    actions, draft = actions_and_draft
    offered: list[str] = []
    actions.choose_save_path = lambda title, suggested, name_filter: offered.append(suggested.name)
    actions.save_pdf(draft)
    actions._mrn_in_names = True
    actions.save_pdf(draft)

    assert "Alex" not in offered[0] and "Demo" not in offered[0] and "DEMO-1001" not in offered[0]
    assert offered[1].endswith("_DEMO-1001.pdf")
    assert "Alex" not in offered[1]


def test_the_next_dialog_opens_in_the_folder_saved_to_last(
    qtbot: QtBot, actions_and_draft: tuple[ExportActions, Draft], tmp_path: Path
) -> None:
    actions, draft = actions_and_draft
    elsewhere = tmp_path / "handoffs"
    elsewhere.mkdir()
    offered: list[Path] = []

    def choose(title: str, suggested: Path, name_filter: str) -> Path:
        offered.append(suggested.parent)
        return elsewhere / "a.pdf"

    actions.choose_save_path = choose
    with (
        qtbot.waitSignal(actions.folder_chosen, timeout=1_000) as chosen,
        qtbot.waitSignal(actions.finished, timeout=10_000),
    ):
        actions.save_pdf(draft)
    with qtbot.waitSignal(actions.finished, timeout=10_000):
        actions.save_fhir(draft)

    assert chosen.args == [elsewhere]
    assert offered == [tmp_path, elsewhere]


def test_import_opens_where_she_last_saved_and_the_folder_outlives_the_session(
    qtbot: QtBot, desk: MainWindow, demo_workstation: Workstation, nurse: Session, tmp_path: Path
) -> None:
    notes_folder = tmp_path / "handover"
    notes_folder.mkdir()
    (notes_folder / "night.txt").write_text("0600 BP 128/80, HR 76.\n", encoding="utf-8")
    opened_in: list[Path] = []

    def choose(folder: Path) -> Path:
        opened_in.append(folder)
        return notes_folder / "night.txt"

    desk.choose_notes_file = choose
    desk.confirm_clear = lambda: True
    import_notes = menu_action(desk, "Import notes…")
    import_notes.trigger()
    qtbot.waitUntil(lambda: desk.source_edit.toPlainText() != "", timeout=10_000)
    import_notes.trigger()

    assert opened_in[1] == notes_folder
    settings = demo_workstation.settings_service
    qtbot.waitUntil(lambda: settings.export_folder(nurse) == notes_folder, timeout=5_000)
