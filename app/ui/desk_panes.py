"""The desk's four panes, side by side: saved drafts, source notes, the draft, and its review.

This module only builds and lays out the widgets; the window connects their buttons and
signals to what they do, so what a click does is read in one place.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services.session import Session
from app.services.workstation import Workstation
from app.ui.backend_banner import BackendBanner
from app.ui.bidi_guard import BidiGuard
from app.ui.coverage_banner import CoverageBanner
from app.ui.drafts_list import DraftsList
from app.ui.first_run import FirstRunHint
from app.ui.review_panel import ReviewPanel
from app.ui.signed_banner import SignedBanner
from app.ui.tasks import TaskRunner
from app.ui.token_meter import TokenMeter

FIRST_PANE_WIDTHS = (260, 380, 480, 280)
"""Drafts list, notes, draft and review, in pixels, before the nurse drags a divider."""


def buddy_label(text: str, widget: QWidget) -> QLabel:
    """A label whose Alt+letter moves the keyboard focus to `widget`."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def _labelled(text: str, widget: QWidget, *below: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(buddy_label(text, widget))
    layout.addWidget(widget)
    for extra in below:
        layout.addWidget(extra)
    return box


def _button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text.replace("&", ""))
    return button


class DeskPanes(QSplitter):
    """The panes of the desk and every control in them, laid out; none of them wired.

    Signals:
        bidi_stripped(int): invisible direction-control characters were taken out of the notes
            or the draft; how many.
    """

    bidi_stripped = Signal(int)

    def __init__(self, workstation: Workstation, session: Session, tasks: TaskRunner) -> None:
        """Build the panes for `session`; the review and lists reach the services on `tasks`."""
        super().__init__(Qt.Orientation.Horizontal)
        self.source_edit = QPlainTextEdit()
        self.source_edit.setAccessibleName("Source notes")
        self.source_edit.setPlaceholderText("Paste or type the shift notes here.")
        self.draft_edit = QPlainTextEdit()
        self.draft_edit.setAccessibleName("Draft")
        self.review_panel = ReviewPanel(
            workstation.review, session, tasks, self.draft_edit, source_editor=self.source_edit
        )
        self.drafts_list = DraftsList(workstation.drafts, session, tasks)
        self.signed_banner = SignedBanner(workstation.review, session, tasks)
        self.first_run_hint = FirstRunHint(self.drafts_list, self.draft_edit)
        for editor in (self.source_edit, self.draft_edit):
            BidiGuard(editor).stripped.connect(self.bidi_stripped)
        self.draft_status = QLabel()
        self.draft_status.setAccessibleName("Model and generation status")
        self.draft_status.setWordWrap(True)

        self.generate_button = _button("&Generate")
        self.stop_button = _button("Stop")
        self.regenerate_button = _button("&Regenerate")
        self.save_button = _button("Save")
        self.new_note_button = _button("Ne&w note")
        self.new_note_button.setToolTip("Clear the notes and the draft for this patient (Ctrl+N)")
        actions = QHBoxLayout()
        for button in (
            self.generate_button,
            self.stop_button,
            self.regenerate_button,
            self.save_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)

        draft_pane = QWidget()
        draft_layout = QVBoxLayout(draft_pane)
        draft_layout.setContentsMargins(0, 0, 0, 0)
        draft_layout.addLayout(actions)
        self.backend_banner = BackendBanner()
        draft_layout.addWidget(self.backend_banner)
        self.coverage_banner = CoverageBanner()
        draft_layout.addWidget(self.coverage_banner)
        draft_layout.addLayout(self._build_signed_row())
        draft_layout.addWidget(_labelled("&Draft", self.draft_edit, self.draft_status))

        self.addWidget(self.drafts_list)
        self.token_meter = TokenMeter(
            self.source_edit,
            workstation.engine_host,
            tasks,
            limit=workstation.settings.effective.context_tokens,
        )
        new_note_row = QHBoxLayout()
        new_note_row.addWidget(self.new_note_button)
        new_note_row.addStretch(1)
        new_note_box = QWidget()
        new_note_box.setLayout(new_note_row)
        new_note_row.setContentsMargins(0, 0, 0, 0)
        self.addWidget(_labelled("Source &notes", self.source_edit, self.token_meter, new_note_box))
        self.addWidget(draft_pane)
        self.addWidget(self.review_panel)
        self.setSizes(list(FIRST_PANE_WIDTHS))

    def _build_signed_row(self) -> QHBoxLayout:
        """Shown only for a signed note: that it is signed, and its one-click way to the EHR."""
        self.copy_for_ehr_button = _button("Copy for EHR")
        self.copy_for_ehr_button.setToolTip("Copy the signed note for the EHR (Ctrl+Shift+C)")
        self.copy_for_ehr_button.hide()
        signed_row = QHBoxLayout()
        signed_row.addWidget(self.signed_banner, 1)
        signed_row.addWidget(self.copy_for_ehr_button)
        return signed_row
