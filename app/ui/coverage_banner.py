"""A banner over the draft when the model did not read the whole source word for word.

A shortened or left-out note is easy to miss in a status line, and a draft that silently
ignores a note is a safety problem: the banner stays in view, in a warning colour, beside the
draft. It speaks of notes, as the nurse sees them; the coverage figures (parts, condensed,
facts only) are in its tooltip, for IT.
"""

from PySide6.QtWidgets import QWidget

from app.domain.coverage import Coverage, PartStatus
from app.ui.draft_status import nurse_coverage
from app.ui.warning_banner import CAUTION_STYLE, DANGER_STYLE, WarningBanner

_CHECK = (
    "The notes were too long to read whole: {shortened}. Values, doses and findings of the "
    "shortened notes reached the model; check the draft against the full notes."
)


class CoverageBanner(WarningBanner):
    """Hidden while the draft was written from the whole source."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Hidden until a draft left part of the notes out or shortened it."""
        super().__init__("coverageBanner", "Source coverage warning", parent)

    def show_coverage(self, coverage: Coverage | None) -> None:
        """Say what the draft did not read whole; hide when it read everything."""
        shortened = nurse_coverage(coverage)
        if coverage is None or shortened is None:
            self.dismiss()
            return
        left_out = coverage.count(PartStatus.LEFT_OUT) > 0
        text = _CHECK.format(shortened=shortened)
        if coverage.warning:
            text += " " + coverage.warning
        self.show_warning(text, DANGER_STYLE if left_out else CAUTION_STYLE)
        self.setToolTip(coverage.status_line)

    def dismiss(self) -> None:
        """Hide, and drop the tooltip that named the parts."""
        super().dismiss()
        self.setToolTip("")
