"""The laptop's commands: the desktop app, a headless sync and logging out."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from importlib import import_module

from fieldapp.cli.prompts import read_password

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


def run_sync_command(args: argparse.Namespace) -> int:
    from fieldapp.paths import resolve_paths
    from fieldapp.sync.headless import HeadlessSyncError, run_headless_sync

    try:
        summary = run_headless_sync(
            resolve_paths(args.data_dir).ensure(),
            server_url=args.server_url,
            username=args.username,
            password_reader=lambda: read_password(args.password_stdin),
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
            password_reader=lambda: read_password(args.password_stdin),
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
