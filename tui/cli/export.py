"""``briefing-tui export``: notes out as a Markdown briefing, Web Annotation JSON or CSV.

Reads the notes database read-only, so it runs while the reader is open (and on a database
that cannot be written). Writes stdout, or a file atomically with ``-o``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tui.cli.version import add_version
from tui.core.text import printable


def export_command(argv: Sequence[str]) -> int:
    from tui.library.current import CurrentDocuments
    from tui.notes.export import FORMATS, ExportError, FileExists, export_notes, write_atomic
    from tui.notes.store import NotesStoreError
    from tui.store.select import open_notes
    from tui.store.url import StoreUrlError

    ap = argparse.ArgumentParser(
        prog="briefing-tui export",
        description="Export your notes: a Markdown briefing grouped by document, W3C Web "
        "Annotation JSON, or CSV (one row per note).",
    )
    add_version(ap)
    ap.add_argument("--format", "-f", choices=FORMATS, default="md", help="default: md")
    ap.add_argument("--tag", "-t", help="only notes with this tag")
    ap.add_argument("--author", "-a", help="only notes by this author (user name)")
    ap.add_argument("-o", "--output", metavar="FILE", help="write FILE (default: stdout)")
    ap.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    ap.add_argument("--db", metavar="FILE", help="notes database (default: in the data folder)")
    ap.add_argument("--store", metavar="URL", help="team store postgresql://... (default: config)")
    ap.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="only notes on these documents (files, or folders holding them)",
    )
    args = ap.parse_args(argv)

    try:
        store = open_notes(args.store or args.db, read_only=True)
    except (NotesStoreError, StoreUrlError) as exc:
        print(f"briefing-tui: {exc}", file=sys.stderr)
        return 1
    # Documents as they are now (the parse cache when fresh): notes of a changed document
    # show where their passage is now, or that it is gone.
    load = CurrentDocuments()
    try:
        result = export_notes(
            store,
            args.format,
            tag=args.tag,
            paths=args.paths or None,
            load=load,
            author=args.author,
        )
    except NotesStoreError as exc:
        print(f"briefing-tui: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
        load.close()
    for warning in result.warnings:
        print(f"briefing-tui: {warning}", file=sys.stderr)
    if result.notes == 0:
        print("briefing-tui: no notes to export", file=sys.stderr)
    if args.output:
        try:
            write_atomic(args.output, result.text, force=args.force)
        except FileExists as exc:
            print(f"briefing-tui: {exc}: use --force to overwrite it", file=sys.stderr)
            return 1
        except ExportError as exc:
            print(f"briefing-tui: {exc}", file=sys.stderr)
            return 1
        print(
            f"briefing-tui: {result.notes} note{'s' * (result.notes != 1)} from "
            f"{result.documents} document{'s' * (result.documents != 1)} written to "
            f"{printable(args.output)}",
            file=sys.stderr,
        )
        return 0
    sys.stdout.write(result.text)
    sys.stdout.flush()
    return 0
