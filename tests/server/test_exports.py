"""The visits export writes each cell as the generic cell writer (exports._cell) would."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fieldapp.domain import EventType as E
from fieldapp.server import exports
from fieldapp.server.paging import DateRange
from tests.server.helpers import Live, create_visit
from tests.server.supervision_kit import ev, iso, push_ok


def _by_cell(row: Any) -> list[Any]:
    """A row as the export wrote it before its cells were written by column kind: every
    value through _cell, instants as aware UTC datetimes."""
    values = list(row)
    for at in (7, 8, 18, 19, 22):
        raw = values[at]
        if raw is not None:
            value = datetime.fromisoformat(raw) if isinstance(raw, str) else raw
            values[at] = (
                value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
            )
    values[12] = values[12] or "scheduled"
    return values


def test_the_visits_export_writes_each_cell_as_the_cell_writer_would(fresh_live: Live) -> None:
    supervisor, tech = fresh_live.supervisor(), fresh_live.technician()
    now = datetime.now(UTC)
    start = now - timedelta(hours=5)

    def visit(assignee: str | None, offset: timedelta, **fields: Any) -> str:
        begins = start + offset
        return create_visit(
            supervisor,
            assignee,
            window_start=iso(begins),
            window_end=iso(begins + timedelta(hours=1)),
            **fields,
        )

    done = visit(tech.username, timedelta(0), customer_name="=SUM(A1)", site="+Annex")
    escalated = visit(tech.username, timedelta(microseconds=1500), building="-1", room="@desk")
    visit(tech.username, timedelta(hours=1), floor="\tthree", vip=True)
    cancelled = visit(tech.username, timedelta(hours=2), customer_name='Zoë "Ü", ünïcode')
    visit(None, timedelta(hours=3))
    t = start + timedelta(minutes=10)
    push_ok(tech, *(ev(v, E.ARRIVED, t) for v in (done, escalated)))
    push_ok(tech, *(ev(v, E.PERMISSION_GRANTED, t) for v in (done, escalated)))
    push_ok(tech, ev(escalated, E.ESCALATED, t))
    push_ok(tech, ev(done, E.DIAGNOSED, t), ev(done, E.RESOLVED, t))
    push_ok(tech, ev(done, E.SIGNED_OFF, t + timedelta(minutes=3), satisfaction=4))
    supervisor.post(f"/visits/{cancelled}/cancel", json={"reason": "Not needed."})
    day = timedelta(days=1)
    when = DateRange((now - day).date(), (now + day).date())
    sessions = fresh_live.app.state.sessionmaker

    written = "".join(exports.visits_csv(sessions, when, None, now))
    with sessions() as session, session.begin():
        rows = session.execute(exports.visits_query(when, None, now)).all()

    assert len(rows) == 5
    assert written == exports._lines([exports.VISIT_COLUMNS, *map(_by_cell, rows)])
    assert {"'=SUM(A1)", "'+Annex", "'-1", "'@desk", "'\tthree", "yes"} <= {
        cell for line in written.split("\r\n") for cell in line.split(",")
    }
