"""Render an export to PDF bytes with Qt, on whatever thread calls it.

Every Qt object here is created and destroyed inside `render_pdf`, so it may run on a worker
thread (QTextDocument, QPdfWriter and QPainter on a QPdfWriter are all reentrant) and keeps
layout and font work off the UI thread. The patient header and the AI-use footer are drawn on
every page, as a printed clinical note must identify its patient on each sheet.
"""

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from app.exporters.document import ExportDocument

_RESOLUTION = 300
_MARGIN_MM = 18.0
_BODY_POINTS = 11
_BAND_GAP = 0.6
"""Space between the header or footer band and the body, in lines."""


def render_pdf(document: ExportDocument) -> bytes:
    """A paged PDF of `document`: header (title, patient) and footer (disclosure, page) on each."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(_RESOLUTION)
    writer.setTitle(document.title)
    writer.setCreator("WardScribe")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM, _MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    _paint(writer, document)
    buffer.close()
    return bytes(data.data())


def _paint(writer: QPdfWriter, document: ExportDocument) -> None:
    page = QRectF(writer.pageLayout().paintRectPixels(_RESOLUTION))
    page.moveTo(0, 0)
    font = QFont()
    font.setPointSize(_BODY_POINTS)
    bold = QFont(font)
    bold.setBold(True)
    metrics = QFontMetricsF(font, writer)
    line = metrics.height()
    # A long allergy list wraps onto more lines rather than running off the page.
    wrap = int(Qt.TextFlag.TextWordWrap.value)
    header = [
        (text, metrics.boundingRect(QRectF(0, 0, page.width(), page.height()), wrap, text).height())
        for text in document.patient_header.splitlines()
    ]
    header_height = line * (1 + _BAND_GAP) + sum(height for _, height in header)
    footer_height = line * (1 + _BAND_GAP)

    body = QTextDocument()
    body.documentLayout().setPaintDevice(writer)
    body.setDefaultFont(font)
    body.setPlainText(document.body.strip())
    body_height = page.height() - header_height - footer_height
    body.setPageSize(QSizeF(page.width(), body_height))
    pages = body.pageCount()

    painter = QPainter(writer)
    try:
        for index in range(pages):
            if index:
                writer.newPage()
            painter.setFont(bold)
            painter.drawText(QRectF(0, 0, page.width(), line), document.title)
            painter.setFont(font)
            top = line
            for text, height in header:
                painter.drawText(QRectF(0, top, page.width(), height), wrap, text)
                top += height
            footer = QRectF(0, page.height() - line, page.width(), line)
            painter.drawText(footer, document.footer)
            painter.drawText(footer, Qt.AlignmentFlag.AlignRight, f"Page {index + 1} of {pages}")
            painter.save()
            painter.translate(0, header_height - index * body_height)
            body.drawContents(painter, QRectF(0, index * body_height, page.width(), body_height))
            painter.restore()
    finally:
        painter.end()
