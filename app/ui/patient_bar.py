"""The patient context bar: pick a known patient or register a new one, and see who they are.

Listing and registering go through the drafting service on the task runner; this widget only
arranges controls and reports results by signal, so the desk decides how to show errors. No
patient is chosen until the nurse chooses one: a preselected first patient is how notes end
up in the wrong chart.
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
from app.domain.patient_identity import identity_line
from app.services.drafting import DraftService
from app.services.session import Session
from app.ui.accessibility import name_buttons
from app.ui.appearance import show_as_error
from app.ui.tasks import TaskRunner


class NewPatientDialog(QDialog):
    """Collects and checks a patient; `patient` is set once the entry is valid and accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Empty fields; `patient` is set only when the nurse accepts valid details."""
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
        self.birth_date = self._line("Birth date", 10)
        self.birth_date.setPlaceholderText("YYYY-MM-DD")
        self.sex = QComboBox()
        self.sex.setAccessibleName("Sex")
        self.sex.addItems(["", "F", "M", "X"])
        self.allergies = self._line("Allergies", 300)
        self.allergies.setPlaceholderText("As the chart lists them, or NKDA")
        self.code_status = QComboBox()
        self.code_status.setAccessibleName("Code status")
        self.code_status.setEditable(True)
        self.code_status.addItems(["", "Full code", "DNR", "DNR/DNI", "Comfort care"])
        line = self.code_status.lineEdit()
        if line is not None:
            line.setAccessibleName("Code status")
        self.error = QLabel()
        self.error.setAccessibleName("Entry problem")
        show_as_error(self.error, True)
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
        form.addRow("B&irth date:", self.birth_date)
        form.addRow("&Sex:", self.sex)
        form.addRow("&Allergies:", self.allergies)
        form.addRow("Co&de status:", self.code_status)
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
                birth_date=self.birth_date.text(),
                sex=self.sex.currentText(),
                allergies=self.allergies.text(),
                code_status=self.code_status.currentText(),
            )
        except InputRejected as error:
            self.error.setText(str(error))
            self.error.show()
            return
        super().accept()


class PatientBar(QWidget):
    """The patient the desk works for, with the identity a nurse checks against the wristband.

    Signals:
        patient_changed(object): the chosen Patient, or None while none is chosen.
        notice(str): something the nurse should read (a known MRN registered again).
        failed(object): the exception a listing or registration raised.
    """

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
        """No patients are listed until `refresh`."""
        super().__init__(parent)
        self._drafts = drafts
        self._session = session
        self._tasks = tasks
        self._patients: list[Patient] = []
        self.picker = QComboBox()
        self.picker.setAccessibleName("Patient")
        self.picker.setPlaceholderText("Choose a patient…")
        self.picker.currentIndexChanged.connect(self._picked)
        self.identity = QLabel()
        self.identity.setObjectName("patientIdentity")
        self.identity.setAccessibleName("Patient identity")
        self.identity.setWordWrap(True)
        self.details = QLabel()
        self.details.setAccessibleName("Patient details")
        self.new_button = QPushButton("New pat&ient…")
        self.new_button.setAccessibleName("New patient")
        self.new_button.clicked.connect(self.ask_new_patient)
        label = QLabel("&Patient:")
        label.setBuddy(self.picker)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.picker, 1)
        row.addWidget(self.new_button)
        row.addWidget(self.details, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.identity)
        self._show_identity(None)

    @property
    def current(self) -> Patient | None:
        """The chosen patient, or None while none is chosen."""
        index = self.picker.currentIndex()
        return self._patients[index] if 0 <= index < len(self._patients) else None

    def refresh(self, select_mrn: str | None = None) -> None:
        """List the patients again off the UI thread, then choose `select_mrn` if given."""
        self._tasks.submit(
            self,
            lambda: self._drafts.list_patients(self._session),
            lambda patients: self._show(patients, select_mrn),
            self.failed.emit,
        )

    def select(self, mrn: str | None, *, announce: bool = True) -> None:
        """Choose the patient with `mrn` (None: nobody). Without `announce` the bar changes but
        `patient_changed` is not emitted: the desk uses that to undo a switch it refused."""
        index = -1 if mrn is None else self.picker.findData(mrn)
        if mrn is not None and index < 0:
            return
        self.picker.blockSignals(not announce)
        self.picker.setCurrentIndex(index)
        self.picker.blockSignals(False)
        if not announce:
            self._show_identity(self.current)

    def ask_new_patient(self) -> None:
        """Ask for a new patient's details and register them if the nurse accepts."""
        dialog = NewPatientDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.patient is not None:
            self.register(dialog.patient)

    def register(self, patient: Patient) -> None:
        """Store the patient off the UI thread and choose them; a known MRN is said in a notice."""
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
        index = -1 if keep is None else self.picker.findData(keep)
        self.picker.setCurrentIndex(index)
        self.picker.blockSignals(False)
        self._picked()

    def _picked(self) -> None:
        patient = self.current
        self._show_identity(patient)
        self.patient_changed.emit(patient)

    def _show_identity(self, patient: Patient | None) -> None:
        self.details.setText(
            ""
            if patient is None
            else f"{patient.unit or 'no unit'} · bed {patient.bed or '—'} · "
            f"encounter {patient.encounter_date or '—'}"
        )
        self.identity.setText(
            "No patient chosen." if patient is None else identity_line(patient, date.today())
        )
        self.identity.setAccessibleDescription(self.identity.text())
