"""Paints the service report to PDF bytes with Qt: a QTextDocument printed on a QPdfWriter."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QRectF,
    QSizeF,
    QUrl,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer

from fieldapp.domain import VisitState
from fieldapp.store.visit_detail import TimelineEntry, VisitDetail
from fieldapp.ui.report_content import SIGNATURE_SRC, report_html

# QTextDocument.print_ lays an unpaginated document out inside a 2 cm margin of its own (and
# prints the page number in it); the page layout adds none on top.
MARGIN_MM = 0.0
SIGNATURE_WIDTH_PX = 900  # the signature's raster width (printed about 6 cm wide)
_SIGNATURE_URL = QUrl(SIGNATURE_SRC)


def signature_image(svg: bytes, width: int = SIGNATURE_WIDTH_PX) -> QImage | None:
    """The signature SVG drawn on white (None if it is not a readable SVG)."""
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        return None
    size = QSizeF(renderer.defaultSize())
    if size.isEmpty():
        size = QSizeF(480, 180)
    height = max(1, round(width * size.height() / size.width()))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image


def build_service_report(
    detail: VisitDetail,
    state: VisitState,
    timeline: Sequence[TimelineEntry],
    signature_svg: bytes | None,
    technician_name: str,
) -> bytes:
    """The service report as PDF bytes (A4). Safe on a worker thread: no widget is used."""
    image = signature_image(signature_svg) if signature_svg else None
    document = QTextDocument()
    font = QFont(document.defaultFont())
    font.setPointSizeF(10)
    document.setDefaultFont(font)
    if image is not None:
        document.addResource(QTextDocument.ResourceType.ImageResource, _SIGNATURE_URL, image)
    document.setHtml(
        report_html(detail, state, timeline, technician_name, has_signature=image is not None)
    )
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(
        QCoreApplication.translate("ServiceReport", "Service report {reference}").format(
            reference=detail.visit.reference
        )
    )
    writer.setCreator("FieldApp")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    document.print_(writer)
    del writer  # finishes the PDF
    buffer.close()
    return bytes(buffer.data().data())
