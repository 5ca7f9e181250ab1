"""Starting the reader must not import what its first screen does not use.

A correctness guard for start-up speed (timings live in ``bench/bench_startup.py``): the app is
started headless on a small library the way ``briefing-tui`` with no path starts it (the feed
inbox, watched), in a fresh interpreter, and runs until the first document is shown and the
library has loaded; then modules that only feeds updates, the team store, other formats or the
export need must still be absent. A module-level import of one of them anywhere on the start-up
path makes this fail.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import SEED_A, SEED_B

#: Modules (and packages) the first screen of a library of .txt files never needs.
HEAVY = (
    "feedparser",
    "trafilatura",
    "psycopg",
    "pypdfium2",
    "docx",
    "lxml",
    "tui.store.postgres",
    "tui.store.library",
    "tui.notes.export",
    "tui.feeds.parse",
    "tui.feeds.update",
    "tui.feeds.http",
    "parsers.html_reader",
    "parsers.pdf_reader",
    "parsers.docx_reader",
)

PROGRAM = """
import asyncio, json, sys, time
from tui.core.config import load_config
from tui.core.user_library import user_library
from tui.ui.app import BriefingApp

async def main():
    config = load_config()
    lib = user_library(config)
    app = BriefingApp(lib.paths, config=config, user_library=True, watch=lib.folders)
    async with app.run_test(size=(120, 40)) as pilot:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            await pilot.pause(0.05)
            if app.document is not None and not app.loading:
                break
        await pilot.pause(0.3)
        shown = app.document.title if app.document is not None else None
        listed = len(app.document_list.paths)
    print(json.dumps({"shown": shown, "listed": listed, "modules": sorted(sys.modules)}))

asyncio.run(main())
"""


def test_starting_on_a_small_library_imports_nothing_heavy(isolated_dirs: Path) -> None:
    inbox = isolated_dirs / "xdg_data_home" / "briefing-tui" / "inbox" / "news"
    inbox.mkdir(parents=True)
    for seed in (SEED_A, SEED_B):
        (inbox / seed.name).write_bytes(seed.read_bytes())
    out = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=120, check=False
    )
    assert out.returncode == 0, out.stderr[-2000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    # The app really started on this library: the first document is shown, both are listed.
    assert report["shown"], report
    assert report["listed"] == 2
    loaded = report["modules"]
    heavy = sorted(m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert heavy == [], f"imported while starting: {heavy}"
