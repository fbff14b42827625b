"""The patient context bar: pick a known patient or register a new one, and see where they are.

Listing and registering go through the drafting service on the task runner; this widget only
arranges controls and reports results by signal, so the desk decides how to show errors.
"""

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import InputRejected
from app.domain.notes import Patient
from app.domain.patient_entry import new_patient
from app.services.drafting import DraftService
from app.services.session import Session
from app.ui.accessibility import name_buttons
from app.ui.tasks import TaskRunner


class NewPatientDialog(QDialog):
    """Collects and checks a patient; `patient` is set once the entry is valid and accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New patient")
        self.patient: Patient | None = None
        self.name = self._line("Patient name", 200)
        self.mrn = self._line("MRN", 64)
        self.unit = self._line("Unit", 100)
        self.bed = self._line("Bed", 20)
        self.encounter = QDateEdit(QDate.currentDate())
        self.encounter.setCalendarPopup(True)
        self.encounter.setDisplayFormat("yyyy-MM-dd")
        self.encounter.setAccessibleName("Encounter date")
        self.error = QLabel()
        self.error.setAccessibleName("Entry problem")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        name_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&MRN:", self.mrn)
        form.addRow("&Unit:", self.unit)
        form.addRow("&Bed:", self.bed)
        form.addRow("&Encounter date:", self.encounter)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _line(self, accessible_name: str, max_length: int) -> QLineEdit:
        line = QLineEdit()
        line.setAccessibleName(accessible_name)
        line.setMaxLength(max_length)
        return line

    def accept(self) -> None:
        """Close only on a valid entry; otherwise say what to fix and keep the typing."""
        encounter = self.encounter.date()
        try:
            self.patient = new_patient(
                self.name.text(),
                self.mrn.text(),
                self.unit.text(),
                self.bed.text(),
                date(encounter.year(), encounter.month(), encounter.day()).isoformat(),
            )
        except InputRejected as error:
            self.error.setText(str(error))
            self.error.show()
            return
        super().accept()


class PatientBar(QWidget):
    """Emits `patient_changed` with the chosen Patient (None when the list is empty)."""

    patient_changed = Signal(object)
    notice = Signal(str)
    failed = Signal(object)

    def __init__(
        self,
        drafts: DraftService,
        session: Session,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._drafts = drafts
        self._session = session
        self._tasks = tasks
        self._patients: list[Patient] = []
        self.picker = QComboBox()
        self.picker.setAccessibleName("Patient")
        self.picker.currentIndexChanged.connect(self._picked)
        self.details = QLabel()
        self.details.setAccessibleName("Patient details")
        self.new_button = QPushButton("&New patient…")
        self.new_button.setAccessibleName("New patient")
        self.new_button.clicked.connect(self.ask_new_patient)
        label = QLabel("&Patient:")
        label.setBuddy(self.picker)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.new_button)
        layout.addWidget(self.details, 2)

    @property
    def current(self) -> Patient | None:
        index = self.picker.currentIndex()
        return self._patients[index] if 0 <= index < len(self._patients) else None

    def refresh(self, select_mrn: str | None = None) -> None:
        self._tasks.submit(
            self,
            lambda: self._drafts.list_patients(self._session),
            lambda patients: self._show(patients, select_mrn),
            self.failed.emit,
        )

    def select(self, mrn: str) -> None:
        index = self.picker.findData(mrn)
        if index >= 0:
            self.picker.setCurrentIndex(index)

    def ask_new_patient(self) -> None:
        dialog = NewPatientDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.patient is not None:
            self.register(dialog.patient)

    def register(self, patient: Patient) -> None:
        self._tasks.submit(
            self,
            lambda: self._drafts.register_patient(self._session, patient),
            lambda stored: self._registered(patient, stored),
            self.failed.emit,
        )

    def _registered(self, entered: Patient, stored: Patient) -> None:
        if stored != entered:
            self.notice.emit(
                "That MRN is already registered; the stored patient is selected. Check the name."
            )
        self.refresh(select_mrn=stored.mrn)

    def _show(self, patients: list[Patient], select_mrn: str | None) -> None:
        keep = select_mrn or (self.current.mrn if self.current else None)
        self._patients = patients
        self.picker.blockSignals(True)
        self.picker.clear()
        for patient in patients:
            self.picker.addItem(f"{patient.name} ({patient.mrn})", patient.mrn)
        if keep is not None:
            self.select(keep)
        self.picker.blockSignals(False)
        self._picked()

    def _picked(self) -> None:
        patient = self.current
        self.details.setText(
            ""
            if patient is None
            else f"{patient.unit or 'no unit'} · bed {patient.bed or '—'} · "
            f"encounter {patient.encounter_date or '—'}"
        )
        self.patient_changed.emit(patient)
