"""Search as you type in the real search screen: from the last key to its hits on the screen.

    python bench/bench_search_screen.py [--articles 300] [--queries 40] [--key-gap-ms 30]

Writes ``--articles`` seeded articles (bench/make_corpus.py) to a temporary folder, parses and
indexes them as the library does (:class:`tui.search.index.SearchIndex`), then opens the app's
search screen headless (Textual's ``run_test``) and types each query a key at a time, a key every
``--key-gap-ms``: every key starts a search worker, a newer one cancels the older. For every
query it measures the time from its last key to the screen showing the whole query's hits (its
``shown_query``), and the index search alone for the same query; the difference is what the
screen adds (the worker, its result coming back, the list drawn). bench_search.py measures the
index; this measures the way back to the screen. Figures vary with machine load.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_search import queries  # noqa: E402
from make_corpus import write_corpus  # noqa: E402
from textual.app import App  # noqa: E402
from textual.widgets import Input  # noqa: E402

from parsers import parse_file  # noqa: E402
from tui.search.index import SearchIndex  # noqa: E402
from tui.ui.screens.search_screen import SearchScreen  # noqa: E402


class Host(App[None]):
    def __init__(self, ix: SearchIndex) -> None:
        super().__init__()
        self.ix = ix

    def on_mount(self) -> None:
        self.push_screen(SearchScreen(index=self.ix))


async def _shown(screen: SearchScreen, query: str, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while screen.shown_query != query:
        if time.perf_counter() > deadline:
            raise SystemExit(f"no hits shown for {query!r} in {timeout:.0f} s")
        await asyncio.sleep(0.0005)


async def _type_all(ix: SearchIndex, qs: list[str], gap: float) -> list[float]:
    app = Host(ix)
    took: list[float] = []
    async with app.run_test(size=(100, 30)):
        await asyncio.sleep(0.2)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        field = screen.query_one(Input)
        for q in qs:
            field.value = ""
            await _shown(screen, "")
            for i in range(1, len(q) + 1):
                field.value = q[:i]
                if i < len(q):
                    await asyncio.sleep(gap)
            t0 = time.perf_counter()
            await _shown(screen, q)
            took.append(time.perf_counter() - t0)
    return took


def _ms(values: list[float], q: float) -> str:
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000:.1f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--queries", type=int, default=40)
    ap.add_argument("--key-gap-ms", type=float, default=30.0)
    args = ap.parse_args()
    every = max(1, 200 // args.queries)
    qs = [q for q in queries()[::every] if q.strip()][: args.queries]
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), args.articles, seed=7)
        ix = SearchIndex()
        for path in sorted(Path(tmp).rglob("*.txt")):
            ix.add(parse_file(path))
    alone = []
    for q in qs:
        t0 = time.perf_counter()
        ix.search(q, limit=SearchScreen(index=ix).limit)
        alone.append(time.perf_counter() - t0)
    shown = asyncio.run(_type_all(ix, qs, args.key_gap_ms / 1000))
    added = [s - a for s, a in zip(shown, alone, strict=True)]
    print(f"{args.articles} articles · {len(qs)} queries typed, a key every {args.key_gap_ms:g} ms")
    print(f"last key to hits shown p50, ms          {_ms(shown, 0.5)}")
    print(f"last key to hits shown p95, ms          {_ms(shown, 0.95)}")
    print(f"index search alone p50, ms              {_ms(alone, 0.5)}")
    print(f"what the screen adds p50, ms            {_ms(added, 0.5)}")
    print(f"what the screen adds p95, ms            {_ms(added, 0.95)}")


if __name__ == "__main__":
    main()
