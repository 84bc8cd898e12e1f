"""What the supervisor tabs share: one call at a time per tab, tables, words for times and rates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)

from fieldapp.sync.errors import SyncError
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.laptop_words import error_text
from fieldapp.ui.moments import counted
from fieldapp.ui.table_model import SORT_ROLE, Column, TableModel
from fieldapp.ui.window_place import app_settings

R = TypeVar("R")
T = TypeVar("T")

# The supervisor screens' words outside a QObject go through this (lupdate reads the calls).
translate = QCoreApplication.translate


def error_sentence(error: Exception) -> str:
    """The typed error's plain sentence in the app's language (the server's own sentences stay
    as it wrote them; anything else: what went wrong, briefly)."""
    if isinstance(error, SyncError):
        return error_text(error)
    return translate("SupervisorWords", "Something went wrong: {error}").format(error=error)


def _shown(value: datetime) -> QDateTime:
    """The moment as a QDateTime in this computer's zone."""
    moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    return QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000))


def local(value: datetime | None, *, with_day: bool = True) -> str:
    """A time in this computer's zone, in the language's words: "Tue 11 Mar 09:30" (or
    "09:30")."""
    if value is None:
        return ""
    form = (
        translate("SupervisorWords", "ddd dd MMM HH:mm", "a day and time (QLocale format)")
        if with_day
        else translate("SupervisorWords", "HH:mm", "a time of day (QLocale format)")
    )
    return QLocale().toString(_shown(value), form)


def day_words(day: date, form: str) -> str:
    """A day in the language's words, in a QLocale format ("ddd dd MMM")."""
    return QLocale().toString(QDate(day.year, day.month, day.day), form)


def number(value: float, decimals: int = 0) -> str:
    """A number as the language writes it ("4.5", "4,5")."""
    if decimals == 0:
        return QLocale().toString(round(value))
    return QLocale().toString(float(value), "f", decimals)


def minutes_words(minutes: float) -> str:
    """ "30 min"."""
    return translate("SupervisorWords", "{minutes} min").format(minutes=number(minutes))


def location_words(site: str, building: str, floor: str, room: str) -> str:
    """ "HQ, building North, floor 3, 3.14" (the parts given)."""
    parts = [
        site,
        translate("SupervisorWords", "building {building}").format(building=building)
        if building
        else "",
        translate("SupervisorWords", "floor {floor}").format(floor=floor) if floor else "",
    ]
    return ", ".join(p for p in [*parts, room] if p)


def window_words(start: datetime, end: datetime) -> str:
    return f"{local(start)}\u2013{local(end, with_day=False)}"


def ago(value: datetime | None, now: datetime) -> str:
    """ "09:42 (25 min ago)", "Mon 10 Mar 09:42 (2 days ago)", or "Never"."""
    if value is None:
        return translate("SupervisorWords", "Never")
    minutes = max(0, int((now - value).total_seconds() // 60))
    if minutes < 1:
        span = translate("SupervisorWords", "just now")
    elif minutes < 120:
        span = translate("SupervisorWords", "{minutes} min ago").format(minutes=minutes)
    elif minutes < 48 * 60:
        span = translate("SupervisorWords", "{hours} h ago").format(hours=minutes // 60)
    else:
        span = counted(
            minutes // (24 * 60),
            translate("SupervisorWords", "{count} day ago"),
            translate("SupervisorWords", "{count} days ago"),
        )
    same_day = value.astimezone().date() == now.astimezone().date()
    return f"{local(value, with_day=not same_day)} ({span})"


def percent(value: float) -> str:
    """ "83%" as the language writes it (a share from 0 to 1)."""
    return translate("SupervisorWords", "{percent}%").format(percent=number(value * 100))


def rate(value: float | None, part: int | None = None, whole: int | None = None) -> str:
    """ "83% (5 of 6)", or an en dash when there is nothing to count."""
    if value is None:
        return "\u2013"
    text = percent(value)
    if part is None or whole is None:
        return text
    return translate("SupervisorWords", "{percent} ({part} of {whole})").format(
        percent=text, part=number(part), whole=number(whole)
    )


def attention_color() -> QColor:
    """A red readable on the application's palette, light or dark."""
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return QColor("#ff8a80" if window.lightness() < 128 else "#b3261e")


def good_color() -> QColor:
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return QColor("#81c995" if window.lightness() < 128 else "#1e7e34")


def count_column(title: str, count: Callable[[T], int], *, alarming: bool = False) -> Column[T]:
    """A column of a number of things, sorted as a number; red when not zero if `alarming`."""
    return Column(
        title,
        lambda row: str(count(row)),
        sort=count,
        color=(lambda row: attention_color() if count(row) else None) if alarming else None,
        numeric=True,
    )


class Table(QTableView, Generic[T]):
    """A sortable table of a TableModel: whole rows, one selected, alternating colours.

    Args:
        stretch: the column that takes the remaining width.
        widest: at most this many average characters wide, each column sized to its
            contents (a longer text is elided; its tooltip says it whole), so a long name or
            reason cannot push the other columns off a small screen.
    """

    def __init__(
        self, model: TableModel[T], name: str, *, stretch: int = -1, widest: int = 0
    ) -> None:
        super().__init__()
        self.source: TableModel[T] = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setAccessibleName(name)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the server's order until clicked
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setHighlightSections(False)
        if widest:  # the stretched column is not held to it: it takes what is left
            header.setMaximumSectionSize(self.fontMetrics().averageCharWidth() * widest)
        if stretch >= 0:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        else:
            header.setStretchLastSection(True)
        self.empty_label = QLabel(self.viewport())
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)  # the palette's disabled text: quiet, readable
        self.empty_label.hide()
        model.modelReset.connect(self._show_empty)

    def set_empty_text(self, text: str) -> None:
        self.empty_label.setText(text)
        self._show_empty()

    def _show_empty(self) -> None:
        empty = self.source.rowCount() == 0 and bool(self.empty_label.text())
        self.empty_label.setGeometry(self.viewport().rect().adjusted(12, 12, -12, -12))
        self.empty_label.setVisible(empty)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._show_empty()

    def source_row(self, index: QModelIndex) -> T:
        return self.source.row_at(self.proxy.mapToSource(index).row())

    def selected(self) -> T | None:
        """The selected row's item, or None."""
        rows = self.selectionModel().selectedRows()
        return self.source_row(rows[0]) if rows else None

    def select_where(self, match: Callable[[T], bool]) -> bool:
        """Select the first row whose item matches; True if one did."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if match(self.source_row(index)):
                self.selectRow(row)
                return True
        return False


class Loader(QObject, Generic[R]):
    """Runs one call of a kind at a time on the runner and hands its result to the UI thread.

    A start while a call runs does nothing (a second click while loading), unless `queue`:
    then the newest such request runs once the current one is done (a filter changed).

    Signals:
        busy_changed(bool): a call started or finished.
        failed(str): the call failed; the error's sentence.
    """

    busy_changed = Signal(bool)
    failed = Signal(str)

    def __init__(self, runner: BackgroundRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._busy = False
        self._pending: tuple[Callable[[], Any], Callable[[Any], Any]] | None = None

    @property
    def busy(self) -> bool:
        return self._busy

    def start(
        self, work: Callable[[], R], on_done: Callable[[R], Any], *, queue: bool = False
    ) -> bool:
        """Run `work` off the UI thread; True if it started now."""
        if self._busy:
            if queue:
                self._pending = (work, on_done)
            return False
        self._busy = True
        self.busy_changed.emit(True)
        self._runner.run(work, lambda result: self._finish(on_done, result), self._fail)
        return True

    def _finish(self, on_done: Callable[[Any], Any], result: Any) -> None:
        self._set_idle()
        on_done(result)
        self._next()

    def _fail(self, error: Exception) -> None:
        self._set_idle()
        self.failed.emit(error_sentence(error))
        self._next()

    def _set_idle(self) -> None:
        self._busy = False
        self.busy_changed.emit(False)

    def _next(self) -> None:
        if self._pending is not None and not self._busy:
            work, on_done = self._pending
            self._pending = None
            self.start(work, on_done)


@dataclass(frozen=True, slots=True)
class FileRequest:
    """What a file chooser is asked: save or open, a title, a suggested name and a filter."""

    title: str
    suggested: str
    filter: str
    save: bool = True


FileChooser = Callable[[QWidget, FileRequest], Path | None]


LAST_FOLDER_KEY = "files/last_folder"


def start_path(suggested: str) -> str:
    """Where the file dialog opens: the folder used last time, else the user's Documents
    (never the folder the app happened to be started from), with the suggested name."""
    kept = app_settings().value(LAST_FOLDER_KEY, "")
    folder = Path(str(kept)) if kept else None
    if folder is None or not folder.is_dir():
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
    return str(folder / suggested) if suggested else str(folder)


def remember_folder(chosen: Path) -> None:
    settings = app_settings()
    settings.setValue(LAST_FOLDER_KEY, str(chosen.parent))
    settings.sync()


def choose_file(parent: QWidget, request: FileRequest) -> Path | None:
    """The system's file dialog (the default FileChooser); None when cancelled."""
    ask = QFileDialog.getSaveFileName if request.save else QFileDialog.getOpenFileName
    chosen, _ = ask(parent, request.title, start_path(request.suggested), request.filter)
    if not chosen:
        return None
    remember_folder(Path(chosen))
    return Path(chosen)


@dataclass(frozen=True, slots=True)
class Period:
    """The days the tabs show (in this computer's time zone), inclusive."""

    date_from: date
    date_to: date

    def words(self) -> str:
        """ "Tue 11 Mar 2026", or "10 Mar \u2013 16 Mar 2026", in the language's words."""
        if self.date_from == self.date_to:
            return day_words(
                self.date_from,
                translate("SupervisorWords", "ddd dd MMM yyyy", "a day (QLocale format)"),
            )
        start = day_words(
            self.date_from, translate("SupervisorWords", "dd MMM", "a day (QLocale format)")
        )
        end = day_words(
            self.date_to,
            translate("SupervisorWords", "dd MMM yyyy", "a day (QLocale format)"),
        )
        return f"{start} \u2013 {end}"
