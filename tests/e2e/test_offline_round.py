"""End to end with real processes: dispatch, sync, work offline across a restart, sync back."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
import requests

from fieldapp.domain import Event, EventType, Step, derive_state
from tests.support.servers import free_port, server_process

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"


def run_cli(*args: str, stdin: str | None = None, timeout: float = 120) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


LAPTOP_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from datetime import datetime, timezone
    from fieldapp.paths import resolve_paths
    from fieldapp.store.recording import add_attachment, record_event
    from fieldapp.sync import TokenStore
    from fieldapp.sync.vault import open_private_store

    data_dir, visit_id, steps = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    paths = resolve_paths(data_dir).ensure()
    store = open_private_store(paths, TokenStore())  # its key is in the keyring
    for kind, payload in steps:
        with store.session() as session, session.begin():
            now = datetime.now(timezone.utc)
            if kind == "signature":
                event = add_attachment(
                    session, store.files, visit_id, b"<svg>signature strokes</svg>",
                    filename="signature.svg", media_type="image/svg+xml",
                    kind="signature", author="kyra", now=now,
                )
            else:
                event = record_event(session, visit_id, kind, payload, author="kyra", now=now)
        print(event.id, event.payload.get("sha256", ""), flush=True)
    store.dispose()
    """
)


def record_offline(
    data_dir: Path, visit_id: str, steps: list[tuple[str, dict[str, object]]]
) -> list[str]:
    """Run one short-lived 'laptop process' that records `steps`; return their event ids."""
    result = subprocess.run(
        [sys.executable, "-c", LAPTOP_SCRIPT, str(data_dir), visit_id, json.dumps(steps)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return [line.split()[0] for line in result.stdout.splitlines()]


def visits_file(tmp_path: Path) -> Path:
    visits = [
        {
            "reference": f"INC-{1000 + n}",
            "customer_name": name,
            "building": "North",
            "floor": str(n + 1),
            "room": f"Desk {n + 10}",
            "window_start": f"2026-11-26T{8 + n:02d}:00:00+00:00",
            "window_end": f"2026-11-26T{8 + n:02d}:45:00+00:00",
            "problem": problem,
            "assignee": "kyra",
        }
        for n, (name, problem) in enumerate(
            [
                ("Ada Park", "Printer prints blank pages"),
                ("Ben Ode", "VPN drops every ten minutes"),
                ("Cleo Ray", "Outlook asks for the password again and again"),
            ]
        )
    ]
    path = tmp_path / "visits.json"
    path.write_text(json.dumps(visits))
    return path


def supervisor_get(base_url: str, path: str) -> object:
    login = requests.post(
        f"{base_url}/api/v1/auth/login", json={"username": "sam", "password": PASSWORD}, timeout=10
    )
    login.raise_for_status()
    headers = {"Authorization": f"Bearer {login.json()['token']}"}
    answer = requests.get(f"{base_url}/api/v1{path}", headers=headers, timeout=10)
    answer.raise_for_status()
    return answer.json()


@pytest.mark.slow
def test_full_visit_offline_across_a_restart_arrives_once(tmp_path: Path) -> None:
    server_dir = tmp_path / "server"
    laptop_dir = tmp_path / "laptop"
    admin = ("admin", "--data-dir", str(server_dir))
    run_cli(*admin, "add-user", "kyra", "--role", "technician", "--full-name", "Kyra Jones",
            "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    run_cli(*admin, "add-user", "sam", "--role", "supervisor", "--full-name", "Sam Lee",
            "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    assert "3 visits imported" in run_cli(*admin, "import-visits", str(visits_file(tmp_path)))

    port = free_port()
    server_args = ["--data-dir", str(server_dir)]
    sync_args = ("sync", "--data-dir", str(laptop_dir), "--server-url", f"http://127.0.0.1:{port}")
    with server_process(server_args, port) as server:
        output = run_cli(*sync_args, "--username", "kyra", "--password-stdin",
                         stdin=PASSWORD + "\n")  # fmt: skip
        assert "pulled" in output
        listing = supervisor_get(server.base_url, "/visits?limit=10")
    assert isinstance(listing, dict)
    visit_id = next(v["id"] for v in listing["visits"] if v["reference"] == "INC-1000")

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

    with server_process(server_args, port) as server:
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
