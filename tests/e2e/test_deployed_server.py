"""The server as deployed: `main.py server --workers 2` on PostgreSQL behind a trusted proxy,
migrated once by its first process, with two technicians syncing through it at the same time."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from fieldapp.domain import EventType
from fieldapp.sync import SyncSummary
from tests.e2e.deploy_kit import (
    PASSWORD,
    laptop_visits,
    seed_site,
    supervisor_events,
    worker_processes,
)
from tests.support.servers import free_port, server_process
from tests.sync.harness import Laptop, laptop_for


def _sync_both(laptops: tuple[Laptop, Laptop]) -> list[SyncSummary]:
    with ThreadPoolExecutor(2, thread_name_prefix="laptop") as pool:
        return list(pool.map(lambda laptop: laptop.engine.sync(), laptops))


@pytest.mark.slow
@pytest.mark.postgres
def test_two_workers_on_postgresql_serve_two_technicians(postgres_url: str, tmp_path: Path) -> None:
    args = ["--data-dir", str(tmp_path / "server"), "--database-url", postgres_url,
            "--workers", "2", "--forwarded-allow-ips", "127.0.0.1,10.0.0.0/8"]  # fmt: skip
    with server_process(args, free_port(), timeout=60) as server:
        assert len(worker_processes(server.process.pid)) == 2
        # The first process migrated the database, once; its workers only checked it.
        assert server.log().count("Running upgrade  -> 0001") == 1
        ready = requests.get(f"{server.base_url}/health/ready", timeout=10)
        assert ready.status_code == 200, ready.text

        ids = seed_site(tmp_path / "seed", postgres_url)
        with (
            laptop_for(server.base_url, tmp_path / "kyra.sqlite3", "kyra", PASSWORD) as kyra,
            laptop_for(server.base_url, tmp_path / "jb.sqlite3", "jb", PASSWORD) as jb,
        ):
            _sync_both((kyra, jb))
            assert laptop_visits(kyra) == ids["kyra"]
            assert laptop_visits(jb) == ids["jb"]
            recorded = {
                laptop.username: laptop.record(min(ids[laptop.username]), EventType.CONFIRMED)
                for laptop in (kyra, jb)
            }
            pushed = _sync_both((kyra, jb))
        assert [summary.pushed for summary in pushed] == [1, 1]
        for username, event_id in recorded.items():
            assert supervisor_events(server.base_url, min(ids[username])) == [event_id]

        # Behind the proxy, links the server makes keep the scheme the client used.
        through_proxy = requests.get(
            f"{server.base_url}/api/v1/info/",
            headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.1.2.3"},
            allow_redirects=False,
            timeout=10,
        )
    assert through_proxy.status_code == 307
    assert through_proxy.headers["Location"].startswith("https://")


def test_forwarded_headers_from_an_untrusted_address_are_ignored(tmp_path: Path) -> None:
    args = ["--data-dir", str(tmp_path / "server"), "--forwarded-allow-ips", "10.9.9.9"]
    with server_process(args, free_port()) as server:
        spoofed = requests.get(
            f"{server.base_url}/api/v1/info/",
            headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.1.2.3"},
            allow_redirects=False,
            timeout=10,
        )
    assert spoofed.status_code == 307
    assert spoofed.headers["Location"].startswith("http://127.0.0.1:")
