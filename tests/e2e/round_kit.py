"""Shared pieces of the end-to-end round tests: the CLI, a laptop recording offline, and a
server with a technician, a supervisor and three visits for 2026-11-26."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from tests.support.servers import ServerProcess, free_port, server_process

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"
# The day of the imported visits, as the supervisor's metrics and board ask for it.
DAY_QUERY = "date_from=2026-11-26&date_to=2026-11-26"
ARRIVED: tuple[str, dict[str, object]] = ("arrived", {"greeting_done": True})


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
    author = sys.argv[4]
    paths = resolve_paths(data_dir).ensure()
    store = open_private_store(paths, TokenStore())  # its key is in the keyring
    for kind, payload, *when in steps:  # a step may name its laptop time
        with store.session() as session, session.begin():
            now = datetime.fromisoformat(when[0]) if when else datetime.now(timezone.utc)
            if kind == "signature":
                event = add_attachment(
                    session, store.files, visit_id, b"<svg>signature strokes</svg>",
                    filename="signature.svg", media_type="image/svg+xml",
                    kind="signature", author=author, now=now,
                )
            else:
                event = record_event(session, visit_id, kind, payload, author=author, now=now)
        print(event.id, event.payload.get("sha256", ""), flush=True)
    store.dispose()
    """
)


Step = tuple[str, dict[str, object]] | tuple[str, dict[str, object], str]


def record_offline(
    data_dir: Path, visit_id: str, steps: Sequence[Step], *, author: str = "kyra"
) -> list[str]:
    """Run one short-lived 'laptop process' that records `steps` (kind, payload and, if
    given, the laptop time in ISO 8601; else now) as `author`, the laptop's technician;
    return their event ids."""
    script_args = [str(data_dir), visit_id, json.dumps(steps), author]
    result = subprocess.run(
        [sys.executable, "-c", LAPTOP_SCRIPT, *script_args],
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


def supervisor_headers(base_url: str) -> dict[str, str]:
    """Log in as the supervisor sam; return the headers that carry his token."""
    login = requests.post(
        f"{base_url}/api/v1/auth/login", json={"username": "sam", "password": PASSWORD}, timeout=10
    )
    login.raise_for_status()
    return {"Authorization": f"Bearer {login.json()['token']}"}


def supervisor_get(base_url: str, path: str) -> object:
    answer = requests.get(
        f"{base_url}/api/v1{path}", headers=supervisor_headers(base_url), timeout=10
    )
    answer.raise_for_status()
    return answer.json()


def supervisor_day(base_url: str, page: str) -> dict[str, Any]:
    """What the supervisor reads on `page` (metrics, board, ...) for the visits' day."""
    answer = supervisor_get(base_url, f"/{page}?{DAY_QUERY}")
    assert isinstance(answer, dict)
    return answer


@dataclass(frozen=True)
class Round:
    """A server with a technician (kyra) and a supervisor (sam), and a laptop synced once."""

    server_args: list[str]
    port: int
    laptop_dir: Path
    sync_args: tuple[str, ...]
    first_sync: str  # what the first sync, the one that logs kyra in, said
    ids: dict[str, str]  # visit id by reference, INC-1000 to INC-1002

    def serve(self) -> AbstractContextManager[ServerProcess]:
        """Run the round's server again, on the same data and port, until the block ends."""
        return server_process(self.server_args, self.port)


def start_round(tmp_path: Path) -> Round:
    """Add kyra and sam, import today's three visits for kyra, and sync them to her laptop."""
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
        listing = supervisor_get(server.base_url, "/visits?limit=10")
    assert isinstance(listing, dict)
    ids = {v["reference"]: v["id"] for v in listing["visits"]}
    return Round(server_args, port, laptop_dir, sync_args, output, ids)


def add_technician(round_: Round, username: str, full_name: str) -> tuple[Path, tuple[str, ...]]:
    """Add a second technician to the round's server and sync their own laptop once (they
    log in there); return that laptop's folder and its sync arguments."""
    admin = ("admin", *round_.server_args)
    run_cli(*admin, "add-user", username, "--role", "technician", "--full-name", full_name,
            "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    laptop_dir = round_.laptop_dir.with_name(f"laptop-{username}")
    url = f"http://127.0.0.1:{round_.port}"
    sync_args = ("sync", "--data-dir", str(laptop_dir), "--server-url", url)
    with round_.serve():
        run_cli(*sync_args, "--username", username, "--password-stdin",
                stdin=PASSWORD + "\n")  # fmt: skip
    return laptop_dir, sync_args
