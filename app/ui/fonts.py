"""The monospace font the desk ships with, so aligned text looks the same on every workstation.

A workstation's fixed-pitch system font is whatever fontconfig or Windows finds; on a machine
with no monospace font installed Qt falls back to a proportional one, and the version history's
columns no longer line up. DejaVu Sans Mono is bundled in `resources/fonts` and registered with
Qt the first time it is asked for.
"""

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase

from app.paths import resources_dir

BUNDLED_MONOSPACE = "DejaVuSansMono.ttf"


def monospace_font(point_size: float) -> QFont:
    """The bundled monospace font at `point_size`, or the system's fixed font if it cannot load."""
    families = _bundled_families()
    font = (
        QFont(families[0])
        if families
        else QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    )
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(point_size)
    return font


@cache
def _bundled_families() -> tuple[str, ...]:
    font_id = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / BUNDLED_MONOSPACE))
    return tuple(QFontDatabase.applicationFontFamilies(font_id)) if font_id >= 0 else ()
