"""A pad the customer signs on with a mouse, a pen or a finger; exported as SVG."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

# One point of a stroke: x, y in pixels of the pad, and pen pressure from 0 to 1.
Point = tuple[float, float, float]
MOUSE_PRESSURE = 0.5
MAX_POINTS = 20_000  # a signature, not a drawing: keeps drafts and the SVG small


def _width(pressure: float) -> float:
    return 1.2 + 2.4 * max(0.0, min(pressure, 1.0))


class SignaturePad(QWidget):
    """Draws strokes from mouse, tablet pen (with pressure) and touch; `to_svg()` exports them.

    Its value for drafts is the list of strokes, so a half-signed pad survives a crash.

    Signals:
        changed(): a stroke was finished or the pad was cleared.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[list[Point]] = []
        self._drawing = False
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(320, 160)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Signature pad"))
        self.setAccessibleDescription(
            self.tr("The customer signs here with a pen, a finger or the mouse.")
        )
        self.setCursor(Qt.CursorShape.CrossCursor)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(480, 180)

    # --- value ---------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return not any(len(stroke) > 0 for stroke in self.strokes)

    def clear(self) -> None:
        self.strokes.clear()
        self._drawing = False
        self.update()
        self.changed.emit()

    def draft_value(self) -> list[list[list[float]]]:
        return [[[round(x, 1), round(y, 1), round(p, 2)] for x, y, p in s] for s in self.strokes]

    def set_draft_value(self, value: Any) -> None:
        strokes: list[list[Point]] = []
        if isinstance(value, list):
            for stroke in value:
                if not isinstance(stroke, list):
                    continue
                points = [
                    (float(p[0]), float(p[1]), float(p[2]))
                    for p in stroke
                    if isinstance(p, list)
                    and len(p) == 3
                    and all(isinstance(v, int | float) for v in p)
                ]
                if points:
                    strokes.append(points)
        self.strokes = strokes
        self.update()

    def to_svg(self) -> bytes:
        """The signature as a standalone SVG: dark strokes on a transparent background."""
        width, height = self.width(), self.height()
        paths = []
        for stroke in self.strokes:
            if not stroke:
                continue
            x, y, _ = stroke[0]
            commands = [f"M{x:.1f} {y:.1f}"]
            if len(stroke) == 1:
                commands.append(f"L{x + 0.1:.1f} {y:.1f}")
            commands += [f"L{px:.1f} {py:.1f}" for px, py, _ in stroke[1:]]
            stroke_width = sum(_width(p) for *_, p in stroke) / len(stroke)
            paths.append(f'<path d="{" ".join(commands)}" stroke-width="{stroke_width:.2f}"/>')
        return (
            '<svg xmlns="http://www.w3.org/2000/svg" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
            '<g fill="none" stroke="#000000" stroke-linecap="round" stroke-linejoin="round">'
            + "".join(paths)
            + "</g></svg>"
        ).encode()

    # --- input ---------------------------------------------------------------------------

    def _begin(self, at: QPointF, pressure: float) -> None:
        if sum(len(s) for s in self.strokes) >= MAX_POINTS:
            return
        self._drawing = True
        self.strokes.append([(at.x(), at.y(), pressure)])
        self.update()

    def _extend(self, at: QPointF, pressure: float) -> None:
        if not self._drawing:
            return
        stroke = self.strokes[-1]
        last_x, last_y, _ = stroke[-1]
        if abs(at.x() - last_x) + abs(at.y() - last_y) >= 1.0:
            stroke.append((at.x(), at.y(), pressure))
            self.update()

    def _end(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position(), MOUSE_PRESSURE)
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position(), MOUSE_PRESSURE)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position(), MOUSE_PRESSURE)
            self._end()
        event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802
        kind = event.type()
        pressure = event.pressure()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position(), pressure)
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position(), pressure)
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        event.accept()  # no synthesized mouse events on top of the pen's

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
        ):
            assert isinstance(event, QTouchEvent)
            points = event.points()
            if kind == QEvent.Type.TouchBegin and points:
                self._begin(points[0].position(), points[0].pressure() or MOUSE_PRESSURE)
            elif kind == QEvent.Type.TouchUpdate and points:
                self._extend(points[0].position(), points[0].pressure() or MOUSE_PRESSURE)
            else:
                self._end()
            event.accept()
            return True
        return super().event(event)

    # --- drawing -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        frame = palette.color(
            QPalette.ColorRole.Highlight if self.hasFocus() else QPalette.ColorRole.Mid
        )
        painter.setPen(QPen(frame, 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        baseline = self.height() - 36
        painter.setPen(
            QPen(palette.color(QPalette.ColorRole.PlaceholderText), 1, Qt.PenStyle.DashLine)
        )
        painter.drawLine(24, baseline, self.width() - 24, baseline)
        if self.is_empty():
            painter.drawText(
                self.rect().adjusted(24, 0, -24, -44),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                self.tr("Sign here"),
            )
        ink = palette.color(QPalette.ColorRole.Text)
        for stroke in self.strokes:
            if len(stroke) == 1:
                x, y, p = stroke[0]
                painter.setPen(QPen(ink, _width(p), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
                painter.drawPoint(QPointF(x, y))
                continue
            for (x1, y1, _), (x2, y2, p2) in itertools.pairwise(stroke):
                pen = QPen(ink, _width(p2), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
                painter.setPen(pen)
                painter.drawLine(QPointF(x1, y1), QPointF(x2, y2))
        painter.end()
