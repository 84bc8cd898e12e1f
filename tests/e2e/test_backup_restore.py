"""`main.py admin backup` while the server serves, `admin restore` into a new place, and a
laptop syncing against a server started on the restore: its visits and its photo are there."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fieldapp.store.recording import add_attachment
from tests.e2e.deploy_kit import PASSWORD, laptop_visits, seed_site
from tests.e2e.round_kit import ROOT, run_cli
from tests.support.servers import free_port, server_process
from tests.sync.harness import laptop_for


@pytest.mark.slow
def test_backup_while_serving_then_restore_that_a_laptop_syncs_against(tmp_path: Path) -> None:
    server_dir, restored_dir, backup = tmp_path / "server", tmp_path / "restored", tmp_path / "bk"
    ids = seed_site(server_dir)
    with server_process(["--data-dir", str(server_dir)], free_port()) as server:
        with laptop_for(server.base_url, tmp_path / "old" / "cache.sqlite3", "kyra",
                        PASSWORD) as laptop:  # fmt: skip
            laptop.engine.sync()
            with laptop.store.session() as session, session.begin():
                add_attachment(
                    session, laptop.store.attachments_dir, min(ids["kyra"]), b"a photo",
                    filename="desk.jpg", media_type="image/jpeg", kind="photo",
                    author="kyra", now=datetime.now(UTC),
                )  # fmt: skip
            assert laptop.engine.sync().pushed == 1
        made = run_cli("admin", "--data-dir", str(server_dir), "backup", str(backup))
    assert "Backup made in" in made
    assert "1 attachment file(s)" in made

    restored = run_cli("admin", "--data-dir", str(restored_dir), "restore", str(backup))
    assert "Restored from" in restored
    again = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "admin", "--data-dir", str(restored_dir),
         "restore", str(backup)],
        capture_output=True, text=True, timeout=120, check=False, cwd=ROOT,
    )  # fmt: skip
    assert again.returncode == 2
    assert again.stderr.startswith("error: ")
    assert "--force" in again.stderr
    assert "Traceback" not in again.stderr

    with (
        server_process(["--data-dir", str(restored_dir)], free_port()) as server,
        laptop_for(
            server.base_url, tmp_path / "new" / "cache.sqlite3", "kyra", PASSWORD
        ) as laptop,  # fmt: skip
    ):
        summary = laptop.engine.sync()
        assert laptop_visits(laptop) == ids["kyra"]
        assert summary.fetched == 1
