"""A banner over the draft when the model did not read the whole source word for word.

A condensed or left-out part is easy to miss in a status line, and a draft that silently ignores
a note is a safety problem: the banner stays in view, in a warning colour, beside the draft.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.domain.coverage import Coverage, PartStatus

_CONDENSED_STYLE = "background: #fff4ce; color: #3d2c00; border: 1px solid #c19c00; padding: 6px;"
_LEFT_OUT_STYLE = "background: #b00020; color: white; font-weight: bold; padding: 6px;"
_CONDENSED_NOTE = (
    "Condensed parts reached the model as their fact-bearing sentences only; "
    "check the draft against the full source notes."
)


class CoverageBanner(QLabel):
    """Hidden while the draft was written from the whole source."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverageBanner")
        self.setAccessibleName("Source coverage warning")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_coverage(self, coverage: Coverage | None) -> None:
        if coverage is None or coverage.complete:
            self.clear()
            self.hide()
            return
        warning = coverage.warning
        left_out = coverage.count(PartStatus.LEFT_OUT) > 0
        text = f"{coverage.status_line}. {warning or _CONDENSED_NOTE}"
        self.setStyleSheet(_LEFT_OUT_STYLE if left_out else _CONDENSED_STYLE)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.show()
