"""The round's queries: filters, orders, round order, search, paging, counts and promises."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from fieldapp.domain import EventType
from fieldapp.protocol import ChangesPage, Priority
from fieldapp.store import Store, apply_changes_page
from fieldapp.store import round_queries as queries_module
from fieldapp.store.attention import open_promises
from fieldapp.store.recording import record_event
from fieldapp.store.round_queries import (
    RoundFilter,
    RoundQuery,
    RoundSort,
    day_bounds,
    round_counts,
    round_page,
    round_select,
)
from tests.domain.factories import MINIMAL, iso
from tests.store.factories import TECH, PageBuilder, feed_event, server_visit

# Noon, local time: the day's bounds do not depend on the machine's time zone.
NOW = datetime(2030, 3, 12, 12, 0).astimezone()


def at(hour: float, day: int = 0) -> datetime:
    return datetime(2030, 3, 12 + day, int(hour), int(hour % 1 * 60)).astimezone()


def visit(visit_id: str, start: datetime, minutes: int = 30, **fields: Any) -> Any:
    return server_visit(
        visit_id,
        reference=fields.pop("reference", f"R-{visit_id}"),
        window_start=start,
        window_end=start + timedelta(minutes=minutes),
        **fields,
    )


def _apply(store: Store, page: ChangesPage) -> None:
    with store.session() as session, session.begin():
        apply_changes_page(session, page)


def ids(store: Store, **query: Any) -> list[str]:
    with store.read_session() as session:
        return [v.id for v in round_page(session, RoundQuery(now=NOW, **query), 0, 1000)]


@pytest.fixture
def day(store: Store) -> Store:
    """A technician's week around NOW: done, overdue, today, upcoming."""
    builder = PageBuilder()
    builder.visit(visit("yesterday-done", at(10, -1), building="A"))
    builder.visit(visit("yesterday-open", at(11, -1), building="A"))
    builder.visit(visit("today-passed", at(8), building="B", priority=Priority.HIGH))
    builder.visit(visit("today-later", at(15), building="A", customer_name="Zed Young"))
    builder.visit(visit("today-now", at(11.5), minutes=60, building="C", customer_name="Amy Ash"))
    builder.visit(visit("tomorrow", at(9, 1), building="A"))
    builder.visit(visit("next-week", at(9, 7), building="B"))
    builder.event(feed_event("yesterday-done", EventType.CONFIRMED, 90))
    _apply(store, builder.page())
    with store.session() as session, session.begin():
        session.execute(text("UPDATE visits SET step = 'completed' WHERE id = 'yesterday-done'"))
    return store


def test_day_bounds_are_the_local_day() -> None:
    start, end = day_bounds(NOW)
    assert start == datetime(2030, 3, 12).astimezone()
    assert end == datetime(2030, 3, 13).astimezone()
    with pytest.raises(ValueError, match="aware"):
        day_bounds(datetime(2030, 3, 12))  # noqa: DTZ001


def test_filters_show_the_expected_visits(day: Store) -> None:
    window = {"sort": RoundSort.WINDOW}
    assert ids(day, filter=RoundFilter.TODAY, **window) == [
        "today-passed",
        "today-now",
        "today-later",
    ]
    assert ids(day, filter=RoundFilter.UPCOMING, **window) == ["tomorrow", "next-week"]
    assert ids(day, filter=RoundFilter.OVERDUE, **window) == ["yesterday-open", "today-passed"]
    assert ids(day, filter=RoundFilter.DONE, **window) == ["yesterday-done"]
    assert len(ids(day, filter=RoundFilter.ALL)) == 7
    with day.read_session() as session:
        counts = round_counts(session, NOW, list(RoundFilter))
    assert counts == {
        RoundFilter.TODAY: 3,
        RoundFilter.UPCOMING: 2,
        RoundFilter.OVERDUE: 2,
        RoundFilter.DONE: 1,
        RoundFilter.ALL: 7,
    }


def test_orders_by_each_column_and_reversed(day: Store) -> None:
    today = {"filter": RoundFilter.TODAY}
    assert ids(day, sort=RoundSort.CUSTOMER, **today)[0] == "today-now"  # Amy Ash
    assert ids(day, sort=RoundSort.CUSTOMER, descending=True, **today)[0] == "today-later"
    assert ids(day, sort=RoundSort.LOCATION, **today) == [
        "today-later",
        "today-passed",
        "today-now",
    ]
    assert ids(day, sort=RoundSort.PRIORITY, **today)[0] == "today-passed"  # high first
    assert ids(day, sort=RoundSort.REFERENCE, descending=True, **today)[0] == "today-passed"
    assert ids(day, sort=RoundSort.WINDOW, descending=True, filter=RoundFilter.ALL)[0] == (
        "next-week"
    )


def test_step_and_sync_orders(store: Store) -> None:
    builder = PageBuilder()
    for name, hour in (("plain", 9), ("worked", 10), ("confirmed", 11)):
        builder.visit(visit(name, at(hour)))
    builder.event(feed_event("confirmed", EventType.CONFIRMED, 50))
    _apply(store, builder.page())
    with store.session() as session, session.begin():
        for kind in (EventType.ARRIVED, EventType.PERMISSION_GRANTED):
            record_event(session, "worked", kind, MINIMAL[kind], author=TECH, now=NOW)
    assert ids(store, sort=RoundSort.STEP) == ["plain", "confirmed", "worked"]
    assert ids(store, sort=RoundSort.SYNC)[0] == "worked"  # pending events first


def test_floors_sort_as_numbers_with_ground_first(store: Store) -> None:
    builder = PageBuilder()
    for floor in ("10", "2", "G", "1"):
        builder.visit(visit(f"f{floor}", at(9), building="A", floor=floor))
    _apply(store, builder.page())
    assert ids(store, sort=RoundSort.LOCATION) == ["fG", "f1", "f2", "f10"]


def test_round_order_groups_buildings_and_floors_within_time_slots(store: Store) -> None:
    builder = PageBuilder()
    # Slot 08:00-10:00: North holds the earliest visit, so North first, floor by floor.
    builder.visit(visit("n3-0830", at(8.5), building="North", floor="3"))
    builder.visit(visit("s1-0845", at(8.75), building="South", floor="1"))
    builder.visit(visit("n5-0900", at(9), building="North", floor="5"))
    builder.visit(visit("n3-0930", at(9.5), building="North", floor="3"))
    builder.visit(visit("s1-0900", at(9), building="South", floor="1"))
    builder.visit(visit("s2-0915", at(9.25), building="South", floor="2"))
    # Slot 10:00-12:00: South's visit starts first there, then North again.
    builder.visit(visit("n3-1100", at(11), building="North", floor="3"))
    builder.visit(visit("s4-1030", at(10.5), building="South", floor="4"))
    # Slot 14:00-16:00: an afternoon window is never pulled before the morning.
    builder.visit(visit("n3-1400", at(14), building="North", floor="3"))
    _apply(store, builder.page())
    assert ids(store, filter=RoundFilter.TODAY, sort=RoundSort.ROUND) == [
        "n3-0830",
        "n3-0930",
        "n5-0900",
        "s1-0845",
        "s1-0900",
        "s2-0915",
        "s4-1030",
        "n3-1100",
        "n3-1400",
    ]


def test_round_order_pages_match_the_whole_order(store: Store) -> None:
    rng = random.Random(5)
    builder = PageBuilder()
    for number in range(240):
        start = at(7 + rng.randrange(0, 11 * 4) / 4, rng.randrange(-2, 3))
        building, floor = rng.choice("ABC"), str(rng.randrange(0, 6))
        builder.visit(visit(f"v{number:03d}", start, building=building, floor=floor))
    _apply(store, builder.page())
    query = RoundQuery(now=NOW, filter=RoundFilter.ALL, sort=RoundSort.ROUND)
    with store.read_session() as session:
        whole = [row.id for row in session.execute(round_select(session, query))]
        paged: list[str] = []
        for offset in range(0, 240, 17):
            paged += [v.id for v in round_page(session, query, offset, 17)]
    assert paged == whole
    assert len(set(whole)) == 240


@pytest.mark.parametrize("sort", list(RoundSort))
@pytest.mark.parametrize("typed", ["customer", "cus"])  # a long prefix; an indexed one
def test_search_gives_the_same_rows_whichever_way_it_is_read(
    day: Store, sort: RoundSort, typed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for kind in (RoundFilter.ALL, RoundFilter.TODAY):
        query = {"filter": kind, "sort": sort, "search": typed}
        expected = ids(day, **query)
        assert len(expected) == (5 if kind is RoundFilter.ALL else 1)
        for plan in queries_module._Plan:
            monkeypatch.setattr(queries_module, "_search_plan", lambda *_args, p=plan: p)
            assert ids(day, **query) == expected, plan
        monkeypatch.undo()


def test_search_applies_within_the_filter(day: Store) -> None:
    assert ids(day, filter=RoundFilter.TODAY, search="amy") == ["today-now"]
    assert ids(day, filter=RoundFilter.UPCOMING, search="amy") == []
    assert ids(day, filter=RoundFilter.ALL, search='"amy" *') == ["today-now"]


def test_pages_never_overlap_or_skip(store: Store) -> None:
    builder = PageBuilder()
    for number in range(30):  # the same window and customer for all: only id breaks ties
        builder.visit(visit(f"v{number:02d}", at(9), customer_name="Same Name"))
    _apply(store, builder.page())
    for sort in RoundSort:
        query = RoundQuery(now=NOW, filter=RoundFilter.ALL, sort=sort)
        with store.read_session() as session:
            pages = [v.id for n in range(0, 30, 7) for v in round_page(session, query, n, 7)]
        assert sorted(pages) == [f"v{n:02d}" for n in range(30)], sort


@pytest.mark.parametrize(
    ("kind", "index"),
    [
        (RoundFilter.TODAY, "ix_visits_open_window"),
        (RoundFilter.UPCOMING, "ix_visits_open_window"),
        (RoundFilter.OVERDUE, "ix_visits_open_window"),
        (RoundFilter.DONE, "ix_visits_closed_window"),
        (RoundFilter.ALL, "ix_visits_listed_window"),
    ],
)
def test_filters_read_their_partial_index(day: Store, kind: RoundFilter, index: str) -> None:
    query = RoundQuery(now=NOW, filter=kind, sort=RoundSort.WINDOW)
    with day.read_session() as session:
        stmt = round_select(session, query).limit(10)
        compiled = stmt.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
        plan = " ".join(
            str(row[-1]) for row in session.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))
        )
    assert index in plan
    assert "TEMP B-TREE" not in plan  # the index gives the order: a page stops after its rows


def test_open_promises_lists_each_promise_with_its_visit(store: Store) -> None:
    builder = PageBuilder()
    builder.visit(visit("busy", at(9), customer_name="Ada Park", reference="HP-1"))
    builder.visit(visit("calm", at(10)))
    _apply(store, builder.page())
    with store.session() as session, session.begin():
        record_event(
            session, "busy", EventType.ARRIVED, {"greeting_done": True}, author=TECH, now=NOW
        )
        record_event(
            session,
            "busy",
            EventType.USER_BUSY,
            {"return_at": iso(NOW + timedelta(hours=2)), "agreed_with": "Ada"},
            author=TECH,
            now=NOW,
        )
    with store.read_session() as session:
        [promise] = open_promises(session)
    assert (promise.visit_id, promise.visit_reference, promise.customer_name) == (
        "busy",
        "HP-1",
        "Ada Park",
    )
    assert promise.promise.kind == "return_visit"
    assert promise.promise.due_at == NOW + timedelta(hours=2)


def test_a_busy_users_visit_is_overdue_only_once_the_agreed_return_has_passed(
    store: Store,
) -> None:
    _apply(store, PageBuilder().visit(visit("busy", at(8))).page())  # its window ended at 8:30
    back = at(14)
    with store.session() as session, session.begin():
        record_event(
            session, "busy", EventType.ARRIVED, MINIMAL[EventType.ARRIVED], author=TECH, now=at(8)
        )
        busy = {"return_at": iso(back), "agreed_with": "Priya"}
        record_event(session, "busy", EventType.USER_BUSY, busy, author=TECH, now=at(8.1))

    def overdue(now: datetime) -> list[str]:
        with store.read_session() as session:
            query = RoundQuery(now=now, filter=RoundFilter.OVERDUE)
            return [v.id for v in round_page(session, query, 0, 10)]

    with store.read_session() as session:
        [row] = round_page(session, RoundQuery(now=NOW, filter=RoundFilter.TODAY), 0, 10)
        counts = round_counts(session, NOW)
    assert row.return_at == back
    assert overdue(NOW) == []  # noon: the user expects the technician at two
    assert counts[RoundFilter.OVERDUE] == 0
    assert overdue(at(14.5)) == ["busy"]
    with store.session() as session, session.begin():
        record_event(
            session, "busy", EventType.ARRIVED, MINIMAL[EventType.ARRIVED], author=TECH, now=at(14)
        )
    with store.read_session() as session:
        [row] = round_page(session, RoundQuery(now=NOW, filter=RoundFilter.TODAY), 0, 10)
    assert row.return_at is None  # back at the desk: the promise is kept


def test_a_visit_closed_as_declined_is_done_not_overdue(store: Store) -> None:
    _apply(store, PageBuilder().visit(visit("no", at(8))).page())  # its window ended at 8:30
    declined = {"declined_by": "Priya", "next_step": "close"}
    with store.session() as session, session.begin():
        record_event(
            session, "no", EventType.ARRIVED, MINIMAL[EventType.ARRIVED], author=TECH, now=at(8)
        )
        record_event(
            session, "no", EventType.PERMISSION_DECLINED, declined, author=TECH, now=at(8.1)
        )

    assert ids(store, filter=RoundFilter.OVERDUE) == []
    assert ids(store, filter=RoundFilter.DONE) == ["no"]
    with store.read_session() as session:
        counts = round_counts(session, NOW)
    assert counts[RoundFilter.OVERDUE] == 0


def test_a_visit_resolved_remotely_is_done_not_overdue(store: Store) -> None:
    _apply(store, PageBuilder().visit(visit("far", at(8))).page())  # its window ended at 8:30
    remote = {"outcome": "resolved_remotely", "explanation": "Reset the VPN by phone."}
    with store.session() as session, session.begin():
        record_event(
            session, "far", EventType.CLOSED_WITHOUT_REPAIR, remote, author=TECH, now=at(7.5)
        )

    assert ids(store, filter=RoundFilter.OVERDUE) == []
    assert ids(store, filter=RoundFilter.DONE) == ["far"]
    with store.read_session() as session:
        counts = round_counts(session, NOW)
    assert counts[RoundFilter.OVERDUE] == 0
