"""The drafts list on the desk: mine, one patient's or the unit's, filtered by status and search.

Filtering happens in the drafting service and the encrypted store, never here, so the access
rules and the audit event apply to every list shown. Rows live in a list model the view reads
lazily, so ten thousand drafts cost one query and no widget per row. Queries run on the task
runner; an answer to an older question is dropped when it arrives late.
"""

from enum import Enum
from typing import NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.notes import DraftStatus, DraftSummary, Patient
from app.domain.roles import Permission, is_allowed
from app.services.drafting import DraftService
from app.services.session import Session
from app.ui.tasks import TaskRunner

LIST_LIMIT = 1_000
"""The most rows one list shows; past it the nurse narrows the search instead of scrolling.

Nobody scrolls through a thousand notes to find one, and building and laying out every row of a
ten-thousand-draft store took the list past the 200 ms a desk may take to open."""
SEARCH_DEBOUNCE_MS = 250


class SearchField(QLineEdit):
    """A line edit never narrower than its placeholder, at whatever font size it is shown.

    Qt sizes a line edit for a few characters, and the drafts pane is narrow: the hint of what
    may be searched for was cut off, more so at a large font.
    """

    def minimumSizeHint(self) -> QSize:
        """Qt's own minimum, widened until the placeholder's words fit beside the clear button.

        Qt's size hint holds 17 "x" and every margin, frame and shown button; swapping the x's
        for the placeholder keeps those paddings as the style measures them. The clear button,
        hidden while the field is empty, is counted too, so the same words typed fit as well.
        """
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        padding = self.sizeHint().width() - 17 * metrics.horizontalAdvance("x")
        if not self.text():
            padding += sum(button.sizeHint().width() for button in self.findChildren(QToolButton))
        return hint.expandedTo(
            QSize(padding + metrics.horizontalAdvance(self.placeholderText()), hint.height())
        )


class Scope(Enum):
    """Whose drafts the list shows."""

    MINE = "Mine"
    PATIENT = "This patient"
    UNIT = "All I may see"


class StatusChoice(NamedTuple):
    """One entry of the status filter: a draft status, any, or amended notes."""

    label: str
    status: DraftStatus | None
    amended: bool = False


STATUS_CHOICES = (
    StatusChoice("Any status", None),
    *(StatusChoice(status.label, status) for status in DraftStatus),
    StatusChoice("Amended", None, amended=True),
)

_Index = QModelIndex | QPersistentModelIndex


def row_text(summary: DraftSummary) -> str:
    """Three short lines: whose note it is, what, then its state and when; a screen reader reads
    them too. Short lines keep a row whole in a narrow pane at a large font."""
    who = summary.patient_mrn
    if summary.patient_name:
        who = f"{summary.patient_name} ({summary.patient_mrn})"
    when = summary.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
    return f"{who}\n{summary.kind.label}\n{summary.status.label} · {when}"


class _PaneWideRows(QStyledItemDelegate):
    """Rows as wide as the list, never wider: a line too long for the pane ends in "…" (the
    row's tooltip has it whole) instead of running past the edge, cut mid-letter."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hint = super().sizeHint(option, index)
        room = self._view.viewport().width() - 2 * self._view.spacing()
        return QSize(max(1, min(hint.width(), room)), hint.height())


class DraftListModel(QAbstractListModel):
    """Formats a row only when the view asks for it, so a long list costs nothing to hand over."""

    def __init__(self, parent: QObject | None = None) -> None:
        """Starts empty; `set_rows` fills it with each answer of the service."""
        super().__init__(parent)
        self._rows: list[DraftSummary] = []

    def set_rows(self, rows: list[DraftSummary]) -> None:
        """Show `rows` instead of the current ones."""
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def summary(self, row: int) -> DraftSummary:
        """The summary shown in `row`, for opening its draft."""
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """One row per summary; a flat list, so no children."""
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Row text for display, the same on one line for screen readers and tooltips, the id as
        UserRole."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row_text(summary)
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return row_text(summary).replace("\n", ", ")
        if role == Qt.ItemDataRole.UserRole:
            return summary.id
        return None


class DraftsList(QWidget):
    """The saved drafts a person may see, filtered by scope, status and search.

    Signals:
        open_requested(str): the id of the draft whose row the nurse activated.
        failed(object): the service refused or failed to list; the exception.
        shown(int): a list was put on screen, with this many rows.
    """

    open_requested = Signal(str)
    failed = Signal(object)
    shown = Signal(int)
    """Emitted with the row count once a list has been put on screen."""

    def __init__(
        self,
        drafts: DraftService,
        session: Session,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        """Builds the filters; nothing is listed until `refresh` or a filter changes."""
        super().__init__(parent)
        self._drafts = drafts
        self._session = session
        self._tasks = tasks
        self._patient: Patient | None = None
        self._asked = 0
        """Bumped on every request, so an answer to an older one is dropped."""
        self.scope_box = QComboBox()
        self.scope_box.setAccessibleName("Drafts to show")
        for scope in Scope:
            if scope is Scope.UNIT and not is_allowed(
                session.principal.role, Permission.DRAFT_READ_UNIT
            ):
                continue
            self.scope_box.addItem(scope.value, scope)
        self.status_box = QComboBox()
        self.status_box.setAccessibleName("Draft status")
        for choice in STATUS_CHOICES:
            self.status_box.addItem(choice.label, choice)
        self.search_edit = SearchField()
        self.search_edit.setAccessibleName("Search drafts")
        self.search_edit.setPlaceholderText("Name, MRN or kind")
        self.search_edit.setClearButtonEnabled(True)
        self.model = DraftListModel(self)
        self.view = QListView()
        self.view.setAccessibleName("Saved drafts")
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.view.setItemDelegate(_PaneWideRows(self.view))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setAlternatingRowColors(True)
        self.view.setSpacing(2)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.activated.connect(self._activated)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Drafts shown")
        self.count_label.setWordWrap(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.scope_box.currentIndexChanged.connect(self.refresh)
        self.status_box.currentIndexChanged.connect(self.refresh)
        self.search_edit.textChanged.connect(self._debounce.start)
        self.search_edit.returnPressed.connect(self.refresh)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WindowShortcut)
        find.activated.connect(self._focus_search)
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for text, field in (
            ("Sh&ow:", self.scope_box),
            ("Stat&us:", self.status_box),
            ("Searc&h:", self.search_edit),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        heading = QLabel("Sa&ved drafts")
        heading.setBuddy(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

    @property
    def scope(self) -> Scope:
        """Whose drafts the scope box asks for."""
        scope = self.scope_box.currentData()
        assert isinstance(scope, Scope)
        return scope

    def set_scope(self, scope: Scope) -> None:
        """Choose the scope as the nurse would; the list refreshes through the box's signal."""
        self.scope_box.setCurrentIndex(self.scope_box.findData(scope))

    def set_status(self, status: DraftStatus | None, *, amended: bool = False) -> None:
        """Choose the status filter as the nurse would; `amended` picks the amended-notes choice."""
        for index, choice in enumerate(STATUS_CHOICES):
            if (choice.status, choice.amended) == (status, amended):
                self.status_box.setCurrentIndex(index)

    def set_patient(self, patient: Patient | None) -> None:
        """Follow the desk's patient; lists again only when showing this patient's drafts."""
        self._patient = patient
        if self.scope is Scope.PATIENT:
            self.refresh()

    @property
    def filtered(self) -> bool:
        """A status or a search narrows the list: an empty answer says nothing about the rest."""
        return self.status_box.currentIndex() != 0 or bool(self.search_edit.text().strip())

    def count(self) -> int:
        """How many rows are shown now."""
        return self.model.rowCount()

    def open_row(self, row: int) -> None:
        """Ask the desk to open the draft shown in `row`, as activating it does."""
        self.open_requested.emit(self.model.summary(row).id)

    def search(self, text: str) -> None:
        """Search now, as pressing Enter in the search field does."""
        self.search_edit.setText(text)
        self.refresh()

    def refresh(self) -> None:
        """List again now, off the UI thread; an answer overtaken by a newer request is dropped."""
        self._debounce.stop()
        self._asked += 1
        asked, scope, patient = self._asked, self.scope, self._patient
        if scope is Scope.PATIENT and patient is None:
            self._show(asked, [], "Choose a patient to see their drafts.")
            return
        choice = self.status_box.currentData()
        assert isinstance(choice, StatusChoice)
        search = self.search_edit.text().strip() or None
        session = self._session

        def ask() -> tuple[int, list[DraftSummary]]:
            return asked, self._drafts.list_drafts(
                session,
                patient.mrn if scope is Scope.PATIENT and patient is not None else None,
                mine=scope is Scope.MINE,
                status=choice.status,
                amended=choice.amended,
                search=search,
                limit=LIST_LIMIT + 1,
            )

        self._tasks.submit(self, ask, self._answered, self._refused)

    def _answered(self, answer: tuple[int, list[DraftSummary]]) -> None:
        self._show(*answer, None)

    def _refused(self, error: BaseException) -> None:
        self.failed.emit(error)

    def _show(self, asked: int, rows: list[DraftSummary], empty_note: str | None) -> None:
        if asked != self._asked:
            return
        more = len(rows) > LIST_LIMIT
        self.model.set_rows(rows[:LIST_LIMIT])
        if more:
            note = f"Newest {LIST_LIMIT:,} shown; search to narrow the list."
        elif rows:
            note = f"{len(rows):,} draft{'' if len(rows) == 1 else 's'}"
        else:
            note = empty_note or "No drafts match."
        self.count_label.setText(note)
        self.shown.emit(self.count())

    def _activated(self, index: QModelIndex) -> None:
        self.open_row(index.row())

    def _focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()
