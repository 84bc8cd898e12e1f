"""The server's commands: run it, administer its users and data, back it up and restore it."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.cli.prompts import read_password

if TYPE_CHECKING:
    from fieldapp.server.settings import ServerSettings


def server_settings(args: argparse.Namespace) -> ServerSettings:
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
        settings = server_settings(args)
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

    settings = server_settings(args)
    if args.admin_command in ("backup", "restore"):
        return _backup_command(args, settings)
    asks_password = args.admin_command in ("add-user", "set-password")
    password = read_password(args.password_stdin) if asks_password else ""
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
