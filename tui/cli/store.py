"""``briefing-tui store init URL``: create (or migrate) the team store's tables, with consent.

A reader never changes a shared database by itself; this command says what it will do and asks
first (``--yes`` for scripts). The password in URL is never printed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def store_command(argv: Sequence[str]) -> int:
    from tui.notes.store import NotesStoreError
    from tui.store.url import StoreUrlError, mask, parse_store_url

    ap = argparse.ArgumentParser(
        prog="briefing-tui store",
        description="Set up the team store on PostgreSQL: `init URL` creates or upgrades the "
        "tables (notes, the shared library and its search index) after asking.",
    )
    sub = ap.add_subparsers(dest="verb", required=True)
    init = sub.add_parser("init", help="create or upgrade the briefing-tui tables")
    init.add_argument("url", metavar="URL", help="postgresql://user[:password]@host[:port]/db")
    init.add_argument("--yes", "-y", action="store_true", help="do not ask (for scripts)")
    args = ap.parse_args(argv)

    try:
        url = parse_store_url(args.url).url
    except StoreUrlError as exc:
        print(f"briefing-tui: {exc}", file=sys.stderr)
        return 2
    from tui.store.postgres import SCHEMA_VERSION, init_schema

    if not args.yes:
        if not sys.stdin.isatty():
            print(
                f"briefing-tui: would create the briefing-tui tables (schema {SCHEMA_VERSION}) "
                f"in {mask(url)}; rerun with --yes to agree",
                file=sys.stderr,
            )
            return 1
        answer = input(
            f"Create or upgrade the briefing-tui tables (schema {SCHEMA_VERSION}) in "
            f"{mask(url)}? [y/N] "
        )
        if answer.strip().lower() not in ("y", "yes"):
            print("briefing-tui: nothing changed", file=sys.stderr)
            return 1
    try:
        before, after = init_schema(url)
    except NotesStoreError as exc:
        print(f"briefing-tui: {exc}", file=sys.stderr)
        return 1
    if before == after:
        print(f"briefing-tui: {mask(url)} is up to date (schema {after})", file=sys.stderr)
    else:
        print(
            f"briefing-tui: {mask(url)} set up: schema {before} → {after}",
            file=sys.stderr,
        )
    return 0
