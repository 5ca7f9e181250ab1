"""``briefing-tui search``: the app's fuzzy search from the shell, same index and ranking.

Exit status as grep: 0 when something matched, 1 when nothing did, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from typing import TextIO

from tui.cli.version import add_version
from tui.core.discover import relative_label
from tui.core.paths import seeds_dir
from tui.core.text import printable
from tui.library.library import Library, Progress
from tui.search.index import SearchHit

#: Show a progress line when at least this many documents must be parsed (not cached).
PROGRESS_MIN = 50


class _ProgressLine:
    """A single updating line on stderr while a big, uncached library is parsed."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.shown = False
        self.last = 0.0
        self.parsing = 0

    def __call__(self, p: Progress) -> None:
        if p.phase == "cache":
            self.parsing = p.total - p.from_cache
            return
        if self.parsing < PROGRESS_MIN:
            return
        now = time.monotonic()
        if p.phase == "done":
            line = (
                f"briefing-tui: {p.done - p.from_cache:,} documents read in "
                f"{p.elapsed:,.1f} s (cached for next time)"
            )
            self.stream.write(("\r\x1b[K" if self.tty and self.shown else "") + line + "\n")
            self.stream.flush()
            return
        if not self.tty or now - self.last < 0.2:
            return
        self.last = now
        self.shown = True
        self.stream.write(f"\r\x1b[Kbriefing-tui: parsing {p.describe()}")
        self.stream.flush()


def _highlight(hit: SearchHit, tty: bool) -> str:
    """The snippet, unprintable characters escaped; matched words in bold on a terminal."""
    text = hit.snippet
    if not tty or not hit.snippet_spans:
        return printable(text)
    out, at = [], 0
    for a, b in sorted(hit.snippet_spans):
        if a < at:
            continue
        out.append(printable(text[at:a]))
        out.append(f"\x1b[1;33m{printable(text[a:b])}\x1b[0m")
        at = b
    out.append(printable(text[at:]))
    return "".join(out)


def search_command(argv: Sequence[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="briefing-tui search",
        description="Fuzzy search over titles, entities, quotes (words and speaker) and "
        "paragraphs. Typos, missing accents and British spellings are forgiven; put a phrase "
        "in double quotes to require the words together. With no PATH, searches the samples.",
    )
    add_version(ap)
    ap.add_argument("--json", action="store_true", help="one JSON object per hit per line")
    ap.add_argument("--limit", type=int, default=20, metavar="N", help="at most N hits (20)")
    ap.add_argument(
        "--store", metavar="URL", help="search the team's library on postgresql://... instead"
    )
    ap.add_argument("query", metavar="QUERY")
    ap.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (recursively)")
    args = ap.parse_args(argv)
    if not args.query.strip():
        ap.error("QUERY is empty")
    if args.limit < 1:
        ap.error("--limit must be at least 1")
    if args.store:
        return _server_search(args.store, args.query, args.limit, args.paths, args.json)
    paths = args.paths or [str(seeds_dir())]
    lib = Library(paths)
    lib.scan(on_progress=_ProgressLine(sys.stderr))
    for problem in lib.problems:
        print(f"briefing-tui: {printable(problem)}", file=sys.stderr)
    if not lib.entries:
        print("briefing-tui: no documents to search", file=sys.stderr)
        lib.close()
        return 1
    hits = lib.index.search(args.query, limit=args.limit)
    lib.close()
    _print_hits(hits, args.json, lib.roots)
    return 0 if hits else 1


def _server_search(store: str, query: str, limit: int, paths: list[str], as_json: bool) -> int:
    """The same hits and output, from the team's library on the server (PATH: only under it)."""
    from tui.notes.store import NotesStoreError
    from tui.store.library import server_search
    from tui.store.url import StoreUrlError, parse_store_url

    try:
        url = parse_store_url(store).url
        hits: list[SearchHit] = []
        unders: list[str | None] = list(paths) or [None]
        for under in unders:
            hits += server_search(url, query, limit, under)
    except (NotesStoreError, StoreUrlError) as exc:
        print(f"briefing-tui: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, StoreUrlError) else 1
    _print_hits(hits[:limit], as_json, paths)
    return 0 if hits else 1


def _print_hits(hits: list[SearchHit], as_json: bool, roots: list[str]) -> None:
    out = sys.stdout
    if as_json:
        groups: dict[str, int] = {}
        for rank, hit in enumerate(hits, 1):
            # group: the document's place in the results (hits come grouped by document).
            group = groups.setdefault(hit.path, len(groups) + 1)
            obj = {"rank": rank, "group": group, **hit.to_json()}
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    else:
        tty = out.isatty()
        for hit in hits:
            label = printable(relative_label(hit.path, roots))
            where = (
                f" § {printable(hit.section)}" if hit.section and hit.section != hit.title else ""
            )
            out.write(
                f"{hit.score:5.2f}  {hit.kind:<9}  {label}:{hit.start}-{hit.end}  "
                f"{printable(hit.title)}{where}\n"
                f"       {_highlight(hit, tty)}\n"
            )
    out.flush()
