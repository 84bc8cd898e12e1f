"""Where windows open: inside the screen's free area, at a size that suits it, and where the
person left them last time (QSettings)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QWidget

CONFIG_DIR_ENV = "FIELDAPP_CONFIG_DIR"
ORGANIZATION = "FieldApp"
APPLICATION = "FieldApp"
# A frame's title bar and borders, before the window manager has told us its own.
FRAME_ALLOWANCE = QSize(16, 48)
# A new window that would open exactly over another one moves down and right by this much.
CASCADE = 40


def app_settings() -> QSettings:
    """The app's own settings file: an INI file in the user's config folder on every OS,
    so it can be read, copied and removed like any other file; in the folder named by
    FIELDAPP_CONFIG_DIR when that is set (the tests, a portable install)."""
    folder = os.environ.get(CONFIG_DIR_ENV)
    if folder:
        return QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


def _screen_of(widget: QWidget) -> QScreen | None:
    screen = widget.screen() if widget.isVisible() else None
    if screen is None:
        parent = widget.parentWidget()
        screen = parent.screen() if parent is not None and parent.isVisible() else None
    return screen or QGuiApplication.primaryScreen()


def available(widget: QWidget) -> QRect:
    """The free area (without panels and docks) of the screen the widget is on."""
    screen = _screen_of(widget)
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 768)


def _frame(widget: QWidget) -> QSize:
    """How much the window manager's frame adds around the widget's own area."""
    if widget.isVisible():
        frame, inner = widget.frameGeometry(), widget.geometry()
        extra = QSize(frame.width() - inner.width(), frame.height() - inner.height())
        if extra.width() > 0 or extra.height() > 0:
            return extra
    return FRAME_ALLOWANCE


def largest_size(widget: QWidget) -> QSize:
    """The largest inner size whose frame still fits the free area of its screen."""
    area, frame = available(widget), _frame(widget)
    return QSize(area.width() - frame.width(), area.height() - frame.height())


def fit_to_screen(widget: QWidget) -> None:
    """Shrink the window to the free area of its screen and move it fully inside it."""
    most = largest_size(widget)
    size = widget.size().boundedTo(most)
    if size != widget.size():
        widget.resize(size)
    area, frame = available(widget), _frame(widget)
    outer = QRect(widget.pos(), widget.size() + frame)
    x = min(max(outer.left(), area.left()), area.right() + 1 - outer.width())
    y = min(max(outer.top(), area.top()), area.bottom() + 1 - outer.height())
    if QPoint(x, y) != outer.topLeft():
        widget.move(max(x, area.left()), max(y, area.top()))


def _centred(widget: QWidget, size: QSize) -> QPoint:
    area, frame = available(widget), _frame(widget)
    x = area.left() + (area.width() - size.width() - frame.width()) // 2
    y = area.top() + (area.height() - size.height() - frame.height()) // 2
    return QPoint(max(area.left(), x), max(area.top(), y))


def _clear_of_others(widget: QWidget, spot: QPoint) -> QPoint:
    """Move a new window's spot off any of our windows already open at the same place, so
    a second window never hides the first one exactly."""
    taken = {
        other.pos().toTuple()
        for other in QApplication.topLevelWidgets()
        if other is not widget and other.isVisible() and not other.isModal()
    }
    area = available(widget)
    while spot.toTuple() in taken:
        spot = QPoint(spot.x() + CASCADE, spot.y() + CASCADE)
        if spot.y() > area.top() + area.height() // 3:
            break
    return spot


def initial_size(widget: QWidget, preferred: QSize, fill: float | None = None) -> QSize:
    """`preferred`, or `fill` of a larger screen's free area, never past what fits."""
    most = largest_size(widget)
    size = QSize(preferred)
    if fill is not None:
        size = size.expandedTo(QSize(int(most.width() * fill), int(most.height() * fill)))
    return size.boundedTo(most)


class _Remember(QObject):
    """Keeps a window's size and place in the settings whenever it hides or closes."""

    def __init__(self, window: QWidget, key: str) -> None:
        super().__init__(window)
        self._key = key

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Close, QEvent.Type.Hide) and isinstance(watched, QWidget):
            remember(watched, self._key)
        return False


def _settings_key(key: str) -> str:
    return f"windows/{key}/geometry"


def remember(window: QWidget, key: str) -> None:
    """Keep the window's size and place under `key` (read back by `place`)."""
    if not window.isVisible() and window.size().isEmpty():
        return
    settings = app_settings()
    settings.setValue(_settings_key(key), window.saveGeometry())
    settings.sync()


def place(window: QWidget, key: str, preferred: QSize, *, fill: float | None = None) -> None:
    """Give a top-level window its size and place before it is shown.

    What was kept for `key` comes back when it still fits the screen; else the window
    gets `preferred` (or `fill`, a share of a larger screen's free area), within the
    screen, centred and clear of our other windows. Its size and place are kept again
    each time it hides or closes.
    """
    saved = app_settings().value(_settings_key(key))
    restored = False
    if isinstance(saved, QByteArray) and not saved.isEmpty():
        restored = window.restoreGeometry(saved)
    if restored:
        fit_to_screen(window)
        spot = _clear_of_others(window, window.pos())
        if spot != window.pos():
            window.move(spot)
    else:
        size = initial_size(window, preferred, fill)
        window.resize(size)
        window.move(_clear_of_others(window, _centred(window, size)))
    window.installEventFilter(_Remember(window, key))


def fit_size(window: QWidget, preferred: QSize) -> None:
    """Size a dialog at `preferred`, or smaller where the screen is (its parent places it)."""
    window.resize(initial_size(window, preferred))
