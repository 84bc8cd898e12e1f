"""`main.py server`'s deployment flags: workers and trusted proxies become settings (the
environment's FIELDAPP_* too), and a bad value is a sentence, not a traceback."""

from __future__ import annotations

import pytest

from fieldapp.cli import build_parser, main
from fieldapp.cli.server_commands import server_settings


def test_flags_become_settings() -> None:
    args = build_parser().parse_args(
        ["server", "--workers", "4", "--forwarded-allow-ips", "10.0.0.0/8,192.168.1.5"]
    )
    settings = server_settings(args)

    assert settings.workers == 4
    assert settings.forwarded_allow_ips == "10.0.0.0/8,192.168.1.5"


def test_the_environment_gives_them_when_the_flags_do_not(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDAPP_WORKERS", "3")
    monkeypatch.setenv("FIELDAPP_FORWARDED_ALLOW_IPS", "172.16.0.0/12")
    settings = server_settings(build_parser().parse_args(["server"]))

    assert (settings.workers, settings.forwarded_allow_ips) == (3, "172.16.0.0/12")
    assert server_settings(build_parser().parse_args(["server", "--workers", "2"])).workers == 2


def test_defaults_serve_one_process_trusting_only_a_local_proxy() -> None:
    settings = server_settings(build_parser().parse_args(["server"]))

    assert (settings.workers, settings.forwarded_allow_ips) == (1, "127.0.0.1")


def test_a_bad_worker_count_is_a_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["server", "--workers", "0"]) == 2

    error = capsys.readouterr().err
    assert error.startswith("error: workers: ")
    assert "greater than or equal to 1" in error
    assert "Traceback" not in error
