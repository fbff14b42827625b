"""The compliance officer's audit viewer: filter the audit log, page through it, export it.

Every query and export runs on the task runner (the audit log is an encrypted database) and is
permission-checked and audited by the service; this module only arranges widgets. The viewer is
a panel, shown as the compliance officer's own window (they cannot draft, so the nurse's desk
has nothing for them) or as a dialog from the desk's menu for any other role allowed to read.
"""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.audit import AuditAction, AuditFilter, ChainedEvent, Outcome
from app.services.audit_review import AuditExportFormat, AuditPage
from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.idle import IdleWatcher
from app.ui.tasks import TaskRunner

PAGE_SIZE = 200
COLUMNS: tuple[tuple[str, Callable[[ChainedEvent], str]], ...] = (
    ("Time", lambda c: c.event.occurred_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")),
    ("User", lambda c: c.event.user_id),
    ("Role", lambda c: c.event.role or ""),
    ("Action", lambda c: c.event.action.value),
    ("Patient", lambda c: c.event.patient_ref or ""),
    ("Object", lambda c: " ".join(filter(None, (c.event.object_type, c.event.object_id)))),
    ("Outcome", lambda c: c.event.outcome.value),
    ("Reason", lambda c: c.event.reason or ""),
    ("Workstation", lambda c: c.event.workstation),
    ("Seq", lambda c: str(c.seq)),
)
ExportPathChooser = Callable[[AuditExportFormat], Path | None]


class AuditEventsModel(QAbstractTableModel):
    """The events shown, newest first; a further page is appended below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Starts empty: the viewer fills it page by page from the audit review service."""
        super().__init__(parent)
        self.events: list[ChainedEvent] = []

    def replace(self, events: tuple[ChainedEvent, ...]) -> None:
        """Show `events` instead of the current rows, as after a new search."""
        self.beginResetModel()
        self.events = list(events)
        self.endResetModel()

    def extend(self, events: tuple[ChainedEvent, ...]) -> None:
        """Append an older page below the rows already shown."""
        if not events:
            return
        first = len(self.events)
        self.beginInsertRows(QModelIndex(), first, first + len(events) - 1)
        self.events.extend(events)
        self.endInsertRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """One row per event shown; a flat list, so no children."""
        return 0 if parent.isValid() else len(self.events)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """One column per entry of COLUMNS; a flat list, so no children."""
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        """The column's text for the display role; the log is read-only, so nothing else."""
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        return COLUMNS[index.column()][1](self.events[index.row()])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        """The column titles of COLUMNS across the top; no row headers."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][0]
        return None


def _choice_box(name: str, values: list[str]) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    box.addItem("Any", None)
    for value in values:
        box.addItem(value, value)
    return box


def _moment(text: str, field: str) -> datetime | None:
    """A date or time typed as ISO 8601; without a zone it is this computer's local time."""
    if not text.strip():
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{field}: type a date as YYYY-MM-DD or YYYY-MM-DD HH:MM.") from None
    return moment if moment.utcoffset() is not None else moment.astimezone()


class AuditViewer(QWidget):
    """The audit log for those who may read it: filters, pages of events, verify and export.

    Every search and export goes through the audit review service, which checks the role and
    audits the look itself; queries run on the task runner.
    """

    def __init__(
        self,
        workstation: Workstation,
        session: Session,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        """Builds the filters and an empty table; nothing is read from the log until a search."""
        super().__init__(parent)
        self._review = workstation.audit
        self._session = session
        self._tasks = tasks
        self._next_before: int | None = None
        self._shown_filter = AuditFilter()
        self.choose_export_path: ExportPathChooser = self._ask_export_path
        self.model = AuditEventsModel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filters())
        layout.addLayout(self._build_buttons())
        self.table = QTableView()
        self.table.setAccessibleName("Audit events")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.status = QLabel()
        self.status.setAccessibleName("Audit viewer status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

    def _build_filters(self) -> QFormLayout:
        self.user_edit = self._line("User ID", "exact user ID, e.g. a local account or tid:oid")
        self.patient_edit = self._line("Patient MRN", "exact MRN")
        self.action_box = _choice_box("Action", [action.value for action in AuditAction])
        self.outcome_box = _choice_box("Outcome", [outcome.value for outcome in Outcome])
        self.since_edit = self._line("From", "YYYY-MM-DD or YYYY-MM-DD HH:MM (included)")
        self.until_edit = self._line("Until", "YYYY-MM-DD or YYYY-MM-DD HH:MM (not included)")
        form = QFormLayout()
        for label, field in (
            ("&User ID:", self.user_edit),
            ("&Patient MRN:", self.patient_edit),
            ("&Action:", self.action_box),
            ("Out&come:", self.outcome_box),
            ("&From:", self.since_edit),
            ("U&ntil:", self.until_edit),
        ):
            form.addRow(label, field)
        return form

    def _build_buttons(self) -> QHBoxLayout:
        self.search_button = self._button("&Search", self.search)
        self.more_button = self._button("&Older events", self.load_older)
        self.more_button.setEnabled(False)
        self.export_csv_button = self._button(
            "Export &CSV…", lambda: self.export(AuditExportFormat.CSV)
        )
        self.export_json_button = self._button(
            "Export &JSON…", lambda: self.export(AuditExportFormat.JSON)
        )
        row = QHBoxLayout()
        for button in (
            self.search_button,
            self.more_button,
            self.export_csv_button,
            self.export_json_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.returnPressed.connect(self.search)
        return edit

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        return button

    def current_filter(self) -> AuditFilter:
        """The filter as the fields now read, whether or not it has been searched yet."""
        return AuditFilter(
            user_id=self.user_edit.text().strip() or None,
            patient_ref=self.patient_edit.text().strip() or None,
            action=self.action_box.currentData(),
            outcome=self.outcome_box.currentData(),
            since=_moment(self.since_edit.text(), "From"),
            until=_moment(self.until_edit.text(), "Until"),
        )

    def search(self) -> None:
        """A new search: the first (newest) page of what the filters now say."""
        query = self._filter_or_say_why()
        if query is None:
            return
        self._shown_filter = query
        self._query(query, None, self._show_first_page)

    def load_older(self) -> None:
        """Fetch the page before the oldest shown, with the filter last searched."""
        if self._next_before is not None:
            self._query(self._shown_filter, self._next_before, self._show_older_page)

    def _query(
        self, query: AuditFilter, before: int | None, shown: Callable[[AuditPage], None]
    ) -> None:
        self._set_busy(True, "Searching the audit log…")
        review, session = self._review, self._session
        self._tasks.submit(
            self,
            lambda: review.search(session, query, limit=PAGE_SIZE, before_seq=before),
            shown,
            self._failed,
        )

    def _show_first_page(self, page: AuditPage) -> None:
        self.model.replace(page.events)
        self._paged(page)

    def _show_older_page(self, page: AuditPage) -> None:
        self.model.extend(page.events)
        self._paged(page)

    def _paged(self, page: AuditPage) -> None:
        self._next_before = page.next_before_seq
        more = " Older events: press Older events." if page.next_before_seq else ""
        self._set_busy(False, f"{len(self.model.events)} events shown, newest first.{more}")

    def export(self, format: AuditExportFormat) -> None:
        """Everything the filters match, not only the rows shown, written where the officer
        chooses; the service audits the export."""
        query = self._filter_or_say_why()
        if query is None:
            return
        path = self.choose_export_path(format)
        if path is None:
            return
        self._set_busy(True, "Exporting…")
        review, session = self._review, self._session

        def write() -> int:
            with path.open("w", encoding="utf-8", newline="") as out:
                return review.export(session, query, format, out)

        self._tasks.submit(
            self,
            write,
            lambda written: self._set_busy(False, f"Exported {written} events to {path}."),
            self._failed,
        )

    def _ask_export_path(self, format: AuditExportFormat) -> Path | None:
        suffix = format.value
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export audit events", f"audit-events.{suffix}", f"{suffix.upper()} (*.{suffix})"
        )
        return Path(chosen) if chosen else None

    def _filter_or_say_why(self) -> AuditFilter | None:
        try:
            return self.current_filter()
        except ValueError as error:
            self.status.setText(str(error))
            return None

    def _set_busy(self, busy: bool, message: str) -> None:
        for button in (self.search_button, self.export_csv_button, self.export_json_button):
            button.setEnabled(not busy)
        self.more_button.setEnabled(not busy and self._next_before is not None)
        self.status.setText(message)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False, str(error) or type(error).__name__)


class AuditViewerDialog(QDialog):
    """The viewer opened from the desk's menu."""

    def __init__(
        self, workstation: Workstation, session: Session, tasks: TaskRunner, parent: QWidget
    ) -> None:
        """The viewer in a dialog over the desk; the desk is its parent and outlives it."""
        super().__init__(parent)
        self.setWindowTitle("Audit log")
        self.resize(1100, 700)
        self.viewer = AuditViewer(workstation, session, tasks, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.viewer)


class AuditWindow(QMainWindow):
    """Where a compliance officer lands after signing in: the audit log, nothing to draft.

    Idle for the policy's lock period, it signs out (automatic logoff): the events name
    patients, and there is no unsaved work to keep behind a lock screen.

    Signals:
        signed_out(): the window closed by signing out; show the sign-in again.
    """

    signed_out = Signal()

    def __init__(self, workstation: Workstation, session: Session, tasks: TaskRunner) -> None:
        """The viewer as the whole window, for roles whose work is the audit log itself."""
        super().__init__()
        self.setWindowTitle(f"WardScribe audit log — {session.principal.display_name}")
        self.resize(1200, 760)
        self.viewer = AuditViewer(workstation, session, tasks, self)
        self.setCentralWidget(self.viewer)
        menu = self.menuBar().addMenu("&File")
        sign_out = QAction("Sign &out", self)
        sign_out.triggered.connect(self.sign_out)
        menu.addAction(sign_out)
        quit_action = QAction("&Quit", self)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)
        minutes = workstation.settings.effective.idle_lock_minutes
        self.idle_watcher = IdleWatcher(minutes * 60, self)
        self.idle_watcher.idle.connect(self.sign_out)
        self.viewer.search()

    def sign_out(self) -> None:
        """Close the window and say so, unless closing was refused."""
        if self.close():
            self.signed_out.emit()
