"""A table view whose cells are painted by the platform style alone, the theme's focus frame
drawn once, on the current cell, instead of through Python for every cell painted."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QCursor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleFactory,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from fieldapp.ui.theme import FocusStyle

S = QStyle.StateFlag


class FocusTable(QTableView):
    """A QTableView that looks the same under the theme's FocusStyle, painting faster.

    FocusStyle is a Python QProxyStyle: every primitive and control the table paints (each
    cell's panel, row, text and focus) calls into Python and back. This view paints with a
    plain instance of the style FocusStyle wraps, then paints the current cell again through
    FocusStyle when the view has the keyboard focus, so the focus frame is the theme's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._themed: FocusStyle | None = None
        self._options = QStyledItemDelegate(self)  # only fills options: nothing overridden
        themed = self.style()
        if isinstance(themed, FocusStyle):
            plain = QStyleFactory.create(themed.baseStyle().name())
            if plain is not None:
                plain.setParent(self)
                self._themed = themed
                self.setStyle(plain)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        index = self.currentIndex()
        themed = self._themed
        if themed is None or not index.isValid():
            return
        if not (self.hasFocus() or self.viewport().hasFocus()):
            return
        rect = self.visualRect(index)
        if rect.isEmpty() or not event.region().intersects(rect):
            return
        option = self._cell_option(index)
        option.rect = rect
        painter = QPainter(self.viewport())
        painter.setClipRegion(event.region())
        # The plain style drew its own focus (a tinted box) in the cell: paint the cell anew.
        viewport = self.viewport()
        painter.fillRect(rect, viewport.palette().brush(viewport.backgroundRole()))
        themed.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewRow, option, painter, self)
        self._options.initStyleOption(option, index)
        themed.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, self)
        painter.end()

    def _cell_option(self, index: QModelIndex) -> QStyleOptionViewItem:
        """The option QTableView paints the current cell with (QTableViewPrivate::drawCell)."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        if self.alternatingRowColors():
            if self.verticalHeader().visualIndex(index.row()) & 1:
                option.features |= QStyleOptionViewItem.ViewItemFeature.Alternate
            else:
                option.features &= ~QStyleOptionViewItem.ViewItemFeature.Alternate
        if self.selectionModel().isSelected(index):
            option.state |= S.State_Selected
        under = self.viewport().mapFromGlobal(QCursor.pos())
        if self.viewport().underMouse() and self.indexAt(QPoint(under)) == index:
            option.state |= S.State_MouseOver
        if option.state & S.State_Enabled:
            if index.flags() & Qt.ItemFlag.ItemIsEnabled:
                option.palette.setCurrentColorGroup(QPalette.ColorGroup.Normal)
            else:
                option.state &= ~S.State_Enabled
                option.palette.setCurrentColorGroup(QPalette.ColorGroup.Disabled)
        option.state |= S.State_HasFocus
        return option
