"""The derived tables: what pushes leave equals a rebuild from the events; the migration
that introduced them fills them from the data already there."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Connection, select, text

from fieldapp.server.app import create_app
from fieldapp.server.db import make_engine
from fieldapp.server.migrate import upgrade_database
from fieldapp.server.models import Assignment
from fieldapp.server.models_facts import VisitFacts
from fieldapp.server.models_supervision import FollowUpItem
from tests.server.helpers import Live, cheap_settings
from tests.server.supervision_kit import empty_derived_tables, rebuild_from_events, snapshot
from tests.server.test_supervisor_metrics import seed
from tests.support.servers import running_uvicorn

ROOT = Path(__file__).resolve().parents[2]


def test_a_rebuild_from_the_events_gives_what_the_pushes_left(fresh_live: Live) -> None:
    seed(fresh_live)
    pushed = snapshot(fresh_live)
    rebuilt_visits = rebuild_from_events(fresh_live, batch=3)

    assert rebuilt_visits == len(pushed["visit_facts"])
    assert snapshot(fresh_live) == pushed
    assert len(pushed["promises"]) == 4
    assert sorted(f["satisfaction"] for f in pushed["follow_ups"]) == [1, 2]


_OLD_EVENTS = [
    ("arrived", {"greeting_done": True}),
    ("permission_granted", {"granted_by": "K", "explanation": "x", "expected_minutes": 5}),
    ("diagnosed", {"user_perspective": "x", "source_category": "network", "findings": "x"}),
    ("resolved", {"explanation": "x", "demonstrated": True, "user_confirmed": True}),
    ("signed_off", {"summary": "x", "satisfaction": 1}),
]
_T = "2030-03-11 09:00:00+00:00"


def _insert_old_data(connection: Connection) -> None:
    """A technician, a visit and its events, written as revision 0001 stored them."""
    connection.execute(
        text(
            "INSERT INTO users (id, username, full_name, role, password_hash, active, "
            "created_at) VALUES (7, 'kyra', 'Kyra', 'technician', 'x', true, :t)"
        ),
        {"t": _T},
    )
    connection.execute(
        text(
            "INSERT INTO visits (id, reference, customer_name, contact_phone, "
            "contact_email, contact_extension, site, building, floor, room, "
            "window_start, window_end, estimated_minutes, priority, category, problem, "
            "already_tried, business_impact, skill_level, incident_ref, "
            "incident_summary, coordinator, backup_technician, assignee_id, status, "
            "created_at, updated_at) VALUES ('v1', 'INC-1', 'Priya', '', '', '', '', "
            "'', '', '', :t, :t, 30, 'normal', '', '', '', '', '', '', '', '', '', 7, "
            "'scheduled', :t, :t)"
        ),
        {"t": _T},
    )
    for seq, (kind, payload) in enumerate(_OLD_EVENTS, start=1):
        connection.execute(
            text(
                "INSERT INTO events (id, visit_id, type, occurred_at, payload, author, "
                "server_seq, received_at) VALUES (:id, 'v1', :type, :t, :payload, "
                "'kyra', :seq, :t)"
            ),
            {"id": f"e{seq}", "type": kind, "t": _T, "payload": json.dumps(payload), "seq": seq},
        )


def _insert_stale_facts(connection: Connection) -> None:
    """Facts for visit v1 as an older revision left them, which the migration must recompute."""
    connection.execute(
        text(
            "INSERT INTO visit_facts (visit_id, step, confirmed_in_advance, arrivals, "
            "permission_recorded, demonstrated, demonstration_impossible, "
            "first_visit_resolution, event_count, last_event_received_at) VALUES "
            "('v1', 'stale', false, 0, false, false, false, false, 0, :t)"
        ),
        {"t": _T},
    )


def test_the_migration_fills_the_new_tables_from_existing_data(database_url: str) -> None:
    upgrade_database(database_url, "0001")
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            _insert_old_data(connection)
        upgrade_database(database_url)
        with engine.connect() as connection:
            row = connection.execute(select(VisitFacts.step, VisitFacts.satisfaction)).one()
            follow_up = connection.execute(select(FollowUpItem.technician_id)).one()
            assigned = connection.execute(select(Assignment.technician_id)).one()
    finally:
        engine.dispose()

    assert tuple(row) == ("completed", 1)
    assert follow_up[0] == 7
    assert assigned[0] == 7


def test_the_desk_outcomes_migration_keeps_and_recomputes_existing_facts(
    database_url: str,
) -> None:
    """A database past the old 0002 (its facts already filled) gains the desk-outcome flags,
    all false for the events it holds, and its facts are recomputed once, not duplicated."""
    upgrade_database(database_url, "0004")
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            _insert_old_data(connection)
            _insert_stale_facts(connection)
        upgrade_database(database_url)
        with engine.connect() as connection:
            rows = connection.execute(
                select(
                    VisitFacts.step,
                    VisitFacts.first_visit_resolution,
                    VisitFacts.declined_by_user,
                    VisitFacts.closed_declined,
                    VisitFacts.absent_note_left,
                    VisitFacts.absent_user_returned,
                    VisitFacts.no_repair_outcome,
                )
            ).all()
            follow_ups = connection.execute(select(FollowUpItem.technician_id)).all()
    finally:
        engine.dispose()

    assert [tuple(r) for r in rows] == [("completed", True, False, False, False, False, None)]
    assert [tuple(f) for f in follow_ups] == [(7,)]


def test_the_admin_command_rebuilds_the_derived_tables(tmp_path: Path) -> None:
    app = create_app(cheap_settings(tmp_path, ""))
    with running_uvicorn(app) as base_url:
        live = Live(base_url, app, app.state.settings)
        seed(live)
        pushed = snapshot(live)
        empty_derived_tables(live)
        live.close_clients()
    app.state.engine.dispose()

    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "admin", "--data-dir", str(tmp_path),
         "rebuild-facts"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        f"Facts, promises and follow-ups recomputed for {len(pushed['visit_facts'])} visits."
    )
    again = create_app(cheap_settings(tmp_path, ""))
    try:
        assert snapshot(Live("", again, again.state.settings)) == pushed
    finally:
        again.state.engine.dispose()


_AUDITED_EVENTS = [
    ("arrived", {"greeting_done": False, "late_notice_given": True}),
    ("permission_granted", {"granted_by": "K", "explanation": "x", "expected_minutes": 5}),
    ("diagnosed", {"user_perspective": "x", "source_category": "network", "findings": "x"}),
    ("diagnosed", {"user_perspective": "x", "source_category": "hardware", "findings": "x"}),
    ("resolved", {"explanation": "x", "demonstrated": True, "user_confirmed": True}),
    ("taught", {"topic": "Restart the dock first."}),
    ("note", {"text": "Phone", "category": "out_of_scope", "answer_given": "Not ours."}),
]


def test_the_care_audit_migration_fills_its_columns_from_the_stored_events(
    database_url: str,
) -> None:
    """A database at 0006 (facts filled before the care audit's columns existed) gains them,
    computed from the events it holds, one row per visit."""
    upgrade_database(database_url, "0006")
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            _insert_old_data(connection)
            connection.execute(text("DELETE FROM events"))
            for seq, (kind, payload) in enumerate(_AUDITED_EVENTS, start=1):
                connection.execute(
                    text(
                        "INSERT INTO events (id, visit_id, type, occurred_at, payload, author, "
                        "server_seq, received_at) VALUES (:id, 'v1', :type, :t, :payload, "
                        "'kyra', :seq, :t)"
                    ),
                    {"id": f"a{seq}", "type": kind, "t": _T, "payload": json.dumps(payload),
                     "seq": seq},
                )  # fmt: skip
            _insert_stale_facts(connection)
        upgrade_database(database_url)
        with engine.connect() as connection:
            rows = connection.execute(
                select(
                    VisitFacts.arrivals,
                    VisitFacts.arrivals_greeted,
                    VisitFacts.late_arrivals,
                    VisitFacts.late_arrivals_told,
                    VisitFacts.source_category,
                    VisitFacts.taught,
                    VisitFacts.teaching_declined,
                    VisitFacts.out_of_scope_requests,
                )
            ).all()
    finally:
        engine.dispose()

    assert [tuple(r) for r in rows] == [(1, 0, 1, 1, "hardware", True, False, 1)]
