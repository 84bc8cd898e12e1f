"""Command line: its parser and entry points; the commands are in laptop_commands and
server_commands."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from fieldapp import __version__

DEFAULT_PORT = 8765


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
    if args.command in ("server", "admin"):
        from fieldapp.cli import server_commands

        if args.command == "server":
            return server_commands.run_server_command(args)
        return server_commands.run_admin_command(args)
    from fieldapp.cli import laptop_commands

    if args.command == "sync":
        return laptop_commands.run_sync_command(args)
    if args.command == "logout":
        return laptop_commands.run_logout_command(args)
    return laptop_commands.run_app_command(args)


def server_main() -> int:
    """Entry point `fieldapp-server`: the same as `fieldapp server ...`."""
    return main(["server", *sys.argv[1:]])
