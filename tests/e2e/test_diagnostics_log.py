"""The laptop's log file: written by `main.py sync`, private, rotating, and free of secrets;
a crash in C code leaves its stacks there at the next start."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import fieldapp
from fieldapp.logs import FAULTS_NAME, LEVEL_ENV, LOG_NAME, MAX_BYTES
from fieldapp.paths import resolve_paths
from fieldapp.sync import TokenStore
from fieldapp.sync.vault import KEY_SERVICE, key_name
from tests.sync.harness import running_server

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], *, stdin: str = "", env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        args, input=stdin, capture_output=True, text=True, timeout=120, check=False, cwd=ROOT,
        env={**os.environ, **(env or {})},
    )  # fmt: skip
    return f"exit {done.returncode}\n{done.stdout}{done.stderr}"


def test_a_sync_logs_its_work_to_a_private_file_that_holds_no_secret(tmp_path: Path) -> None:
    laptop, other = tmp_path / "laptop", tmp_path / "other"
    with running_server(tmp_path / "server") as server:
        user, password = server.add_technician()
        server.create_visit(user)
        args = ["--server-url", server.base_url, "--username", user, "--password-stdin"]
        debug = {LEVEL_ENV: "DEBUG"}  # the most a support desk can ask for
        main = [sys.executable, "main.py", "sync"]
        first = run([*main, "--data-dir", str(laptop), *args], stdin=password + "\n", env=debug)
        assert first.startswith("exit 0"), first
        again = run([*main, "--data-dir", str(laptop)], env=debug)  # the keyring's token
        assert again.startswith("exit 0"), again
        wrong = run([*main, "--data-dir", str(other), *args], stdin="not-" + password, env=debug)
        assert wrong.startswith("exit 1"), wrong

    tokens = TokenStore()
    token = tokens.load(server.base_url, user)
    key = tokens.load_secret(KEY_SERVICE, key_name(resolve_paths(laptop)))
    assert token
    assert key
    text = (laptop / "logs" / LOG_NAME).read_text(encoding="utf-8")
    assert text.count(f"FieldApp {fieldapp.__version__} started") == 2
    assert "POST /auth/login -> 200" in text  # the sync's requests are there, at DEBUG
    assert "GET /sync/changes -> 200" in text
    assert "sync finished: " in text
    assert "sync failed: " in (other / "logs" / LOG_NAME).read_text(encoding="utf-8")
    secrets = {"token": token, "password": password, "wrong password": "not-" + password}
    secrets["cache key"] = key
    for log_dir in (laptop / "logs", other / "logs"):
        assert stat.S_IMODE(log_dir.stat().st_mode) == 0o700
        for path in log_dir.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
            for name, secret in secrets.items():
                assert secret.encode() not in path.read_bytes(), f"the {name} is in {path}"


CRASH = textwrap.dedent(
    """
    import faulthandler, logging, sys
    from pathlib import Path
    from fieldapp.logs import start_logging
    start_logging(Path(sys.argv[1]))
    logging.getLogger("fieldapp.test").info("about to crash")
    faulthandler._sigsegv()
    """
)

RESTART = textwrap.dedent(
    """
    import logging, sys
    from pathlib import Path
    from fieldapp.logs import start_logging
    start_logging(Path(sys.argv[1]))
    line = "x" * 1000
    for _ in range(int(sys.argv[2]) // 1000 + 100):  # a bit more than a file's worth
        logging.getLogger("fieldapp.test").info(line)
    """
)


def test_a_crash_in_c_code_is_in_the_log_at_the_next_start(tmp_path: Path) -> None:
    log_dir = tmp_path / "logs"
    crashed = subprocess.run(
        [sys.executable, "-c", CRASH, str(log_dir)], capture_output=True, cwd=ROOT, check=False
    )
    assert crashed.returncode != 0
    assert b"Segmentation fault" in (log_dir / FAULTS_NAME).read_bytes()

    subprocess.run(
        [sys.executable, "-c", RESTART, str(log_dir), str(MAX_BYTES)], cwd=ROOT, check=True
    )
    assert (log_dir / FAULTS_NAME).read_bytes() == b""  # moved into the log, not said twice
    logs = sorted(log_dir.glob(f"{LOG_NAME}*"))
    assert [p.name for p in logs] == [LOG_NAME, f"{LOG_NAME}.1"]  # it rotated
    everything = "".join(p.read_text(encoding="utf-8") for p in logs)
    assert "about to crash" in everything
    assert "FieldApp stopped abruptly before" in everything
    assert "Segmentation fault" in everything
    assert all((log_dir / LOG_NAME).stat().st_size <= MAX_BYTES for p in logs)


def test_the_log_folder_and_a_new_data_directory_are_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "new" / "laptop"
    subprocess.run(
        [sys.executable, "main.py", "sync", "--data-dir", str(data_dir)],
        capture_output=True, cwd=ROOT, check=False, timeout=120,
    )  # fmt: skip
    for folder in (data_dir, data_dir / "logs"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
