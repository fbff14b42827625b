"""A banner saying the model runs on the CPU although this workstation's build can use the GPU.

Drafts then take minutes instead of seconds; a nurse should know why before waiting, and IT
should hear of it from the ward, not find it in a log.
"""

from PySide6.QtWidgets import QWidget

from app.inference.types import EngineInfo
from app.ui.warning_banner import WarningBanner


class BackendBanner(WarningBanner):
    """Hidden unless the loaded model fell back from the GPU to the CPU."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("backendBanner", "Model backend warning", parent)

    def show_backend(self, info: EngineInfo | None) -> None:
        reason = None if info is None else info.cpu_fallback_reason
        if reason is None:
            self.dismiss()
            return
        self.show_warning(
            f"Running on the CPU, not the GPU: drafts will be slow. {reason}. "
            "Tell IT; `wardscribe doctor` shows the details."
        )
