"""The server's deployment files agree with the code (no Docker daemon here: what can be checked
without one): the image's command, the unit's ExecStart and compose's settings are ones our CLI
and ServerSettings take; the image's requirements are pyproject's server share and suffice to
import the server; ports, the proxy's address and the health path match; systemd accepts the
unit."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from fieldapp.cli import build_parser
from fieldapp.cli.server_commands import server_settings
from fieldapp.server.settings import ServerSettings

ROOT = Path(__file__).resolve().parents[1]
SERVER = ROOT / "packaging" / "server"
# pyproject's dependencies the server never imports (the laptop's).
LAPTOP_ONLY = {
    "PySide6",
    "requests",
    "truststore",
    "keyring",
    "tzlocal",
    "sqlcipher3",
    "cryptography",
    "tzdata",
    "zxing-cpp",  # the laptop camera's barcode reader
    "msgspec",  # the laptop's decoder of the feed's pages (protocol/feed.py)
}


def _dockerfile() -> dict[str, list[str]]:
    """Each instruction of the Dockerfile with its arguments (continuations joined)."""
    text = re.sub(r"\\\n\s*", " ", (SERVER / "Dockerfile").read_text())
    instructions: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            word, _, rest = line.strip().partition(" ")
            instructions.setdefault(word, []).append(rest.strip())
    return instructions


def _server_args(command: list[str]) -> list[str]:
    """The `main.py server` arguments of a command running the fieldapp-server script."""
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert Path(command[0]).name == "fieldapp-server"
    assert scripts["fieldapp-server"] == "fieldapp.cli:server_main"
    return ["server", *command[1:]]


def _compose() -> dict[str, object]:
    loaded = yaml.safe_load((SERVER / "compose.yaml").read_text())
    assert isinstance(loaded, dict)
    return loaded


def _requirement_name(line: str) -> str:
    return re.split(r"[<>=!\[; ]", line, maxsplit=1)[0]


def test_the_image_runs_a_server_our_cli_accepts_on_the_port_it_exposes() -> None:
    docker = _dockerfile()
    command = json.loads(docker["CMD"][-1])
    args = build_parser().parse_args(_server_args(command))

    assert args.command == "server"
    assert [str(args.port)] == docker["EXPOSE"]
    assert args.host == "0.0.0.0"
    assert any("/health/ready" in check for check in docker["HEALTHCHECK"])
    for copied in docker["COPY"]:
        for source in copied.split()[:-1]:
            assert (ROOT / source).exists(), source


def test_the_image_requirements_are_pyprojects_server_share() -> None:
    wanted = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    lines = (SERVER / "requirements.txt").read_text().splitlines()
    listed = [line for line in lines if line.strip() and not line.startswith("#")]

    assert set(listed) <= set(wanted)  # the same specifiers, word for word
    left_out = {_requirement_name(line) for line in set(wanted) - set(listed)}
    assert left_out == LAPTOP_ONLY


def test_the_server_runs_without_the_laptops_dependencies() -> None:
    laptop_modules = (
        "PySide6", "shiboken6", "keyring", "requests", "sqlcipher3", "cryptography", "zxingcpp",
        "msgspec",
    )  # fmt: skip
    blocked = ", ".join(repr(name) for name in (*laptop_modules, "tzlocal"))
    script = (
        "import importlib, pkgutil, sys\n"
        f"for name in ({blocked}):\n"
        "    sys.modules[name] = None  # importing it raises ImportError\n"
        "import fieldapp.server\n"
        "for module in pkgutil.walk_packages(fieldapp.server.__path__, 'fieldapp.server.'):\n"
        "    if '.migrations' not in module.name:\n"
        "        importlib.import_module(module.name)\n"
        "from fieldapp.cli import main\n"
        "sys.exit(main(['server', '--help']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert "--workers" in done.stdout


def test_compose_gives_the_server_settings_it_knows_and_trusts_only_the_proxy() -> None:
    compose = _compose()
    services = compose["services"]
    assert isinstance(services, dict)
    assert set(services) == {"db", "server", "proxy"}
    environment = services["server"]["environment"]
    fields = set(ServerSettings.model_fields)
    for name in environment:
        assert name.startswith("FIELDAPP_")
        assert name.removeprefix("FIELDAPP_").lower() in fields, name

    proxy_address = services["proxy"]["networks"]["internal"]["ipv4_address"]
    assert environment["FIELDAPP_FORWARDED_ALLOW_IPS"] == proxy_address
    assert services["server"]["build"]["dockerfile"] == "packaging/server/Dockerfile"
    assert (SERVER / services["server"]["build"]["context"]).resolve() == ROOT
    url = environment["FIELDAPP_DATABASE_URL"].replace("${POSTGRES_PASSWORD}", "secret")
    settings = ServerSettings(database_url=url, workers=2, forwarded_allow_ips=proxy_address)
    assert settings.database_url.endswith("@db/fieldapp")
    db = services["db"]["environment"]
    assert f"{db['POSTGRES_USER']}:" in url
    assert url.endswith(f"/{db['POSTGRES_DB']}")
    example = (SERVER / "example.env").read_text()
    for variable in re.findall(r"\$\{(\w+)", (SERVER / "compose.yaml").read_text()):
        assert f"{variable}=" in example, variable


def test_the_proxy_sends_to_the_servers_port_and_checks_its_readiness() -> None:
    caddyfile = (SERVER / "Caddyfile").read_text()
    exposed = _dockerfile()["EXPOSE"][-1]

    assert f"reverse_proxy server:{exposed}" in caddyfile
    assert "health_uri /health/ready" in caddyfile
    services = _compose()["services"]
    assert isinstance(services, dict)
    mounted = services["proxy"]["volumes"]
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in mounted


def test_the_systemd_unit_runs_a_server_our_cli_accepts() -> None:
    unit = (SERVER / "fieldapp-server.service").read_text()
    (exec_start,) = re.findall(r"^ExecStart=(.+)$", unit, flags=re.MULTILINE)
    args = build_parser().parse_args(_server_args(exec_start.split()))
    settings = server_settings(args)

    assert settings.workers == 2
    assert str(settings.data_dir) in unit  # its ReadWrite place: StateDirectory
    assert "StateDirectory=fieldapp" in unit


def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    script = Path(sys.executable).with_name("fieldapp-server")
    if not script.exists():
        pytest.skip("fieldapp-server is not installed beside this Python")
    unit = (SERVER / "fieldapp-server.service").read_text()
    copy = tmp_path / "fieldapp-server.service"
    copy.write_text(unit.replace("/opt/fieldapp/venv/bin/fieldapp-server", str(script)))

    done = subprocess.run(
        [analyze, "verify", str(copy)], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr) == (0, "")
