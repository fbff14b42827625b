"""The desk's drafts list: scope, status and search go through the real service and store."""

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from app.domain.notes import DraftStatus, NoteKind
from app.domain.roles import Role
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_patients
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.drafts_list import LIST_LIMIT, DraftsList, Scope
from app.ui.tasks import TaskRunner
from bench.desk_open import seed_drafts

NOTES = "0800 BP 132/84, HR 88, SpO2 95% RA. Pain 2/10. Ambulating with walker.\n"
ALEX, JORDAN, _ = demo_patients()


@pytest.fixture
def nurse(demo_workstation: Workstation) -> Session:
    return demo_workstation.auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


def _drafts_list(
    qtbot: QtBot, workstation: Workstation, session: Session, tasks: TaskRunner
) -> DraftsList:
    drafts_list = DraftsList(workstation.drafts, session, tasks)
    qtbot.addWidget(drafts_list)
    return drafts_list


@pytest.fixture
def drafts_list(
    qtbot: QtBot, demo_workstation: Workstation, nurse: Session, tasks: TaskRunner
) -> Iterator[DraftsList]:
    yield _drafts_list(qtbot, demo_workstation, nurse, tasks)
    tasks.wait(10_000)


def _write(workstation: Workstation, session: Session, mrn: str, kind: NoteKind) -> str:
    # Each patient has notes of their own: the service refuses one patient's notes for another.
    return workstation.drafts.create_draft(session, mrn, kind, f"{NOTES}\nChart {mrn}.").id


def _shown(
    qtbot: QtBot, drafts_list: DraftsList, act: Callable[[], None] | None = None
) -> list[str]:
    """Do `act` (or ask for the list) and return the draft ids of the rows then shown."""
    with qtbot.waitSignal(drafts_list.shown, timeout=10_000):
        (act or drafts_list.refresh)()
    return [drafts_list.model.summary(row).id for row in range(drafts_list.count())]


def test_of_ten_thousand_drafts_the_newest_are_listed_and_search_is_suggested(
    qtbot: QtBot, drafts_list: DraftsList, demo_workstation: Workstation, nurse: Session
) -> None:
    seed_drafts(demo_workstation.locations.drafts_db, nurse.user_id, 10_000)

    _shown(qtbot, drafts_list)

    model = drafts_list.model
    assert drafts_list.count() == LIST_LIMIT
    times = [model.summary(row).updated_at for row in range(LIST_LIMIT)]
    assert times == sorted(times, reverse=True)
    assert drafts_list.count_label.text() == "Newest 1,000 shown; search to narrow the list."
    newest = model.summary(0)
    assert model.index(0).data().startswith(f"{newest.patient_name} ({newest.patient_mrn})\n")


def test_a_search_reaches_drafts_older_than_the_first_page(
    qtbot: QtBot, drafts_list: DraftsList, demo_workstation: Workstation, nurse: Session
) -> None:
    seed_drafts(demo_workstation.locations.drafts_db, nurse.user_id, 10_000)
    first_page = set(_shown(qtbot, drafts_list))

    found = _shown(qtbot, drafts_list, lambda: drafts_list.search("Patient 00042"))

    assert found and not set(found) <= first_page


def test_searching_by_patient_name_lists_only_that_patients_drafts(
    qtbot: QtBot, drafts_list: DraftsList, demo_workstation: Workstation, nurse: Session
) -> None:
    jordans = _write(demo_workstation, nurse, JORDAN.mrn, NoteKind.SHIFT_SBAR)
    _write(demo_workstation, nurse, ALEX.mrn, NoteKind.SHIFT_SBAR)

    assert _shown(qtbot, drafts_list, lambda: drafts_list.search("jordan")) == [jordans]


def test_searching_by_note_kind_lists_only_drafts_of_that_kind(
    qtbot: QtBot, drafts_list: DraftsList, demo_workstation: Workstation, nurse: Session
) -> None:
    _write(demo_workstation, nurse, ALEX.mrn, NoteKind.SHIFT_SBAR)
    discharge = _write(demo_workstation, nurse, ALEX.mrn, NoteKind.DISCHARGE)

    assert _shown(qtbot, drafts_list, lambda: drafts_list.search("discharge")) == [discharge]


def test_typing_in_the_search_field_filters_after_a_pause(
    qtbot: QtBot, drafts_list: DraftsList, demo_workstation: Workstation, nurse: Session
) -> None:
    jordans = _write(demo_workstation, nurse, JORDAN.mrn, NoteKind.SHIFT_SBAR)
    _write(demo_workstation, nurse, ALEX.mrn, NoteKind.SHIFT_SBAR)

    def type_mrn() -> None:
        qtbot.keyClicks(drafts_list.search_edit, JORDAN.mrn)

    assert _shown(qtbot, drafts_list, type_mrn) == [jordans]


def test_the_status_filter_lists_only_drafts_in_that_state(
    qtbot: QtBot, drafts_list: DraftsList, demo_workstation: Workstation, nurse: Session
) -> None:
    _write(demo_workstation, nurse, ALEX.mrn, NoteKind.SHIFT_SBAR)
    reviewed = _write(demo_workstation, nurse, ALEX.mrn, NoteKind.SHIFT_SBAR)
    demo_workstation.review.mark_reviewed(nurse, reviewed)

    listed = _shown(qtbot, drafts_list, lambda: drafts_list.set_status(DraftStatus.REVIEWED))

    assert listed == [reviewed]


def test_this_patient_lists_only_the_chosen_patients_drafts(
    qtbot: QtBot, drafts_list: DraftsList, demo_workstation: Workstation, nurse: Session
) -> None:
    alexs = _write(demo_workstation, nurse, ALEX.mrn, NoteKind.SHIFT_SBAR)
    _write(demo_workstation, nurse, JORDAN.mrn, NoteKind.SHIFT_SBAR)
    drafts_list.set_patient(ALEX)

    assert _shown(qtbot, drafts_list, lambda: drafts_list.set_scope(Scope.PATIENT)) == [alexs]


def test_a_nurse_is_not_offered_the_unit_wide_list(drafts_list: DraftsList) -> None:
    scopes = [drafts_list.scope_box.itemData(i) for i in range(drafts_list.scope_box.count())]

    assert scopes == [Scope.MINE, Scope.PATIENT]


def test_a_charge_nurse_sees_the_units_drafts_only_when_asking_for_all(
    qtbot: QtBot,
    demo_workstation: Workstation,
    nurse: Session,
    tasks: TaskRunner,
) -> None:
    nurses = _write(demo_workstation, nurse, ALEX.mrn, NoteKind.SHIFT_SBAR)
    demo_workstation.accounts.add("charge", "Charge Nurse", Role.CHARGE_NURSE, "c" * 16)
    charge = demo_workstation.auth.sign_in("charge", "c" * 16)
    drafts_list = _drafts_list(qtbot, demo_workstation, charge, tasks)

    assert _shown(qtbot, drafts_list) == []
    assert _shown(qtbot, drafts_list, lambda: drafts_list.set_scope(Scope.UNIT)) == [nurses]
    tasks.wait(10_000)


def test_enter_on_a_row_asks_to_open_that_draft(
    qtbot: QtBot, drafts_list: DraftsList, demo_workstation: Workstation, nurse: Session
) -> None:
    draft_id = _write(demo_workstation, nurse, ALEX.mrn, NoteKind.SHIFT_SBAR)
    _shown(qtbot, drafts_list)
    drafts_list.show()
    drafts_list.view.setFocus()
    drafts_list.view.setCurrentIndex(drafts_list.model.index(0))

    with qtbot.waitSignal(drafts_list.open_requested, timeout=1_000) as opened:
        qtbot.keyClick(drafts_list.view, Qt.Key.Key_Return)

    assert opened.args == [draft_id]


@pytest.fixture
def large_font(qapp: QApplication) -> Iterator[None]:
    font = qapp.font()
    larger = QFont(font)
    larger.setPointSize(14)
    qapp.setFont(larger)
    yield
    qapp.setFont(font)


@pytest.mark.usefixtures("large_font")
def test_at_14_points_every_row_is_whole_in_a_narrow_pane(
    qtbot: QtBot, drafts_list: DraftsList, demo_workstation: Workstation, nurse: Session
) -> None:
    _write(demo_workstation, nurse, ALEX.mrn, NoteKind.DISCHARGE)
    drafts_list.resize(260, 600)
    drafts_list.show()
    _shown(qtbot, drafts_list)

    view = drafts_list.view
    row = view.visualRect(drafts_list.model.index(0))
    lines = drafts_list.model.index(0).data().splitlines()
    assert len(lines) == 3
    assert row.height() >= len(lines) * view.fontMetrics().lineSpacing()
    assert view.viewport().rect().contains(row)
    assert all(view.fontMetrics().horizontalAdvance(line) <= row.width() for line in lines[1:]), (
        "the kind and the status lines fit without being cut"
    )
    assert drafts_list.model.index(0).data(Qt.ItemDataRole.ToolTipRole) == ", ".join(lines)


def _placeholder_shown_width(field: QLineEdit) -> int:
    """How far the field shows its placeholder's words from the first to the last character.

    Typed as text, words wider than the field scroll it, and the span from the start to the end
    of the text then measures less than the words do.
    """
    field.setText(field.placeholderText())
    field.setCursorPosition(len(field.text()))
    field.grab()
    end = field.cursorRect().center().x()
    field.setCursorPosition(0)
    field.grab()
    start = field.cursorRect().center().x()
    field.clear()
    return end - start


@pytest.mark.parametrize("scale", [1, 2])
def test_the_search_fields_placeholder_is_whole_in_the_narrowest_pane(
    qapp: QApplication, drafts_list: DraftsList, scale: int
) -> None:
    font = QFont(qapp.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    drafts_list.setFont(font)
    drafts_list.resize(1, 600)
    drafts_list.show()

    field = drafts_list.search_edit
    placeholder = field.placeholderText()
    assert placeholder
    assert _placeholder_shown_width(field) >= field.fontMetrics().horizontalAdvance(placeholder)
