"""An event recorded offline on a visit that was reassigned meanwhile: kept, then settled."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from fieldapp.domain import EventType
from fieldapp.protocol import ConflictResolution, Role
from fieldapp.server.admin import add_user
from fieldapp.server.conflicts import resolve_conflict
from fieldapp.server.models_supervision import Conflict
from fieldapp.server.security import Principal
from fieldapp.store.models import EventRow
from tests.sync.harness import Laptop, Server


def _rejected_as_reassigned(server: Server, laptop: Laptop) -> tuple[str, str]:
    other, _ = server.add_technician()
    visit_id = server.create_visit(laptop.username)
    laptop.engine.sync()
    event_id = laptop.record(visit_id, EventType.ARRIVED)
    server.reassign(visit_id, other)  # dispatch moved it while the laptop was offline
    summary = laptop.engine.sync()
    assert summary.rejected == 1
    with laptop.store.read_session() as session:
        row = session.get(EventRow, event_id)
        assert row is not None
        assert (row.sync_state, row.reject_code) == ("rejected", "visit_reassigned")
        assert other.title() in (row.reject_message or "") or other in (row.reject_message or "")
    return visit_id, event_id


def _decide(server: Server, resolution: ConflictResolution, note: str) -> None:
    with server.db() as session:
        boss = add_user(
            session, f"sup-{resolution.value}", "pw", Role.SUPERVISOR, "Sam Lee",
            passwords=server.app.state.passwords,
        )  # fmt: skip
        conflict_id = session.scalars(select(Conflict.id)).one()
        resolve_conflict(
            session,
            conflict_id,
            resolution=resolution,
            note=note,
            supervisor=Principal(boss.id, boss.username, boss.full_name, Role.SUPERVISOR),
            now=datetime.now(UTC),
        )


@pytest.mark.parametrize(
    ("resolution", "state", "code"),
    [
        (ConflictResolution.DISMISS, "rejected", "conflict_dismissed"),
        (ConflictResolution.ACCEPT, "synced", None),
    ],
)
def test_the_supervisors_decision_comes_down_on_the_next_sync(
    server: Server,
    laptop: Laptop,
    resolution: ConflictResolution,
    state: str,
    code: str | None,
) -> None:
    _, event_id = _rejected_as_reassigned(server, laptop)
    laptop.engine.sync()  # no decision yet: nothing changes
    with laptop.store.read_session() as session:
        assert session.get(EventRow, event_id).reject_code == "visit_reassigned"  # type: ignore[union-attr]

    _decide(server, resolution, "Jo already fixed it on Tuesday")
    laptop.engine.sync()
    with laptop.store.read_session() as session:
        row = session.get(EventRow, event_id)
        assert row is not None
        assert (row.sync_state, row.reject_code) == (state, code)
        if resolution is ConflictResolution.DISMISS:
            assert "dismissed it: Jo already fixed it on Tuesday." in (row.reject_message or "")
        else:
            assert row.server_seq is not None
            assert event_id in server.event_ids()


def test_work_recorded_offline_before_a_cancellation_is_kept_and_settled(
    server: Server, laptop: Laptop
) -> None:
    visit_id = server.create_visit(laptop.username)
    laptop.engine.sync()
    laptop.record(visit_id, EventType.ARRIVED)
    laptop.record(visit_id, EventType.PERMISSION_GRANTED)
    event_id = laptop.record(
        visit_id,
        EventType.DIAGNOSED,
        {
            "user_perspective": "Will not start",
            "source_category": "hardware",
            "findings": "Dead power supply",
            "borrowed_parts": ["PSU of desk 4.12"],
        },
    )
    server.cancel(visit_id, "Duplicate ticket.")  # while the laptop was offline

    summary = laptop.engine.sync()

    assert summary.rejected == 3
    with laptop.store.read_session() as session:
        row = session.get(EventRow, event_id)
        assert row is not None
        assert (row.sync_state, row.reject_code) == ("rejected", "visit_cancelled_kept")
        assert "kept for a supervisor to review" in (row.reject_message or "")
    with server.db() as session:
        kept = session.scalars(select(Conflict.event_id).where(Conflict.status == "open")).all()
    assert event_id in kept

    with server.db() as session:
        boss = add_user(
            session, "sup-cancel", "pw", Role.SUPERVISOR, "Sam Lee",
            passwords=server.app.state.passwords,
        )  # fmt: skip
        conflict_id = session.scalars(select(Conflict.id).where(Conflict.event_id == event_id))
        resolve_conflict(
            session,
            conflict_id.one(),
            resolution=ConflictResolution.DISMISS,
            note="Part collected on Friday",
            supervisor=Principal(boss.id, boss.username, boss.full_name, Role.SUPERVISOR),
            now=datetime.now(UTC),
        )
    laptop.engine.sync()
    with laptop.store.read_session() as session:
        row = session.get(EventRow, event_id)
        assert row is not None
        assert (row.sync_state, row.reject_code) == ("rejected", "conflict_dismissed")
        assert "dismissed it: Part collected on Friday." in (row.reject_message or "")
