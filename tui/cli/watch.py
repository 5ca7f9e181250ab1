"""``briefing-tui watch``: new mentions of the watched entries, for a script.

The entries are the app's watchlist (``watch = [...]`` in config.toml plus those added with
``+`` in the app). Without ``--since`` it lists the mentions new since the Watchlist view was
last opened (it never moves that marker itself); with ``--since DATE`` every mention in
documents dated that day or later. Exit status as grep: 0 when something matched, 1 when
nothing did, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence

from tui.cli.search import _ProgressLine
from tui.cli.version import add_version
from tui.core.config import load_config
from tui.core.discover import relative_label
from tui.core.paths import seeds_dir
from tui.core.text import printable
from tui.library.library import Library
from tui.timeline.watchlist import Watchlist, find_mentions, with_sentences


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def watch_command(argv: Sequence[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="briefing-tui watch",
        description="Mentions of the watched entries (watch = [...] in config.toml, + in the "
        "app): those new since the Watchlist view was last opened, or with --since every one "
        "in documents dated that day or later. Newest first. With no PATH, the samples.",
    )
    ap.add_argument("--json", action="store_true", help="one JSON object per mention per line")
    ap.add_argument(
        "--since", type=_date, metavar="DATE", help="documents dated DATE (YYYY-MM-DD) or later"
    )
    ap.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (recursively)")
    add_version(ap)
    args = ap.parse_args(argv)
    config = load_config()
    watchlist = Watchlist.load(config.watch)
    for problem in (*config.problems, *watchlist.problems):
        print(f"briefing-tui: {printable(problem)}", file=sys.stderr)
    if not watchlist.entries:
        print(
            'briefing-tui: nothing is watched: add watch = ["a name"] to config.toml '
            "or press + on an entity in the app",
            file=sys.stderr,
        )
        return 1
    lib = Library(args.paths or [str(seeds_dir())])
    lib.scan(on_progress=_ProgressLine(sys.stderr))
    for problem in lib.problems:
        print(f"briefing-tui: {printable(problem)}", file=sys.stderr)
    mentions = find_mentions(
        lib.index, lib.entries, watchlist, since=args.since, only_new=args.since is None
    )
    mentions = with_sentences(lib.index, mentions)
    lib.close()
    out = sys.stdout
    for m in mentions:
        if args.json:
            out.write(json.dumps(m.to_json(), ensure_ascii=False) + "\n")
            continue
        day = m.day.isoformat() if m.day else "----------"
        mark = "~" if m.from_file else " "
        label = printable(relative_label(m.path, lib.roots))
        out.write(
            f"{day}{mark} {printable(m.entry)}  {label}:{m.start}-{m.end}  "
            f"{printable(m.title)}\n           {printable(m.sentence)}\n"
        )
    out.flush()
    return 0 if mentions else 1
