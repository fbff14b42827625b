"""The review panel beside the draft editor: check facts, resolve flags, sign, amend, history.

Highlights mark each flagged span in the editor by colour and by underline style and weight,
so the cue does not rest on colour alone. Every service call runs on the task runner. What
blocks signing is listed by name: each flagged fact, each left-out allergy, code status or
order (added to the note or acknowledged one by one), and each part only an edit can fix.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QHideEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.draft_problems import DraftProblem
from app.domain.factcheck import ContradictedFlag, Flag
from app.domain.factcheck.check import SENTENCE_KIND
from app.domain.factcheck.labels import kind_label
from app.domain.factcheck.report import EvidenceSpan
from app.domain.notes import Draft, DraftStatus, Patient
from app.domain.patient_identity import identity_line
from app.domain.review import (
    AMEND_REASONS,
    CRITICAL_OMISSIONS,
    REASON_CODES,
    Decision,
    ReviewReport,
    omission_name,
)
from app.domain.roles import Permission, is_allowed
from app.services.review import ReviewService
from app.services.session import Session
from app.ui.accessibility import name_buttons
from app.ui.tasks import TaskRunner
from app.ui.version_history import VersionHistoryDialog

_AMBER = QColor("#ffd166")
_RED = QColor("#d00000")
_PALE_RED = QColor("#ffd6d6")
_GREY = QColor("#e6e6e6")
_LILAC = QColor("#e8d5ff")
_PURPLE = QColor("#5b2a86")
_INK = QColor("black")
"""Highlighted text is always black: the high-contrast theme's white text on these pale
backgrounds would be unreadable."""
REASON_MIN_CHARACTERS = 12
RECHECK_DELAY_MS = 600
"""A pause in typing this long re-checks the edited text, so the list follows the edits."""


def highlight_format(flag: Flag, resolved: bool) -> QTextCharFormat:
    """Unsupported: amber, dotted underline. Contradicted: red wave underline on pale red.
    Both unresolved kinds are bold; a resolved flag keeps only a grey background."""
    char_format = QTextCharFormat()
    char_format.setForeground(_INK)
    if resolved:
        char_format.setBackground(_GREY)
        return char_format
    char_format.setFontWeight(QFont.Weight.Bold)
    if isinstance(flag, ContradictedFlag):
        char_format.setBackground(_PALE_RED)
        char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        char_format.setUnderlineColor(_RED)
    else:
        char_format.setBackground(_AMBER)
        char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    return char_format


def source_format() -> QTextCharFormat:
    """Where a flagged or left-out fact stands in the notes: bold on amber, underlined."""
    char_format = QTextCharFormat()
    char_format.setForeground(_INK)
    char_format.setFontWeight(QFont.Weight.Bold)
    char_format.setBackground(_AMBER)
    char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    return char_format


def problem_format() -> QTextCharFormat:
    """A part to edit: bold on lilac with a thick purple underline, unlike any fact flag."""
    char_format = QTextCharFormat()
    char_format.setForeground(_INK)
    char_format.setFontWeight(QFont.Weight.Bold)
    char_format.setBackground(_LILAC)
    char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    char_format.setUnderlineColor(_PURPLE)
    return char_format


class AttestationDialog(QDialog):
    """Signing waits for the signer to tick the attestation; OK stays disabled until then.

    The statement names what the signer reviewed: the note kind, the patient, and the flags
    and left-out items decided on, as the service worded it for the text being signed.
    """

    def __init__(self, statement: str, parent: QWidget | None = None) -> None:
        """`statement` is the attestation the signer must confirm, shown word for word."""
        super().__init__(parent)
        self.setWindowTitle("Sign note")
        self.statement = QLabel(statement)
        self.statement.setAccessibleName("Attestation statement")
        self.statement.setWordWrap(True)
        self.attest = QCheckBox("I &attest to the statement above")
        self.attest.setAccessibleName("Attestation")
        self.attest.setAccessibleDescription(statement)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.sign_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_button.setText("&Sign")
        self.sign_button.setAccessibleName("Sign")
        self.sign_button.setEnabled(False)
        name_buttons(self.buttons)
        self.attest.toggled.connect(self.sign_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Signing makes this note read-only; changes need an amendment."))
        layout.addWidget(self.statement)
        layout.addWidget(self.attest)
        layout.addWidget(self.buttons)


class AmendDialog(QDialog):
    """Asks why a signed note is amended before a new version opens; the record keeps why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Asks for the reason an amendment is made; signing the amendment comes later."""
        super().__init__(parent)
        self.setWindowTitle("Amend signed note")
        self.reason_box = QComboBox()
        self.reason_box.setAccessibleName("Reason for the amendment")
        for code, text in AMEND_REASONS.items():
            self.reason_box.addItem(text, code)
        label = QLabel("&Why is this signed note amended?")
        label.setBuddy(self.reason_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.amend_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.amend_button.setText("&Amend")
        self.amend_button.setAccessibleName("Amend")
        name_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason_box)
        layout.addWidget(buttons)


class ReviewPanel(QWidget):
    """Checks the saved draft, lists what blocks signing, and signs or amends it.

    Signals:
        signed(object): the signed Draft.
        amended(object): the Draft whose new version is open for editing.
    """

    signed = Signal(object)
    amended = Signal(object)

    def __init__(
        self,
        review: ReviewService,
        session: Session,
        tasks: TaskRunner,
        editor: QPlainTextEdit,
        parent: QWidget | None = None,
        *,
        source_editor: QPlainTextEdit | None = None,
    ) -> None:
        """`source_editor`, where given, shows the notes: choosing a flag or a left-out item
        highlights where its fact stands in them."""
        super().__init__(parent)
        self._review = review
        self._session = session
        self._tasks = tasks
        self._editor = editor
        self._source_editor = source_editor
        self._stale = False
        """The text changed after the report shown was made: its offsets are out of date."""
        self._recheck_timer = QTimer(self)
        self._recheck_timer.setSingleShot(True)
        self._recheck_timer.setInterval(RECHECK_DELAY_MS)
        self._recheck_timer.timeout.connect(self._recheck)
        self._draft: Draft | None = None
        self._identity = ""
        self._report: ReviewReport | None = None
        self._busy = False
        self.attestation_dialog: AttestationDialog | None = None
        self.amend_dialog: AmendDialog | None = None
        self.history_dialog: VersionHistoryDialog | None = None
        self._build()
        editor.textChanged.connect(self._text_changed)
        self._update_actions()

    def _build(self) -> None:
        self.check_button = self._button("&Check facts", self._check)
        self.flag_list = QListWidget()
        self.flag_list.setAccessibleName("Flagged facts")
        self.flag_list.setWordWrap(True)
        self.flag_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.flag_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.flag_list.currentItemChanged.connect(self._select_span)
        self.flag_list.currentItemChanged.connect(lambda *_: self._update_actions())
        self.flag_list.itemActivated.connect(lambda _: self._editor.setFocus())
        self.reason_box = QComboBox()
        self.reason_box.setAccessibleName("Reason for accepting")
        # Long reasons elide in the box rather than widen the panel past a 200%-scaled laptop
        # screen; the line under it wraps, so the reason a nurse accepts with is read whole.
        self.reason_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.reason_box.setMinimumContentsLength(REASON_MIN_CHARACTERS)
        self.reason_box.currentTextChanged.connect(self.reason_box.setToolTip)
        self.reason_whole = QLabel()
        self.reason_whole.setObjectName("reasonWhole")
        self.reason_whole.setAccessibleName("Chosen reason")
        self.reason_whole.setWordWrap(True)
        self.reason_box.currentTextChanged.connect(self.reason_whole.setText)
        self._decision = Decision.ACCEPTED
        self._fill_reasons(Decision.ACCEPTED)
        self.accept_button = self._button("&Accept with reason…", self._accept)
        self.use_source_button = self._button("Cop&y the notes' value", self._use_source_value)
        self.use_source_button.setToolTip(
            "Replace the selected contradicted fact in the draft with what the notes say"
        )
        self.sign_button = self._button("&Sign…", self._ask_attestation)
        self.amend_button = self._button("A&mend…", self._ask_amend_reason)
        self.history_button = self._button("Version his&tory…", self._open_history)
        self.message = QLabel()
        self.message.setAccessibleName("Review message")
        self.message.setWordWrap(True)
        reason_label = QLabel("&Because:")
        reason_label.setBuddy(self.reason_box)
        flags_label = QLabel("F&lags:")
        flags_label.setBuddy(self.flag_list)
        accept_row = QHBoxLayout()
        accept_row.addWidget(reason_label)
        accept_row.addWidget(self.reason_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check_button)
        layout.addWidget(flags_label)
        layout.addWidget(self.flag_list, 1)
        # The reason gets the panel's width, not what the button beside it left ("Recorded in
        # the cha…"); in a narrower panel the wrapped line under it has it whole.
        layout.addLayout(accept_row)
        layout.addWidget(self.reason_whole)
        layout.addWidget(self.accept_button)
        layout.addWidget(self.use_source_button)
        layout.addWidget(self.sign_button)
        layout.addWidget(self.amend_button)
        layout.addWidget(self.history_button)
        layout.addWidget(self.message)

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        return button

    def _fill_reasons(self, decision: Decision) -> None:
        self._decision = decision
        self.reason_box.clear()
        for code, label in REASON_CODES[decision].items():
            self.reason_box.addItem(label, code)

    @property
    def report(self) -> ReviewReport | None:
        """The last fact check of the draft on the desk, or None before the first."""
        return self._report

    def set_patient(self, patient: Patient | None) -> None:
        """The patient whose identity the dialogs showing this note's text carry."""
        self._identity = "" if patient is None else identity_line(patient, date.today())

    def set_draft(self, draft: Draft | None) -> None:
        """Show review state for `draft` (its stored text is what the next check reads).

        A new revision of the draft already checked (saved or autosaved) keeps its list and
        is re-checked; any other draft starts with none.
        """
        previous = self._draft
        self._draft = draft
        if (
            previous is not None
            and draft is not None
            and previous.id == draft.id
            and self._report is not None
            and draft.status is not DraftStatus.SIGNED
        ):
            self._recheck_timer.start()
        else:
            self._clear_report()
        self._editor.setReadOnly(draft is not None and draft.status is DraftStatus.SIGNED)
        self.message.setText(
            "Signed; read-only." if draft is not None and draft.status is DraftStatus.SIGNED else ""
        )
        self._update_actions()

    def _check(self) -> None:
        draft = self._draft
        if draft is None:
            return
        if self._editor.document().isModified():
            self.message.setText("Save the draft first: the check reads the saved text.")
            return
        self._run(lambda: self._review.check(self._session, draft.id), self._show_report)

    def _accept(self) -> None:
        """Accept the selected flag, or acknowledge the selected left-out item, with a reason."""
        item = self.flag_list.currentItem()
        draft = self._draft
        if item is None or draft is None or self._resolvable(item) is None:
            self.message.setText("Select a flag or a left-out item to resolve.")
            return
        flag_id = str(item.data(Qt.ItemDataRole.UserRole))
        reason = str(self.reason_box.currentData())
        decision = self._decision
        self._run(
            lambda: self._review.resolve_flag(self._session, draft.id, flag_id, decision, reason),
            self._show_report,
        )

    def _resolvable(self, item: QListWidgetItem | None) -> Decision | None:
        """How the selected item is resolved: a flag accepted, a left-out item acknowledged;
        None for a part only an edit fixes."""
        report = self._report
        if item is None or report is None:
            return None
        item_id = str(item.data(Qt.ItemDataRole.UserRole))
        if report.omission(item_id) is not None:
            return Decision.ACKNOWLEDGED
        if any(flag.id == item_id for flag in report.flags):
            return Decision.ACCEPTED
        return None

    def _ask_attestation(self) -> None:
        report = self._report
        if report is None:
            return
        dialog = AttestationDialog(report.attestation, self)
        dialog.accepted.connect(lambda: self._sign(dialog.attest.isChecked()))
        self.attestation_dialog = dialog
        dialog.open()

    def _sign(self, attestation: bool) -> None:
        draft = self._draft
        if draft is None:
            return
        self._run(
            lambda: self._review.sign(self._session, draft.id, attestation), self._show_signed
        )

    def _ask_amend_reason(self) -> None:
        dialog = AmendDialog(self)
        dialog.accepted.connect(lambda: self.amend(str(dialog.reason_box.currentData())))
        self.amend_dialog = dialog
        dialog.open()

    def amend(self, reason_code: str | None = None) -> None:
        """Open a new version of the signed note. The button is enabled only where the service
        would allow it, but the service decides: its refusal is shown here and audited there."""
        draft = self._draft
        if draft is None:
            return
        self._run(
            lambda: self._review.amend(self._session, draft.id, reason_code), self._show_amended
        )

    def _open_history(self) -> None:
        draft = self._draft
        if draft is None:
            return
        dialog = VersionHistoryDialog(
            self._review, self._session, self._tasks, draft.id, self, identity=self._identity
        )
        self.history_dialog = dialog
        dialog.open()

    def hideEvent(self, event: QHideEvent) -> None:
        """Locking hides the desk; a history left open would keep note text on the screen."""
        if self.history_dialog is not None:
            self.history_dialog.close()
        super().hideEvent(event)

    def _run(self, work: Callable[[], object], on_success: Callable[[Any], None]) -> None:
        self._busy = True
        self._update_actions()
        self._tasks.submit(self, work, lambda result: self._done(on_success, result), self._failed)

    def _done(self, on_success: Callable[[Any], None], result: object) -> None:
        self._busy = False
        on_success(result)
        self._update_actions()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.message.setText(str(error) or type(error).__name__)
        self._update_actions()

    def next_flag(self) -> None:
        """Select the next item of the list (after the last, the first) and show it."""
        count = self.flag_list.count()
        if count:
            self.flag_list.setCurrentRow((self.flag_list.currentRow() + 1) % count)
            self._editor.setFocus()

    def _use_source_value(self) -> None:
        """Write the notes' value over the selected contradicted fact; the nurse still saves."""
        flag = self._selected_flag()
        if not isinstance(flag, ContradictedFlag) or self._stale:
            return
        cursor = self._span_cursor(flag.start, flag.end)
        cursor.insertText(flag.source_text)

    def _selected_flag(self) -> Flag | None:
        item = self.flag_list.currentItem()
        report = self._report
        if item is None or report is None:
            return None
        item_id = item.data(Qt.ItemDataRole.UserRole)
        return next((flag for flag in report.flags if flag.id == item_id), None)

    def _recheck(self) -> None:
        """Check the text as it stands now, saved or not, on the task runner."""
        draft = self._draft
        if draft is None or self._report is None:
            return
        text = self._editor.toPlainText()
        self._tasks.submit(
            self,
            lambda: self._review.preview(self._session, draft.id, text),
            lambda report: self._show_live_report(report, text),
            self._failed,
        )

    def _show_live_report(self, report: ReviewReport, text: str) -> None:
        if self._report is None or text != self._editor.toPlainText():
            return
        self._show_report(report)
        if self._editor.document().isModified():
            self.message.setText(
                self.message.text() + " Checked as you edit; save to resolve flags or sign."
            )
        self._update_actions()

    def _show_report(self, report: ReviewReport) -> None:
        self._report = report
        self._stale = False
        self.flag_list.clear()
        # Sentences not found in the notes come first: an invented sentence ("her son, a
        # pharmacist, will visit") carries no number for the per-fact flags to catch.
        flags = sorted(
            report.flags,
            key=lambda flag: (report.is_resolved(flag.id), flag.kind != SENTENCE_KIND),
        )
        sentences = [flag for flag in flags if _open_sentence(report, flag)]
        for flag in sentences:
            self._add_item(flag.id, self.describe(flag, resolved=False))
        for problem in report.problems:
            self._add_item(problem.id, self._describe_problem(problem))
        for flag in flags:
            if flag not in sentences:
                self._add_item(flag.id, self.describe(flag, report.is_resolved(flag.id)))
        omitted = sorted(
            report.omitted,
            key=lambda item: (report.is_resolved(item.id), item.kind not in CRITICAL_OMISSIONS),
        )
        for omission in omitted:
            if report.is_resolved(omission.id):
                state = "Acknowledged"
            elif omission.kind in CRITICAL_OMISSIONS:
                state = "Left out, add or acknowledge"
            else:
                state = "Left out"
            self._add_item(omission.id, f"{state} · {omission_name(omission)}: {omission.reason}")
        self._highlight(report)
        self.message.setText(self._summary(report))
        if self.flag_list.count():
            self.flag_list.setCurrentRow(0)

    @staticmethod
    def _summary(report: ReviewReport) -> str:
        """What stands between the nurse and signing, or that nothing does."""
        if report.is_clean and not report.problems:
            return "Clean check: every fact traced to the notes and nothing critical left out."
        counts = [
            (len(report.problems), "part(s) to edit"),
            (len(report.blocking), "flagged fact(s) to resolve"),
            (len(report.blocking_omissions), "left-out item(s) to add or acknowledge"),
        ]
        todo = [f"{count} {what}" for count, what in counts if count]
        return (
            "Before signing: " + "; ".join(todo) + "."
            if todo
            else "Every flag is resolved; ready to sign."
        )

    @staticmethod
    def _describe_problem(problem: DraftProblem) -> str:
        where = f" ({problem.section})" if problem.section else ""
        return f"Edit · {problem.kind.label}{where}: {problem.reason}"

    def _add_item(self, item_id: str, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, item_id)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
        self.flag_list.addItem(item)

    @staticmethod
    def describe(flag: Flag, resolved: bool) -> str:
        """The flag's row: its state and kind, the value as the draft wrote it, and for a
        contradiction the value the notes give."""
        state = "Resolved" if resolved else "Unresolved"
        if flag.kind == SENTENCE_KIND:
            return f"{state} · Not found in the notes: “{flag.text}”"
        if isinstance(flag, ContradictedFlag):
            return (
                f"{state} · Contradicted {kind_label(flag.kind)} “{flag.text}”, the notes say "
                f"“{flag.source_text}”: {flag.reason}"
            )
        return f"{state} · Unsupported {kind_label(flag.kind)} “{flag.text}”: {flag.reason}"

    def _highlight(self, report: ReviewReport) -> None:
        selections = []
        for problem in report.problems:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._span_cursor(problem.start, problem.end)
            selection.format = problem_format()
            selections.append(selection)
        for flag in report.flags:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self._editor.document())
            cursor.setPosition(flag.start)
            cursor.setPosition(flag.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = highlight_format(flag, report.is_resolved(flag.id))
            selections.append(selection)
        self._editor.setExtraSelections(selections)

    def _span_cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self._editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _select_span(self, item: QListWidgetItem | None) -> None:
        report = self._report
        if item is None or report is None:
            return
        item_id = item.data(Qt.ItemDataRole.UserRole)
        if not self._stale:
            spans = [(problem.id, problem.start, problem.end) for problem in report.problems]
            spans += [(flag.id, flag.start, flag.end) for flag in report.flags]
            for span_id, start, end in spans:
                if span_id == item_id:
                    self._editor.setTextCursor(self._span_cursor(start, end))
                    break
        flag = self._selected_flag()
        omission = report.omission(str(item_id))
        if flag is not None and flag.kind == SENTENCE_KIND and not self._stale:
            self._show_evidence(_evidence_of(report, flag))
        elif isinstance(flag, ContradictedFlag):
            self._show_in_source(flag.source_text)
        elif omission is not None:
            self._show_in_source(omission.text)
        else:
            self._show_in_source(None)

    def _show_evidence(self, spans: list[EvidenceSpan]) -> None:
        """Highlight the sentences of the notes closest to a sentence the notes do not support,
        so the nurse sees at once what the notes do say; none, when nothing comes close."""
        source = self._source_editor
        if source is None:
            return
        length = source.document().characterCount() - 1
        selections = []
        for span in spans:
            if span.end > length:
                continue
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(source.document())
            selection.cursor.setPosition(span.start)
            selection.cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
            selection.format = source_format()
            selections.append(selection)
        source.setExtraSelections(selections)
        if selections:
            caret = QTextCursor(selections[0].cursor)
            caret.clearSelection()
            source.setTextCursor(caret)
            source.ensureCursorVisible()

    def _show_in_source(self, text: str | None) -> None:
        """Highlight where `text` stands in the notes and scroll to it (None: clear)."""
        source = self._source_editor
        if source is None:
            return
        found = None if text is None else source.document().find(text)
        if found is None or found.isNull():
            source.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        selection.cursor = found
        selection.format = source_format()
        source.setExtraSelections([selection])
        caret = QTextCursor(found)
        caret.clearSelection()
        source.setTextCursor(caret)
        source.ensureCursorVisible()

    def _show_signed(self, draft: Draft) -> None:
        self.set_draft(draft)
        self.signed.emit(draft)

    def _show_amended(self, draft: Draft) -> None:
        self.set_draft(draft)
        self.amended.emit(draft)
        self.message.setText("A new version is open: edit it, check the facts and sign again.")

    def _may_amend(self, draft: Draft) -> bool:
        """What the service allows: the author, with the right to write drafts."""
        return draft.author_id == self._session.user_id and is_allowed(
            self._session.principal.role, Permission.DRAFT_WRITE
        )

    def _offer_resolution(self, open_draft: bool) -> None:
        """Name the action after the selected item: accept a flag, acknowledge a left-out item
        by its name, nothing for a part only an edit fixes."""
        item = self.flag_list.currentItem()
        decision = self._resolvable(item) if open_draft else None
        report = self._report
        omission = (
            None
            if item is None or report is None
            else report.omission(str(item.data(Qt.ItemDataRole.UserRole)))
        )
        if decision is not None and decision is not self._decision:
            self._fill_reasons(decision)
        if omission is not None:
            label = f"Acknowledge left-out {omission_name(omission)}…"
        else:
            label = "Accept with reason…"
        self.accept_button.setText("&" + label)
        self.accept_button.setAccessibleName(label.rstrip("…"))
        self.accept_button.setEnabled(decision is not None)
        self.reason_box.setEnabled(decision is not None)
        self.reason_whole.setEnabled(decision is not None)

    def _text_changed(self) -> None:
        """Offsets from a check describe the text as it was: after an edit the highlights go
        and the list stays, marked out of date, until a pause in typing re-checks it."""
        if self._report is None:
            return
        self._stale = True
        self._editor.setExtraSelections([])
        self.message.setText("Checking the edited text…")
        self._recheck_timer.start()
        self._update_actions()

    def _clear_report(self) -> None:
        self._report = None
        self._stale = False
        self._recheck_timer.stop()
        self.flag_list.clear()
        self._editor.setExtraSelections([])
        self._show_in_source(None)

    def _update_actions(self) -> None:
        draft, report = self._draft, self._report
        open_draft = draft is not None and draft.status is not DraftStatus.SIGNED and not self._busy
        current = open_draft and not self._stale and not self._editor.document().isModified()
        self.check_button.setEnabled(open_draft)
        self._offer_resolution(current)
        self.sign_button.setEnabled(current and report is not None and report.may_sign)
        flag = self._selected_flag()
        self.use_source_button.setEnabled(
            open_draft
            and not self._stale
            and isinstance(flag, ContradictedFlag)
            and report is not None
            and not report.is_resolved(flag.id)
        )
        self.amend_button.setEnabled(
            draft is not None
            and draft.status is DraftStatus.SIGNED
            and not self._busy
            and self._may_amend(draft)
        )
        self.history_button.setEnabled(draft is not None and not self._busy)


def _open_sentence(report: ReviewReport, flag: Flag) -> bool:
    return flag.kind == SENTENCE_KIND and not report.is_resolved(flag.id)


def _evidence_of(report: ReviewReport, flag: Flag) -> list[EvidenceSpan]:
    """The notes' sentences the checker aligned with the flagged draft sentence."""
    for sentence in report.sentences:
        if sentence.start == flag.start and sentence.end == flag.end:
            return list(sentence.evidence)
    return []
