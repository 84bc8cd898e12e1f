"""Table model of the technician's round: a window onto the cache, read a page at a time."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from fieldapp.clock import Clock, utc_now
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.laptop_words import error_text
from fieldapp.ui.moments import clock, counted, long_day, weekday
from fieldapp.ui.resources import icon
from fieldapp.ui.round_rows import (
    COLUMNS,
    CUSTOMER,
    LOCATION,
    PRIORITY,
    PROBLEM,
    STEP,
    SYNC,
    WINDOW,
    RoundRow,
    display_text,
)

_Index = QModelIndex | QPersistentModelIndex
# (offset, limit) -> rows; runs on a worker thread.
PageFetcher = Callable[[int, int], list[RoundRow]]

# Rows read per page: a screenful several times over. Each search keystroke reads (and
# works out the texts of) a first page, so a bigger one costs every keystroke.
PAGE_SIZE = 100


def attention_color() -> QColor:
    """A red readable on the application's palette, light or dark."""
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return QColor("#ff8a80" if window.lightness() < 128 else "#b3261e")


_DISPLAY = Qt.ItemDataRole.DisplayRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FONT = Qt.ItemDataRole.FontRole
_USER = Qt.ItemDataRole.UserRole
_ROLES_USED = frozenset(
    {_DISPLAY, _DECORATION, _FOREGROUND, _FONT, _USER, Qt.ItemDataRole.ToolTipRole}
)
_URGENT = frozenset({"high", "critical"})


@cache
def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class RoundTableModel(QAbstractTableModel):
    """The rows of the round, read from the cache a page at a time off the UI thread.

    `load(fetch)` replaces the rows with the first page `fetch` gives; scrolling to the end
    asks for the next page (canFetchMore/fetchMore). Only the pages looked at are held,
    so a cache of 100,000 visits costs what the screen shows. A load asked for while
    another is running replaces it: only the newest one's rows are shown.

    Args:
        runner: runs the fetches in the background; None runs them inline (tests).
        page_size: rows read per page.
        clock: for "Today"/"Tomorrow" in the window column.

    Signals:
        loaded(): the rows of the newest load are in the model.
        load_failed(str): reading failed; the sentence says why.
    """

    loaded = Signal()
    load_failed = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        runner: BackgroundRunner | None = None,
        page_size: int = PAGE_SIZE,
        clock: Clock = utc_now,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._page_size = page_size
        self._clock = clock
        self._rows: list[RoundRow] = []
        self._today = clock().astimezone().date()
        self._fetch: PageFetcher | None = None
        self._has_more = False
        self._generation = 0
        self._loading = False  # a first page is being read
        self._queued: tuple[PageFetcher, int] | None = None
        self._fetching_more = False

    # --- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every visible cell at each paint: answer the roles not
        # used here first, and cheaply.
        if role not in _ROLES_USED:
            return None
        number = index.row()
        if not 0 <= number < len(self._rows) or not index.isValid():
            return None
        row = self._rows[number]
        column = index.column()
        if role == _DISPLAY:
            return row.texts[column] if row.texts else self._display(row, column)
        if role == _DECORATION:
            return self._decoration(row, column)
        if role == _FOREGROUND:
            return attention_color() if column == WINDOW and row.overdue else None
        if role == _FONT:
            return self._font(row, column)
        if role == _USER:
            return row.visit_id
        return self._tooltip(row, column)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("RoundColumns", COLUMNS[section][0])
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("RoundColumns", COLUMNS[section][1])
        return None

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802
        return (
            not parent.isValid()
            and self._fetch is not None
            and self._has_more
            and not self._fetching_more
            and not self._loading
        )

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        assert self._fetch is not None
        fetch, generation, offset, size = (
            self._fetch,
            self._generation,
            len(self._rows),
            self._page_size,
        )
        self._fetching_more = True
        self._run(
            lambda: fetch(offset, size + 1),
            lambda rows: self._on_more(generation, offset, rows),
            lambda error: self._on_failed(generation, error),
        )

    # --- loading ---------------------------------------------------------------------------

    def set_rows(self, rows: list[RoundRow]) -> None:
        """Show exactly these rows (nothing more to fetch)."""
        self._generation += 1
        self._fetch = None
        self._replace(rows, has_more=False)

    def load(self, fetch: PageFetcher, *, at_least: int = 0) -> None:
        """Replace the rows with the first page of `fetch` (at least `at_least` rows)."""
        self._queued = (fetch, at_least)
        if not self._loading:
            self._start_queued()

    @property
    def loading(self) -> bool:
        return self._loading or self._fetching_more

    def has_more(self) -> bool:
        return self._has_more

    def row_at(self, row: int) -> RoundRow:
        return self._rows[row]

    def rows(self) -> list[RoundRow]:
        return list(self._rows)

    def row_of(self, visit_id: str) -> int | None:
        for number, row in enumerate(self._rows):
            if row.visit_id == visit_id:
                return number
        return None

    def _start_queued(self) -> None:
        assert self._queued is not None
        fetch, at_least = self._queued
        self._queued = None
        self._generation += 1
        generation = self._generation
        size = max(self._page_size, at_least)
        self._loading = True
        self._run(
            lambda: fetch(0, size + 1),
            lambda rows: self._on_first(generation, fetch, size, rows),
            lambda error: self._on_failed(generation, error),
        )

    def _run(
        self,
        work: Callable[[], list[RoundRow]],
        on_done: Callable[[list[RoundRow]], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        if self._runner is None:
            try:
                result = work()
            except Exception as error:  # reported like a background failure
                on_error(error)
            else:
                on_done(result)
        else:
            self._runner.run(work, on_done, on_error)

    def _on_first(
        self, generation: int, fetch: PageFetcher, size: int, rows: list[RoundRow]
    ) -> None:
        if generation != self._generation:
            return
        self._loading = False
        if self._queued is not None:  # a newer load was asked for meanwhile: show that one
            self._start_queued()
            return
        self._fetch = fetch
        self._replace(rows[:size], has_more=len(rows) > size)
        self.loaded.emit()

    def _on_more(self, generation: int, offset: int, rows: list[RoundRow]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return
        self._fetching_more = False
        page = rows[: self._page_size]
        if page:
            self.beginInsertRows(QModelIndex(), offset, offset + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        self._has_more = len(rows) > self._page_size

    def _on_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._fetching_more = False
        if self._queued is not None:
            self._start_queued()
            return
        self.load_failed.emit(
            self.tr("Could not read the visits from this laptop's cache: {error}").format(
                error=error_text(error)
            )
        )

    def _replace(self, rows: list[RoundRow], *, has_more: bool) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._has_more = has_more
        self._fetching_more = False
        self._today = self._clock().astimezone().date()
        self.endResetModel()

    # --- presentation ----------------------------------------------------------------------

    def _display(self, row: RoundRow, column: int) -> str:
        if row.texts:
            return row.texts[column]
        return display_text(row, column, self._today)

    def _tooltip(self, row: RoundRow, column: int) -> str | None:
        if row.conflict:
            return row.conflict
        if column == WINDOW:
            start = row.window_start.astimezone()
            end = row.window_end.astimezone()
            text = self.tr("{day}, {start} to {end}").format(
                day=long_day(start.date()), start=clock(start), end=clock(end)
            )
            if row.return_at is not None:
                back = row.return_at.astimezone()
                values = {"window": text, "day": weekday(back.date()), "time": clock(back)}
                if row.overdue:
                    return self.tr(
                        "{window} \u2014 the user asked you back at {day} {time} "
                        "(that time has passed)"
                    ).format(**values)
                return self.tr("{window} \u2014 the user asked you back at {day} {time}").format(
                    **values
                )
            if row.overdue:
                return self.tr("{window} \u2014 the window has passed").format(window=text)
            return text
        if column == STEP and row.unconfirmed:
            return self.tr("Due soon and not confirmed with the customer yet.")
        if column == SYNC and row.rejected:
            return self.tr("The server refused some events: see Rejected events (Ctrl+Shift+E).")
        if column == SYNC and row.pending:
            return counted(
                row.pending,
                self.tr("{count} event recorded here waits to be sent to the server."),
                self.tr("{count} events recorded here wait to be sent to the server."),
            )
        if column == PROBLEM and row.problem:
            return row.problem
        if column in (CUSTOMER, LOCATION):  # a narrow column cuts them
            return self._display(row, column) or None
        return None

    def widest_cells(self, column: int, advance: Callable[[str, QFont | None], int]) -> list[int]:
        """The rows whose cell in `column` is the widest of its kind (with or without an
        icon, in its font), by `advance` (a text's width in a font; None: the table's).

        A cell's size hint grows with its text's width for a given font and icon, so these
        rows are all a fit of the column to the rows' contents has to measure.
        """
        widest: dict[tuple[bool, bool], tuple[int, int]] = {}
        for number, row in enumerate(self._rows):
            font = self._font(row, column)
            kind = (self._decoration(row, column) is not None, font is not None)
            width = advance(self._display(row, column), font)
            if kind not in widest or width > widest[kind][0]:
                widest[kind] = (width, number)
        return [number for _, number in widest.values()]

    def _font(self, row: RoundRow, column: int) -> QFont | None:
        return _bold() if column == PRIORITY and row.priority in _URGENT else None

    def _decoration(self, row: RoundRow, column: int) -> Any:
        if column == SYNC:
            if row.conflict or row.rejected:
                return icon("warning")
            if row.pending:
                return icon("sync")
        if column == STEP and row.unconfirmed:
            return icon("warning")
        return None
