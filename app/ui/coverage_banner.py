"""A banner over the draft when the model did not read the whole source word for word.

A condensed or left-out part is easy to miss in a status line, and a draft that silently ignores
a note is a safety problem: the banner stays in view, in a warning colour, beside the draft.
"""

from PySide6.QtWidgets import QWidget

from app.domain.coverage import Coverage, PartStatus
from app.ui.warning_banner import CAUTION_STYLE, DANGER_STYLE, WarningBanner

_SHORTENED_NOTE = (
    "Condensed parts reached the model as their fact-bearing sentences only, and facts-only "
    "parts as their values (ranges and latest), doses and findings; check the draft against "
    "the full source notes."
)


class CoverageBanner(WarningBanner):
    """Hidden while the draft was written from the whole source."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("coverageBanner", "Source coverage warning", parent)

    def show_coverage(self, coverage: Coverage | None) -> None:
        if coverage is None or coverage.complete:
            self.dismiss()
            return
        left_out = coverage.count(PartStatus.LEFT_OUT) > 0
        self.show_warning(
            f"{coverage.status_line}. {coverage.warning or _SHORTENED_NOTE}",
            DANGER_STYLE if left_out else CAUTION_STYLE,
        )
