"""Which of a visit's derived tables each event type can change, so a push rewrites only those.

facts.record_accepted rewrites a touched visit's derived rows from its whole history; most
events (a note, a diagnosis, a confirmation) change only its visit_facts row (its event count
and last event) and its visit_work row (who recorded how many), never its trips, promises,
equipment or device. The table below names, for every event type, the tables it can change;
tests/server/test_push_derived.py checks that it covers every type and that pushes of every
type leave the same rows as a full rebuild (facts.rebuild_all).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from fieldapp.domain import EventType


class Table(Enum):
    """A derived table rewritten from a visit's history."""

    FACTS = "visit_facts"
    FACTS_COUNTS = "visit_facts (its counts only)"  # see COUNTS_ONLY
    WORK = "visit_work"
    TRIPS = "visit_trips"
    PROMISES = "promises"
    EQUIPMENT = "equipment_items"
    DEVICES = "visit_devices"


# Every event counts in visit_facts (event_count, last_event_at) and visit_work (events per
# author), so every type changes those two.
ALWAYS = frozenset({Table.FACTS, Table.WORK})
_T, _P, _E, _D = Table.TRIPS, Table.PROMISES, Table.EQUIPMENT, Table.DEVICES

# The tables beyond ALWAYS: trips where the type can change who is at the desk or close the
# visit (fieldapp.domain.workflow's `present`, time_on_task); promises where it makes or keeps
# one (workflow._fold, equipment.fold, facts_rows.promise_authors); equipment where
# domain.equipment.equipment_of reads it; the device where devices.rewrite reads it.
AFFECTS: dict[EventType, frozenset[Table]] = {
    EventType.CONFIRMED: frozenset(),
    EventType.ARRIVED: frozenset({_T, _P}),  # keeps a return visit's promise
    EventType.PERMISSION_GRANTED: frozenset(),
    EventType.USER_BUSY: frozenset({_T, _P}),
    EventType.USER_ABSENT_URGENT: frozenset(),
    EventType.PERMISSION_DECLINED: frozenset({_T}),
    EventType.USER_ABSENT_NOTE_LEFT: frozenset({_T}),
    EventType.USER_RETURNED: frozenset(),
    EventType.CLOSED_WITHOUT_REPAIR: frozenset({_T}),
    EventType.DIAGNOSED: frozenset({_E}),  # names borrowed parts
    EventType.OPTIONS_OFFERED: frozenset(),
    EventType.OPTION_CHOSEN: frozenset(),
    EventType.RESOLVED: frozenset(),
    EventType.TAUGHT: frozenset(),
    EventType.TEACHING_DECLINED: frozenset(),
    EventType.ANYTHING_ELSE: frozenset(),
    EventType.PART_RETURNED: frozenset({_E}),
    EventType.SIGNED_OFF: frozenset({_T, _P, _E}),  # parts_returned settles the parts
    EventType.ESCALATED: frozenset({_T, _P}),
    EventType.PROMISE_MADE: frozenset({_P}),
    EventType.PROMISE_KEPT: frozenset({_P}),
    EventType.NOTE: frozenset(),
    EventType.ATTACHMENT_ADDED: frozenset(),
    EventType.DEPARTED: frozenset({_T, _P}),
    EventType.ASSISTANT_ADDED: frozenset(),
    EventType.ASSISTANT_REMOVED: frozenset(),
    EventType.VISIT_OPENED: frozenset(),
    EventType.REOPENED: frozenset(),
    EventType.PART_BORROWED: frozenset({_E}),
    EventType.PART_DISPOSED: frozenset({_E}),
    EventType.LOAN_MADE: frozenset({_P, _E}),
    EventType.LOAN_RETURNED: frozenset({_P, _E}),
    EventType.LOAN_DISPOSED: frozenset({_P, _E}),
    EventType.ALREADY_TRIED_ADDED: frozenset(),
    EventType.DEVICE_ATTACHED: frozenset({_D}),
    EventType.USER_REPLIED: frozenset(),
    EventType.TIME_REQUEST_ANSWERED: frozenset(),
    EventType.ON_MY_WAY: frozenset(),
    EventType.DAY_END_UPDATE: frozenset(),
}
EVERY = frozenset(Table) - {Table.FACTS_COUNTS}

# The types that change no column of an existing visit_facts row but COUNT_COLUMNS: the event
# count and last event (every event), the out-of-scope requests (a note's category) and the
# time on site (a trip still going counts up to the last event). A batch of only these on a
# visit that had events updates those columns instead of writing the row again.
COUNTS_ONLY = frozenset(
    {
        EventType.NOTE,
        EventType.ATTACHMENT_ADDED,
        EventType.PROMISE_MADE,
        EventType.PROMISE_KEPT,
        EventType.DEVICE_ATTACHED,
    }
)
COUNT_COLUMNS = (
    "event_count",
    "last_event_at",
    "last_event_received_at",
    "out_of_scope_requests",
    "on_site_seconds",
)


def affected(
    types: Iterable[EventType], *, someone_at_desk: bool, had_events: bool = False
) -> frozenset[Table]:
    """The tables that events of `types` can change on one visit. While someone is at the
    desk after them, any event moves the end of the trip still going (its stays' seconds
    count up to the visit's last event), so its trips change too. A visit that `had_events`
    before these has its visit_facts row: events all of COUNTS_ONLY change its counts only."""
    kinds = set(types)
    tables = set(ALWAYS)
    for kind in kinds:
        tables |= AFFECTS[kind]
    if someone_at_desk:
        tables.add(Table.TRIPS)
    if had_events and kinds <= COUNTS_ONLY:
        tables.discard(Table.FACTS)
        tables.add(Table.FACTS_COUNTS)
    return frozenset(tables)
