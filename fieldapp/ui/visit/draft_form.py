"""The inputs step pages and panel sections share: drafted as typed, restored, filled once."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QBoxLayout, QFormLayout, QWidget

from fieldapp.ui.visit.data import VisitSnapshot
from fieldapp.ui.visit.widgets import (
    MARGIN,
    SPACING,
    Banner,
    changed_signal,
    draft_value,
    set_draft_value,
)


class DraftForm:
    """A mixin for a widget whose inputs are saved as a draft while typed and restored on reopening.

    The widget declares `fields_changed = Signal()` and an `error_banner`, calls
    `init_draft_form()` before adding inputs, and says in `update_availability()` what may be
    recorded. Inputs registered with `add_field()` make up `draft()`; a change clears the last
    refusal, updates availability and emits `fields_changed` (unless made `quietly()`).
    """

    fields_changed: SignalInstance
    error_banner: Banner
    snapshot: VisitSnapshot | None
    form_wrap: ClassVar[QFormLayout.RowWrapPolicy] = QFormLayout.RowWrapPolicy.WrapLongRows

    def init_draft_form(self, home: QBoxLayout) -> None:
        """Start with no inputs and nothing read; `form()` adds its layouts to `home`."""
        self.snapshot = None
        self._home = home
        self._fields: dict[str, QWidget] = {}
        self._restoring = False
        self._restored = False
        self._filled = False

    # --- for subclasses --------------------------------------------------------------------

    def form(self, into: QBoxLayout | None = None) -> QFormLayout:
        """A form layout with the visit's spacing, added to `into` (default: the home layout)."""
        layout = QFormLayout()
        layout.setHorizontalSpacing(MARGIN)
        layout.setVerticalSpacing(SPACING)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.setRowWrapPolicy(self.form_wrap)
        (into or self._home).addLayout(layout)
        return layout

    def add_field(self, name: str, widget: QWidget) -> QWidget:
        """Register an input: its value is saved in the draft as `name`."""
        self._fields[name] = widget
        changed_signal(widget).connect(self.on_field_changed)
        return widget

    def refresh(self) -> None:
        """Update the content from `self.snapshot` (after each read)."""

    def fill_defaults(self) -> None:
        """Fill inputs from the visit on the first read, unless a draft was restored."""

    def update_availability(self) -> None:
        """Enable what may be recorded now (after each read and each change of an input)."""

    def saves_drafts(self) -> bool:
        """Whether a change of an input emits `fields_changed` (the flow saves the draft)."""
        return True

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Change inputs without it counting as the technician's typing (no draft is saved)."""
        before = self._restoring
        self._restoring = True
        try:
            yield
        finally:
            self._restoring = before

    def missing(self, checks: Sequence[tuple[str, str] | tuple[str, str, QWidget]]) -> bool:
        """Show the first sentence whose text is blank; True if one was (nothing is recorded).

        Args:
            checks: (text typed, sentence saying what to fill in[, the field to fill in]);
                the sentence shows beside that field, which gets the focus.
        """
        for check in checks:
            near = check[2] if len(check) == 3 else None
            if not check[0].strip():
                self.show_error(check[1], near)
                return True
        return False

    # --- used by the flow --------------------------------------------------------------------

    def apply_snapshot(self, snapshot: VisitSnapshot) -> None:
        """Show the visit as just read: inputs filled the first time, content, availability."""
        self.snapshot = snapshot
        if not self._filled:
            self._filled = True
            if not self._restored:
                with self.quietly():
                    self.fill_defaults()
        self.refresh()
        self.update_availability()

    def show_error(self, message: str, near: QWidget | None = None) -> None:
        """Say why nothing was recorded (`near`: the field it is about, if the form places it)."""
        self.error_banner.show_text(message, error=True)

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
            if self.saves_drafts():
                self.fields_changed.emit()
