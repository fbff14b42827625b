"""The patient switch keeps the desk's work with its patient: another patient asks for a clear
desk, unsaved work goes only when the nurse agrees, and a refusal puts the bar back."""

from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from app.domain.notes import Draft, NoteKind
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.patient_bar import PatientBar
from app.ui.patient_switch import PatientSwitch
from app.ui.tasks import TaskRunner
from tests.ui.desk_state import DeskState

ALEX, JORDAN = "DEMO-1001", "DEMO-1002"
NOTES = "0800 BP 132/84, HR 88. Pain 2/10.\n"
TIMEOUT_MS = 10_000


@dataclass
class Desk:
    """A patient bar and the two editors, with the switch the desk gives them."""

    window: QWidget
    bar: PatientBar
    source: QPlainTextEdit
    draft: QPlainTextEdit
    state: DeskState
    switch: PatientSwitch
    asked: list[bool]


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


@pytest.fixture
def desk(qtbot: QtBot, demo_workstation: Workstation, nurse: Session, tasks: TaskRunner) -> Desk:
    window = QWidget()
    qtbot.addWidget(window)
    bar = PatientBar(demo_workstation.drafts, nurse, tasks, window)
    source, draft = QPlainTextEdit(window), QPlainTextEdit(window)
    state = DeskState()
    switch = PatientSwitch(bar, source, draft, desk=state, parent=window)
    asked: list[bool] = []
    bar.refresh()
    qtbot.waitUntil(lambda: bar.picker.count() > 0, timeout=TIMEOUT_MS)
    return Desk(window, bar, source, draft, state, switch, asked)


def _answer(desk: Desk, agree: bool) -> None:
    """The nurse's answer to "clear the unsaved work?", recorded as asked."""

    def answer() -> bool:
        desk.asked.append(agree)
        return agree

    desk.switch.confirm_clear = answer


def _pick(desk: Desk, mrn: str) -> None:
    desk.bar.picker.setCurrentIndex(desk.bar.picker.findData(mrn))


def _current_mrn(desk: Desk) -> str | None:
    current = desk.bar.current
    return None if current is None else current.mrn


def test_the_first_patient_chosen_is_set_and_keeps_notes_typed_before(
    qtbot: QtBot, desk: Desk
) -> None:
    desk.source.setPlainText(NOTES)

    with (
        qtbot.assertNotEmitted(desk.switch.clear_requested),
        qtbot.waitSignal(desk.switch.patient_set) as chosen,
    ):
        _pick(desk, ALEX)

    assert chosen.args is not None
    assert chosen.args[0].mrn == ALEX
    switched = desk.switch.patient
    assert switched is not None and switched.mrn == ALEX


def test_another_patient_asks_for_a_clear_desk_when_nothing_is_unsaved(
    qtbot: QtBot, desk: Desk
) -> None:
    _pick(desk, ALEX)
    _answer(desk, agree=False)

    with qtbot.waitSignal(desk.switch.clear_requested):
        _pick(desk, JORDAN)

    assert desk.asked == []
    switched = desk.switch.patient
    assert switched is not None and switched.mrn == JORDAN


def test_unsaved_notes_go_only_when_the_nurse_agrees(qtbot: QtBot, desk: Desk) -> None:
    _pick(desk, ALEX)
    desk.source.setPlainText(NOTES)
    _answer(desk, agree=True)

    with qtbot.waitSignal(desk.switch.clear_requested):
        _pick(desk, JORDAN)

    assert desk.asked == [True]


def test_a_refusal_puts_the_bar_back_on_the_patient_the_work_is_for(
    qtbot: QtBot, desk: Desk
) -> None:
    _pick(desk, ALEX)
    desk.draft.setPlainText("S: Typed for Alex.")
    desk.draft.document().setModified(True)
    _answer(desk, agree=False)

    with (
        qtbot.assertNotEmitted(desk.switch.clear_requested),
        qtbot.assertNotEmitted(desk.switch.patient_set),
    ):
        _pick(desk, JORDAN)

    assert desk.asked == [False]
    assert _current_mrn(desk) == ALEX
    switched = desk.switch.patient
    assert switched is not None and switched.mrn == ALEX


def test_a_draft_brings_its_own_patient_without_clearing(
    qtbot: QtBot, desk: Desk, demo_workstation: Workstation, nurse: Session
) -> None:
    _pick(desk, ALEX)
    draft: Draft = demo_workstation.drafts.create_draft(nurse, JORDAN, NoteKind.SHIFT_SBAR, NOTES)
    desk.state.current_draft = draft
    desk.source.setPlainText(NOTES)
    _answer(desk, agree=False)

    with qtbot.assertNotEmitted(desk.switch.clear_requested):
        _pick(desk, JORDAN)

    assert desk.asked == []
    assert _current_mrn(desk) == JORDAN


def test_notes_a_stored_draft_was_made_from_are_not_unsaved_work(
    desk: Desk, demo_workstation: Workstation, nurse: Session
) -> None:
    desk.state.current_draft = demo_workstation.drafts.create_draft(
        nurse, ALEX, NoteKind.SHIFT_SBAR, NOTES
    )
    desk.source.setPlainText(NOTES)
    assert not desk.switch.has_unsaved_work()

    desk.source.setPlainText(NOTES + "0900 Ambulated.\n")
    assert desk.switch.has_unsaved_work()


def test_may_clear_asks_only_when_work_is_unsaved(desk: Desk) -> None:
    _answer(desk, agree=False)
    assert desk.switch.may_clear()
    assert desk.asked == []

    desk.source.setPlainText(NOTES)
    assert not desk.switch.may_clear()
    assert desk.asked == [False]
