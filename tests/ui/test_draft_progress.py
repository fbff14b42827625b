"""A run of the model shows in the draft pane as it is written: its text in order, or a grounded
draft whole each time it grows, and a stopped run's text kept in the editor, unsaved."""

from pytestqt.qtbot import QtBot

from app.services.draft_so_far import DraftSoFar, ProseState
from app.services.drafting import GenerationOutcome
from app.ui.main_window import MainWindow


def _stopped(text: str) -> GenerationOutcome:
    return GenerationOutcome(
        text=text, cancelled=True, saved=None, missing_sections=(), stats=None, coverage=None
    )


def test_the_first_streamed_text_says_the_model_is_writing(qtbot: QtBot, desk: MainWindow) -> None:
    with qtbot.waitSignal(desk.progress.notice) as said:
        desk.generation.text_arrived.emit("S: ")
    desk.generation.text_arrived.emit("stable overnight.")

    assert said.args == ["Writing the draft… the model has read the notes."]
    assert desk.draft_edit.toPlainText() == "S: stable overnight."


def test_a_grounded_draft_so_far_replaces_the_editor_and_ignores_text_in_order(
    qtbot: QtBot, desk: MainWindow
) -> None:
    desk.draft_edit.setPlainText("an earlier draft")
    so_far = DraftSoFar("Situation\nHR 88\n\n[To be written.]", ProseState.WRITING)

    with qtbot.waitSignal(desk.progress.notice):
        desk.generation.draft_so_far.emit(so_far)
    desk.generation.text_arrived.emit("streamed prose")

    assert desk.draft_edit.toPlainText() == so_far.text


def test_a_stopped_run_keeps_its_partial_text_unsaved(qtbot: QtBot, desk: MainWindow) -> None:
    desk.generation.text_arrived.emit("S: stable")

    with qtbot.waitSignal(desk.progress.notice) as said:
        desk.generation.completed.emit(_stopped("S: stable"))

    assert str(said.args[0]).startswith("Stopped. The partial text is in the editor")
    assert desk.draft_edit.toPlainText() == "S: stable"
    assert desk.draft_edit.document().isModified()
    assert desk.notice.text() == said.args[0]
