"""The base of every step page: title, why it is unavailable, refusals, inputs, record buttons."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.clock import utc_now
from fieldapp.domain import EventType, WorkflowViolation, why_not
from fieldapp.ui.resources import icon
from fieldapp.ui.visit.data import Recording
from fieldapp.ui.visit.draft_form import DraftForm
from fieldapp.ui.visit.field_error import FieldError, focus_target
from fieldapp.ui.visit.steps import STEP_BY_KEY, StepKey, step_unavailable
from fieldapp.ui.visit.widgets import (
    MARGIN,
    SPACING,
    Banner,
    heading,
    local_time,
    wrapped_label,
)
from fieldapp.ui.visit.words import domain_sentence, refusal_sentence


@dataclass(slots=True)
class PageContext:
    """What every page needs besides the visit: who records, the clock, how to be reached.

    Attributes:
        service_desk: how the customer reaches the service desk (confirmation text).
        late_grace: arriving later than the window start plus this is late.
    """

    technician_name: str = ""
    clock: Callable[[], datetime] = field(default=utc_now)
    service_desk: str = ""  # empty: "the IT service desk", in the chosen language
    late_grace: timedelta = timedelta(minutes=15)
    # Who records (a username): arrivals and departures are each technician's own, so what
    # a page offers depends on whether this one is at the desk. Empty: whoever is there.
    author: str = ""


class StepPage(DraftForm, QWidget):
    """One step of the visit: a form whose record buttons emit `record_requested`.

    Subclasses build their form in `build()`, register inputs with `add_field()` (they are
    then saved as drafts and restored, see DraftForm), and add buttons with
    `add_record_button()`.

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
    # The field a refusal of the rules is about, by its code (e.g. the absent-user checks).
    refusal_fields: ClassVar[dict[str, str]] = {}

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.busy = False
        self._buttons: list[tuple[QPushButton, EventType]] = []

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        self.body = body = QWidget()
        scroll.setWidget(body)
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        self.body_layout.setSpacing(SPACING)
        self.init_draft_form(self.body_layout)

        self.title_label = heading(STEP_BY_KEY[self.key].shown_title)
        self.body_layout.addWidget(self.title_label)
        if self.intro:
            # Marked with QT_TRANSLATE_NOOP("StepPage", ...) in each page class.
            self.intro_label = wrapped_label(self.tr(self.intro), muted=True)
            self.body_layout.addWidget(self.intro_label)
        self.unavailable_banner = Banner("step-locked", self.tr("Why this step is unavailable"))
        self.error_banner = Banner("warning", self.tr("Why it was not recorded"))
        self.done_banner = Banner("step-done", self.tr("What was recorded"))
        for banner in (self.unavailable_banner, self.done_banner):
            self.body_layout.addWidget(banner)

        self.build()
        self.body_layout.addStretch(1)
        # A refusal shows beside the field it is about; one about no field shows here, just
        # above the buttons, where it is in view however far the form is scrolled.
        footer = QVBoxLayout()
        footer.setContentsMargins(MARGIN, 0, MARGIN, 0)
        outer.addLayout(footer)
        self.field_error = FieldError(self.error_banner, footer, body, scroll)
        # The record buttons sit below the scrolled form, so the step's action stays in
        # view on a short screen however long the form is.
        self.button_row = QHBoxLayout()
        self.button_row.setContentsMargins(MARGIN, SPACING, MARGIN, MARGIN)
        self.button_row.setSpacing(SPACING)
        self.button_row.addStretch(1)
        outer.addLayout(self.button_row)
        self.add_buttons()

    # --- for subclasses --------------------------------------------------------------------

    def build(self) -> None:
        """Create the page's inputs (called once, from the constructor)."""

    def add_buttons(self) -> None:
        """Create the page's buttons (called once, after `build`)."""

    def add_choice(
        self, texts: Sequence[str], name: str = "outcome"
    ) -> tuple[QButtonGroup, list[QRadioButton]]:
        """One radio button a text, in a column of the body and numbered in order in their
        group; each is saved in the draft as `<name>_<number>`."""
        group = QButtonGroup(self)
        column = QVBoxLayout()
        column.setSpacing(SPACING // 2)
        buttons: list[QRadioButton] = []
        for number, text in enumerate(texts):
            button = QRadioButton(text)
            button.setAccessibleName(text.replace("&", ""))
            group.addButton(button, number)
            buttons.append(button)
            column.addWidget(self.add_field(f"{name}_{number}", button))
        self.body_layout.addLayout(column)
        return group, buttons

    def add_record_button(
        self,
        text: str,
        event_type: EventType,
        handler: Callable[[], None],
        *,
        icon_name: str = "record",
        primary: bool = True,
    ) -> QPushButton:
        """A button recording `event_type`; disabled while the rules refuse that event (the
        page says why). What the page itself still needs (a choice, a text) never greys it:
        the handler says what is missing beside the field, through `missing`/`show_error`."""
        button = QPushButton(icon(icon_name), text)
        button.setAccessibleName(text.replace("&", ""))
        button.setDefault(primary)
        button.clicked.connect(handler)
        self.button_row.addWidget(button)
        self.register_button(button, event_type)
        return button

    def register_button(self, button: QPushButton, event_type: EventType) -> None:
        """Have a button placed elsewhere follow the rules for `event_type` like the others."""
        self._buttons.append((button, event_type))

    def record(self, recording_type: EventType, payload: dict[str, Any], **extra: Any) -> None:
        """Ask the flow to record an event; `payload` entries that are None are left out."""
        clean = {k: v for k, v in payload.items() if v is not None}
        self.error_banner.clear()
        self.record_requested.emit(Recording(recording_type, clean, str(self.key), **extra))

    def now(self) -> datetime:
        return self.context.clock()

    def service_desk(self) -> str:
        """How the customer reaches the service desk, for the texts the customer reads."""
        return self.context.service_desk or self.tr("the IT service desk")

    # --- used by the flow --------------------------------------------------------------------

    def recorded_text(self) -> str:
        """'Recorded <when>.' once the step is done, else empty."""
        if self.snapshot is None or not STEP_BY_KEY[self.key].done(self.snapshot.state):
            return ""
        found = [self.snapshot.latest(t) for t in STEP_BY_KEY[self.key].events]
        latest = max((e for e in found if e), key=lambda e: e.occurred_at, default=None)
        if latest is None:
            return self.tr("Done.")
        return self.tr("Recorded {when}.").format(when=local_time(latest.occurred_at))

    def unavailable_reason(self) -> WorkflowViolation | None:
        if self.snapshot is None:
            return None
        return step_unavailable(self.snapshot.state, self.key, self.context.author or None)

    def update_availability(self) -> None:
        reason = self.unavailable_reason()
        recorded = self.recorded_text()
        # A done step says so, with why it cannot be recorded again; a step not reached yet
        # says why it is unavailable.
        said = domain_sentence(reason) if reason else ""
        self.done_banner.show_text(f"{recorded} {said}" if recorded and reason else recorded)
        self.unavailable_banner.show_text(said if reason and not recorded else "")
        for button, event_type in self._buttons:
            why = (
                why_not(self.snapshot.state, event_type, author=self.context.author or None)
                if self.snapshot
                else None
            )
            button.setEnabled(self.snapshot is not None and why is None and not self.busy)
            button.setToolTip(domain_sentence(why) if why else "")

    def show_error(self, message: str, near: QWidget | None = None) -> None:
        """Say why nothing was recorded beside `near` (or above the buttons), scrolled into
        view, with the focus on that field so what is typed next lands in it."""
        self.error_banner.show_text(message, error=True)
        if message:
            self.field_error.place(near)

    def show_refusal(self, error: Exception) -> None:
        """The rules refused a recording: say why, beside the field that can put it right."""
        name = self.refusal_fields.get(getattr(error, "code", ""), "")
        field = self._fields.get(name)
        visible = field is not None and field.isVisibleTo(self)
        self.show_error(refusal_sentence(error), field if visible else None)

    def show_read_only(self) -> None:
        """The visit is closed: what was recorded stays shown, nothing here can change it
        (inputs, and buttons such as Clear signature, are disabled)."""
        for widget in self._fields.values():
            widget.setEnabled(False)
        for button in self.body.findChildren(QAbstractButton):
            button.setEnabled(False)

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.update_availability()

    def record_default(self) -> bool:
        """Press the page's first enabled default button (Ctrl+Enter); False if none is."""
        for button, _ in self._buttons:
            if button.isDefault() and button.isEnabled() and button.isVisible():
                button.click()
                return True
        return False

    def focus_first(self) -> None:
        """Put the keyboard focus on the page's first input that takes it."""
        for widget in self._fields.values():
            if widget.isVisibleTo(self) and widget.isEnabled():
                target = focus_target(widget)
                if target is not None:
                    target.setFocus(Qt.FocusReason.TabFocusReason)
                    return
