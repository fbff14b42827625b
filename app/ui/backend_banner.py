"""A banner saying drafts are written somewhere slower than IT set up: on this computer although
the policy names a hospital server, or on the CPU although this build can use the GPU.

Drafts then take minutes instead of seconds; a nurse should know why before waiting, and IT
should hear of it from the ward, not find it in a log.
"""

from PySide6.QtWidgets import QWidget

from app.domain.generation import EngineInfo
from app.ui.warning_banner import WarningBanner


class BackendBanner(WarningBanner):
    """Hidden unless drafting fell back from the hospital server, or from the GPU to the CPU."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Hidden until the engine reports something the nurse should know."""
        super().__init__("backendBanner", "Model backend warning", parent)

    def show_backend(self, info: EngineInfo | None) -> None:
        """Warn when drafts run here instead of on the hospital server, or on a slow backend."""
        if info is not None and info.server_fallback_reason is not None:
            self.show_warning(
                "Drafting on this computer, not the hospital server: drafts will be slow. "
                f"{info.server_fallback_reason} Tell IT; `wardscribe doctor` shows the details."
            )
            return
        reason = None if info is None else info.cpu_fallback_reason
        if reason is None:
            self.dismiss()
            return
        self.show_warning(
            f"Running on the CPU, not the GPU: drafts will be slow. {reason}. "
            "Tell IT; `wardscribe doctor` shows the details."
        )
