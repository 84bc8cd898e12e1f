"""End to end with real processes: dispatch, sync, work offline across a restart, sync back."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from fieldapp.domain import Event, EventType, Step, derive_state
from tests.e2e.round_kit import record_offline, run_cli, start_round, supervisor_get


@pytest.mark.slow
def test_full_visit_offline_across_a_restart_arrives_once(tmp_path: Path) -> None:
    round_ = start_round(tmp_path)
    assert "pulled" in round_.first_sync
    laptop_dir, sync_args = round_.laptop_dir, round_.sync_args
    visit_id = round_.ids["INC-1000"]

    # The server is down: the technician works the visit, and the laptop restarts half-way.
    first = record_offline(laptop_dir, visit_id, [
        ("confirmed", {"channel": "phone", "message": "Kyra comes at 8:00 for 45 minutes"}),
        ("arrived", {"greeting_done": True}),
        ("permission_granted", {"granted_by": "Ada Park", "explanation": "Check the driver",
                                "expected_minutes": 20}),
        ("diagnosed", {"user_perspective": "Blank pages", "source_category": "software",
                       "findings": "Corrupt driver"}),
    ])  # fmt: skip
    second = record_offline(laptop_dir, visit_id, [
        ("resolved", {"explanation": "Reinstalled the driver", "demonstrated": True,
                      "user_confirmed": True}),
        ("taught", {"topic": "How to clear the print queue"}),
        ("anything_else", {"answer": False}),
        ("signature", {}),
    ])  # fmt: skip
    signature_sha = hashlib.sha256(b"<svg>signature strokes</svg>").hexdigest()
    third = record_offline(laptop_dir, visit_id, [
        ("signed_off", {"summary": "Printer works again", "satisfaction": 5,
                        "signature_sha256": signature_sha}),
    ])  # fmt: skip
    recorded = first + second + third

    with round_.serve() as server:
        output = run_cli(*sync_args)  # the token comes from the keyring this time
        assert "pushed 9" in output
        again = run_cli(*sync_args)
        assert "pushed 0" in again
        events = supervisor_get(server.base_url, f"/visits/{visit_id}/events")
    assert isinstance(events, list)
    counts = Counter(e["id"] for e in events)
    assert sorted(counts) == sorted(recorded)
    assert set(counts.values()) == {1}
    state = derive_state(
        Event(
            e["id"],
            visit_id,
            EventType(e["type"]),
            datetime.fromisoformat(e["occurred_at"]),
            e["payload"],
        )
        for e in sorted(events, key=lambda e: e["server_seq"])
    )
    assert state.step is Step.COMPLETED
