"""The round table's column widths: fitted to the first rows, with room kept for the problem."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

from fieldapp.ui.moments import clock
from fieldapp.ui.round_model import RoundTableModel
from fieldapp.ui.round_rows import (
    CUSTOMER,
    LOCATION,
    PRIORITY,
    PROBLEM,
    REFERENCE,
    STEP,
    SYNC,
    WINDOW,
    day_label,
    priority_text,
)

PROBLEM_ROOM = 240  # pixels the problem column keeps when the table is narrow


def fit_columns(table: QTableView) -> None:
    """Widths from the first rows' contents; long names and places are capped so the
    problem column keeps some room, steps are never cut (they are the status)."""
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    fit_to_rows(table)
    icon_room = max(table.iconSize().width(), 16) + 8  # the unconfirmed warning
    # The widest words each column says, in the app's language.
    midnight = datetime(2026, 1, 1, tzinfo=UTC)
    today = midnight.date()
    tomorrow = day_label(today.replace(day=2), today)
    at_least = {
        WINDOW: QCoreApplication.translate("RoundWords", "{day} {times}").format(
            day=tomorrow, times=f"{clock(midnight)}\u2013{clock(midnight)}"
        ),
        PRIORITY: priority_text("critical"),
        STEP: QCoreApplication.translate("RoundWords", "Not confirmed"),
    }
    for column, sample in at_least.items():
        wanted = metrics.horizontalAdvance(sample) + icon_room + 16
        header.resizeSection(column, max(header.sectionSize(column), wanted))
    for column, most in ((CUSTOMER, 260), (LOCATION, 300), (SYNC, 140)):
        header.resizeSection(column, min(header.sectionSize(column), most))
    keep_problem_room(table)


def fit_to_rows(table: QTableView) -> None:
    """What QTableView.resizeColumnsToContents makes of the round's loaded rows, cheaply.

    Qt asks the delegate for the size hint of every cell, a handful of Python data() calls
    each: 10,000 for a first page of 200 rows, up to a tenth of the app's start. Here
    each column measures only its widest cells (content_width), then takes Qt's own rule:
    at least the header's width.
    """
    header = table.horizontalHeader()
    for column in range(header.count()):
        at_least = 0 if header.isHidden() else header.sectionSizeHint(column)
        header.resizeSection(column, max(content_width(table, column), at_least))


def content_width(table: QTableView, column: int) -> int:
    """QTableView.sizeHintForColumn over the round's loaded rows, measuring only the
    column's widest cells of each kind (RoundTableModel.widest_cells)."""
    model = table.model()
    assert isinstance(model, RoundTableModel)
    plain = table.fontMetrics()
    metrics: dict[str, QFontMetrics] = {}

    def advance(text: str, font: QFont | None) -> int:
        if font is None:
            return plain.horizontalAdvance(text)
        return metrics.setdefault(font.key(), QFontMetrics(font)).horizontalAdvance(text)

    widths = [
        table.sizeHintForIndex(model.index(number, column)).width()
        for number in model.widest_cells(column, advance)
    ]
    return max(widths, default=0) + (1 if table.showGrid() else 0)  # Qt's pixel for the grid


def keep_problem_room(table: QTableView) -> None:
    """On a laptop screen the problem keeps room to be read: the location, then the
    customer, give up width first (their whole text is in the tooltip and the visit)."""
    header = table.horizontalHeader()
    spare = table.viewport().width() - sum(
        header.sectionSize(c) for c in range(header.count()) if c != PROBLEM
    )
    for column, least in ((LOCATION, 170), (CUSTOMER, 140)):
        if spare >= PROBLEM_ROOM:
            break
        give = min(PROBLEM_ROOM - spare, header.sectionSize(column) - least)
        if give > 0:
            header.resizeSection(column, header.sectionSize(column) - give)
            spare += give


def keep_whole(table: QTableView) -> None:
    """After a later read (another tab, a sync): widen the reference and the step to what
    the rows now show. The widths are fitted once, to the first rows; a return visit's
    "HP-2612-006-R1" or a step such as "User asks for another time" was cut afterwards."""
    header = table.horizontalHeader()
    widened = False
    for column in (REFERENCE, STEP):
        wanted = content_width(table, column)
        if wanted > header.sectionSize(column):
            header.resizeSection(column, wanted)
            widened = True
    if widened:
        keep_problem_room(table)
