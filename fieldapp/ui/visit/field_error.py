"""Puts a page's refusal where the eye is: beside the field it is about, scrolled into view,
with the keyboard focus moved to that field."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QFormLayout,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QWidget,
)

from fieldapp.ui.visit.widgets import Banner


def _path_to(layout: QLayout, widget: QWidget) -> list[tuple[QLayout, QLayoutItem]] | None:
    """The layouts from `layout` down to the one holding `widget`, each with the item of it
    that leads there (the widget's own item last), or None if `widget` is not in it."""
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if item.widget() is widget:
            return [(layout, item)]
        inner = item.layout()
        if inner is not None:
            below = _path_to(inner, widget)
            if below is not None:
                return [(layout, item), *below]
    return None


def _insert_after(layout: QLayout, item: QLayoutItem, banner: Banner) -> bool:
    """Place `banner` on the line after `item` if `layout` stacks lines; True if it did."""
    if isinstance(layout, QFormLayout):
        child = item.widget() or item.layout()
        if child is None:
            return False
        found = (
            layout.getWidgetPosition(child)
            if isinstance(child, QWidget)
            else layout.getLayoutPosition(child)
        )
        row = cast(tuple[int, QFormLayout.ItemRole], found)[0]
        if row < 0:
            return False
        layout.insertRow(row + 1, banner)
        return True
    if isinstance(layout, QBoxLayout) and layout.direction() in (
        QBoxLayout.Direction.TopToBottom,
        QBoxLayout.Direction.BottomToTop,
    ):
        index = layout.indexOf(item)
        if index < 0:
            return False
        layout.insertWidget(index + 1, banner)
        return True
    return False


def focus_target(widget: QWidget) -> QWidget | None:
    """The widget itself if it takes the keyboard focus, else its first input that does
    (a container such as the options editor would swallow what is typed)."""
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget.focusProxy() is not None:
        return widget
    inputs = [
        child
        for child in widget.findChildren(QWidget)
        if child.focusPolicy() & Qt.FocusPolicy.TabFocus
        and child.isVisibleTo(widget)
        and child.isEnabled()
    ]
    # The one a reader meets first: top row first, then from the left.
    inputs.sort(key=lambda c: (c.mapTo(widget, QPoint(0, 0)).y(), c.mapTo(widget, QPoint()).x()))
    return inputs[0] if inputs else None


class FieldError:
    """Moves one banner next to the field a refusal is about, or to its home (a place that
    is always in view, above the buttons) when it is about no field."""

    def __init__(self, banner: Banner, home: QBoxLayout, body: QWidget, scroll: QScrollArea):
        self.banner = banner
        self.home = home
        self.body = body
        self.scroll = scroll
        self.field: QWidget | None = None
        home.addWidget(banner)

    def _take(self) -> None:
        """Take the banner out of whichever layout holds it now."""
        parent = self.banner.parentWidget()
        for layout in (self.home, parent.layout() if parent is not None else None):
            if layout is None:
                continue
            path = _path_to(layout, self.banner)
            if path is None:
                continue
            holder, _item = path[-1]
            if isinstance(holder, QFormLayout):
                holder.takeRow(self.banner)
            else:
                holder.removeWidget(self.banner)
            return

    def place(self, field: QWidget | None) -> None:
        """Show the banner under `field` (or at home), scroll to it and focus the field."""
        self._take()
        self.field = field
        placed = False
        widget = field
        while widget is not None and widget is not self.body and not placed:
            parent = widget.parentWidget()
            layout = parent.layout() if parent is not None else None
            path = _path_to(layout, widget) if layout is not None else None
            for holder, item in reversed(path or []):
                if _insert_after(holder, item, self.banner):
                    placed = True
                    break
            widget = parent
        if not placed:
            self.field = None
            self.home.addWidget(self.banner)
        self.banner.show()
        self.reveal()
        # After the layouts have settled too (the banner's place is known only then).
        QTimer.singleShot(0, self.reveal)

    def reveal(self) -> None:
        """Scroll so the banner and its field are in view; focus the field."""
        if not self.banner.isVisible():
            return
        body_layout = self.body.layout()
        if body_layout is not None:
            body_layout.activate()
        if self.field is not None and self.field.isVisible():
            self.scroll.ensureWidgetVisible(self.field)
        if self.banner.parentWidget() is self.body or self.body.isAncestorOf(self.banner):
            self.scroll.ensureWidgetVisible(self.banner)
        target = self.focus_target()
        if target is not None and not target.hasFocus():
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_target(self) -> QWidget | None:
        if self.field is not None and self.field.isVisible() and self.field.isEnabled():
            return focus_target(self.field)
        return self.banner.text_label

    def in_view(self) -> bool:
        """Whether the banner is within the scrolled view (or outside the scrolled form)."""
        if not self.banner.isVisible():
            return False
        if not self.body.isAncestorOf(self.banner):
            return True
        viewport = self.scroll.viewport()
        top_left = self.banner.mapTo(viewport, QPoint(0, 0))
        return viewport.rect().intersects(QRect(top_left, self.banner.size()))
