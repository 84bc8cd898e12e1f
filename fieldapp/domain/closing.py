"""The workflow's gates on leaving and closing a visit: a departure between trips, the
sign-off, a close without a repair, and reopening a signed-off visit."""

from __future__ import annotations

from fieldapp.domain.errors import WorkflowViolation
from fieldapp.domain.events import (
    FIXED_ON_ARRIVAL,
    NO_FAULT_FOUND,
    NO_LONGER_NEEDED,
    RESOLVED_REMOTELY,
    Event,
)
from fieldapp.domain.state import VisitState
from fieldapp.domain.words import QT_TRANSLATE_NOOP


def _refuse(code: str, message: str, **values: object) -> WorkflowViolation:
    return WorkflowViolation(code, message, values)


def check_reopen(state: VisitState) -> None:
    """Only a signed-off visit reopens (the fix failed after all), and only once: an
    escalated, declined or no-repair visit was never claimed fixed."""
    if not state.signed_off:
        raise _refuse(
            "not_signed_off",
            QT_TRANSLATE_NOOP(
                "Rules", "Only a signed-off visit can be reopened; this one is not signed off."
            ),
        )
    if state.reopened_as is not None:
        raise _refuse(
            "already_reopened",
            QT_TRANSLATE_NOOP(
                "Rules", "This visit was already reopened; carry on in its return visit."
            ),
        )


def check_sign_off(state: VisitState, event: Event) -> None:
    payload = event.payload
    if not state.resolved:
        raise _refuse(
            "resolution_required",
            QT_TRANSLATE_NOOP(
                "Rules",
                "Record the resolution before sign-off; if it cannot be fixed now, escalate.",
            ),
        )
    if not state.demonstrated and not state.demonstration_impossible_reason:
        raise _refuse(
            "demonstration_required",
            QT_TRANSLATE_NOOP(
                "Rules",
                "Show the user it works (or record why that was impossible) before sign-off.",
            ),
        )
    if state.user_absent and not (
        payload.get("admin_logged_off") and payload.get("note_left_on_desk")
    ):
        raise _refuse(
            "absent_user_checks",
            QT_TRANSLATE_NOOP(
                "Rules",
                "The user was absent: log the admin account off and leave a note on the desk "
                "before sign-off.",
            ),
        )
    if state.borrowed_parts and not payload.get("parts_returned"):
        raise _refuse(
            "parts_not_returned",
            QT_TRANSLATE_NOOP(
                "Rules",
                "Return the borrowed parts ({parts}) before sign-off, or record what became "
                "of one that cannot go back.",
            ),
            parts=", ".join(state.borrowed_parts),
        )


def check_departure(state: VisitState, event: Event) -> None:
    """Leaving between trips: only from the desk, and never leaving an absent user's machine
    with the admin account open or without a word on the desk."""
    if event.author not in state.present:
        raise _refuse(
            "not_on_site",
            QT_TRANSLATE_NOOP(
                "Rules", "You are not checked in at this visit, so there is no departure to record."
            ),
        )
    payload = event.payload
    if (
        state.user_absent
        and state.present == {event.author}
        and not (payload.get("admin_logged_off") and payload.get("note_left_on_desk"))
    ):
        raise _refuse(
            "absent_user_checks",
            QT_TRANSLATE_NOOP(
                "Rules",
                "The user is absent: log the admin account off and leave a note on the desk "
                "before you leave.",
            ),
        )


def check_no_repair(state: VisitState, event: Event) -> None:
    """Each no-repair outcome asks only for what really happened, and no more than that."""
    outcome = event.payload.get("outcome")
    if outcome == RESOLVED_REMOTELY and state.on_site:
        raise _refuse(
            "on_site",
            QT_TRANSLATE_NOOP(
                "Rules",
                "You are at the desk: record what you found here (already fixed, no fault found) "
                "rather than a remote resolution.",
            ),
        )
    if outcome == FIXED_ON_ARRIVAL:
        if not state.on_site:
            raise _refuse(
                "arrival_required",
                QT_TRANSLATE_NOOP(
                    "Rules",
                    "Check in at the desk before recording that the problem was already fixed.",
                ),
            )
        if state.work_allowed and state.diagnosed:
            raise _refuse(
                "fault_diagnosed",
                QT_TRANSLATE_NOOP(
                    "Rules",
                    "You diagnosed a fault at this arrival: resolve it or escalate it instead.",
                ),
            )
    if outcome == NO_LONGER_NEEDED and not state.on_site:
        raise _refuse(
            "arrival_required",
            QT_TRANSLATE_NOOP(
                "Rules",
                "Check in at the desk to hear from the user that it is no longer needed; only "
                "dispatch cancels a visit from afar.",
            ),
        )
    if outcome == NO_FAULT_FOUND and not state.work_allowed:
        # Looking for a fault is using the machine: the same gate as a diagnosis.
        raise _refuse(
            "permission_required",
            QT_TRANSLATE_NOOP(
                "Rules",
                "Ask the user's permission to use their machine before checking it for a fault.",
            ),
        )
    payload = event.payload
    if (
        outcome in (FIXED_ON_ARRIVAL, NO_FAULT_FOUND, NO_LONGER_NEEDED)
        and state.user_absent
        and not (payload.get("admin_logged_off") and payload.get("note_left_on_desk"))
    ):
        raise _refuse(
            "absent_user_checks",
            QT_TRANSLATE_NOOP(
                "Rules",
                "The user was absent: log the admin account off and leave a note on the desk "
                "before closing the visit.",
            ),
        )
