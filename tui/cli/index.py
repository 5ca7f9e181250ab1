"""``briefing-tui index --store URL PATH...``: parse a library into the team's server.

Run it on as many machines (or as many times) as you like: the processes share the work through
the server's job table, a killed one's files go back to the queue, and a rerun only does what is
left (or what changed).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from tui.core.text import printable


def index_command(argv: Sequence[str]) -> int:
    from tui.notes.store import NotesStoreError
    from tui.store.select import configured_store
    from tui.store.url import StoreUrlError, is_server_url, parse_store_url

    ap = argparse.ArgumentParser(
        prog="briefing-tui index",
        description="Parse documents into the team store so everyone searches one library. "
        "Several index processes share the work.",
    )
    ap.add_argument("--store", metavar="URL", help="postgresql://... (default: config)")
    ap.add_argument("--batch", type=int, default=4, help="files claimed at a time (4)")
    ap.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (recursively)")
    args = ap.parse_args(argv)
    target = configured_store(args.store)
    if not target or not is_server_url(target):
        ap.error("needs a team store: --store postgresql://... or store = ... in config")
    try:
        url = parse_store_url(target).url
    except StoreUrlError as exc:
        print(f"briefing-tui: {exc}", file=sys.stderr)
        return 2
    from tui.store.library import enqueue, status, work

    t0 = time.monotonic()
    tty = sys.stderr.isatty()

    def progress(parsed: int, failed: int) -> None:
        if tty:
            rate = parsed / max(1e-6, time.monotonic() - t0)
            sys.stderr.write(f"\r\x1b[Kbriefing-tui: parsed {parsed:,} ({rate:,.0f}/s)")
            sys.stderr.flush()

    try:
        queued = enqueue(url, args.paths)
        for problem in queued.problems or []:
            print(f"briefing-tui: {problem}", file=sys.stderr)
        done = work(url, batch=max(1, args.batch), on_progress=progress)
        states = status(url)
    except NotesStoreError as exc:
        print(f"\nbriefing-tui: {exc}" if tty else f"briefing-tui: {exc}", file=sys.stderr)
        return 1
    for problem in done.problems or []:
        print(f"briefing-tui: {printable(problem)}", file=sys.stderr)
    print(
        ("\r\x1b[K" if tty else "")
        + f"briefing-tui: this process parsed {done.parsed:,} documents "
        f"({done.failed} failed) in {time.monotonic() - t0:,.1f} s; the library has "
        f"{states.get('done', 0):,} indexed, {states.get('pending', 0):,} pending, "
        f"{states.get('failed', 0):,} failed",
        file=sys.stderr,
    )
    return 1 if queued.problems or done.failed else 0
