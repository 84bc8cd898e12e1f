"""Command line: the app (default), the demo, the server, a headless sync and admin commands."""

from __future__ import annotations

import argparse
import gc
import getpass
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp import __version__

if TYPE_CHECKING:
    from fieldapp.server.settings import ServerSettings

DEFAULT_PORT = 8765
# What the app's start imports before PySide6 (run_app_command): what it needs before the
# round's first rows. The engine and requests load with the first sync, after them.
LAYERS_BEFORE_QT = (
    "fieldapp.store",
    "fieldapp.sync",
    "fieldapp.sync.vault",
    "fieldapp.store.rescue",
    "fieldapp.sync.account",
    "fieldapp.sync.client",
    "fieldapp.sync.summary",
    "fieldapp.sync.signout",
)

log = logging.getLogger(__name__)


def _add_laptop_options(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    # A subcommand's copy must not reset what was given before the subcommand's name.
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir", default=default, help="where the local cache lives (default: user data dir)"
    )
    parser.add_argument(
        "--server-url", default=default, help="the central server, e.g. https://fieldapp.example"
    )


def _add_server_db_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", default=argparse.SUPPRESS, help="the server's data directory")
    parser.add_argument(
        "--database-url",
        help="SQLAlchemy URL, e.g. postgresql+psycopg://user:pw@host/db "
        "(default: $FIELDAPP_DATABASE_URL, else a SQLite file in the data dir)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fieldapp", description="FieldApp: desk visits for IT field-support technicians."
    )
    parser.add_argument("--version", action="version", version=f"FieldApp {__version__}")
    _add_laptop_options(parser, top=True)
    parser.add_argument(
        "--demo", action="store_true", help="start an embedded server with demo data and log in"
    )
    commands = parser.add_subparsers(dest="command")

    app = commands.add_parser("app", help="the desktop app (the default)")
    _add_laptop_options(app)
    app.add_argument("--demo", action="store_true", default=argparse.SUPPRESS)

    server = commands.add_parser("server", help="run the central server")
    _add_server_db_options(server)
    server.add_argument("--host", default="127.0.0.1")
    server.add_argument("--port", type=int, default=DEFAULT_PORT)
    server.add_argument("--demo-data", action="store_true", help="seed a realistic demo site")
    server.add_argument(
        "--workers",
        type=int,
        help="server processes sharing the port (default: $FIELDAPP_WORKERS, else 1); "
        "the first migrates the database once, then starts them",
    )
    server.add_argument(
        "--forwarded-allow-ips",
        help="reverse proxies (addresses or networks, comma-separated; '*' for any) whose "
        "X-Forwarded-For/-Proto headers are believed "
        "(default: $FIELDAPP_FORWARDED_ALLOW_IPS, else 127.0.0.1)",
    )

    sync = commands.add_parser("sync", help="one headless sync of the local cache")
    _add_laptop_options(sync)
    sync.add_argument("--username", help="the technician (default: the one remembered)")
    sync.add_argument(
        "--ca-bundle",
        help="a PEM file of CA certificates to trust besides the system's store (a server "
        "with its own CA; the app's is in Settings)",
    )
    sync.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    sync.add_argument(
        "--start-afresh",
        action="store_true",
        help="when the cache is damaged: keep it aside, save what can be read and start a new "
        "one; when it is missing or older than the last one used here: carry on with it",
    )

    logout = commands.add_parser(
        "logout", help="log out for good: this laptop's cache and files are erased"
    )
    _add_laptop_options(logout)
    unsynced = logout.add_mutually_exclusive_group()
    unsynced.add_argument(
        "--sync-first", action="store_true", help="send the unsynced work first, then log out"
    )
    unsynced.add_argument(
        "--discard-unsynced",
        action="store_true",
        help="log out even if some work is not synced: it is erased with the cache",
    )
    logout.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    logout.add_argument(
        "--everywhere",
        action="store_true",
        help="end every session of this account on the server first (other laptops too)",
    )

    admin = commands.add_parser("admin", help="server administration")
    _add_server_db_options(admin)
    admin_commands = admin.add_subparsers(dest="admin_command", required=True)
    add_user = admin_commands.add_parser("add-user", help="create a user")
    add_user.add_argument("username")
    add_user.add_argument("--role", choices=["technician", "supervisor"], required=True)
    add_user.add_argument("--full-name", required=True)
    add_user.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    for name, help_text in (
        ("disable-user", "refuse a user's logins and end all their sessions"),
        ("enable-user", "let a disabled user log in again"),
    ):
        admin_commands.add_parser(name, help=help_text).add_argument("username")
    set_password = admin_commands.add_parser(
        "set-password", help="give a user a new password and end all their sessions"
    )
    set_password.add_argument("username")
    set_password.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    import_visits = admin_commands.add_parser(
        "import-visits", help="dispatch visits from a JSON or CSV file"
    )
    import_visits.add_argument("file", type=Path)
    import_assets = admin_commands.add_parser(
        "import-assets",
        help="add devices to the asset list (or update them, by tag) from a JSON or CSV file "
        "with asset_tag, hostname, serial, model, owner, owner_email",
    )
    import_assets.add_argument("file", type=Path)
    admin_commands.add_parser(
        "rebuild-facts",
        help="recompute the supervisors' derived tables (visit facts, promises, follow-ups) "
        "from the stored events, after a repair or a restore",
    )
    backup = admin_commands.add_parser(
        "backup",
        help="copy the database and the attachment files into a new directory (safe while "
        "the server serves; PostgreSQL needs pg_dump)",
    )
    backup.add_argument("destination", type=Path, help="a directory that does not exist yet")
    restore = admin_commands.add_parser(
        "restore",
        help="put a backup in place of the database and attachment files (stop the server "
        "first; PostgreSQL needs pg_restore)",
    )
    restore.add_argument("source", type=Path, help="a directory made by 'admin backup'")
    restore.add_argument(
        "--force",
        action="store_true",
        help="replace a database that already holds data (the files there are kept)",
    )
    return parser


def _read_password(from_stdin: bool, prompt: str = "Password: ") -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise SystemExit("No terminal to ask for the password: use --password-stdin.")
    return getpass.getpass(prompt)


def _server_settings(args: argparse.Namespace) -> ServerSettings:
    from fieldapp.server.settings import ServerSettings

    overrides: dict[str, Any] = {}
    if args.data_dir:
        overrides["data_dir"] = Path(args.data_dir)
    if args.database_url:
        overrides["database_url"] = args.database_url
    for name in ("workers", "forwarded_allow_ips"):
        if getattr(args, name, None) is not None:
            overrides[name] = getattr(args, name)
    # The constructor (not model_validate) also reads FIELDAPP_* from the environment.
    return ServerSettings(**overrides)


def run_server_command(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from fieldapp.server.workers import run_server

    try:
        settings = _server_settings(args)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        print(f"error: {problems}", file=sys.stderr)
        return 2
    run_server(settings, host=args.host, port=args.port, demo_data=args.demo_data)
    return 0


def run_admin_command(args: argparse.Namespace) -> int:
    from fieldapp.server import admin, facts
    from fieldapp.server.app import create_app
    from fieldapp.server.db import write_transaction
    from fieldapp.server.errors import ApiError

    settings = _server_settings(args)
    if args.admin_command in ("backup", "restore"):
        return _backup_command(args, settings)
    asks_password = args.admin_command in ("add-user", "set-password")
    password = _read_password(args.password_stdin) if asks_password else ""
    app = create_app(settings)  # opens the database and applies its migrations
    try:
        with app.state.sessionmaker() as session, write_transaction(session):
            if args.admin_command == "add-user":
                admin.add_user(
                    session,
                    args.username,
                    password,
                    args.role,
                    args.full_name,
                    passwords=app.state.passwords,
                )
                done = f"User {args.username} ({args.role}) added."
            elif args.admin_command in ("disable-user", "enable-user"):
                active = args.admin_command == "enable-user"
                ended = admin.set_user_active(session, args.username, active, datetime.now(UTC))
                done = f"User {args.username} enabled."
                if not active:
                    done = f"User {args.username} disabled; {ended} session(s) ended."
            elif args.admin_command == "set-password":
                ended = admin.set_password(
                    session, args.username, password, app.state.passwords, datetime.now(UTC)
                )
                done = f"Password of {args.username} changed; {ended} session(s) ended."
            elif args.admin_command == "import-visits":
                visits = admin.import_visits(session, args.file)
                done = f"{len(visits)} visits imported from {args.file}."
            elif args.admin_command == "import-assets":
                done = admin.import_assets(session, args.file)
            else:
                rebuilt = facts.rebuild_all(session, datetime.now(UTC))
                done = f"Facts, promises and follow-ups recomputed for {rebuilt} visits."
    except ApiError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 2
    finally:
        app.state.engine.dispose()
    print(done)
    return 0


def _backup_command(args: argparse.Namespace, settings: ServerSettings) -> int:
    # Before any app is made: it would migrate, prune, and fill a database a restore needs empty.
    from fieldapp.server.backup import BackupError, back_up, restore

    try:
        if args.admin_command == "backup":
            done = back_up(settings, args.destination).sentence("Backup made in")
        else:
            outcome = restore(settings, args.source, force=args.force)
            done = outcome.sentence("Restored from") + (
                " Start the server: it brings the database to its own schema if it is newer."
            )
    except BackupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(done)
    return 0


def run_sync_command(args: argparse.Namespace) -> int:
    from fieldapp.paths import resolve_paths
    from fieldapp.sync.headless import HeadlessSyncError, run_headless_sync

    try:
        summary = run_headless_sync(
            resolve_paths(args.data_dir).ensure(),
            server_url=args.server_url,
            username=args.username,
            password_reader=lambda: _read_password(args.password_stdin),
            progress=lambda line: print(line, file=sys.stderr, flush=True),
            start_afresh=args.start_afresh,
            ca_bundle=args.ca_bundle,
        )
    except HeadlessSyncError as error:
        log.info("sync failed: %s", error)
        print(f"error: {error}", file=sys.stderr)
        return 1
    log.info("sync finished: %s", summary)
    print(summary)
    return 0


def run_logout_command(args: argparse.Namespace) -> int:
    from fieldapp.paths import resolve_paths
    from fieldapp.sync.headless import HeadlessSyncError
    from fieldapp.sync.signout import (
        CANCEL,
        DISCARD,
        SYNC_FIRST,
        LogoutRefused,
        Unsynced,
        run_headless_logout,
    )

    def choose(left: Unsynced) -> str:
        if args.sync_first or args.discard_unsynced:
            return SYNC_FIRST if args.sync_first else DISCARD
        print(left.sentence(), file=sys.stderr)
        if args.password_stdin or not sys.stdin.isatty():
            print("Give --sync-first or --discard-unsynced.", file=sys.stderr)
            return CANCEL
        answer = input("[S]ync first, [d]iscard them, or [c]ancel? ").strip().lower()
        return {"": SYNC_FIRST, "s": SYNC_FIRST, "d": DISCARD}.get(answer[:1], CANCEL)

    try:
        done = run_headless_logout(
            resolve_paths(args.data_dir).ensure(),
            choose=choose,
            password_reader=lambda: _read_password(args.password_stdin),
            progress=lambda line: print(line, file=sys.stderr, flush=True),
            everywhere=args.everywhere,
        )
    except (LogoutRefused, HeadlessSyncError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(done)
    return 0


def run_app_command(args: argparse.Namespace) -> int:
    # The app's start builds a big heap (PySide6, SQLAlchemy, pydantic) and wants its rows
    # on screen fast: the collector's full passes wait until they are (ui.launch turns it
    # back on).
    gc.disable()
    # PySide6, once imported, hooks every import after it (its __feature__ switch): the
    # cache and sync layers, which never need Qt, load first and a fifth faster.
    for layer in LAYERS_BEFORE_QT:
        import_module(layer)
    from fieldapp.paths import resolve_paths

    if args.demo:
        from fieldapp.demo import run_demo

        return run_demo(data_dir=args.data_dir)
    from fieldapp.ui.launch import run_app

    return run_app(resolve_paths(args.data_dir).ensure(), server_url=args.server_url)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in ("server", "admin"):
        # The server logs its work to stderr (the service manager keeps it).
        logging.basicConfig(
            level=logging.INFO if args.command == "server" else logging.WARNING,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
        logging.getLogger("urllib3").setLevel(logging.ERROR)
    elif not (args.command in (None, "app") and args.demo):  # the demo picks its own folder
        from fieldapp.logs import start_logging
        from fieldapp.paths import resolve_paths

        # The laptop's commands say only what is wrong on stderr; the file keeps the rest.
        start_logging(resolve_paths(args.data_dir).log_dir)
    if args.command == "server":
        return run_server_command(args)
    if args.command == "admin":
        return run_admin_command(args)
    if args.command == "sync":
        return run_sync_command(args)
    if args.command == "logout":
        return run_logout_command(args)
    return run_app_command(args)


def server_main() -> int:
    """Entry point `fieldapp-server`: the same as `fieldapp server ...`."""
    return main(["server", *sys.argv[1:]])
