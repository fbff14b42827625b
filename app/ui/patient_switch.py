"""Patient switching: the notes and the draft on the desk belong to one patient.

A draft signed under the wrong patient is the error this guards against. Choosing another
patient clears the desk; unsaved notes or draft text leave it only when the nurse agrees,
otherwise the patient bar goes back to the patient the work is for.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit, QWidget

from app.domain.notes import Patient
from app.domain.source_input import normalise_source
from app.ui.desk_work import DeskWork
from app.ui.patient_bar import PatientBar


def ask_clear(parent: QWidget) -> bool:
    """Ask the nurse whether unsaved notes or draft text may be cleared; Cancel is the default."""
    answer = QMessageBox.question(
        parent,
        "Unsaved notes",
        "The notes or the draft on the desk are not saved. Clear them?",
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


class PatientSwitch(QObject):
    """Follows the patient bar, and keeps the desk's work with the patient it was written for.

    Signals:
        patient_set(object): the Patient (or None) the notes and draft now belong to.
        clear_requested(): another patient was chosen: clear the notes, the draft and its review.
    """

    patient_set = Signal(object)
    clear_requested = Signal()

    def __init__(
        self,
        patient_bar: PatientBar,
        source_edit: QPlainTextEdit,
        draft_edit: QPlainTextEdit,
        *,
        desk: DeskWork,
        parent: QWidget,
    ) -> None:
        """Watch `patient_bar`; the two editors hold the work that must not change patient."""
        super().__init__(parent)
        self._bar = patient_bar
        self._source = source_edit
        self._draft_edit = draft_edit
        self._desk = desk
        self.confirm_clear: Callable[[], bool] = lambda: ask_clear(parent)
        """Asked before unsaved notes or draft text leave the desk; True lets them go. Tests
        replace it, as a nurse's answer."""
        self._patient: Patient | None = None
        patient_bar.patient_changed.connect(self._patient_changed)

    @property
    def patient(self) -> Patient | None:
        """The patient the notes and the draft on the desk belong to."""
        return self._patient

    def has_unsaved_work(self) -> bool:
        """Draft edits not saved, or notes typed that no stored draft was made from."""
        source = normalise_source(self._source.toPlainText())
        draft = self._desk.current_draft
        saved_source = "" if draft is None else draft.source_text
        edited = self._draft_edit.document().isModified()
        return edited or (bool(source.strip()) and source != saved_source)

    def may_clear(self) -> bool:
        """Nothing unsaved is on the desk, or the nurse agreed to drop it."""
        return not self.has_unsaved_work() or self.confirm_clear()

    def _patient_changed(self, patient: Patient | None) -> None:
        """Notes typed before any patient was chosen stay (they belong to nobody yet); a draft
        opened from the list brings its own patient and stays."""
        previous = self._patient
        same = patient is not None and previous is not None and patient.mrn == previous.mrn
        draft = self._desk.current_draft
        if (
            same
            or previous is None
            or (patient is not None and draft is not None and draft.patient_mrn == patient.mrn)
        ):
            self._set(patient)
            return
        if not self.may_clear():
            self._bar.select(previous.mrn, announce=False)
            return
        self._set(patient)
        self.clear_requested.emit()

    def _set(self, patient: Patient | None) -> None:
        self._patient = patient
        self.patient_set.emit(patient)
