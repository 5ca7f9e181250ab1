"""Feed update speed and memory, against a local server, beside feedparser alone.

    nice -n 10 .venv/bin/python bench/bench_feeds.py [--feeds 50] [--items 50]

A server on 127.0.0.1 (started here) serves N summary-only RSS feeds of M items each, every
item linking to its own article page (about 1,500 words, with navigation and scripts). Each
row runs in a fresh child process (wall time, and the child's peak RSS):

- ``update, full text``: ``feeds update`` as the command does it: every feed fetched, every
  item's page fetched and extracted (trafilatura), every item written as a Markdown file;
- ``update, feed text only``: the same with full-text fetching off;
- ``feedparser.parse(url)`` once per feed (its own HTTP, no pages, nothing written): the
  reference for what fetching and parsing the feeds alone costs.
"""

from __future__ import annotations

import argparse
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
mode, urls = sys.argv[1], json.loads(sys.argv[2])
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
    results = update_feeds(store, options=Options(fetch_full_text=(mode == "full")))
    n = sum(r.new for r in results)
    failed = sum(not r.ok for r in results)
wall = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"wall": wall, "peak_mib": peak, "items": n, "failed": failed}))
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


def run_child(mode: str, urls: list[str]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, XDG_DATA_HOME=tmp, BRIEFING_TUI_ALLOW_PRIVATE_HOSTS="1")
        out = subprocess.run(
            [sys.executable, "-c", CHILD, mode, json.dumps(urls)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=50)
    ap.add_argument("--items", type=int, default=50)
    args, _ = ap.parse_known_args()
    with serve() as server:
        base = server.url("")
        urls = []
        for f in range(args.feeds):
            for i in range(args.items):
                server.add(f"/a/{f}/{i}.html", article(f, i), content_type="text/html")
            urls.append(server.add(f"/feed{f}.xml", feed_xml(base, f, args.items)))
        print(f"{args.feeds} feeds x {args.items} items, local server, one child process a row")
        for mode, name in (
            ("full", "update, full text"),
            ("feed", "update, feed text only"),
            ("feedparser", "feedparser.parse(url) per feed"),
        ):
            started = time.perf_counter()
            r = run_child(mode, urls)
            print(
                f"{name:<32} wall {r['wall']:7.2f} s   peak RSS {r['peak_mib']:6.1f} MiB   "
                f"items {int(r['items']):5d}   failed feeds {int(r['failed'])}"
                f"   (child {time.perf_counter() - started:5.1f} s)",
                flush=True,
            )


if __name__ == "__main__":
    main()
