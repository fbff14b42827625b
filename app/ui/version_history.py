"""A note's version history: every version, and what each one changed from the one before.

A signed note is never edited in place; an amendment is a new version, so a reader needs to see
exactly what the amendment changed. The newer version is shown as text, in the note's own font,
with the words added in bold and underlined and the words removed struck through where they
stood, each on a tinted background: the cue never rests on colour alone and holds in the
high-contrast theme. Every service call runs on the task runner; the service checks who may
read the history and audits each look.
"""

from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.review import VersionSummary
from app.domain.text_changes import Change, ChangeKind
from app.services.review import ReviewService
from app.services.session import Session
from app.ui.accessibility import name_buttons
from app.ui.tasks import TaskRunner

LEGEND = "Words added in this version are bold and underlined; words removed are struck through."
ADDED_BACKGROUND = QColor("#d7f5dd")
REMOVED_BACKGROUND = QColor("#fde2e1")
CHANGE_TEXT = QColor("black")
"""Set on changed words, not inherited: the high-contrast theme's text is white."""


def change_format(kind: ChangeKind) -> QTextCharFormat:
    """How a run of words shows: plain when kept; added bold and underlined, removed struck
    through, both dark on a pale tint."""
    char_format = QTextCharFormat()
    if kind is ChangeKind.SAME:
        return char_format
    char_format.setForeground(CHANGE_TEXT)
    if kind is ChangeKind.ADDED:
        char_format.setFontWeight(QFont.Weight.Bold)
        char_format.setFontUnderline(True)
        char_format.setBackground(ADDED_BACKGROUND)
    else:
        char_format.setFontStrikeOut(True)
        char_format.setBackground(REMOVED_BACKGROUND)
    return char_format


def describe_version(
    summary: VersionSummary, names: Mapping[str, str], signers: Mapping[str, str]
) -> str:
    """One line per version: its number, state, what it amends, who made and signed it, when.

    The history keeps user ids; `names` gives the ones the desk knows a display name for. A
    signature names its signer as they signed; `signers` names, with their credentials now,
    those whose signature was made before that name was kept with it.
    """
    parts = [f"Version {summary.version}", summary.status.label]
    if summary.amends is not None:
        parts.append(f"amends v{summary.amends}")
    created_by = names.get(summary.created_by, summary.created_by)
    parts.append(f"by {created_by}, {_local(summary.created_at)}")
    if summary.signed_by is not None and summary.signed_at is not None:
        signed_by = summary.signature_name or signers.get(summary.signed_by, summary.signed_by)
        parts.append(f"signed by {signed_by} on {_local(summary.signed_at)}")
    return " · ".join(parts)


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class VersionHistoryDialog(QDialog):
    """Every version of a note and what each changed from the one before, word by word."""

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
        self._signers = {session.user_id: session.principal.signature_name}
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
        self.diff_view = QTextEdit()
        self.diff_view.setAccessibleName("Changes from the previous version")
        self.diff_view.setReadOnly(True)
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
            text = describe_version(summary, self._names, self._signers)
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
            lambda: self._review.changes(self._session, self._draft_id, *pair),
            lambda changes: self._show_diff(pair, changes),
            self._failed,
        )

    def _show_diff(self, pair: tuple[int, int], changes: tuple[Change, ...]) -> None:
        """A slower answer for a version no longer selected is dropped, not shown over it."""
        if pair != self._shown:
            return
        self.diff_view.clear()
        cursor = QTextCursor(self.diff_view.document())
        for change in changes:
            cursor.insertText(change.text, change_format(change.kind))
        changed = any(change.kind is not ChangeKind.SAME for change in changes)
        self.message.setText(
            f"Changes from version {pair[0]} to version {pair[1]}."
            if changed
            else f"Version {pair[1]} has the same text as version {pair[0]}."
        )

    def _failed(self, error: BaseException) -> None:
        self.message.setText(str(error) or type(error).__name__)
