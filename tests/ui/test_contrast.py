"""WCAG 2.2 AA contrast, measured: text 4.5:1, field borders and focus 3:1, highlights
readable in either theme."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.domain.factcheck import ContradictedFlag, Flag
from app.domain.roles import Role
from app.domain.settings import Settings
from app.services.workstation import StartOptions, Workstation
from app.ui.appearance import (
    ERROR_TEXT,
    FIELD_BORDER,
    FOCUS_COLOUR,
    HIGH_CONTRAST_ERROR_TEXT,
    HIGH_CONTRAST_FIELD_BORDER,
    HIGH_CONTRAST_FOCUS_COLOUR,
    apply_appearance,
    contrast_ratio,
    show_as_error,
)
from app.ui.review_panel import highlight_format, problem_format, source_format
from app.ui.settings_dialog import SettingsDialog
from app.ui.tasks import TaskRunner
from app.ui.warning_banner import CAUTION_STYLE, DANGER_STYLE, SIGNED_STYLE

UNSUPPORTED = Flag(id="f1", text="Temp 39.4 C", start=0, end=11, kind="vital.temp", reason="")
CONTRADICTED = ContradictedFlag(
    id="f2", text="BP 150/95", start=0, end=9, kind="vital.bp", reason="", source_text="BP 132/84"
)
WHITE, BLACK = QColor("white"), QColor("black")


@pytest.fixture
def restored(qapp: QApplication) -> Iterator[QApplication]:
    palette = qapp.palette()
    yield qapp
    qapp.setPalette(palette)
    qapp.setStyleSheet("")


def test_the_ratio_is_measured_as_wcag_defines_it() -> None:
    assert contrast_ratio(BLACK, WHITE) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#767676"), WHITE) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio(WHITE, WHITE) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "char_format",
    [
        highlight_format(UNSUPPORTED, resolved=False),
        highlight_format(CONTRADICTED, resolved=False),
        highlight_format(CONTRADICTED, resolved=True),
        problem_format(),
        source_format(),
    ],
    ids=["unsupported", "contradicted", "resolved", "problem", "in the notes"],
)
def test_highlighted_text_is_dark_enough_on_its_background_in_either_theme(
    char_format: QTextCharFormat,
) -> None:
    # Set, not inherited: the high-contrast theme's text is white.
    assert char_format.foreground().style() is Qt.BrushStyle.SolidPattern
    text = char_format.foreground().color()
    background = char_format.background().color()
    assert contrast_ratio(text, background) >= 4.5


def test_the_contradiction_underline_stands_out_from_its_background() -> None:
    char_format = highlight_format(CONTRADICTED, resolved=False)
    assert contrast_ratio(char_format.underlineColor(), char_format.background().color()) >= 3


def test_field_borders_stand_out_in_either_theme() -> None:
    assert contrast_ratio(FIELD_BORDER, WHITE) >= 3
    assert contrast_ratio(HIGH_CONTRAST_FIELD_BORDER, BLACK) >= 3
    assert contrast_ratio(FOCUS_COLOUR, WHITE) >= 3
    assert contrast_ratio(HIGH_CONTRAST_FOCUS_COLOUR, BLACK) >= 3


def test_every_text_colour_of_the_high_contrast_theme_passes_aa(restored: QApplication) -> None:
    apply_appearance(restored, Settings(high_contrast=True))
    palette = restored.palette()
    pairs = [
        (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
        (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
        (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
        (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
        (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Base),
    ]
    for text, background in pairs:
        assert contrast_ratio(palette.color(text), palette.color(background)) >= 4.5
    focus = palette.color(QPalette.ColorRole.Highlight)
    assert contrast_ratio(focus, palette.color(QPalette.ColorRole.Base)) >= 3


def test_text_fields_get_a_visible_border(restored: QApplication) -> None:
    apply_appearance(restored, Settings())
    assert f"border: 1px solid {FIELD_BORDER.name()}" in restored.styleSheet()
    assert f"border: 2px solid {FOCUS_COLOUR.name()}" in restored.styleSheet()
    assert "QLineEdit" in restored.styleSheet()


def test_high_contrast_takes_effect_as_soon_as_it_is_saved(
    qtbot: QtBot,
    restored: QApplication,
    data_dir: Path,
    memory_keyring: KeyringBackend,
) -> None:
    workstation = Workstation.open(StartOptions(data_dir=data_dir))
    try:
        workstation.accounts.add("it.admin", "IT Admin", Role.IT_ADMIN, "it-admin-password")
        admin = workstation.auth.sign_in("it.admin", "it-admin-password")
        host = QWidget()
        qtbot.addWidget(host)
        tasks = TaskRunner(host)
        dialog = SettingsDialog(workstation.settings_service, admin, tasks, host)
        dialog.editors["high_contrast"].setChecked(True)  # type: ignore[attr-defined]
        dialog.open()
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        with qtbot.waitSignal(dialog.accepted, timeout=10_000):
            buttons.button(QDialogButtonBox.StandardButton.Save).click()
        assert restored.palette().color(QPalette.ColorRole.Base).name() == "#000000"
        assert HIGH_CONTRAST_FIELD_BORDER.name() in restored.styleSheet()
        tasks.wait(5_000)
    finally:
        workstation.close()


def _colours(style: str) -> tuple[QColor, QColor]:
    found = dict(re.findall(r"(background|color):\s*([#\w]+)", style))
    return QColor(found["color"]), QColor(found["background"])


@pytest.mark.parametrize(
    "style", [CAUTION_STYLE, DANGER_STYLE, SIGNED_STYLE], ids=["caution", "danger", "signed"]
)
def test_every_banner_sets_both_its_colours_at_aa_contrast(style: str) -> None:
    text, background = _colours(style)
    assert contrast_ratio(text, background) >= 4.5


@pytest.mark.parametrize("high_contrast", [False, True], ids=["standard", "high contrast"])
def test_error_text_is_aa_on_the_window_of_either_theme(
    qtbot: QtBot, restored: QApplication, high_contrast: bool
) -> None:
    apply_appearance(restored, Settings(high_contrast=high_contrast))
    label = QLabel("The notes are empty.")
    qtbot.addWidget(label)
    show_as_error(label, True)
    label.ensurePolished()

    text = label.palette().color(QPalette.ColorRole.WindowText)
    background = restored.palette().color(QPalette.ColorRole.Window)
    assert text.name() == (HIGH_CONTRAST_ERROR_TEXT if high_contrast else ERROR_TEXT).name()
    assert contrast_ratio(text, background) >= 4.5
