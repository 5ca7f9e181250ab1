"""The first frame: what the loading thread has read before the panes exist is drawn in it.

With a warm cache the first document is read (from the parse cache) while Textual is still
building the panes. It must be shown when the panes exist, before their first layout, so the
first frame already holds it; drawing empty panes first and the document after them costs a
second layout and paint of every pane (issue 15's start-up figure). The reader has no size
until the first layout, which is how these tests tell "before the first frame".
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from conftest import SEED_A, app_ready, pilot_test
from textual.app import App

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
