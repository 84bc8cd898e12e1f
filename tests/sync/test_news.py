"""The facts a sync gathers for telling the technician what changed (SyncSummary.news):
visits gone with the server's words, new ones, changed ones; none on a first download."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from fieldapp.domain import EventType
from fieldapp.protocol import VisitUpdate
from fieldapp.server.dispatch import update_visit
from tests.sync.harness import Server, laptop_for, running_server


def _tell(server: Server, visit_id: str, assignee: str | None, by: str) -> None:
    with server.db() as session:
        update_visit(session, visit_id, VisitUpdate(assignee=assignee), datetime.now(UTC), by=by)


def test_news_names_who_took_a_visit_and_what_came(tmp_path: Path) -> None:
    with running_server(tmp_path / "server") as server:
        kyra, password = server.add_technician("kyra")
        server.add_technician("tony")
        reassigned, unassigned, worked, moved = (server.create_visit(kyra) for _ in range(4))
        with laptop_for(server.base_url, tmp_path / "kyra.sqlite3", kyra, password) as lap:
            first = lap.engine.sync()
            assert first.pulled > 0
            assert not first.news  # the whole round arrived: nothing to tell

            lap.record(worked, EventType.ARRIVED)  # unsent work where the visit goes
            _tell(server, reassigned, "tony", "Sam Lee")
            _tell(server, unassigned, None, "Sam Lee")
            _tell(server, worked, "tony", "Sam Lee")
            server.reschedule(moved, datetime.now(UTC) + timedelta(days=1))
            arrived = server.create_visit(kyra)
            news = lap.engine.sync().news

    gone = {g.visit_id: g for g in news.gone}
    assert set(gone) == {reassigned, unassigned, worked}
    assert [g.visit_id for g in news.gone if g.kept] == [worked]  # its unsent work stays here
    assert gone[reassigned].reason == "reassigned"
    assert gone[reassigned].message == "Now with Tony, reassigned by Sam Lee."
    assert gone[reassigned].reference.startswith("INC-")
    assert gone[reassigned].customer.startswith("Customer ")
    assert gone[unassigned].message == "Sam Lee took this visit off your list."
    assert [a.visit_id for a in news.arrived] == [arrived]
    assert news.changed == 1  # the rescheduled one
