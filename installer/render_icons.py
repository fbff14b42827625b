"""Render resources/icons/wardscribe.svg into the PNG sizes desktops ask for and a Windows .ico.

The renders are committed, so building a package never depends on an SVG renderer; run this
only after changing the SVG: `QT_QPA_PLATFORM=offscreen .venv/bin/python installer/render_icons.py`.
"""

import struct
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""The freedesktop hicolor sizes the .deb installs."""
ICO_SIZES = (16, 24, 32, 48, 64, 256)
"""What Explorer, the taskbar and the Start menu pick from."""


def render(renderer: QSvgRenderer, size: int, target: Path) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target)):
        raise RuntimeError(f"Qt could not write {target}")
    return target.read_bytes()


def ico_of(pngs: dict[int, bytes]) -> bytes:
    """An .ico whose entries are PNGs (supported since Windows Vista), smallest first."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    directory = b""
    for size, png in pngs.items():
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    return header + directory + b"".join(pngs.values())


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "wardscribe.svg"))
    if not renderer.isValid():
        print(f"{ICONS / 'wardscribe.svg'} is not a valid SVG", file=sys.stderr)
        return 1
    pngs = {size: render(renderer, size, ICONS / f"wardscribe-{size}.png") for size in PNG_SIZES}
    (ICONS / "wardscribe.ico").write_bytes(ico_of({size: pngs[size] for size in ICO_SIZES}))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
