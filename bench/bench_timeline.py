"""The timeline at scale: dates, buckets, mentions over time and trends on a loaded library.

    python bench/bench_timeline.py [--corpus DIR] [--articles 10000] [--cache DIR] [--repeat 5]

Makes the seeded corpus with bench/make_corpus.py if DIR is empty, loads it as the app does
(the first run parses and caches it in ``--cache``, which later runs reuse), then times, each
the best of ``--repeat`` runs, what opening the timeline screen and its trends costs once the
library is loaded (target: at most 300 ms in all):

1. dates: every document's day (its own date, else its file time);
2. buckets: by day/week/month as the span needs, for a 140- and an 80-column screen;
3. mentions over time: per entity, the days of its mentions, from the search index;
4. trends: the entities rising and falling most over the whole span;
5. one entity's sparkline series and first/last mention (the sidebar's detail);
6. a watchlist of three entries: every mention, and the sentences of the newest 200.

Beside them, the reference: the same mention counts taken the naive way, by loading each
document from the parse cache (timed on 300 documents, scaled to the library), and the time
the library itself took to reopen from its cache.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

T = TypeVar("T")
DEFAULT_CORPUS = Path(tempfile.gettempdir()) / "briefing-tui-corpus-10k"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "briefing-tui-bench-timeline-xdg"
TARGET_MS = 300.0


def best(fn: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The fastest of ``repeat`` runs, in milliseconds, and the last result."""
    times = []
    out: T
    for _ in range(max(1, repeat)):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    return min(times), out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="XDG dirs for the run")
    ap.add_argument("--repeat", type=int, default=5)
    args, _ = ap.parse_known_args(argv)
    for var, sub in (
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
    ):
        folder = args.cache / sub
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[var] = str(folder)

    from make_corpus import write_corpus

    from tui.library.library import Library
    from tui.timeline.buckets import build_timeline, document_dates
    from tui.timeline.trends import MentionTimes
    from tui.timeline.watchlist import Watchlist, find_mentions, with_sentences

    if not args.corpus.exists() or not any(args.corpus.iterdir()):
        args.corpus.mkdir(parents=True, exist_ok=True)
        print(f"writing {args.articles:,} articles to {args.corpus} …", flush=True)
        write_corpus(args.corpus, args.articles)

    t0 = time.perf_counter()
    lib = Library([str(args.corpus)])
    lib.scan()
    load_s = time.perf_counter() - t0
    how = "parsed" if lib.stats.get("parsed") else "reopened from the cache"
    print(f"library: {len(lib.entries):,} documents {how} in {load_s:,.2f} s")
    if not lib.entries:
        print("no documents: nothing to measure")
        return 1

    ms_dates, dates = best(lambda: document_dates(lib.entries), args.repeat)
    own = sum(1 for d in dates if not d.from_file)
    print(f"dates: {own:,} of {len(dates):,} documents dated by their text, the rest by file")
    ms_wide, tl = best(lambda: build_timeline(dates, max_buckets=120), args.repeat)
    ms_narrow, tl80 = best(lambda: build_timeline(dates, max_buckets=70), args.repeat)
    ms_mt, mt = best(lambda: MentionTimes(lib.index, dates), args.repeat)
    assert tl.first is not None and tl.end is not None
    first, end = tl.first, tl.end
    ms_trends, tr = best(lambda: mt.trends(first, end), args.repeat)
    top = tr.rising[0].entity_id if tr.rising else next(iter(mt.names), "")

    def detail() -> tuple[list[int], object]:
        return mt.series(top, tl.buckets), mt.first_last(top)

    ms_spark, _ = best(detail, args.repeat)
    open_ms = ms_dates + ms_wide + ms_mt + ms_trends

    wl = Watchlist(["Donald Trump", "air defence", "NATO"], path=args.cache / "watch.json")

    def watch() -> int:
        found = find_mentions(lib.index, lib.entries, wl)
        with_sentences(lib.index, found[:200])
        return len(found)

    ms_watch, n_watch = best(watch, max(1, args.repeat // 2))

    # The reference: counting mentions per day by loading each document (the naive way).
    sample = [e.path for e in lib.entries[:300]]
    lib._lru.clear()
    t = time.perf_counter()
    naive: Counter[tuple[str, str | None]] = Counter()
    for p in sample:
        doc = lib.document(p)
        for m in doc.entities:
            naive[(m.id, doc.date)] += 1
    ms_naive = (time.perf_counter() - t) * 1000 * len(lib.entries) / max(1, len(sample))

    print()
    print(f"{'step':<52}{'ms':>10}")
    rows = [
        ("dates of every document", ms_dates),
        (f"buckets, 140 columns ({len(tl.buckets)} by {tl.unit})", ms_wide),
        (f"buckets, 80 columns ({len(tl80.buckets)} by {tl80.unit})", ms_narrow),
        (f"mentions over time ({len(mt):,} entities)", ms_mt),
        (f"trends over the span ({len(tr.rising)} rising, {len(tr.falling)} falling)", ms_trends),
        ("one entity's sparkline + first/last mention", ms_spark),
        (f"watchlist of 3: {n_watch:,} mentions, 200 sentences", ms_watch),
    ]
    for name, ms in rows:
        print(f"{name:<52}{ms:>10.1f}")
    print(f"{'open the timeline with trends (1+2+3+4)':<52}{open_ms:>10.1f}")
    print()
    print("reference, same run:")
    print(f"{'  target after the library is loaded':<52}{TARGET_MS:>10.1f}")
    print(f"{'  counts by loading every document (scaled from 300)':<52}{ms_naive:>10.1f}")
    print(f"{'  the library reopening from its cache':<52}{load_s * 1000:>10.1f}")
    verdict = "within" if open_ms <= TARGET_MS else "OVER"
    print(f"\ntimeline + trends: {open_ms:.0f} ms, {verdict} the {TARGET_MS:.0f} ms target")
    lib.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
