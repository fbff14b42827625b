"""Settings, with what the machine policy locks shown as locked and not editable.

A nurse sees her own preferences only (font size, contrast), stored for her alone and applied
as soon as she saves; IT also sees the workstation's settings.
"""

from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.roles import Permission, is_allowed
from app.domain.settings import LayeredSettings, Settings
from app.services.session import Session
from app.services.settings import SettingsService
from app.services.settings_file import PERSONAL_SETTINGS
from app.ui.accessibility import name_buttons
from app.ui.appearance import apply_appearance
from app.ui.tasks import TaskRunner

LOCK_NOTE = "🔒 set by machine policy"

_LABELS = {
    "model_path": "Model file (GGUF)",
    "model_sha256": "Model SHA-256",
    "context_tokens": "Context size (tokens)",
    "idle_lock_minutes": "Lock after idle (minutes)",
    "clipboard_clear_seconds": "Clear clipboard after (seconds)",
    "font_point_size": "Font size (points)",
    "high_contrast": "High-contrast theme",
    "export_names_carry_mrn": "Put the MRN in export file names",
}


def _editor(name: str, value: object) -> QWidget:
    field = Settings.model_fields[name]
    if isinstance(value, bool):
        box = QCheckBox()
        box.setChecked(value)
        return box
    if isinstance(value, int):
        spin = QSpinBox()
        bounds = {type(item).__name__: item for item in field.metadata}
        spin.setRange(
            getattr(bounds.get("Ge"), "ge", 0), getattr(bounds.get("Le"), "le", 1_000_000)
        )
        spin.setValue(value)
        return spin
    return QLineEdit("" if value is None else str(value))


def _value(editor: QWidget) -> object:
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QSpinBox):
        return editor.value()
    assert isinstance(editor, QLineEdit)
    return editor.text().strip() or None


class SettingsDialog(QDialog):
    """The settings a person may change: her own font size and contrast, and for IT the
    workstation's; each saved through the settings service, which audits it."""

    def __init__(
        self,
        settings: SettingsService,
        session: Session,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        """Shows the user's layered settings; fields a machine policy fixes are read-only."""
        super().__init__(parent)
        self.setWindowTitle("WardScribe settings")
        self._settings = settings
        self._session = session
        self._tasks = tasks
        layered = settings.for_user(session)
        form = QFormLayout()
        self.editors: dict[str, QWidget] = {}
        manages_workstation = is_allowed(session.principal.role, Permission.SETTINGS_CHANGE)
        for name, label in _LABELS.items():
            # The model file, its hash and the locks are IT's: a nurse sees her own preferences.
            if name not in PERSONAL_SETTINGS and not manages_workstation:
                continue
            value = getattr(layered.effective, name)
            editor = _editor(name, value)
            editor.setAccessibleName(label)
            locked = layered.is_locked(name)
            if locked:
                editor.setEnabled(False)
                editor.setToolTip(LOCK_NOTE)
            self.editors[name] = editor
            form.addRow(f"{label} ({LOCK_NOTE})" if locked else label, editor)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Settings message")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        name_buttons(buttons)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if manages_workstation:
            layout.addWidget(QLabel("Model and context changes take effect at the next start."))
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _changes(self) -> dict[str, object]:
        current = self._settings.for_user(self._session).effective
        return {
            name: _value(editor)
            for name, editor in self.editors.items()
            if editor.isEnabled() and _value(editor) != getattr(current, name)
        }

    def _save(self) -> None:
        changes = self._changes()
        if not changes:
            self.accept()
            return

        def apply() -> LayeredSettings:
            layered = self._settings.for_user(self._session)
            for name, value in changes.items():
                layered = self._settings.change(self._session, name, value)
            return layered

        self._tasks.submit(self, apply, self._saved, self._refused)

    def _saved(self, layered: LayeredSettings) -> None:
        """Font size and contrast take effect now, not at the next start."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_appearance(app, layered.effective)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.message.setText(str(error))
