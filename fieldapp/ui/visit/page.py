"""The base of every step page: title, why it is unavailable, refusals, inputs, record buttons."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import EventType, WorkflowViolation, why_not
from fieldapp.ui.resources import icon
from fieldapp.ui.visit.data import Recording, VisitSnapshot
from fieldapp.ui.visit.steps import STEP_BY_KEY, StepKey, step_unavailable
from fieldapp.ui.visit.widgets import (
    MARGIN,
    SPACING,
    Banner,
    changed_signal,
    draft_value,
    heading,
    local_time,
    set_draft_value,
    wrapped_label,
)


def system_now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class PageContext:
    """What every page needs besides the visit: who records, the clock, how to be reached.

    Attributes:
        service_desk: how the customer reaches the service desk (confirmation text).
        late_grace: arriving later than the window start plus this is late.
    """

    technician_name: str = ""
    clock: Callable[[], datetime] = field(default=system_now)
    service_desk: str = "the IT service desk"
    late_grace: timedelta = timedelta(minutes=15)


class StepPage(QWidget):
    """One step of the visit: a form whose record buttons emit `record_requested`.

    Subclasses build their form in `build()`, register inputs with `add_field()` (they are
    then saved as drafts and restored), and add buttons with `add_record_button()`.

    Signals:
        record_requested(object): a Recording to write.
        fields_changed(): an input changed; the flow saves the page's draft (debounced).
        navigate(str): the page asks the flow to show another step (a StepKey value).
    """

    record_requested = Signal(object)
    fields_changed = Signal()
    navigate = Signal(str)

    key: ClassVar[StepKey]
    intro: ClassVar[str] = ""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.snapshot: VisitSnapshot | None = None
        self.busy = False
        self._fields: dict[str, QWidget] = {}
        self._buttons: list[tuple[QPushButton, EventType, Callable[[], bool]]] = []
        self._restoring = False
        self._restored = False
        self._filled = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        self.body_layout.setSpacing(SPACING)

        self.title_label = heading(STEP_BY_KEY[self.key].title)
        self.body_layout.addWidget(self.title_label)
        if self.intro:
            self.intro_label = wrapped_label(self.intro, muted=True)
            self.body_layout.addWidget(self.intro_label)
        self.unavailable_banner = Banner("step-locked", "Why this step is unavailable")
        self.error_banner = Banner("warning", "Why it was not recorded")
        self.done_banner = Banner("step-done", "What was recorded")
        for banner in (self.unavailable_banner, self.error_banner, self.done_banner):
            self.body_layout.addWidget(banner)

        self.build()
        self.body_layout.addStretch(1)
        self.button_row = QHBoxLayout()
        self.button_row.setSpacing(SPACING)
        self.button_row.addStretch(1)
        self.body_layout.addLayout(self.button_row)
        self.add_buttons()

    # --- for subclasses --------------------------------------------------------------------

    def build(self) -> None:
        """Create the page's inputs (called once, from the constructor)."""

    def add_buttons(self) -> None:
        """Create the page's buttons (called once, after `build`)."""

    def form(self, into: QBoxLayout | None = None) -> QFormLayout:
        """A form layout with the page's spacing, added to `into` (default: the page body)."""
        layout = QFormLayout()
        layout.setHorizontalSpacing(MARGIN)
        layout.setVerticalSpacing(SPACING)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        (into or self.body_layout).addLayout(layout)
        return layout

    def add_field(self, name: str, widget: QWidget) -> QWidget:
        """Register an input: its value is saved in the page's draft as `name`."""
        self._fields[name] = widget
        changed_signal(widget).connect(self.on_field_changed)
        return widget

    def add_record_button(
        self,
        text: str,
        event_type: EventType,
        handler: Callable[[], None],
        *,
        icon_name: str = "record",
        primary: bool = True,
        ready: Callable[[], bool] = lambda: True,
    ) -> QPushButton:
        """A button recording `event_type`; disabled while the rules refuse that event.

        Args:
            ready: a page-side condition besides the rules (e.g. a choice is selected).
        """
        button = QPushButton(icon(icon_name), text)
        button.setAccessibleName(text.replace("&", ""))
        button.setDefault(primary)
        button.clicked.connect(handler)
        self.button_row.addWidget(button)
        self.register_button(button, event_type, ready)
        return button

    def register_button(
        self,
        button: QPushButton,
        event_type: EventType,
        ready: Callable[[], bool] = lambda: True,
    ) -> None:
        """Have a button placed elsewhere follow the rules for `event_type` like the others."""
        self._buttons.append((button, event_type, ready))

    def record(self, recording_type: EventType, payload: dict[str, Any], **extra: Any) -> None:
        """Ask the flow to record an event; `payload` entries that are None are left out."""
        clean = {k: v for k, v in payload.items() if v is not None}
        self.error_banner.clear()
        self.record_requested.emit(Recording(recording_type, clean, str(self.key), **extra))

    def refresh(self) -> None:
        """Update page-specific content from `self.snapshot` (after each read)."""

    def fill_defaults(self) -> None:
        """Fill inputs from the visit on the first read, unless a draft was restored."""

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Change inputs without it counting as the technician's typing (no draft is saved)."""
        before = self._restoring
        self._restoring = True
        try:
            yield
        finally:
            self._restoring = before

    def now(self) -> datetime:
        return self.context.clock()

    def missing(self, checks: list[tuple[str, str]]) -> bool:
        """Show the first sentence whose text is blank; True if one was (nothing is recorded).

        Args:
            checks: (text typed, sentence saying what to fill in).
        """
        for text, sentence in checks:
            if not text.strip():
                self.show_error(sentence)
                return True
        return False

    # --- used by the flow --------------------------------------------------------------------

    def apply_snapshot(self, snapshot: VisitSnapshot) -> None:
        """Show the visit as just read: availability, what was recorded, page content."""
        self.snapshot = snapshot
        if not self._filled:
            self._filled = True
            if not self._restored:
                with self.quietly():
                    self.fill_defaults()
        self.refresh()
        self.update_availability()

    def recorded_text(self) -> str:
        """'Recorded <when>.' once the step is done, else empty."""
        if self.snapshot is None or not STEP_BY_KEY[self.key].done(self.snapshot.state):
            return ""
        found = [self.snapshot.latest(t) for t in STEP_BY_KEY[self.key].events]
        latest = max((e for e in found if e), key=lambda e: e.occurred_at, default=None)
        return f"Recorded {local_time(latest.occurred_at)}." if latest else "Done."

    def unavailable_reason(self) -> WorkflowViolation | None:
        if self.snapshot is None:
            return None
        return step_unavailable(self.snapshot.state, self.key)

    def update_availability(self) -> None:
        reason = self.unavailable_reason()
        recorded = self.recorded_text()
        # A done step says so, with why it cannot be recorded again; a step not reached yet
        # says why it is unavailable.
        self.done_banner.show_text(
            f"{recorded} {reason.message}" if recorded and reason else recorded
        )
        self.unavailable_banner.show_text(reason.message if reason and not recorded else "")
        for button, event_type, ready in self._buttons:
            why = why_not(self.snapshot.state, event_type) if self.snapshot else None
            button.setEnabled(self.snapshot is not None and why is None and not self.busy)
            button.setToolTip(why.message if why else "")
            if why is None and not ready():
                button.setEnabled(False)

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.update_availability()

    def show_error(self, message: str) -> None:
        self.error_banner.show_text(message, error=True)

    def record_default(self) -> bool:
        """Press the page's first enabled default button (Ctrl+Enter); False if none is."""
        for button, _, _ in self._buttons:
            if button.isDefault() and button.isEnabled() and button.isVisible():
                button.click()
                return True
        return False

    def focus_first(self) -> None:
        """Put the keyboard focus on the page's first input that takes it."""
        for widget in self._fields.values():
            if widget.isVisibleTo(self) and widget.isEnabled():
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return

    def draft(self) -> dict[str, Any]:
        return {name: draft_value(widget) for name, widget in self._fields.items()}

    def restore(self, fields: dict[str, Any]) -> None:
        """Put a saved draft back without saving it again."""
        self._restored = True
        with self.quietly():
            for name, value in fields.items():
                widget = self._fields.get(name)
                if widget is not None:
                    set_draft_value(widget, value)
        self.update_availability()

    def on_field_changed(self, *_args: object) -> None:
        if not self._restoring:
            self.error_banner.clear()
            self.update_availability()
            self.fields_changed.emit()
