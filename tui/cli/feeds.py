"""``briefing-tui feeds ...`` and ``briefing-tui fetch URL...``: subscriptions from the shell.

Exit 0 when everything worked, 1 when any feed or page failed (one line each on stderr), 2 on
bad usage (argparse).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.version import add_version
from tui.core.text import printable

if TYPE_CHECKING:
    from tui.feeds.update import Options


def _options(args: argparse.Namespace) -> Options:
    from tui.feeds.update import Options

    opts = Options()
    if getattr(args, "timeout", None):
        opts.request_timeout = float(args.timeout)
    if getattr(args, "update_timeout", None):
        opts.update_timeout = float(args.update_timeout)
    if getattr(args, "per_host", None):
        opts.per_host = int(args.per_host)
    return opts


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return n


def feeds_command(argv: Sequence[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="briefing-tui feeds",
        description="Subscribe to RSS, Atom and JSON feeds; items are saved as Markdown files "
        "in the inbox ($XDG_DATA_HOME/briefing-tui/inbox/<feed>/).",
    )
    add_version(ap)
    sub = ap.add_subparsers(dest="verb", required=True, metavar="VERB")
    add = sub.add_parser("add", help="subscribe to a feed (or the feed a page links)")
    add.add_argument("url", metavar="URL")
    add.add_argument(
        "--full-text", action="store_true", help="fetch every item's article from its link"
    )
    add.add_argument("--timeout", type=float, help="seconds per request (default 20)")
    upd = sub.add_parser("update", help="fetch every feed; one line per feed")
    upd.add_argument("urls", nargs="*", metavar="URL", help="only these feeds")
    upd.add_argument("--timeout", type=float, help="seconds per request (default 20)")
    upd.add_argument(
        "--update-timeout", type=float, help="seconds for the whole update (default 600)"
    )
    upd.add_argument(
        "--per-host",
        type=_positive,
        metavar="N",
        help="requests at once to one server, host and port (default 2)",
    )
    lst = sub.add_parser("list", help="subscriptions, items, last update, last error")
    lst.add_argument("--json", action="store_true", help="one JSON object per feed per line")
    rm = sub.add_parser("remove", help="unsubscribe (saved articles stay)")
    rm.add_argument("url", metavar="URL")
    imp = sub.add_parser("import", help="subscribe to every feed of an OPML file")
    imp.add_argument("file", metavar="FILE.opml")
    sub.add_parser("export", help="print the subscriptions as OPML")
    args = ap.parse_args(argv)

    from tui.feeds.store import StoreError

    try:
        if args.verb == "add":
            return _add(args)
        if args.verb == "update":
            return _update(args)
        if args.verb == "list":
            return _list(args)
        if args.verb == "remove":
            return _remove(args)
        if args.verb == "import":
            return _import(args)
        return _export()
    except StoreError as exc:
        print(f"briefing-tui: {printable(str(exc))}", file=sys.stderr)
        return 1


def _add(args: argparse.Namespace) -> int:
    from tui.feeds.http import FetchError
    from tui.feeds.parse import FeedError
    from tui.feeds.store import Store
    from tui.feeds.update import discover_feed

    opts = _options(args)
    try:
        found = discover_feed(args.url, opts)
    except (FeedError, FetchError) as exc:
        print(f"briefing-tui: {printable(args.url)}: {printable(str(exc))}", file=sys.stderr)
        return 1
    store = Store()
    feed, new = store.add_feed(found.url, found.title, args.full_text)
    via = "" if found.url == args.url else f" (linked from {printable(args.url)})"
    verb = "subscribed to" if new else "already subscribed to"
    print(
        f"{verb} {printable(feed.title or feed.url)} <{printable(feed.url)}>{via}: "
        f"{found.items} items; `briefing-tui feeds update` saves them to "
        f"{printable(str(store.inbox / feed.folder))}"
    )
    return 0


def _update(args: argparse.Namespace) -> int:
    from tui.feeds.store import Store
    from tui.feeds.update import FeedResult, update_feeds

    opts = _options(args)
    store = Store()
    if not store.feeds():
        print("briefing-tui: no feeds yet (briefing-tui feeds add URL)", file=sys.stderr)
        return 1
    unknown = [u for u in args.urls if store.feed(u) is None]
    for u in unknown:
        print(f"briefing-tui: {printable(u)}: not subscribed", file=sys.stderr)

    def show(result: FeedResult) -> None:
        stream = sys.stdout if result.ok else sys.stderr
        print(printable(result.line()), file=stream, flush=True)

    results = update_feeds(store, args.urls or None, options=opts, on_result=show)
    return 1 if unknown or any(not r.ok for r in results) else 0


def _list(args: argparse.Namespace) -> int:
    from tui.feeds.store import Store

    store = Store()
    feeds = store.feeds()
    for f in feeds:
        folder = store.inbox / f.folder
        if args.json:
            print(
                json.dumps(
                    {
                        "url": f.url,
                        "title": f.title,
                        "items": f.items,
                        "unread": f.unread,
                        "full_text": f.full_text,
                        "last_update": f.last_update,
                        "last_error": f.last_error,
                        "folder": str(folder),
                        "inbox": str(store.inbox),
                    },
                    ensure_ascii=False,
                )
            )
        else:
            when = f.last_update or "never updated"
            err = f"  error: {f.last_error}" if f.last_error else ""
            print(
                printable(
                    f"{f.title or '(untitled)'}  <{f.url}>  {f.items} items, {f.unread} unread,"
                    f" {when}{err}"
                )
            )
    if not args.json:
        print(f"inbox: {printable(str(store.inbox))}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from tui.feeds.store import Store

    if Store().remove_feed(args.url):
        print(f"unsubscribed from {printable(args.url)} (saved articles stay in the inbox)")
        return 0
    print(f"briefing-tui: {printable(args.url)}: not subscribed", file=sys.stderr)
    return 1


def _import(args: argparse.Namespace) -> int:
    from tui.feeds.opml import OpmlError, read_opml
    from tui.feeds.store import Store

    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        print(f"briefing-tui: {printable(args.file)}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        outlines = read_opml(data)
    except OpmlError as exc:
        print(f"briefing-tui: {printable(args.file)}: {exc}", file=sys.stderr)
        return 1
    store = Store()
    added = sum(1 for o in outlines if store.add_feed(o.url, o.title)[1])
    print(f"{added} feeds added, {len(outlines) - added} already subscribed")
    return 0


def _export() -> int:
    from tui.feeds.opml import Outline, write_opml
    from tui.feeds.store import Store

    outlines = [Outline(f.url, f.title) for f in Store().feeds()]
    sys.stdout.write(write_opml(outlines))
    return 0


def fetch_command(argv: Sequence[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="briefing-tui fetch",
        description="Save web pages as articles (Markdown) in the inbox's web/ folder.",
    )
    add_version(ap)
    ap.add_argument("urls", nargs="+", metavar="URL")
    ap.add_argument("--timeout", type=float, help="seconds per page (default 20)")
    args = ap.parse_args(argv)
    from tui.feeds.store import Store, StoreError
    from tui.feeds.update import Options, fetch_page

    opts = Options(update_timeout=float(args.timeout or 60))
    if args.timeout:
        opts.request_timeout = float(args.timeout)
    try:
        store = Store()
    except StoreError as exc:
        print(f"briefing-tui: {printable(str(exc))}", file=sys.stderr)
        return 1
    failed = False
    for url in args.urls:
        result = fetch_page(store, url, opts)
        if result.error is not None or result.path is None:
            print(
                f"briefing-tui: {printable(url)}: {printable(result.error or '')}", file=sys.stderr
            )
            failed = True
        else:
            state = "saved" if result.new else "updated" if result.changed else "unchanged"
            print(f"{state} {printable(str(result.path))}  {printable(result.title)}")
    return 1 if failed else 0
