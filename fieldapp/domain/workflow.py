"""Applying events to a visit's state: one checked event at a time, or a recorded history."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import datetime

from fieldapp.domain import customer, equipment
from fieldapp.domain.events import RETURN_VISIT, Event, EventType, Recorded
from fieldapp.domain.rules import check_event
from fieldapp.domain.state import Promise, VisitState
from fieldapp.domain.team import TEAM_EVENTS, fold_assistants
from fieldapp.domain.words import QT_TRANSLATE_NOOP

# The event types _fold compares with, as module globals: reading a member off the enum
# class goes through EnumType.__getattr__ (Python 3.11), about 150 ns, a global about 10;
# a note, which no branch folds, met some 30 of them: 3.8 us a fold, then 0.4 (now it is
# compared first).
_NOTE = EventType.NOTE
_CONFIRMED = EventType.CONFIRMED
_ARRIVED = EventType.ARRIVED
_PERMISSION_GRANTED = EventType.PERMISSION_GRANTED
_USER_BUSY = EventType.USER_BUSY
_USER_ABSENT_URGENT = EventType.USER_ABSENT_URGENT
_PERMISSION_DECLINED = EventType.PERMISSION_DECLINED
_USER_ABSENT_NOTE_LEFT = EventType.USER_ABSENT_NOTE_LEFT
_USER_RETURNED = EventType.USER_RETURNED
_CLOSED_WITHOUT_REPAIR = EventType.CLOSED_WITHOUT_REPAIR
_DIAGNOSED = EventType.DIAGNOSED
_OPTIONS_OFFERED = EventType.OPTIONS_OFFERED
_OPTION_CHOSEN = EventType.OPTION_CHOSEN
_RESOLVED = EventType.RESOLVED
_TAUGHT = EventType.TAUGHT
_TEACHING_DECLINED = EventType.TEACHING_DECLINED
_ANYTHING_ELSE = EventType.ANYTHING_ELSE
_PART_RETURNED = EventType.PART_RETURNED
_SIGNED_OFF = EventType.SIGNED_OFF
_ESCALATED = EventType.ESCALATED
_PROMISE_MADE = EventType.PROMISE_MADE
_PROMISE_KEPT = EventType.PROMISE_KEPT
_ATTACHMENT_ADDED = EventType.ATTACHMENT_ADDED
_DEPARTED = EventType.DEPARTED
_VISIT_OPENED = EventType.VISIT_OPENED
_REOPENED = EventType.REOPENED
_ALREADY_TRIED_ADDED = EventType.ALREADY_TRIED_ADDED
_DEVICE_ATTACHED = EventType.DEVICE_ATTACHED


def _add_promise(
    state: VisitState, event: Recorded, kind: str, due: str, text: str, **values: str
) -> None:
    """A promise the app words itself: `text` is a template marked for translation."""
    state.promises[event.id] = Promise(
        id=event.id,
        kind=kind,
        due_at=datetime.fromisoformat(due),
        description=text.format(**values),
        made_at=event.occurred_at,
        template=text,
        values=dict(values),
    )


def _reopen(state: VisitState) -> None:
    """New diagnosis or choice work: an earlier resolution and its demonstration no longer
    cover it, so sign-off waits for a new resolution (and demonstration)."""
    state.resolved = False
    state.demonstrated = False
    state.demonstration_impossible_reason = None


def _fold(state: VisitState, events: Iterable[Recorded]) -> None:
    """Apply `events` to `state` in place, in order, without checking the rules (the loop is
    here, not around a call per event: an initial sync folds tens of thousands). A payload
    is read only by the branches that need it: the feed's events decode theirs when asked
    (protocol.feed.FeedEvent)."""
    for event in events:
        kind = event.type
        at = event.occurred_at
        state.event_count += 1
        state.last_event_at = at
        if kind is _NOTE:
            pass  # the commonest event changes nothing else: not compared with every type
        elif kind is _CONFIRMED:
            state.confirmed_at = at
        elif kind is _ARRIVED:
            if not state.present:
                # A new trip: the user is asked again, and the absent-user checks (met when
                # the last trip ended) start afresh with the new permission outcome.
                state.trips += 1
                state.arrived_at = at
                state.permission = None
                state.user_absent = False
                state.away_reason = None
            state.present = state.present | {event.author}
            for promise in state.promises.values():
                if promise.kind == "return_visit" and promise.kept_at is None:
                    promise.kept_at = at
        elif kind is _PERMISSION_GRANTED:
            state.permission = kind
        elif kind is _USER_BUSY:
            payload = event.payload
            state.permission = kind
            state.present = frozenset()
            _add_promise(
                state,
                event,
                "return_visit",
                payload["return_at"],
                QT_TRANSLATE_NOOP("Promises", "Come back at the agreed time"),
            )
        elif kind is _USER_ABSENT_URGENT:
            state.permission = kind
            state.user_absent = True
        elif kind is _PERMISSION_DECLINED:
            payload = event.payload
            # No promise: the user refused, nobody agreed a time (an agreed time is "user busy").
            state.permission = kind
            next_step = payload["next_step"]
            if next_step != "escalate":  # escalating is recorded at the desk, next
                state.present = frozenset()
            state.declined = next_step == "close"
        elif kind is _USER_ABSENT_NOTE_LEFT:
            # The note asks nothing of the user and agrees no time, so no promise is made.
            state.permission = kind
            state.present = frozenset()
        elif kind is _USER_RETURNED:
            state.user_absent = False
        elif kind is _CLOSED_WITHOUT_REPAIR:
            payload = event.payload
            # Promises stay as they are: only the event that keeps one closes it.
            state.no_repair = payload["outcome"]
            state.present = frozenset()
        elif kind is _DIAGNOSED:
            payload = event.payload
            _reopen(state)
            state.diagnosed = True
            state.source_category = payload["source_category"]
            for part in payload.get("borrowed_parts", ()):
                if part not in state.borrowed_parts:
                    state.borrowed_parts.append(part)
        elif kind is _OPTIONS_OFFERED:
            payload = event.payload
            _reopen(state)
            state.options = {o["key"]: o["minutes"] for o in payload["options"]}
            state.chosen_option = None
        elif kind is _OPTION_CHOSEN:
            payload = event.payload
            _reopen(state)
            state.chosen_option = payload["key"]
        elif kind is _RESOLVED:
            payload = event.payload
            state.resolved = True
            state.demonstrated = bool(payload["demonstrated"] and payload["user_confirmed"])
            state.demonstration_impossible_reason = payload.get("demonstration_impossible_reason")
        elif kind in (_TAUGHT, _TEACHING_DECLINED):
            state.taught = kind is _TAUGHT
        elif kind is _ANYTHING_ELSE:
            payload = event.payload
            state.anything_else = bool(payload["answer"])
        elif kind is _PART_RETURNED:
            payload = event.payload
            if payload["part"] in state.borrowed_parts:
                state.borrowed_parts.remove(payload["part"])
        elif kind is _SIGNED_OFF:
            payload = event.payload
            state.signed_off = True
            state.present = frozenset()
            state.satisfaction = payload.get("satisfaction")
            if payload.get("parts_returned"):
                state.borrowed_parts.clear()
            if "follow_up_call_at" in payload:
                _add_promise(
                    state,
                    event,
                    "follow_up_call",
                    payload["follow_up_call_at"],
                    QT_TRANSLATE_NOOP("Promises", "Follow-up call"),
                )
        elif kind is _ESCALATED:
            payload = event.payload
            state.escalated = True
            state.present = frozenset()
            _add_promise(
                state,
                event,
                "next_update",
                payload["next_update_at"],
                QT_TRANSLATE_NOOP("Promises", "Next update on the escalation to {team}"),
                team=str(payload["team"]),
            )
        elif kind is _PROMISE_MADE:
            payload = event.payload
            state.promises[payload["promise_id"]] = Promise(
                id=payload["promise_id"],
                kind=payload["kind"],
                due_at=datetime.fromisoformat(payload["due_at"]),
                description=payload["description"],
                made_at=at,
            )
        elif kind is _PROMISE_KEPT:
            payload = event.payload
            kept = state.promises.get(payload["promise_id"])
            if kept is not None and kept.kept_at is None:
                kept.kept_at = at
        elif kind is _ATTACHMENT_ADDED:
            payload = event.payload
            state.attachments.append(payload["sha256"])
        elif kind is _DEPARTED:
            payload = event.payload
            state.present = state.present - {event.author}
            if not state.present:
                state.away_reason = payload["reason"]
            if "return_at" in payload:
                _add_promise(
                    state,
                    event,
                    RETURN_VISIT,
                    payload["return_at"],
                    QT_TRANSLATE_NOOP(
                        "Promises", "Come back at the time agreed with {agreed_with}"
                    ),
                    agreed_with=str(payload["agreed_with"]),
                )
        elif kind in TEAM_EVENTS:
            fold_assistants(state.assistants, event)
        elif kind is _VISIT_OPENED:
            payload = event.payload
            state.opened_how = payload["how"]
            state.opened_from = payload.get("opened_from")
        elif kind is _REOPENED:
            payload = event.payload
            # The visit stays completed (it was); the work goes on in the linked return visit.
            state.reopened_as = payload["return_visit_id"]
        elif kind in equipment.FOLDED:
            equipment.fold(state, event)
        elif kind is _ALREADY_TRIED_ADDED:
            payload = event.payload
            state.already_tried_added.append(payload["text"])
        elif kind in customer.CUSTOMER_EVENTS:
            customer.fold(state, event)
        elif kind is _DEVICE_ATTACHED:
            payload = event.payload
            state.device = payload["asset_tag"]


def fold_unchecked(state: VisitState, event: Event) -> None:
    """Apply a stored (already accepted) `event` to `state` in place, without the rules:
    for readers that walk a history step by step (fieldapp.domain.time_on_task)."""
    _fold(state, (event,))


def apply_event(state: VisitState, event: Event) -> VisitState:
    """Check `event` against the rules and return the state after it; `state` is untouched.

    Raises:
        WorkflowViolation: the rules do not allow this event now.
    """
    check_event(state, event)
    after = copy.deepcopy(state)
    _fold(after, (event,))
    return after


def derive_state(events: Iterable[Recorded], *, cancelled: bool = False) -> VisitState:
    """The visit's state after `events`, in recorded order.

    Stored events were accepted when recorded, so they are folded without re-checking: a
    visit's history is never refused after the fact.
    """
    state = VisitState()
    _fold(state, events)
    state.cancelled = cancelled
    return state
