"""A note's version history: every version, and what each one changed from the one before.

A signed note is never edited in place; an amendment is a new version, so a reader needs to see
exactly what the amendment changed. The change is shown as unified-diff text with its + and -
prefixes kept, and added and removed lines also differ in font weight and style, so the cue
never rests on colour and holds in the high-contrast theme. Every service call runs on the task
runner; the service checks who may read the history and audits each look.
"""

from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.review import VersionSummary
from app.services.review import ReviewService
from app.services.session import Session
from app.ui.accessibility import name_buttons
from app.ui.fonts import monospace_font
from app.ui.tasks import TaskRunner

LEGEND = "Lines starting with + were added (bold); lines starting with - were removed (italic)."


def describe_version(summary: VersionSummary, names: Mapping[str, str]) -> str:
    """One line per version: its number, state, what it amends, who made and signed it, when.

    The history keeps user ids; `names` gives the ones the desk knows a display name for.
    """
    parts = [f"Version {summary.version}", summary.status.label]
    if summary.amends is not None:
        parts.append(f"amends v{summary.amends}")
    created_by = names.get(summary.created_by, summary.created_by)
    parts.append(f"by {created_by}, {_local(summary.created_at)}")
    if summary.signed_by is not None and summary.signed_at is not None:
        signed_by = names.get(summary.signed_by, summary.signed_by)
        parts.append(f"signed by {signed_by}, {_local(summary.signed_at)}")
    return " · ".join(parts)


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class DiffHighlighter(QSyntaxHighlighter):
    """Formats whole lines, so a wrapped changed line keeps its cue past the + or - prefix."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._added = QTextCharFormat()
        self._added.setFontWeight(QFont.Weight.Bold)
        self._removed = QTextCharFormat()
        self._removed.setFontItalic(True)

    def highlightBlock(self, text: str) -> None:
        if text.startswith("+") and not text.startswith("+++"):
            self.setFormat(0, len(text), self._added)
        elif text.startswith("-") and not text.startswith("---"):
            self.setFormat(0, len(text), self._removed)


class VersionHistoryDialog(QDialog):
    def __init__(
        self,
        review: ReviewService,
        session: Session,
        tasks: TaskRunner,
        draft_id: str,
        parent: QWidget | None = None,
        *,
        identity: str = "",
    ) -> None:
        """`identity` is the patient's identity line, shown above the note's versions."""
        super().__init__(parent)
        self._identity = identity
        self._review = review
        self._session = session
        self._tasks = tasks
        self._draft_id = draft_id
        self._versions: list[VersionSummary] = []
        self._shown: tuple[int, int] | None = None
        self._names = {session.user_id: session.principal.display_name}
        self.setWindowTitle("Version history")
        available = self.screen().availableGeometry()
        self.resize(min(900, available.width() * 9 // 10), min(680, available.height() * 9 // 10))
        self._build()
        tasks.submit(
            self, lambda: review.history(session, draft_id), self._show_versions, self._failed
        )

    def _build(self) -> None:
        self.identity = QLabel(self._identity)
        self.identity.setObjectName("patientIdentity")
        self.identity.setAccessibleName("Patient identity")
        self.identity.setWordWrap(True)
        self.identity.setVisible(bool(self._identity))
        self.version_list = QListWidget()
        self.version_list.setAccessibleName("Versions")
        self.version_list.setWordWrap(True)
        self.version_list.currentRowChanged.connect(self._show_changes)
        self.diff_view = QPlainTextEdit()
        self.diff_view.setAccessibleName("Changes from the previous version")
        self.diff_view.setReadOnly(True)
        # Monospace keeps the diff columns aligned; the size follows the user's font setting.
        self.diff_view.setFont(monospace_font(self.font().pointSizeF()))
        self.highlighter = DiffHighlighter(self.diff_view.document())
        self.message = QLabel()
        self.message.setAccessibleName("History message")
        self.message.setWordWrap(True)
        legend = QLabel(LEGEND)
        legend.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        name_buttons(buttons)
        buttons.rejected.connect(self.reject)
        versions_label = QLabel("&Versions:")
        versions_label.setBuddy(self.version_list)
        changes_label = QLabel("&Changes from the version before:")
        changes_label.setBuddy(self.diff_view)
        layout = QVBoxLayout(self)
        layout.addWidget(self.identity)
        layout.addWidget(versions_label)
        layout.addWidget(self.version_list, 1)
        layout.addWidget(changes_label)
        layout.addWidget(legend)
        layout.addWidget(self.diff_view, 3)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _show_versions(self, versions: list[VersionSummary]) -> None:
        self._versions = versions
        self.version_list.clear()
        for summary in versions:
            text = describe_version(summary, self._names)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            self.version_list.addItem(item)
        self.version_list.setCurrentRow(len(versions) - 1)

    def _show_changes(self, row: int) -> None:
        self.diff_view.clear()
        self._shown = None
        if row < 0 or row >= len(self._versions):
            return
        if row == 0:
            self.message.setText("This is the first version: there is nothing before it.")
            return
        pair = (self._versions[row - 1].version, self._versions[row].version)
        self._shown = pair
        self.message.setText(f"Loading the changes from version {pair[0]}…")
        self._tasks.submit(
            self,
            lambda: self._review.diff(self._session, self._draft_id, *pair),
            lambda diff: self._show_diff(pair, diff),
            self._failed,
        )

    def _show_diff(self, pair: tuple[int, int], diff: str) -> None:
        """A slower answer for a version no longer selected is dropped, not shown over it."""
        if pair != self._shown:
            return
        self.diff_view.setPlainText(diff)
        self.message.setText(
            f"Changes from version {pair[0]} to version {pair[1]}."
            if diff
            else f"Version {pair[1]} has the same text as version {pair[0]}."
        )

    def _failed(self, error: BaseException) -> None:
        self.message.setText(str(error) or type(error).__name__)
