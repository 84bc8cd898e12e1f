"""Small building blocks of the visit pages: spacing, banners, labelled fields, draft values."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from PySide6.QtCore import QDateTime, QLocale, Qt, SignalInstance
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from fieldapp.ui.resources import error_color, icon
from fieldapp.ui.visit.words import translate

if TYPE_CHECKING:
    from fieldapp.protocol import VisitPublic

SPACING = 12  # between fields and controls
MARGIN = 16  # around a page and between its sections


@runtime_checkable
class DraftField(Protocol):
    """A composite input (options list, signature pad) that saves and restores itself."""

    def draft_value(self) -> Any: ...

    def set_draft_value(self, value: Any) -> None: ...

    @property
    def changed(self) -> SignalInstance: ...


def draft_value(widget: QWidget) -> Any:
    """The JSON-ready value of an input, as a draft keeps it."""
    if isinstance(widget, DraftField):
        return widget.draft_value()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentText() if widget.isEditable() else widget.currentData()
    if isinstance(widget, QDateTimeEdit):
        return aware(widget.dateTime()).isoformat()
    if isinstance(widget, QSpinBox):
        return widget.value()
    raise TypeError(f"no draft value for {type(widget).__name__}")


def set_draft_value(widget: QWidget, value: Any) -> None:
    """Put a draft's value back into an input (a value of the wrong shape is ignored)."""
    if isinstance(widget, DraftField):
        widget.set_draft_value(value)
    elif isinstance(widget, QLineEdit) and isinstance(value, str):
        widget.setText(value)
    elif isinstance(widget, QPlainTextEdit) and isinstance(value, str):
        widget.setPlainText(value)
    elif isinstance(widget, QAbstractButton) and isinstance(value, bool):
        widget.setChecked(value)
    elif isinstance(widget, QComboBox):
        if widget.isEditable() and isinstance(value, str):
            widget.setCurrentText(value)
        else:
            found = widget.findData(value)
            if found >= 0:
                widget.setCurrentIndex(found)
    elif isinstance(widget, QDateTimeEdit) and isinstance(value, str):
        with contextlib.suppress(ValueError):
            widget.setDateTime(qdatetime(datetime.fromisoformat(value)))
    elif isinstance(widget, QSpinBox) and isinstance(value, int):
        widget.setValue(value)


def changed_signal(widget: QWidget) -> SignalInstance:
    """The signal an input emits whenever its value changes."""
    if isinstance(widget, DraftField):
        return widget.changed
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        return widget.textChanged
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    if isinstance(widget, QComboBox):
        return widget.currentTextChanged if widget.isEditable() else widget.currentIndexChanged
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTimeChanged
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    raise TypeError(f"no change signal for {type(widget).__name__}")


def aware(value: QDateTime) -> datetime:
    """A QDateTime as a timezone-aware datetime in the laptop's zone."""
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), tz=UTC).astimezone()


def next_quarter(value: datetime) -> datetime:
    """`value` rounded up to the next quarter of an hour, for times offered to a customer."""
    rounded = value.replace(second=0, microsecond=0)
    extra = (-rounded.minute) % 15
    return rounded + timedelta(minutes=extra)


def qdatetime(value: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()))


def local_time(value: datetime, with_day: bool = True) -> str:
    """A time as the technician reads it, in the laptop's zone."""
    # The locale names the day and month (the chosen language's, see fieldapp.ui.languages).
    return QLocale().toString(qdatetime(value), "ddd dd MMM HH:mm" if with_day else "HH:mm")


def location_of(visit: VisitPublic) -> str:
    building = translate("Location", "building {name}").format(name=visit.building)
    floor = translate("Location", "floor {name}").format(name=visit.floor)
    parts = [visit.site, building if visit.building else ""]
    parts += [floor if visit.floor else "", visit.room]
    return ", ".join(p for p in parts if p)


def window_of(visit: VisitPublic) -> str:
    return f"{local_time(visit.window_start)}\u2013{local_time(visit.window_end, with_day=False)}"


def text_edit(name: str, placeholder: str = "", lines: int = 3) -> QPlainTextEdit:
    """A multi-line input where Tab moves on to the next field instead of typing a tab."""
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    line = edit.fontMetrics().lineSpacing()
    edit.setFixedHeight(line * lines + 2 * int(edit.document().documentMargin()) + 8)
    return edit


def line_edit(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def check_box(text: str, name: str | None = None) -> QCheckBox:
    box = QCheckBox(text)
    box.setAccessibleName(name or text.replace("&", ""))
    return box


def date_time_edit(name: str, value: datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(qdatetime(value))
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd dd MMM yyyy  HH:mm")  # names from the locale (the language's)
    return edit


def wrapped_label(text: str = "", *, muted: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if muted:
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def heading(text: str, scale: float = 1.35) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class Banner(QFrame):
    """A boxed message with an icon: why a step is unavailable, a refusal, a prompt."""

    def __init__(self, icon_name: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.setSpacing(SPACING)
        self.icon_label = QLabel()
        self.icon_label.setPixmap(icon(icon_name).pixmap(24, 24))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text_label = wrapped_label()
        self.text_label.setAccessibleName(name)
        layout.addWidget(self.icon_label)
        layout.addWidget(self.text_label, 1)
        self.hide()

    def text(self) -> str:
        return self.text_label.text()

    def show_text(self, text: str, *, error: bool = False) -> None:
        """Show `text` (plain), in the palette's error colour when it is a refusal."""
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setText(text)
        color = error_color(self) if error else ""
        self.text_label.setStyleSheet(f"color: {color};" if color else "")
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.text_label.clear()
        self.hide()
