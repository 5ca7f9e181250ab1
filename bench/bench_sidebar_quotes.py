"""How fast the entity sidebar and the quotes screen are on a big library.

    python bench/bench_sidebar_quotes.py [--articles 1000]

Writes a synthetic library (bench/make_corpus.py), parses it, then times: building the entity
table and its groups, the cross-references of the most mentioned entity, the sidebar's library
view in a headless app, building the library's quote rows, filtering them per keystroke, and
opening the quotes screen on the library. Printed beside the reference figures of the design
guide (OptionList with 10,000 items: first item visible in 0.45 s on this machine).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import write_corpus  # noqa: E402

from parsers import Document, parse_file  # noqa: E402
from tui.entities.table import EntityTable  # noqa: E402
from tui.views.quote_rows import filter_rows, library_quote_rows  # noqa: E402


def timed(label: str, fn, ref: str = ""):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn()
    ms = (time.perf_counter() - t0) * 1000
    print(f"{label:<58} {ms:9.1f} ms   {ref}")
    return out


async def sidebar_library(docs: list[Document]) -> tuple[float, float, int]:
    from textual.app import App, ComposeResult

    from tui.ui.widgets.entity_sidebar import EntitySidebar
    from tui.ui.widgets.row_list import RowList

    class Bench(App[None]):
        def compose(self) -> ComposeResult:
            yield EntitySidebar()

    app = Bench()
    async with app.run_test(size=(120, 40)) as pilot:
        sidebar = app.query_one(EntitySidebar)
        sidebar.show_document(docs[0])
        await pilot.pause()
        t0 = time.perf_counter()
        sidebar.set_library(docs)
        await app.workers.wait_for_complete()
        indexed = time.perf_counter() - t0
        await pilot.pause()
        t0 = time.perf_counter()
        sidebar.show_library(True)
        await pilot.pause()
        elapsed = time.perf_counter() - t0
        return indexed, elapsed, app.query_one(RowList).row_count


async def quotes_library(docs: list[Document]) -> tuple[float, float, float, int]:
    from textual.app import App

    from tui.ui.screens.quotes_screen import QuotesScreen
    from tui.ui.widgets.row_list import RowList

    class Bench(App[None]):
        pass

    app = Bench()
    async with app.run_test(size=(120, 40)) as pilot:
        # Reference: one keystroke on a screen with a single quote (Pilot's own cost).
        tiny = Document(path="t", title="t", text='"x"', quotes=docs[0].quotes[:1])
        await app.push_screen(QuotesScreen(tiny))
        await pilot.pause()
        t0 = time.perf_counter()
        await pilot.press("s")
        await pilot.pause()
        baseline = time.perf_counter() - t0
        app.pop_screen()
        await pilot.pause()
        t0 = time.perf_counter()
        await app.push_screen(QuotesScreen(docs[0], docs, scope="library"))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        opened = time.perf_counter() - t0
        count = app.screen.query_one("#quotes-list", RowList).row_count
        t0 = time.perf_counter()
        await pilot.press("s")
        await pilot.pause()
        keystroke = time.perf_counter() - t0
        return opened, keystroke, baseline, count


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), args.articles)
        files = sorted(Path(tmp).rglob("*.txt"))
        docs = timed(f"parse {len(files)} articles", lambda: [parse_file(f) for f in files])
    mentions = sum(len(d.entities) for d in docs)
    quotes = sum(len(d.quotes) for d in docs)
    words = sum(len(d.text.split()) for d in docs)
    print(
        f"library: {len(docs)} documents, {words} words, {mentions} entity mentions, "
        f"{quotes} quotes"
    )
    table = timed(
        "entity table over the library + groups()", lambda: (t := EntityTable(docs), t.groups())[0]
    )
    top = max(table.summaries().values(), key=lambda s: s.count)
    timed(f"related() of the most mentioned ({top.count} mentions)", lambda: table.related(top.id))
    timed("documents_for() of the most mentioned", lambda: table.documents_for(top.id))
    timed("mentions() of the most mentioned", lambda: table.mentions(top.id))
    indexed, elapsed, options = asyncio.run(sidebar_library(docs))
    print(
        f"{'sidebar: index the library (background thread, merges)':<58} "
        f"{indexed * 1000:9.1f} ms   (the UI keeps answering meanwhile)"
    )
    print(
        f"{'sidebar: switch to the library view (' + str(options) + ' rows)':<58} "
        f"{elapsed * 1000:9.1f} ms   ref: OptionList 10,000 items 450 ms"
    )
    rows = timed("quote rows of the library", lambda: library_quote_rows(docs))
    for query in ("s", "sa", "said", "minister pat"):
        timed(
            f"filter {len(rows)} quote rows by {query!r}",
            lambda q=query: filter_rows(rows, q),
            "(per keystroke; aim < 50 ms)",
        )
    opened, keystroke, baseline, count = asyncio.run(quotes_library(docs))
    print(
        f"{'quotes screen: open on the library (' + str(count) + ' rows)':<58} "
        f"{opened * 1000:9.1f} ms   ref: OptionList 10,000 items 450 ms"
    )
    print(
        f"{'quotes screen: one keystroke of filter, redrawn':<58} {keystroke * 1000:9.1f} ms   "
        f"ref: same keystroke, 1 quote: {baseline * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
