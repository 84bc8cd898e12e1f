"""The list of a visit's steps: done, to do now, available, or unavailable with the reason."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPalette
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from fieldapp.domain import VisitState
from fieldapp.ui.resources import icon
from fieldapp.ui.visit.steps import STEPS, StepKey, current_step, step_unavailable
from fieldapp.ui.visit.widgets import SPACING
from fieldapp.ui.visit.words import domain_sentence

AVAILABLE_ROLE = Qt.ItemDataRole.UserRole + 1
ICON_SIZE = 20


def _mark(name: str) -> QIcon:
    """A step mark that keeps its own colours on a selected row (no highlight tint)."""
    pixmap = icon(name).pixmap(ICON_SIZE, ICON_SIZE)
    mark = QIcon()
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
        mark.addPixmap(pixmap, mode)
    return mark


class _StepDelegate(QStyledItemDelegate):
    """Paints an unavailable step greyed out; it stays selectable so its page can say why."""

    def initStyleOption(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if index.data(AVAILABLE_ROLE) is False:
            option.state = option.state & ~QStyle.StateFlag.State_Enabled
            # A palette may give disabled text the normal colour (dark palettes often do).
            muted = option.palette.color(QPalette.ColorRole.PlaceholderText)
            option.palette.setColor(QPalette.ColorRole.Text, muted)
            option.palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, muted)


class StepList(QListWidget):
    """One row per step of docs/workflow.md, in order; row i is STEPS[i]."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Steps of the visit"))
        self.setItemDelegate(_StepDelegate(self))
        self.setSpacing(2)
        self.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        for info in STEPS:
            item = QListWidgetItem(icon("step-todo"), info.shown_title)
            item.setData(Qt.ItemDataRole.UserRole, str(info.key))
            self.addItem(item)
        bold = QFont(self.font())
        bold.setBold(True)
        widest = max(QFontMetrics(bold).horizontalAdvance(info.shown_title) for info in STEPS)
        self.setFixedWidth(widest + ICON_SIZE + 4 * SPACING)

    def key_at(self, row: int) -> StepKey:
        return STEPS[row].key

    def row_of(self, key: StepKey) -> int:
        return [info.key for info in STEPS].index(key)

    def item_of(self, key: StepKey) -> QListWidgetItem:
        return self.item(self.row_of(key))

    def available(self, key: StepKey) -> bool:
        """False while the step is greyed out: not done, and the rules refuse its events."""
        return self.item_of(key).data(AVAILABLE_ROLE) is True

    def show_state(
        self,
        state: VisitState,
        author: str | None = None,
        skipped: frozenset[StepKey] = frozenset(),
    ) -> None:
        """Mark each step done, to do now, available or unavailable (with the reason)."""
        current = current_step(state, skipped)
        for row, info in enumerate(STEPS):
            item = self.item(row)
            reason = step_unavailable(state, info.key, author)
            done = info.done(state)
            if done:
                mark, words = "step-done", self.tr("done")
            elif reason is not None:
                mark, words = "step-locked", self.tr("unavailable")
            elif info.key is current:
                mark, words = "step-current", self.tr("to do now")
            else:
                mark, words = "step-todo", self.tr("available")
            why = domain_sentence(reason) if reason else ""
            item.setIcon(_mark(mark))
            item.setData(AVAILABLE_ROLE, reason is None or done)
            font = QFont(self.font())
            font.setBold(info.key is current and not state.closed)
            item.setFont(font)
            if reason is not None and not done:
                item.setToolTip(why)
            else:
                said = words[:1].upper() + words[1:]
                item.setToolTip(said + (f". {why}" if reason else ""))
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                self.tr("{step}: {state}").format(step=info.shown_title, state=words),
            )
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, why)
