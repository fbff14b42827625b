"""Generate on the desk: the facts-only draft at once, then the model's prose in its passages,
in the same run; with no model the facts stay and the desk says the prose cannot be written."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from pytestqt.qtbot import QtBot

from app.domain.grounded.render import PROSE_PENDING
from app.domain.notes import NoteKind
from app.services.draft_so_far import DraftSoFar
from app.services.workstation import StartOptions, Workstation
from app.ui.application import WindowController
from app.ui.main_window import MainWindow
from tests.grounded.notes import SHIFT
from tests.ui.conftest import FIRST_DEMO_MRN, choose_patient, sign_in
from tests.ui.menus import generate_whole_note


def _record_screen(desk: MainWindow) -> list[tuple[str, str]]:
    """The editor's text and the notice each time the run shows its draft so far."""
    seen: list[tuple[str, str]] = []

    def record(_: DraftSoFar) -> None:
        seen.append((desk.draft_edit.toPlainText(), desk.notice.text()))

    desk.generation.draft_so_far.connect(record)
    return seen


def test_generate_shows_the_facts_while_the_model_loads_then_the_saved_draft(
    qtbot: QtBot, desk: MainWindow
) -> None:
    seen = _record_screen(desk)
    desk.source_edit.setPlainText(SHIFT)
    desk.kind_box.setCurrentIndex(desk.kind_box.findData(NoteKind.SHIFT_SBAR))

    desk.generate_button.click()
    qtbot.waitUntil(lambda: not desk.stop_button.isEnabled(), timeout=60_000)

    first_text, first_notice = seen[0]
    assert first_text.startswith(f"Situation:\n{PROSE_PENDING}\n\nBackground:")
    assert "- Recheck K at 1200." in first_text
    assert "model is loading" in first_notice and "will follow" in first_notice
    assert any("model is writing" in notice for _, notice in seen)
    saved = desk.current_draft
    assert saved is not None
    assert desk.draft_edit.toPlainText() == saved.text == seen[-1][0]
    assert desk.notice.text().startswith("Draft ready")


def test_the_whole_note_is_still_offered_and_streams_as_the_model_writes(
    qtbot: QtBot, desk: MainWindow
) -> None:
    seen = _record_screen(desk)
    streamed: list[str] = []
    desk.generation.text_arrived.connect(streamed.append)
    desk.source_edit.setPlainText(SHIFT)

    generate_whole_note(desk)
    qtbot.waitUntil(lambda: not desk.stop_button.isEnabled(), timeout=60_000)

    assert seen == []
    assert streamed
    assert "Vital signs:" not in desk.draft_edit.toPlainText()


@pytest.fixture
def desk_without_model(
    qtbot: QtBot, tmp_path: Path, memory_keyring: KeyringBackend, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    """The desk on a demo workstation whose settings name a model file that is not there."""
    demo = tmp_path / "data" / "demo"
    demo.mkdir(parents=True)
    settings = {"model_path": str(tmp_path / "absent.gguf"), "model_sha256": "0" * 64}
    for folder in (demo.parent, demo):
        (folder / "settings.json").write_text(json.dumps(settings))
    monkeypatch.setenv("WARDSCRIBE_POLICY_FILE", str(tmp_path / "no-policy.toml"))
    monkeypatch.delenv("WARDSCRIBE_DATA_DIR", raising=False)
    workstation = Workstation.open(StartOptions(data_dir=demo.parent, demo=True))
    controller = WindowController(workstation)
    controller.start()
    sign_in(qtbot, controller)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10_000)
    window = controller.window
    assert isinstance(window, MainWindow)
    qtbot.waitUntil(lambda: window.patient_bar.picker.count() > 0, timeout=5_000)
    choose_patient(qtbot, window, FIRST_DEMO_MRN)
    yield window
    window.confirm_discard = lambda: True
    window.close()
    controller.tasks.wait(10_000)
    workstation.close()


def test_with_no_model_the_facts_stay_and_the_desk_says_the_prose_cannot_be_written(
    qtbot: QtBot, desk_without_model: MainWindow
) -> None:
    desk = desk_without_model
    desk.source_edit.setPlainText(SHIFT)

    desk.generate_button.click()
    qtbot.waitUntil(lambda: not desk.stop_button.isEnabled(), timeout=30_000)

    text = desk.draft_edit.toPlainText()
    assert "- Recheck K at 1200." in text and PROSE_PENDING in text
    notice = desk.notice.text()
    assert notice.startswith("Draft ready") and "cannot be written for you" in notice
    saved = desk.current_draft
    assert saved is not None and saved.text == text


def test_notes_too_thin_for_the_kind_still_give_their_facts_on_the_desk(
    qtbot: QtBot, desk: MainWindow
) -> None:
    desk.source_edit.setPlainText("0700 BP 128/76, HR 82, SpO2 96% RA.")
    desk.kind_box.setCurrentIndex(desk.kind_box.findData(NoteKind.DISCHARGE))

    desk.generate_button.click()
    qtbot.waitUntil(lambda: not desk.stop_button.isEnabled(), timeout=30_000)

    assert "- Blood pressure: BP 128/76" in desk.draft_edit.toPlainText()
    notice = desk.notice.text()
    assert "too short" in notice and "yours to write" in notice
