"""The base of the "Notes, files and promises" sections: a titled box whose buttons follow the
rules, whose inputs are drafted like the step pages', and that shows refusals in words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QPushButton, QVBoxLayout, QWidget

from fieldapp.domain import EventType, why_not
from fieldapp.ui.resources import icon
from fieldapp.ui.visit.data import Recording
from fieldapp.ui.visit.draft_form import DraftForm
from fieldapp.ui.visit.page import PageContext
from fieldapp.ui.visit.widgets import SPACING, Banner
from fieldapp.ui.visit.words import domain_sentence, translate


class Recorder(Protocol):
    """What asks the flow for a recording (a step page, a section): busy meanwhile, told of
    a refusal."""

    busy: bool

    def set_busy(self, busy: bool) -> None: ...

    def show_error(self, message: str) -> None: ...


# Refusals that depend on which promise or part is chosen: why_not tries the first one.
_PROBED = frozenset({"promise_unknown", "promise_already_kept", "part_not_borrowed"})


class Section(DraftForm, QGroupBox):
    """One part of the panel, recording its own events through the flow's ordered writer.

    Subclasses create inputs with `add_field()` (see DraftForm; drafted under `draft_name` when
    it is set), buttons with `add_button()`, and say in `reset()` what a recorded form goes
    back to.

    Signals:
        record_requested(object): a Recording to write.
        fields_changed(): an input changed; the flow saves the section's draft (debounced).
    """

    record_requested = Signal(object)
    fields_changed = Signal()

    draft_name: ClassVar[str | None] = None  # the screen its draft is saved under
    form_wrap = QFormLayout.RowWrapPolicy.DontWrapRows  # half a window wide

    def __init__(self, title: str, context: PageContext, parent: QWidget | None = None) -> None:
        """`title`: marked with QT_TRANSLATE_NOOP("Sections", ...), shown translated."""
        title = translate("Sections", title)
        super().__init__(title, parent)
        self.context = context
        self.busy = False
        self.locked: str | None = None  # why nothing can be recorded on the visit at all
        self._buttons: list[tuple[QPushButton, EventType, Callable[[], str | None]]] = []
        self._sent: dict[str, Any] | None = None
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        self.column.setSpacing(SPACING)
        self.init_draft_form(self.column)
        self.error_banner = Banner(
            "warning", self.tr("{section}: why it was not recorded").format(section=title)
        )
        self.column.addWidget(self.error_banner)

    def saves_drafts(self) -> bool:
        return self.draft_name is not None

    # --- for subclasses --------------------------------------------------------------------

    def add_button(
        self,
        text: str,
        event_type: EventType,
        handler: Callable[[], None],
        *,
        name: str,
        icon_name: str = "record",
        unready: Callable[[], str | None] = lambda: None,
    ) -> QPushButton:
        """A button recording `event_type`, disabled while the rules (or `unready`) refuse.

        Args:
            unready: why the section cannot record yet besides the rules (e.g. nothing is
                selected), or None.
        """
        button = QPushButton(icon(icon_name), text)
        button.setAccessibleName(name)
        button.clicked.connect(handler)
        self._buttons.append((button, event_type, unready))
        return button

    def reset(self) -> None:
        """Empty the form after what it held was recorded."""

    def default_button(self) -> QPushButton | None:
        """The button Ctrl+Enter presses while the focus is in this section."""
        return None

    def record(self, event_type: EventType, payload: dict[str, Any], *, settles: bool) -> None:
        """Ask the flow to record an event; None entries of `payload` are left out.

        Args:
            settles: the event records what the form holds: its draft is cleared with it, and
                the form is emptied afterwards unless it was changed meanwhile.
        """
        clean = {k: v for k, v in payload.items() if v is not None}
        self.error_banner.clear()
        self._sent = self.draft() if settles else None
        screen = self.draft_name if settles else None
        self.record_requested.emit(Recording(event_type, clean, screen))

    # --- used by the flow and the panel -----------------------------------------------------

    def update_availability(self) -> None:
        for button, event_type, unready in self._buttons:
            why = why_not(self.snapshot.state, event_type) if self.snapshot else None
            own = unready()
            if why is not None and why.code in _PROBED:
                why = None if own else why  # the selection says it better
            reason = self.locked or (domain_sentence(why) if why else own)
            button.setEnabled(self.snapshot is not None and reason is None and not self.busy)
            button.setToolTip(reason or "")

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.update_availability()

    def on_recorded(self) -> None:
        """The event asked for was written: empty the form if it still holds what was sent."""
        if self._sent is not None and self._sent == self.draft():
            with self.quietly():
                self.reset()
        self._sent = None

    def press_default(self) -> bool:
        button = self.default_button()
        if button is not None and button.isEnabled():
            button.click()
            return True
        return False
