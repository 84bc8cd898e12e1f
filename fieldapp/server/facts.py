"""Per-visit facts, promises and follow-up items, kept in step with the accepted events.

Every transaction that accepts events (a push, a supervisor accepting a conflict) calls
`record_accepted` with the touched visits' full histories and derived states: the visit's
`visit_facts` row, its `promises` rows, its `equipment_items` rows (server.equipment) and
the device it names (`visit_devices`, server.devices) are
rewritten from them, a sign-off rated 2 or less opens a follow-up item, and the mail the
events ask for is queued. The supervisors'
metrics are then SQL aggregates over one row per visit (or per promise), never a fold over
every event in Python.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BindParameter, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from fieldapp.domain import Event, EventType, VisitState, derive_state
from fieldapp.domain.events import REOPENED_VISIT
from fieldapp.domain.time_on_task import TimeOnTask, time_on_task
from fieldapp.server import derived, devices, equipment, facts_rows, intake, outbox, work
from fieldapp.server.bulk import insert_rows, update_rows
from fieldapp.server.db import run
from fieldapp.server.models import EventRecord, User, Visit
from fieldapp.server.models_facts import PromiseRecord, VisitFacts, VisitTrip
from fieldapp.server.models_supervision import Conflict, FollowUpItem

LOW_RATING = 2  # a rating of this or less becomes an item to follow up
_PERMISSION = frozenset(
    {
        EventType.PERMISSION_GRANTED,
        EventType.USER_BUSY,
        EventType.USER_ABSENT_URGENT,
        EventType.PERMISSION_DECLINED,
        EventType.USER_ABSENT_NOTE_LEFT,
    }
)


def facts_row(
    history: Sequence[Event],
    state: VisitState,
    received_at: datetime,
    spent: TimeOnTask | None = None,
) -> dict[str, Any]:
    """The visit_facts values of a visit (without visit_id) from its events and state
    (and its time on task, worked out from the events when not given)."""
    if spent is None:
        spent = time_on_task(history)
    first_confirmed = first_arrived = None
    arrivals = 0
    permission = False
    seen: set[EventType] = set()
    completed_at = escalated_at = None
    greeted = late = late_told = 0
    source_category: str | None = None
    for index, event in enumerate(history):
        kind = event.type
        seen.add(kind)
        if kind is EventType.CONFIRMED and first_confirmed is None:
            first_confirmed = index
        elif kind is EventType.ARRIVED:
            arrivals += 1
            if first_arrived is None:
                first_arrived = index
            greeted += event.payload.get("greeting_done") is True
            # The laptop records late_notice_given only when the arrival is late.
            notice = event.payload.get("late_notice_given")
            if isinstance(notice, bool):
                late += 1
                late_told += notice
        elif kind is EventType.DIAGNOSED:
            category = event.payload.get("source_category")  # a later diagnosis replaces it
            source_category = category if isinstance(category, str) else None
        elif kind in _PERMISSION:
            permission = True
        elif kind is EventType.SIGNED_OFF and completed_at is None:
            completed_at = event.occurred_at.astimezone(UTC)
        elif kind is EventType.ESCALATED and escalated_at is None:
            escalated_at = event.occurred_at.astimezone(UTC)
    in_advance = first_confirmed is not None and (
        first_arrived is None or first_confirmed < first_arrived
    )
    signed_off = state.signed_off
    return {
        "step": state.step.value,
        "confirmed_in_advance": in_advance,
        "arrivals": arrivals,
        "permission_recorded": permission,
        "demonstrated": state.demonstrated,
        "demonstration_impossible": bool(
            not state.demonstrated and state.demonstration_impossible_reason
        ),
        "completed_at": completed_at if signed_off else None,
        "completed_on": completed_at.date() if signed_off and completed_at else None,
        "escalated_at": escalated_at if state.escalated else None,
        # Finished at the desk on the first trip: a return for a part is no first visit. A
        # visit reopened because its fix failed was not resolved, and its return visit is a
        # second trip for the same problem: neither is a first-visit resolution.
        "first_visit_resolution": signed_off
        and spent.closed_on_trip == 1
        and len(spent.trips) == 1
        and not state.escalated
        and state.reopened_as is None
        and state.opened_how != REOPENED_VISIT,
        "declined_by_user": EventType.PERMISSION_DECLINED in seen,
        "closed_declined": state.declined,
        "absent_note_left": EventType.USER_ABSENT_NOTE_LEFT in seen,
        "absent_user_returned": EventType.USER_RETURNED in seen,
        "no_repair_outcome": state.no_repair,
        "arrivals_greeted": greeted,
        "late_arrivals": late,
        "late_arrivals_told": late_told,
        "source_category": source_category,
        "taught": EventType.TAUGHT in seen,
        "teaching_declined": EventType.TEACHING_DECLINED in seen,
        "trips": len(spent.trips),
        "finished_later_trip": signed_off and (spent.closed_on_trip or 0) > 1,
        "opened_how": state.opened_how,
        "reopened": state.reopened_as is not None,
        **intake.facts(history),
        "satisfaction": state.satisfaction if signed_off else None,
        **count_values(history, state, received_at, spent),
    }


def count_values(
    history: Sequence[Event], state: VisitState, received_at: datetime, spent: TimeOnTask
) -> dict[str, Any]:
    """The visit_facts columns of derived.COUNT_COLUMNS (of `facts_row`): all a batch of
    derived.COUNTS_ONLY events changes, worked out without the rest of the row."""
    note = EventType.NOTE  # read once: an enum member costs ~0.2 us a read (see workflow)
    return {
        "event_count": state.event_count,
        "last_event_at": state.last_event_at,
        "last_event_received_at": received_at,
        "out_of_scope_requests": sum(
            e.type is note and e.payload.get("category") == "out_of_scope" for e in history
        ),
        "on_site_seconds": spent.on_site_seconds,
    }


def _low_rating(event: Event) -> bool:
    rating = event.payload.get("satisfaction")
    return event.type is EventType.SIGNED_OFF and isinstance(rating, int) and rating <= LOW_RATING


def _follow_up_rows(
    events: Sequence[Event], user_ids: Mapping[str, int], now: datetime
) -> list[dict[str, Any]]:
    return [
        {
            "visit_id": e.visit_id,
            "event_id": e.id,
            "technician_id": user_ids.get(e.author),
            "satisfaction": e.payload["satisfaction"],
            "comment": e.payload.get("comment", ""),
            "signed_off_at": e.occurred_at,
            "created_at": now,
            "status": "open",
        }
        for e in events
    ]


# The statements of every push, built once (db.run says why).
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
USER_IDS = select(User.username, User.id).where(
    User.username.in_(bindparam("names", expanding=True))
)
_DELETE_TRIPS = delete(VisitTrip).where(VisitTrip.visit_id.in_(_IDS))
_DELETE_PROMISES = delete(PromiseRecord).where(PromiseRecord.visit_id.in_(_IDS))
_SETTLE_CONFLICTS = (
    update(Conflict)
    .where(Conflict.event_id.in_(_IDS), Conflict.status == "open")
    .values(
        status="accepted",
        resolved_at=bindparam("now", type_=Conflict.resolved_at.type),
        note="Accepted when pushed again after the visit came back to its author.",
    )
)


def _user_ids(
    session: Session, usernames: set[str], known: Mapping[str, int] | None = None
) -> dict[str, int]:
    """The ids of the users named; `known` ones (the pushing technician) are not read."""
    found = {name: known[name] for name in usernames if name in known} if known else {}
    unknown = usernames - found.keys()
    if unknown:
        found.update(run(session, USER_IDS, {"names": list(unknown)}).all())
    return found


def record_accepted(
    session: Session,
    accepted: Sequence[tuple[Event, int]],
    histories: Mapping[str, Sequence[Event]],
    states: Mapping[str, VisitState],
    now: datetime,
) -> None:
    """Bring facts, promises, follow-up items and the mail outbox up to date with events
    just accepted, as (event, server_seq); `histories`/`states` hold each touched visit's
    whole history (these events included) and its state after them. The caller owns the
    transaction and has inserted the events. Only the derived tables the events' types can
    change are rewritten (fieldapp.server.derived).
    """
    events = [event for event, _ in accepted]
    rewrite_derived(session, events, histories, states, now)
    record_follow_ups(session, events, now)


def rewrite_derived(
    session: Session,
    accepted: Sequence[Event],
    histories: Mapping[str, Sequence[Event]],
    states: Mapping[str, VisitState],
    now: datetime,
    *,
    known_ids: Mapping[str, int] | None = None,
    open_conflicts: Collection[str] | None = None,
) -> None:
    """record_accepted's rows that do not name the events (the derived tables, settled
    conflicts): a push writes them before it stamps, the events not inserted yet.

    A push tells what it has read already: `known_ids`, user ids by username (its
    caller's), and `open_conflicts`, which of the events' ids have an open conflict
    (None: not known, the conflicts are settled by id whatever they are)."""
    if not accepted:
        return
    kinds: dict[str, list[EventType]] = {}
    for event in accepted:
        kinds.setdefault(event.visit_id, []).append(event.type)
    touched = sorted(kinds)
    tables = {
        v: derived.affected(
            kinds[v],
            someone_at_desk=bool(states[v].present),
            had_events=len(histories[v]) > len(kinds[v]),
        )
        for v in touched
    }
    # Every author of the visits: visit_work counts them all, and the trips, promises and
    # equipment name only authors of the same events (one query for all of them).
    names = {e.author for v in touched for e in histories[v]}
    _rewrite(
        session,
        touched,
        tables=tables,
        histories=histories,
        states=states,
        user_ids=_user_ids(session, names, known_ids),
        received_at=dict.fromkeys(touched, now),
        appended=True,
    )
    # An event kept as a conflict and later pushed again by its author, once the visit came
    # back to them, settles that conflict.
    if open_conflicts is None or open_conflicts:
        run(session, _SETTLE_CONFLICTS, {"ids": [e.id for e in accepted], "now": now})


def record_follow_ups(session: Session, accepted: Sequence[Event], now: datetime) -> None:
    """record_accepted's rows that name the events (follow-up items, mail): after their
    insert."""
    low = [e for e in accepted if _low_rating(e)]
    if low:
        ids = _user_ids(session, {e.author for e in low})
        session.execute(insert(FollowUpItem), _follow_up_rows(low, ids, now))
    outbox.enqueue_for_events(session, accepted, now)


def _rewrite(
    session: Session,
    touched: Sequence[str],
    *,
    tables: Mapping[str, frozenset[derived.Table]],
    histories: Mapping[str, Sequence[Event]],
    states: Mapping[str, VisitState],
    user_ids: Mapping[str, int],
    received_at: Mapping[str, datetime],
    appended: bool,
) -> None:
    """Rewrite each touched visit's rows of the derived tables named for it in `tables`
    (visit_facts and visit_work always); `user_ids` holds every author of the histories.
    `appended`: the histories only grew since the rows were last written (accepted events),
    so no author's visit_work row can have gone."""

    def needing(table: derived.Table) -> list[str]:
        return [v for v in touched if table in tables[v]]

    spent = {v: time_on_task(histories[v]) for v in touched}
    counted = needing(derived.Table.FACTS_COUNTS)
    rewrite: set[str] = set()
    if counted:
        values = [
            {"visit_id": v, **count_values(histories[v], states[v], received_at[v], spent[v])}
            for v in counted
        ]
        if update_rows(session, VisitFacts, values) != len(counted):
            rewrite = set(counted)  # a row missing: write them all
    whole = [v for v in touched if v in rewrite or derived.Table.FACTS in tables[v]]
    if whole:
        rows = [
            {"visit_id": v, **facts_row(histories[v], states[v], received_at[v], spent[v])}
            for v in whole
        ]
        insert_rows(session, VisitFacts, rows, replacing=True)
    trips = needing(derived.Table.TRIPS)
    if trips:
        run(session, _DELETE_TRIPS, {"ids": trips})
        stays = facts_rows.trip_rows({v: spent[v] for v in trips}, user_ids)
        if stays:
            insert_rows(session, VisitTrip, stays)
    with_promises = [v for v in needing(derived.Table.PROMISES) if states[v].promises]
    if with_promises:
        run(session, _DELETE_PROMISES, {"ids": with_promises})
        insert_rows(
            session,
            PromiseRecord,
            facts_rows.promise_rows(with_promises, histories, states, user_ids),
        )
    work.rewrite_work(session, touched, histories, user_ids, appended=appended)
    with_equipment = needing(derived.Table.EQUIPMENT)
    if with_equipment:
        equipment.rewrite(session, with_equipment, histories, user_ids)
    with_device = needing(derived.Table.DEVICES)
    if with_device:
        devices.rewrite(session, with_device, histories)


def load_history(session: Session, visit_ids: Iterable[str]) -> dict[str, list[Event]]:
    """The stored events of the visits, in server order."""
    histories: dict[str, list[Event]] = {v: [] for v in visit_ids}
    rows = session.execute(
        select(
            EventRecord.id,
            EventRecord.visit_id,
            EventRecord.type,
            EventRecord.occurred_at,
            EventRecord.payload,
            EventRecord.author,
        )
        .where(EventRecord.visit_id.in_(histories))
        .order_by(EventRecord.visit_id, EventRecord.server_seq)
    )
    for event_id, visit_id, type_, occurred_at, payload, author in rows:
        histories[visit_id].append(
            Event(event_id, visit_id, EventType(type_), occurred_at, payload, author)
        )
    return histories


def rebuild_all(session: Session, now: datetime, *, batch: int = 500) -> int:
    """Recompute every visit's facts, promises and (missing) follow-up items from its stored
    events; mail is not queued again. Returns how many visits had events. For the migration
    that introduced these tables, and for repairs.
    """
    visit_ids = list(session.scalars(select(EventRecord.visit_id).distinct()))
    done = 0
    for start in range(0, len(visit_ids), batch):
        chunk = visit_ids[start : start + batch]
        histories = load_history(session, chunk)
        cancelled = dict(
            session.execute(
                select(Visit.id, Visit.status == "cancelled").where(Visit.id.in_(chunk))
            ).all()
        )
        states = {
            v: derive_state(h, cancelled=bool(cancelled.get(v))) for v, h in histories.items()
        }
        ids = _user_ids(session, {e.author for h in histories.values() for e in h})
        received = dict(
            session.execute(
                select(EventRecord.visit_id, func.max(EventRecord.received_at))
                .where(EventRecord.visit_id.in_(chunk))
                .group_by(EventRecord.visit_id)
            ).all()
        )
        _rewrite(
            session,
            chunk,
            histories=histories,
            tables=dict.fromkeys(chunk, derived.EVERY),
            states=states,
            user_ids=ids,
            received_at=received,
            appended=False,
        )
        have = set(session.scalars(select(FollowUpItem.event_id)))
        low = [e for h in histories.values() for e in h if _low_rating(e) and e.id not in have]
        if low:
            session.execute(insert(FollowUpItem), _follow_up_rows(low, ids, now))
        done += len(chunk)
    session.flush()
    return done
