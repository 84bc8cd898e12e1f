"""The team board: each technician's visits, statuses, counts, filters and last contact."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from fieldapp import protocol
from fieldapp.domain import EventType as E
from fieldapp.protocol import BoardStatus
from fieldapp.server.board import _counts, _in_range, read_board
from fieldapp.server.models import User
from fieldapp.server.paging import DateRange, PageParams
from tests.server.helpers import Client, Live, create_visit
from tests.server.supervision_kit import ev, iso, push_ok


def window(start: datetime, hours: float = 1) -> dict[str, str]:
    return {"window_start": iso(start), "window_end": iso(start + timedelta(hours=hours))}


def seed(live: Live) -> dict[str, Any]:
    now = datetime.now(UTC)
    supervisor = live.supervisor()
    a = live.technician()
    b_name = live.user("technician")  # never logged in
    soon, past = now + timedelta(hours=2), now - timedelta(hours=3)
    ids = {
        name: create_visit(supervisor, a.username, **window(start), **extra)
        for name, start, extra in [
            ("done", soon, {}),
            ("escalated", soon, {}),
            ("working", soon, {}),
            ("late", past, {}),
            ("late_working", past, {}),
            ("upcoming", soon + timedelta(minutes=30), {}),
            ("cancelled", soon, {}),
            ("annex", soon, {"site": "Annex"}),
        ]
    }
    t = now - timedelta(hours=1)
    arrive = [ev(ids[n], E.ARRIVED, t) for n in ("done", "escalated", "working", "late_working")]
    allow = [ev(ids[n], E.PERMISSION_GRANTED, t) for n in ("done", "escalated")]
    push_ok(a, *arrive, *allow, ev(ids["escalated"], E.ESCALATED, t))
    push_ok(a, ev(ids["done"], E.DIAGNOSED, t), ev(ids["done"], E.RESOLVED, t))
    push_ok(a, ev(ids["done"], E.SIGNED_OFF, t, satisfaction=5))
    supervisor.post(f"/visits/{ids['cancelled']}/cancel", json={"reason": "Not needed."})
    create_visit(supervisor, b_name, **window(soon))
    create_visit(supervisor, None, **window(soon))
    # A day either side: the seeded windows run up to 3.5 h ahead, past midnight late in the day.
    day = timedelta(days=1)
    when = {"date_from": str((now - day).date()), "date_to": str((now + day).date())}
    return {"supervisor": supervisor, "a": a, "b": b_name, "ids": ids, "range": when}


def by_name(page: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["technician"]: t for t in page["technicians"]}


def test_the_board_shows_each_technicians_day(fresh_live: Live) -> None:
    data = seed(fresh_live)
    supervisor: Client = data["supervisor"]
    ids: dict[str, str] = data["ids"]

    response = supervisor.get("/board", params=data["range"])

    assert response.status_code == 200
    page = protocol.BoardPage.model_validate(response.json())
    assert page.total == 2
    assert page.unassigned == 1
    board = by_name(response.json())
    a = board[data["a"].username]
    assert a["counts"] == {
        "total": 7,
        "upcoming": 2,
        "in_progress": 1,
        "completed": 1,
        "escalated": 1,
        "declined": 0,
        "no_repair": 0,
        "overdue": 2,
    }
    status = {v["id"]: v["status"] for v in a["visits"]}
    assert status == {
        ids["done"]: "completed",
        ids["escalated"]: "escalated",
        ids["working"]: "in_progress",
        ids["late"]: "overdue",
        ids["late_working"]: "overdue",
        ids["upcoming"]: "upcoming",
        ids["annex"]: "upcoming",
    }
    step = {v["id"]: v["step"] for v in a["visits"]}
    assert (step[ids["done"]], step[ids["working"]], step[ids["late"]]) == (
        "completed",
        "arrived",
        "scheduled",
    )
    starts = [v["window_start"] for v in a["visits"]]
    assert starts == sorted(starts)
    assert a["last_contact_at"] is not None
    assert a["visits"][0]["reference"].startswith("REF-")
    b = board[data["b"]]
    assert b["last_contact_at"] is None
    assert b["counts"]["upcoming"] == 1


def test_filters_narrow_the_listed_visits(fresh_live: Live) -> None:
    data = seed(fresh_live)
    supervisor: Client = data["supervisor"]
    ids: dict[str, str] = data["ids"]
    me = data["a"].username

    def visits(**params: Any) -> tuple[list[str], dict[str, int]]:
        page = supervisor.get("/board", params={**data["range"], **params}).json()
        mine = by_name(page).get(me)
        assert mine is not None
        return [v["id"] for v in mine["visits"]], mine["counts"]

    overdue, counts = visits(status="overdue")
    done_or_escalated, _ = visits(status=["completed", "escalated"])
    cancelled, _ = visits(status="cancelled")
    annex, annex_counts = visits(site="Annex")
    only_a = supervisor.get("/board", params={**data["range"], "technician": me}).json()
    one = supervisor.get("/board", params={**data["range"], "limit": 1, "offset": 1}).json()
    tomorrow_only = supervisor.get(
        "/board", params={"date_from": data["range"]["date_to"], "date_to": "2099-01-01"}
    )

    assert sorted(overdue) == sorted([ids["late"], ids["late_working"]])
    assert counts["total"] == 7  # the counts ignore the status filter
    assert sorted(done_or_escalated) == sorted([ids["done"], ids["escalated"]])
    assert cancelled == [ids["cancelled"]]
    assert annex == [ids["annex"]]
    assert annex_counts["total"] == 1
    assert [t["technician"] for t in only_a["technicians"]] == [me]
    assert (one["total"], len(one["technicians"])) == (2, 1)
    assert tomorrow_only.status_code == 422  # more than a year


def test_the_timeline_pages_with_authors_names(live: Live) -> None:
    supervisor, tech = live.supervisor(), live.technician()
    visit_id = create_visit(supervisor, tech.username)
    t = datetime(2030, 3, 11, 9, tzinfo=UTC)
    push_ok(tech, *(ev(visit_id, E.NOTE, t + timedelta(minutes=i), text=f"n{i}") for i in range(3)))

    first = supervisor.get(f"/visits/{visit_id}/timeline", params={"limit": 2}).json()
    rest = supervisor.get(f"/visits/{visit_id}/timeline", params={"offset": 2}).json()
    missing = supervisor.get("/visits/no-such-visit/timeline")

    assert first["total"] == 3
    assert [e["payload"]["text"] for e in first["entries"] + rest["entries"]] == ["n0", "n1", "n2"]
    assert {e["author_name"] for e in first["entries"]} == {f"Technician {tech.username}"}
    assert first["visit"]["id"] == visit_id
    assert missing.status_code == 404
    assert supervisor.get(f"/visits/{visit_id}/service-report").status_code == 404


def test_technicians_lists_the_active_ones_by_name_with_last_contact(fresh_live: Live) -> None:
    supervisor = fresh_live.supervisor()
    seen = fresh_live.technician()  # logged in: has a last contact
    never = fresh_live.user("technician")
    gone = fresh_live.user("technician")
    with fresh_live.db() as session:
        session.execute(update(User).where(User.username == gone).values(active=False))
    seen.changes()

    page = supervisor.get("/technicians").json()
    second = supervisor.get("/technicians", params={"offset": 1, "limit": 1}).json()

    listed = protocol.TechnicianPage.model_validate(page)
    names = [t.username for t in listed.technicians]
    assert sorted(names) == sorted([seen.username, never])  # no supervisor, no inactive one
    assert names == sorted(names, key=lambda n: (f"Technician {n}", n))
    contact = {t.username: t.last_contact_at for t in listed.technicians}
    assert contact[seen.username] is not None
    assert contact[never] is None
    assert listed.total == 2
    assert [t["username"] for t in second["technicians"]] == names[1:]


def test_a_busy_users_visit_is_in_progress_until_the_agreed_return(fresh_live: Live) -> None:
    supervisor, tech = fresh_live.supervisor(), fresh_live.technician()
    now = datetime.now(UTC)
    started = now - timedelta(hours=3)  # the windows ended two hours ago
    waiting = create_visit(supervisor, tech.username, **window(started))
    missed = create_visit(supervisor, tech.username, **window(started))
    t = started + timedelta(minutes=10)
    back_later, back_earlier = now + timedelta(hours=1), now - timedelta(minutes=30)
    for visit_id, back in ((waiting, back_later), (missed, back_earlier)):
        push_ok(
            tech,
            ev(visit_id, E.ARRIVED, t),
            ev(visit_id, E.USER_BUSY, t, return_at=iso(back), agreed_with="Priya"),
        )
    day = timedelta(days=1)
    when = {"date_from": str((now - day).date()), "date_to": str((now + day).date())}

    page = supervisor.get("/board", params=when).json()

    visits = {v["id"]: v for v in by_name(page)[tech.username]["visits"]}
    assert (visits[waiting]["status"], visits[waiting]["step"]) == (
        "in_progress",
        "awaiting_return",
    )
    assert datetime.fromisoformat(visits[waiting]["return_at"]) == back_later
    assert visits[missed]["status"] == "overdue"  # the agreed time passed too
    assert by_name(page)[tech.username]["counts"]["in_progress"] == 1
    push_ok(tech, ev(waiting, E.ARRIVED, now))  # back: the promise is kept
    again = by_name(supervisor.get("/board", params=when).json())[tech.username]
    came_back = next(v for v in again["visits"] if v["id"] == waiting)
    assert (came_back["status"], came_back["return_at"]) == ("overdue", None)


def test_the_answer_is_the_boardpage_and_the_listed_visits_give_the_grouped_counts(
    fresh_live: Live,
) -> None:
    """The board is written from rows, not models: it is BoardPage's own JSON, byte for byte,
    and the counts taken from the visits listed equal the counts grouped in SQL."""
    data = seed(fresh_live)
    supervisor: Client = data["supervisor"]
    tech = data["a"]
    now = datetime.now(UTC)
    past = now - timedelta(hours=3)
    odd = create_visit(
        supervisor,
        tech.username,
        **window(past + timedelta(microseconds=250)),
        customer_name='Zoë "Ü" \t\u2028 =1+1',
        vip=True,
    )
    t = past + timedelta(minutes=10)
    push_ok(
        tech,
        ev(odd, E.ARRIVED, t),
        ev(odd, E.USER_BUSY, t, return_at=iso(now + timedelta(hours=1)), agreed_with="Priya"),
    )
    day = timedelta(days=1)
    when = DateRange((now - day).date(), (now + day).date())
    page = PageParams(0, 100)

    with fresh_live.db() as session:
        answers = {
            name: read_board(session, when=when, page=page, now=now, statuses=statuses)
            for name, statuses in (
                ("default", ()),
                ("every status", list(BoardStatus)),
                ("overdue", [BoardStatus.OVERDUE]),
            )
        }
        ids = [
            session.scalar(select(User.id).where(User.username == name))
            for name in (tech.username, data["b"])
        ]
        grouped = _counts(session, [i for i in ids if i is not None], _in_range(when, None), now)

    for answer in answers.values():
        assert answer == protocol.BoardPage.model_validate_json(answer).model_dump_json().encode()
    boards = {name: by_name(json.loads(answer)) for name, answer in answers.items()}
    wanted = {i: c.model_dump() for i, c in grouped.items()}
    for board in boards.values():
        assert [board[tech.username]["counts"], board[data["b"]]["counts"]] == list(wanted.values())
    listed = {
        name: [v["id"] for v in board[tech.username]["visits"]] for name, board in boards.items()
    }
    assert data["ids"]["cancelled"] not in listed["default"]
    assert set(listed["every status"]) == {*listed["default"], data["ids"]["cancelled"]}
    mine = next(v for v in boards["default"][tech.username]["visits"] if v["id"] == odd)
    assert (mine["status"], mine["vip"], mine["customer_name"]) == (
        "in_progress",
        True,
        'Zoë "Ü" \t\u2028 =1+1',
    )
