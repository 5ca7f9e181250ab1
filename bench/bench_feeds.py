"""Feed update speed and memory, against a local server, beside feedparser alone.

    nice -n 10 .venv/bin/python bench/bench_feeds.py [--feeds 50] [--items 50]

Servers on 127.0.0.1 (started here, one port per feed, as feeds in the wild sit on different
sites: the per-host limit counts host and port) serve N summary-only RSS feeds of M items each,
every item linking to its own article page on its feed's server (about 1,500 words, with
navigation and scripts). ``--one-server`` puts every feed on one port instead (the per-host
limit, ``--per-host``, then bounds the whole update). Each row runs in a fresh child process
(wall time, its CPU time, which machine load inflates less, and its peak RSS); "saved" counts
the Markdown files in the inbox:

- ``update, full text``: ``feeds update`` as the command does it: every feed fetched, every
  item's page fetched and extracted (trafilatura), every item written as a Markdown file;
- ``update, feed text only``: the same with full-text fetching off;
- ``feedparser.parse(url)`` once per feed (its own HTTP, no pages, nothing written): the
  reference for what fetching and parsing the feeds alone costs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "feeds"))

from feedserver import serve  # noqa: E402

TEXT = (
    "the defence minister said on Thursday that the alliance would deliver more air defence "
    "systems before winter while officials in Brussels warned that budgets remain tight and "
    "that industry cannot yet meet demand for interceptors"
)
WORDS = TEXT.split(" ")

CHILD = r"""
import json, os, resource, sys, time
mode, urls, per_host = sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3])
update_timeout = float(sys.argv[4])
t = time.perf_counter()
if mode == "feedparser":
    import feedparser
    n = sum(len(feedparser.parse(u).entries) for u in urls)
    failed = 0
else:
    from tui.feeds.store import Store
    from tui.feeds.update import Options, update_feeds
    store = Store()
    for u in urls:
        store.add_feed(u, "")
    opts = Options(
        fetch_full_text=(mode == "full"), per_host=per_host, update_timeout=update_timeout
    )
    results = update_feeds(store, options=opts)
    n = sum(r.new for r in results)
    failed = sum(not r.ok for r in results)
    for r in results:
        if not r.ok:
            print(r.line(), file=sys.stderr)
saved = 0 if mode == "feedparser" else sum(1 for _ in store.inbox.rglob("*.md"))
wall = time.perf_counter() - t
use = resource.getrusage(resource.RUSAGE_SELF)
peak = use.ru_maxrss / 1024
cpu = use.ru_utime + use.ru_stime
print(json.dumps(dict(wall=wall, cpu=cpu, peak_mib=peak, items=n, failed=failed, saved=saved)))
"""


def article(feed: int, item: int) -> str:
    paras = []
    for p in range(12):
        words = [WORDS[(feed * 7 + item * 3 + p + k) % len(WORDS)] for k in range(120)]
        paras.append("<p>" + " ".join(words).capitalize() + ".</p>")
    return (
        f"<!doctype html><html><head><title>Story {feed}-{item}</title>"
        "<script>var t=1;</script></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Story {feed}-{item}</h1>{''.join(paras)}</article>"
        "<footer>Copyright</footer></body></html>"
    )


def feed_xml(base: str, feed: int, items: int) -> str:
    entries = "".join(
        f"<item><title>Story {feed}-{i}</title><link>{base}/a/{feed}/{i}.html</link>"
        f"<guid>f{feed}-{i}</guid><pubDate>Sat, 06 Sep 2025 10:00:00 GMT</pubDate>"
        f"<description>Teaser for story {feed}-{i}.</description></item>"
        for i in range(items)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>'
        f"<link>{base}/</link>{entries}</channel></rss>"
    )


def run_child(mode: str, urls: list[str], per_host: int, timeout: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, XDG_DATA_HOME=tmp, BRIEFING_TUI_ALLOW_PRIVATE_HOSTS="1")
        out = subprocess.run(
            [sys.executable, "-c", CHILD, mode, json.dumps(urls), str(per_host), str(timeout)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        for line in out.stderr.splitlines()[:5]:
            print("  " + line)
        return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=50)
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--per-host", type=int, default=2, help="requests at once to one server")
    ap.add_argument("--one-server", action="store_true", help="every feed on one port")
    ap.add_argument(
        "--update-timeout",
        type=float,
        default=3600,
        help="the update's deadline in s (the command's default, 600, cuts a loaded machine short)",
    )
    ap.add_argument("--skip", default="", help="comma-separated rows to leave out: full,feed")
    args, _ = ap.parse_known_args()
    with contextlib.ExitStack() as stack:
        one = stack.enter_context(serve()) if args.one_server else None
        urls = []
        for f in range(args.feeds):
            server = one or stack.enter_context(serve())
            base = server.url("")
            for i in range(args.items):
                server.add(f"/a/{f}/{i}.html", article(f, i), content_type="text/html")
            urls.append(server.add(f"/feed{f}.xml", feed_xml(base, f, args.items)))
        ports = "one port" if one else f"{args.feeds} ports"
        print(
            f"{args.feeds} feeds x {args.items} items, local servers on {ports}, per-host limit"
            f" {args.per_host}, one child process a row, load average {os.getloadavg()[0]:.1f}"
        )
        skip = set(args.skip.split(","))
        for mode, name in (
            ("full", "update, full text"),
            ("feed", "update, feed text only"),
            ("feedparser", "feedparser.parse(url) per feed"),
        ):
            if mode in skip:
                continue
            started = time.perf_counter()
            r = run_child(mode, urls, args.per_host, args.update_timeout)
            saved = "-" if mode == "feedparser" else f"{int(r['saved']):5d}"
            print(
                f"{name:<32} wall {r['wall']:7.2f} s   CPU {r['cpu']:6.2f} s   "
                f"peak RSS {r['peak_mib']:6.1f} MiB   "
                f"items {int(r['items']):5d}   saved {saved:>5}   failed feeds {int(r['failed'])}"
                f"   (child {time.perf_counter() - started:5.1f} s)",
                flush=True,
            )


if __name__ == "__main__":
    main()
