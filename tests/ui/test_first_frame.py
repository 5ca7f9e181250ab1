"""The first frame: what the loading thread has read before the panes exist is drawn in it.

With a warm cache the first document is read (from the parse cache) while Textual is still
building the panes. It must be shown when the panes exist, before their first layout, so the
first frame already holds it; drawing empty panes first and the document after them costs a
second layout and paint of every pane (issue 15's start-up figure). The reader has no size
until the first layout, which is how these tests tell "before the first frame".
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest
from conftest import SEED_A, SEED_B, app_ready, pilot_test
from textual.app import App

from tui.library.library import PARALLEL_MIN
from tui.ui import loading
from tui.ui.app import BriefingApp
from tui.ui.screens.main_screen import MainScreen
from tui.ui.widgets.reader import Reader


def _wait_for_first_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every start "warm": ``start`` returns once the thread has read the first document."""
    start = loading.LibraryLoader.start

    def start_and_wait(self: loading.LibraryLoader) -> None:
        import time

        start(self)
        deadline = time.monotonic() + 20
        while self.first is None and self.running and time.monotonic() < deadline:
            time.sleep(0.01)

    monkeypatch.setattr(loading.LibraryLoader, "start", start_and_wait)


@pilot_test
async def test_a_document_read_before_the_panes_is_in_the_first_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _wait_for_first_document(monkeypatch)
    shown: list[tuple[str, int]] = []
    show = Reader.show_document

    def record(self: Reader, doc: Any) -> None:
        shown.append((doc.path, self.size.width))
        show(self, doc)

    monkeypatch.setattr(Reader, "show_document", record)
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        assert app.document is not None and app.document.path == str(SEED_A)
    # Shown once, and before the reader was laid out (no width yet): in the first frame.
    assert shown == [(str(SEED_A), 0)]


@pilot_test
async def test_the_panes_callback_runs_before_the_first_layout() -> None:
    seen: list[tuple[int, bool]] = []

    def on_panes(screen: MainScreen) -> None:
        seen.append((screen.reader.size.width, screen.document_list.is_mounted))

    class Panes(App[None]):
        CSS_PATH: ClassVar = MainScreen.STYLES

        def get_default_screen(self) -> MainScreen:
            return MainScreen(on_panes=on_panes)

    app = Panes()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(Reader).size.width > 0
    assert seen == [(0, True)]


@pilot_test
async def test_the_resource_tracker_starts_after_the_first_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The process pool's resource tracker (a process start and the multiprocessing imports)
    is started after the first document is drawn, before the scan that may need it."""
    from tui.ui import run

    app = BriefingApp([str(SEED_A), str(SEED_B)])
    started: list[tuple[bool, bool]] = []
    start = run.start_resource_tracker

    def record() -> None:
        drawn = app.document is not None and app.reader.size.width > 0
        started.append((drawn, bool(app.document_list.paths)))
        start()

    monkeypatch.setattr(run, "start_resource_tracker", record)
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        assert len(app.document_list.paths) == 2
    # Once, with the document drawn and nothing scanned yet.
    assert started == [(True, False)]


@pilot_test
async def test_the_collector_is_held_off_until_the_first_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``run_app`` pauses the cyclic garbage collector for start-up; the app turns it back on
    once the first frame is drawn (else it would stay off for the whole session)."""
    from tui.ui import app as app_module
    from tui.ui import run

    app = BriefingApp([str(SEED_A)])
    resumed: list[tuple[bool, bool]] = []
    resume = run.resume_collector

    def record() -> None:
        resumed.append((gc.isenabled(), app.reader.size.width > 0))
        resume()

    monkeypatch.setattr(app_module, "resume_collector", record)
    run.pause_collector()
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await app_ready(pilot, app)
            assert gc.isenabled()
    finally:
        run.resume_collector()
        gc.unfreeze()
    # Once, while still paused, with the panes laid out and drawn.
    assert resumed == [(False, True)]


POOL_PROGRAM = """
import asyncio, json, sys, time
from tui.ui.app import BriefingApp

async def main():
    app = BriefingApp([sys.argv[1]])
    async with app.run_test(size=(120, 40)) as pilot:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and (app.loading or app.document is None):
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        listed = len(app.document_list.paths)
        said = [str(n.message) for n in app._notifications]
    print(json.dumps({"listed": listed, "said": said}))

asyncio.run(main())
"""


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the library parses in one process")
def test_a_library_parsed_by_the_process_pool_loads_in_the_app(tmp_path: Path) -> None:
    """Enough documents for the process pool, in a fresh interpreter (no tracker running yet),
    under Textual's redirected output: the tracker started late must still get a real standard
    error, else the pool fails ("bad value(s) in fds_to_keep")."""
    folder = tmp_path / "many"
    folder.mkdir()
    n = PARALLEL_MIN + 4
    for i in range(n):
        (folder / f"{i:03d}.txt").write_text(
            f"Report {i}\n\nThe minister said on Monday that talks would resume. "
            f'"We are ready," she said.\n',
            encoding="utf-8",
        )
    out = subprocess.run(
        [sys.executable, "-c", POOL_PROGRAM, str(folder)],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["listed"] == n
    assert not [s for s in result["said"] if "stopped" in s], result["said"]
