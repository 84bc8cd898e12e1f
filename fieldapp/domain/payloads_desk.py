"""Payloads of the desk situations: a busy, absent or refusing user, and closing with no repair."""

from __future__ import annotations

from fieldapp.domain.event_types import EventType
from fieldapp.domain.fields import MAX_SHORT, MAX_TEXT, PayloadSpec, boolean, choice, text, when

# What follows a user's refusal: come back another time (no time agreed: that is "user
# busy"), escalate (the technician records the escalation next), or close the visit.
DECLINED_NEXT_STEPS = ("another_time", "escalate", "close")
# Visits that close with no repair at the desk, so with no arrival, permission or diagnosis
# invented for them: fixed from afar (no arrival), already working when the technician
# arrived (no permission needed to look at a desk), checked with permission and found
# working, or the user, met at the desk, no longer needs it (only dispatch cancels).
RESOLVED_REMOTELY = "resolved_remotely"
FIXED_ON_ARRIVAL = "fixed_on_arrival"
NO_FAULT_FOUND = "no_fault_found"
NO_LONGER_NEEDED = "no_longer_needed"
NO_REPAIR_OUTCOMES = (RESOLVED_REMOTELY, FIXED_ON_ARRIVAL, NO_FAULT_FOUND, NO_LONGER_NEEDED)

SPECS: dict[EventType, PayloadSpec] = {
    EventType.USER_BUSY: {
        "return_at": (when, True),
        "agreed_with": (text(MAX_SHORT), True),
    },
    EventType.USER_ABSENT_URGENT: {
        "reason": (text(MAX_TEXT), True),
        "open_files_warned": (boolean, False),
    },
    EventType.PERMISSION_DECLINED: {
        "declined_by": (text(MAX_SHORT), True),
        "next_step": (choice(DECLINED_NEXT_STEPS), True),
        "reason": (text(MAX_TEXT, allow_empty=True), False),
    },
    EventType.USER_ABSENT_NOTE_LEFT: {"desk_note": (text(MAX_TEXT), True)},
    EventType.USER_RETURNED: {
        "returned": (text(MAX_SHORT), True),
        "explanation": (text(MAX_TEXT), True),
    },
    EventType.CLOSED_WITHOUT_REPAIR: {
        "outcome": (choice(NO_REPAIR_OUTCOMES), True),
        "explanation": (text(MAX_TEXT), True),
        "confirmed_by": (text(MAX_SHORT), False),
        "admin_logged_off": (boolean, False),
        "note_left_on_desk": (boolean, False),
    },
}
