"""Font size and high contrast reach the whole application."""

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from app.domain.settings import Settings
from app.ui.appearance import apply_appearance


@pytest.fixture
def restored(qapp: QApplication) -> Iterator[QApplication]:
    font, palette = qapp.font(), qapp.palette()
    yield qapp
    qapp.setFont(font)
    qapp.setPalette(palette)
    qapp.setStyleSheet("")


def test_the_font_size_setting_sets_the_application_font(restored: QApplication) -> None:
    apply_appearance(restored, Settings(font_point_size=18))
    assert restored.font().pointSize() == 18


def test_high_contrast_gives_white_text_on_black(restored: QApplication) -> None:
    apply_appearance(restored, Settings(high_contrast=True))
    palette = restored.palette()
    assert palette.color(QPalette.ColorRole.Base).name() == "#000000"
    assert palette.color(QPalette.ColorRole.Text).name() == "#ffffff"


def test_keyboard_focus_is_drawn_in_either_theme(restored: QApplication) -> None:
    apply_appearance(restored, Settings())
    assert "focus" in restored.styleSheet()
