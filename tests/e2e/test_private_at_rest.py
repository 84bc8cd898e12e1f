"""A copied disk gives nothing away: after a realistic offline day, no byte of the data
directory, the temp folder or the logs holds a customer's name, a problem, a note, a draft,
a file's content, the password or the token (in UTF-8 or UTF-16)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import requests

from fieldapp.paths import resolve_paths
from fieldapp.sync import TokenStore
from tests.support.servers import free_port, server_process

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Tr0ub4dor&3-zanzibar"
CUSTOMER = "Perpetua Ignatowicz-Fairweather"
PROBLEM = "Ransom note on the Ignatowicz accounts share"
NOTE = "Backup tapes kept in the Fairweather safe, code on a sticky note"
DRAFT = "Half-typed findings: the laptop of Zyxwvut"
PROMISE = "Call Perpetua about the Quokkaville backup"
SIGNATURE = b"<svg><path d='M 1 1 L 9 9'/>Quillfeather signature</svg>"
PHOTO = b"\xff\xd8\xff\xe0 JPEG of the Xylophonica ransom note"

DAY_SCRIPT = textwrap.dedent(
    """
    import hashlib, json, logging, sys
    from datetime import datetime, timedelta, timezone
    from fieldapp.paths import resolve_paths
    from fieldapp.store.drafts import save_draft
    from fieldapp.store.housekeeping import sweep_attachments
    from fieldapp.store.recording import add_attachment, record_event
    from fieldapp.sync import TokenStore
    from fieldapp.sync.vault import open_private_store

    data_dir, log_file, visit_id = sys.argv[1:4]
    words = json.loads(sys.argv[4])
    logging.basicConfig(filename=log_file, level=logging.DEBUG)
    paths = resolve_paths(data_dir).ensure()
    store = open_private_store(paths, TokenStore())
    now = datetime.now(timezone.utc)
    signature, photo = bytes.fromhex(words["signature"]), bytes.fromhex(words["photo"])
    steps = [
        ("confirmed", {"channel": "phone", "message": "Coming at 8:00",
                       "confirmed_with": words["customer"]}),
        ("arrived", {"greeting_done": True}),
        ("permission_granted", {"granted_by": words["customer"], "explanation": words["problem"],
                                "expected_minutes": 20}),
        ("note", {"text": words["note"]}),
        ("promise_made", {"promise_id": "p-1", "kind": "call_back",
                          "due_at": (now + timedelta(days=1)).isoformat(),
                          "description": words["promise"]}),
        ("diagnosed", {"user_perspective": words["problem"], "source_category": "software",
                       "findings": words["note"]}),
        ("resolved", {"explanation": words["note"], "demonstrated": True, "user_confirmed": True}),
        ("taught", {"topic": "Backups"}),
        ("anything_else", {"answer": False}),
    ]
    for kind, payload in steps:
        with store.session() as session, session.begin():
            record_event(session, visit_id, kind, payload, author="kyra", now=now)
    with store.session() as session, session.begin():
        add_attachment(session, store.files, visit_id, photo, filename="ransom.jpg",
                       media_type="image/jpeg", kind="photo", author="kyra", now=now)
        add_attachment(session, store.files, visit_id, signature, filename="signature.svg",
                       media_type="image/svg+xml", kind="signature", author="kyra", now=now)
        record_event(session, visit_id, "signed_off", {
            "summary": words["note"], "satisfaction": 5,
            "signature_sha256": hashlib.sha256(signature).hexdigest()}, author="kyra", now=now)
        save_draft(session, visit_id, "notes", {"text": words["draft"]}, now)
    sweep_attachments(store)
    store.dispose()
    """
)


def run(args: list[str], env: dict[str, str], stdin: str | None = None, code: int = 0) -> str:
    result = subprocess.run(
        args, input=stdin, capture_output=True, text=True, timeout=120, check=False,
        cwd=ROOT, env=env,
    )  # fmt: skip
    assert result.returncode == code, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def needles(token: str) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    secrets = {"customer": CUSTOMER, "problem": PROBLEM, "note": NOTE, "draft": DRAFT,
               "promise": PROMISE, "password": PASSWORD, "token": token}  # fmt: skip
    for name, text in secrets.items():
        found[name] = text.encode()
        found[f"{name} (UTF-16)"] = text.encode("utf-16-le")
        found[f"{name} (surname)"] = text.split()[-1].encode()
    found["signature"] = SIGNATURE
    found["photo"] = PHOTO
    found["photo (words)"] = b"Xylophonica"
    return found


def scan(folders: list[Path], wanted: dict[str, bytes]) -> list[str]:
    hits = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                hits += [f"{name} in {path}" for name, needle in wanted.items() if needle in data]
    return hits


@pytest.mark.slow
def test_after_an_offline_day_no_byte_at_rest_gives_the_customer_away(tmp_path: Path) -> None:
    server_dir, laptop_dir, temp_dir = tmp_path / "server", tmp_path / "laptop", tmp_path / "tmp"
    temp_dir.mkdir()
    log_file = tmp_path / "logs" / "fieldapp.log"
    log_file.parent.mkdir()
    env = {**os.environ, "TMPDIR": str(temp_dir), "SQLITE_TMPDIR": str(temp_dir)}
    main = [sys.executable, str(ROOT / "main.py")]
    admin = [*main, "admin", "--data-dir", str(server_dir)]
    run([*admin, "add-user", "kyra", "--role", "technician", "--full-name", "Kyra Jones",
         "--password-stdin"], env, PASSWORD + "\n")  # fmt: skip
    visits = tmp_path / "visits.json"
    visits.write_text(json.dumps([{
        "reference": "INC-7001", "customer_name": CUSTOMER, "building": "North", "room": "2.01",
        "window_start": "2026-11-26T08:00:00+00:00", "window_end": "2026-11-26T09:00:00+00:00",
        "problem": PROBLEM, "assignee": "kyra",
    }]))  # fmt: skip
    run([*admin, "import-visits", str(visits)], env)

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    sync = [*main, "sync", "--data-dir", str(laptop_dir), "--server-url", url]
    logs = []
    with server_process(["--data-dir", str(server_dir)], port):
        logs.append(run([*sync, "--username", "kyra", "--password-stdin"], env, PASSWORD + "\n"))
        login = requests.post(f"{url}/api/v1/auth/login", timeout=10,
                              json={"username": "kyra", "password": PASSWORD})  # fmt: skip
        visit_id = requests.get(
            f"{url}/api/v1/visits?limit=5", timeout=10,
            headers={"Authorization": f"Bearer {login.json()['token']}"},
        ).json()["visits"][0]["id"]  # fmt: skip

    words = {"customer": CUSTOMER, "problem": PROBLEM, "note": NOTE, "draft": DRAFT,
             "promise": PROMISE, "signature": SIGNATURE.hex(), "photo": PHOTO.hex()}  # fmt: skip
    day = [sys.executable, "-c", DAY_SCRIPT, str(laptop_dir), str(log_file), visit_id]
    logs.append(run([*day, json.dumps(words)], env))
    offline = run(sync, env, code=1)  # the server is down: it says so and keeps everything
    assert "your work is kept" in offline.lower()
    logs.append(offline)
    (tmp_path / "logs" / "console.log").write_text("\n".join(logs))

    paths = resolve_paths(laptop_dir)
    token = TokenStore().load(url, "kyra")
    assert token  # kept in the keyring, which is not on the scanned disk
    assert scan([laptop_dir, temp_dir, log_file.parent], needles(token)) == []
    files = [p for p in laptop_dir.rglob("*") if p.is_file()]
    assert len(files) >= 3  # the cache and the two files at least: the scan read something
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in files), [
        (p.name, oct(p.stat().st_mode)) for p in files
    ]
    # The scan can find: the same day with the words in plain sight would have hit.
    (paths.data_dir / "control.txt").write_text(CUSTOMER, encoding="utf-16-le")
    assert scan([laptop_dir], needles(token)) != []
