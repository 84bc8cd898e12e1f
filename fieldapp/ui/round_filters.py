"""The round's filter tabs, search field and order: which visits the table lists, in what order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTabBar, QTableView

from fieldapp.domain.words import QT_TRANSLATE_NOOP
from fieldapp.store.round_queries import RoundFilter, RoundQuery, RoundSort
from fieldapp.ui.moments import counted
from fieldapp.ui.round_rows import COLUMNS

translate = QCoreApplication.translate

# (filter, tab label, tab tooltip), translated where shown: filter_words().
FILTERS: tuple[tuple[RoundFilter, str, str], ...] = (
    (
        RoundFilter.TODAY,
        QT_TRANSLATE_NOOP("RoundFilters", "&Today"),
        QT_TRANSLATE_NOOP("RoundFilters", "Open visits whose window is today"),
    ),
    (
        RoundFilter.UPCOMING,
        QT_TRANSLATE_NOOP("RoundFilters", "&Upcoming"),
        QT_TRANSLATE_NOOP("RoundFilters", "Open visits after today"),
    ),
    (
        RoundFilter.OVERDUE,
        QT_TRANSLATE_NOOP("RoundFilters", "Ov&erdue"),
        QT_TRANSLATE_NOOP("RoundFilters", "Open visits whose window has passed"),
    ),
    (
        RoundFilter.DONE,
        QT_TRANSLATE_NOOP("RoundFilters", "&Done"),
        QT_TRANSLATE_NOOP("RoundFilters", "Completed, escalated and cancelled visits"),
    ),
    (
        RoundFilter.ALL,
        QT_TRANSLATE_NOOP("RoundFilters", "&All"),
        QT_TRANSLATE_NOOP("RoundFilters", "Every visit on this laptop"),
    ),
)
ORDERS: tuple[tuple[RoundSort, str], ...] = (
    (RoundSort.ROUND, QT_TRANSLATE_NOOP("RoundFilters", "Round order")),
    (RoundSort.WINDOW, QT_TRANSLATE_NOOP("RoundFilters", "Time window")),
    (RoundSort.REFERENCE, QT_TRANSLATE_NOOP("RoundFilters", "Reference")),
    (RoundSort.CUSTOMER, QT_TRANSLATE_NOOP("RoundFilters", "Customer")),
    (RoundSort.LOCATION, QT_TRANSLATE_NOOP("RoundFilters", "Location")),
    (RoundSort.PRIORITY, QT_TRANSLATE_NOOP("RoundFilters", "Priority")),
    (RoundSort.STEP, QT_TRANSLATE_NOOP("RoundFilters", "Step")),
    (RoundSort.SYNC, QT_TRANSLATE_NOOP("RoundFilters", "Sync status")),
)


def filter_words() -> list[tuple[RoundFilter, str, str]]:
    """FILTERS in the app's language."""
    return [
        (kind, translate("RoundFilters", label), translate("RoundFilters", tip))
        for kind, label, tip in FILTERS
    ]


def order_words() -> list[tuple[RoundSort, str]]:
    """ORDERS in the app's language."""
    return [(sort, translate("RoundFilters", label)) for sort, label in ORDERS]


DEFAULT_ORDER: dict[RoundFilter, tuple[RoundSort, bool]] = {
    RoundFilter.TODAY: (RoundSort.ROUND, False),
    RoundFilter.UPCOMING: (RoundSort.WINDOW, False),
    RoundFilter.OVERDUE: (RoundSort.WINDOW, False),
    RoundFilter.DONE: (RoundSort.WINDOW, True),
    RoundFilter.ALL: (RoundSort.WINDOW, False),
}


class RoundFilters(QObject):
    """What the round lists, as the technician chose it: filter, search and order.

    Answers the filter tabs and their actions (Ctrl+1 to Ctrl+5), the search field and
    Find (Ctrl+F; in the field, Down, Enter or Page Down go to the list, Escape clears
    the search, then goes to the list), the order combo, round order (Ctrl+R), reverse
    (Ctrl+Shift+O) and the table header; each filter keeps its own order. Says beside the
    tabs how many visits match a search and, over an empty table, why it is empty.

    Args:
        tabs: one tab per entry of FILTERS.
        search: the search field.
        order_combo: one item per entry of ORDERS, the RoundSort as its data.
        table: the round's table: its header sorts, its viewport holds `empty_label`.
        empty_label: shown over the table while it lists nothing.
        result_label: "3 visits match …", beside the tabs.
        find_action: goes to the search field.
        filter_actions: one per entry of FILTERS.
        round_order_action: orders by round.
        reverse_action: the checkable "Reverse order" action.

    Signals:
        changed(bool): the table must be re-read; True when only the order changed (the
            selection and the scroll are kept).
    """

    changed = Signal(bool)

    def __init__(
        self,
        *,
        tabs: QTabBar,
        search: QLineEdit,
        order_combo: QComboBox,
        table: QTableView,
        empty_label: QLabel,
        result_label: QLabel,
        find_action: QAction,
        filter_actions: Sequence[QAction],
        round_order_action: QAction,
        reverse_action: QAction,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tabs = tabs
        self._search = search
        self._order_combo = order_combo
        self._reverse_action = reverse_action
        self._table = table
        self._viewport = table.viewport()
        self._empty_label = empty_label
        self._result_label = result_label
        self._filter = RoundFilter.TODAY
        self._orders = dict(DEFAULT_ORDER)
        tabs.currentChanged.connect(self.on_tab_changed)
        search.textChanged.connect(self.on_search_text_changed)
        search.installEventFilter(self)
        order_combo.activated.connect(self.on_order_chosen)
        table.horizontalHeader().sectionClicked.connect(self.on_header_clicked)
        self._viewport.installEventFilter(self)
        find_action.triggered.connect(lambda _checked=False: self.focus_search())
        for action, (kind, _label, _tip) in zip(filter_actions, FILTERS, strict=True):
            action.triggered.connect(lambda _checked=False, kind=kind: self.set_filter(kind))
        round_order_action.triggered.connect(lambda _checked=False: self.set_order(RoundSort.ROUND))
        reverse_action.triggered.connect(lambda _checked=False: self.reverse_order())

    @property
    def current_filter(self) -> RoundFilter:
        return self._filter

    @property
    def current_order(self) -> tuple[RoundSort, bool]:
        """The order of the current filter: (sort, descending)."""
        return self._orders[self._filter]

    def query(self, now: datetime) -> RoundQuery:
        """What the table lists as of `now`, as a query of the cache."""
        sort, descending = self.current_order
        return RoundQuery(
            now=now,
            filter=self._filter,
            search=self._search.text(),
            sort=sort,
            descending=descending,
        )

    # --- filter and search ------------------------------------------------------------------

    def set_filter(self, kind: RoundFilter) -> None:
        """Show the visits of `kind` (Ctrl+1 to Ctrl+5)."""
        index = [f for f, _label, _tip in FILTERS].index(kind)
        if self._tabs.currentIndex() != index:
            self._tabs.setCurrentIndex(index)  # on_tab_changed loads
        else:
            self.changed.emit(False)

    def on_tab_changed(self, index: int) -> None:
        self._filter = FILTERS[index][0]
        self._show_order()
        self.changed.emit(False)

    def on_search_text_changed(self, _text: str) -> None:
        self.changed.emit(False)

    def focus_search(self) -> None:
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

    def show_counts(self, counts: Mapping[RoundFilter, int]) -> None:
        """Each filter's number of visits, on its tab."""
        for index, (kind, label, _tip) in enumerate(filter_words()):
            count = counts.get(kind)
            self._tabs.setTabText(
                index, self.tr("{tab} ({count})").format(tab=label, count=count) if count else label
            )
        # QTabBar does not tell its layout that the longer titles need more room: without
        # this the last tabs are cut behind scroll arrows ("Do…" for Done).
        self._tabs.updateGeometry()

    def show_result(self, loaded: int, more: bool) -> None:
        """Say what the table lists: `loaded` rows (`more` to fetch when scrolling)."""
        text = self._search.text().strip()
        label = filter_words()[self._tabs.currentIndex()][1].replace("&", "")
        if loaded:
            self._empty_label.hide()
            if not text:
                self._result_label.setText("")
            elif more:
                self._result_label.setText(
                    self.tr("{count}+ visits match \u201c{text}\u201d").format(
                        count=loaded, text=text
                    )
                )
            else:
                self._result_label.setText(
                    counted(
                        loaded,
                        self.tr("{count} visit matches \u201c{text}\u201d"),
                        self.tr("{count} visits match \u201c{text}\u201d"),
                        text=text,
                    )
                )
            return
        self._result_label.setText("")
        if text:
            message = self.tr("No visit in {tab} matches \u201c{text}\u201d.").format(
                tab=label, text=text
            )
            if self._filter is not RoundFilter.ALL:
                message += " " + self.tr("Search all visits with Ctrl+5.")
        else:
            message = {
                RoundFilter.TODAY: self.tr("No open visits today."),
                RoundFilter.UPCOMING: self.tr("No upcoming visits."),
                RoundFilter.OVERDUE: self.tr("Nothing overdue."),
                RoundFilter.DONE: self.tr("No finished visits on this laptop yet."),
                RoundFilter.ALL: self.tr(
                    "No visits on this laptop yet: sync to fetch your round (F5)."
                ),
            }[self._filter]
        self._empty_label.setText(message)
        self._place_empty_label()
        self._empty_label.show()

    def _place_empty_label(self) -> None:
        self._empty_label.setGeometry(24, 24, max(0, self._viewport.width() - 48), 80)

    def _focus_table(self) -> None:
        self._table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self._table.model().rowCount() and not self._table.selectionModel().hasSelection():
            self._table.selectRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_PageDown):
                self._focus_table()
                return True
            if key == Qt.Key.Key_Escape:
                if self._search.text():
                    self._search.clear()
                else:
                    self._focus_table()
                return True
        # Identities only: the window's other widgets may be gone while it is destroyed.
        if watched is self._viewport and event.type() == QEvent.Type.Resize:
            self._place_empty_label()
        return super().eventFilter(watched, event)

    # --- order ------------------------------------------------------------------------------

    def set_order(self, sort: RoundSort, descending: bool = False) -> None:
        """Order the current filter's visits; ROUND ignores `descending`."""
        self._orders[self._filter] = (sort, descending and sort is not RoundSort.ROUND)
        self._show_order()
        self.changed.emit(True)

    def reverse_order(self) -> None:
        sort, descending = self.current_order
        if sort is RoundSort.ROUND:
            sort = RoundSort.WINDOW
        self.set_order(sort, not descending)

    def on_order_chosen(self, index: int) -> None:
        sort = self._order_combo.itemData(index)
        if isinstance(sort, RoundSort):
            self.set_order(sort, self.current_order[1])

    def on_header_clicked(self, column: int) -> None:
        sort = COLUMNS[column][2]
        if sort is None:
            self._show_order()
            return
        current, descending = self.current_order
        self.set_order(sort, not descending if current is sort else False)

    def _show_order(self) -> None:
        sort, descending = self.current_order
        self._order_combo.setCurrentIndex(self._order_combo.findData(sort))
        self._reverse_action.setChecked(descending)
        self._reverse_action.setEnabled(True)
        header = self._table.horizontalHeader()
        column = next((n for n, c in enumerate(COLUMNS) if c[2] is sort), None)
        blocked = header.blockSignals(True)
        if column is None:
            header.setSortIndicatorShown(False)
        else:
            header.setSortIndicatorShown(True)
            order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(column, order)
        header.blockSignals(blocked)
