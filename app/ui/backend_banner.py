"""A banner saying the model runs on the CPU although this workstation's build can use the GPU.

Drafts then take minutes instead of seconds; a nurse should know why before waiting, and IT
should hear of it from the ward, not find it in a log.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.inference.types import EngineInfo

_STYLE = "background: #fff4ce; color: #3d2c00; border: 1px solid #c19c00; padding: 6px;"


class BackendBanner(QLabel):
    """Hidden unless the loaded model fell back from the GPU to the CPU."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backendBanner")
        self.setAccessibleName("Model backend warning")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(_STYLE)
        self.hide()

    def show_backend(self, info: EngineInfo | None) -> None:
        reason = None if info is None else info.cpu_fallback_reason
        if reason is None:
            self.clear()
            self.hide()
            return
        text = (
            f"Running on the CPU, not the GPU: drafts will be slow. {reason}. "
            "Tell IT; `wardscribe doctor` shows the details."
        )
        self.setText(text)
        self.setAccessibleDescription(text)
        self.show()
