"""The visit header's actions beside the steps: escalate, leave for now, reopen."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from fieldapp.domain import EventType, VisitState, why_not
from fieldapp.ui.resources import icon
from fieldapp.ui.visit.header import VisitHeader
from fieldapp.ui.visit.words import domain_sentence, translate

LEAVE_SHORTCUT = "Ctrl+Shift+D"  # D for departure (Ctrl+Shift+L is lending's)


class HeaderActions:
    """The three buttons added to the visit header, each enabled only when it can be used.

    The visit flow connects their clicks (each opens its step's page).
    """

    def __init__(self, header: VisitHeader) -> None:
        self.escalate_button = QPushButton(
            icon("escalate"), translate("HeaderActions", "&Escalate\u2026")
        )
        self.escalate_button.setAccessibleName(translate("HeaderActions", "Escalate this visit"))
        header.add_action(self.escalate_button)
        self.leave_button = QPushButton(
            icon("next"), translate("HeaderActions", "Leave for now\u2026")
        )
        self.leave_button.setAccessibleName(
            translate("HeaderActions", "Leave the desk for now; the visit carries on")
        )
        header.add_action(self.leave_button)
        self.reopen_button = QPushButton(
            icon("reschedule"), translate("HeaderActions", "Reopen\u2026")
        )
        self.reopen_button.setAccessibleName(
            translate("HeaderActions", "Reopen this visit: the fix failed")
        )
        self.reopen_button.setToolTip(
            translate("HeaderActions", "The fix failed after sign-off: open a return visit")
        )
        header.add_action(self.reopen_button)

    def show_state(self, state: VisitState, author: str) -> None:
        """Enable each action the visit allows now; the tooltip says why one is not."""
        why = why_not(state, EventType.ESCALATED)
        self.escalate_button.setEnabled(why is None)
        self.escalate_button.setToolTip(
            domain_sentence(why) if why else translate("HeaderActions", "Cannot resolve it now")
        )
        why = why_not(state, EventType.DEPARTED, author=author)
        self.leave_button.setEnabled(why is None)
        self.leave_button.setToolTip(
            domain_sentence(why)
            if why
            else translate(
                "HeaderActions", "Stop for now and come back later; the visit carries on ({keys})"
            ).format(keys=LEAVE_SHORTCUT)
        )
        # Shown only where it can be used: a signed-off visit not reopened yet.
        self.reopen_button.setVisible(why_not(state, EventType.REOPENED) is None)
