"""The coverage banner: hidden for a whole source, in view and naming parts when any are missing."""

import pytest
from pytestqt.qtbot import QtBot

from app.domain.coverage import Coverage, PartCoverage, PartStatus
from app.ui.coverage_banner import CoverageBanner


def _coverage(*statuses: PartStatus) -> Coverage:
    return Coverage(
        parts=tuple(
            PartCoverage(
                index=index,
                label=f"Day {index}",
                first_line=index,
                last_line=index,
                characters=80,
                status=status,
            )
            for index, status in enumerate(statuses, start=1)
        )
    )


@pytest.fixture
def banner(qtbot: QtBot) -> CoverageBanner:
    widget = CoverageBanner()
    qtbot.addWidget(widget)
    widget.show_coverage(_coverage(PartStatus.LEFT_OUT, PartStatus.WHOLE))
    return widget


def test_a_draft_from_the_whole_source_shows_no_banner(banner: CoverageBanner) -> None:
    banner.show_coverage(_coverage(PartStatus.WHOLE, PartStatus.WHOLE))
    assert banner.isHidden()


def test_left_out_parts_are_named_in_the_banner_and_its_accessible_description(
    banner: CoverageBanner,
) -> None:
    assert not banner.isHidden()
    assert "part 1 (line 1, Day 1)" in banner.text()
    assert banner.accessibleDescription() == banner.text()


def test_shortened_notes_alone_show_the_banner_without_a_not_read_warning(
    banner: CoverageBanner,
) -> None:
    banner.show_coverage(_coverage(PartStatus.CONDENSED, PartStatus.WHOLE))
    assert not banner.isHidden()
    assert banner.text().startswith(
        "The notes were too long to read whole: 1 of 2 notes read in full, the older ones "
        "shortened to their facts."
    )
    assert "NOT READ" not in banner.text()


def test_the_banner_speaks_of_notes_and_keeps_the_coverage_figures_for_its_tooltip(
    banner: CoverageBanner,
) -> None:
    banner.show_coverage(_coverage(PartStatus.FACTS, PartStatus.WHOLE))
    assert "facts only" not in banner.text()
    assert "parts" not in banner.text()
    assert banner.toolTip() == "Coverage: 1 of 2 parts whole, 1 as facts only"
