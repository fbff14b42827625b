"""Font size and high contrast reach the whole application."""

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.domain.settings import Settings
from app.ui.appearance import apply_appearance, contrast_ratio


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


def _edge(field: QLineEdit) -> QColor:
    """The colour drawn at the middle of the field's top edge."""
    image = field.grab().toImage()
    return image.pixelColor(image.width() // 2, 0)


@pytest.mark.parametrize("high_contrast", [False, True], ids=["standard", "high contrast"])
def test_the_password_box_has_a_border_and_focus_thickens_it_in_a_colour_that_stands_out(
    qtbot: QtBot, restored: QApplication, high_contrast: bool
) -> None:
    apply_appearance(restored, Settings(high_contrast=high_contrast))
    form = QWidget()
    qtbot.addWidget(form)
    layout = QVBoxLayout(form)
    password, other = QLineEdit(), QLineEdit()
    password.setEchoMode(QLineEdit.EchoMode.Password)
    layout.addWidget(password)
    layout.addWidget(other)
    form.show()
    qtbot.waitExposed(form)
    background = restored.palette().color(QPalette.ColorRole.Base)

    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    unfocused = _edge(password)
    password.setFocus()
    qtbot.waitUntil(password.hasFocus)
    focused = _edge(password)

    assert contrast_ratio(unfocused, background) >= 3
    assert contrast_ratio(focused, background) >= 3
    assert focused != unfocused
