"""What the screens look like (pytest-textual-snapshot; SVG baselines in tests/__snapshots__).

Deterministic: relative paths (the metadata line shows them), no clock, no cursor blink, and
``run_before`` waits until the library worker has finished and the first document is laid out.
Parser output changes (titles, quotes, entities) change these pictures: after such a change,
look at the report and run ``pytest tests/ui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from conftest import ROOT, app_ready
from textual.pilot import Pilot

from tui.ui.app import BriefingApp


async def _loaded(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, BriefingApp)
    await app_ready(pilot, app, timeout=30)
    app.clear_notifications()
    await pilot.pause()


def _then(*keys: str) -> Callable[[Pilot[Any]], Any]:
    async def run(pilot: Pilot[Any]) -> None:
        await _loaded(pilot)
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.1)

    return run


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> BriefingApp:
    monkeypatch.chdir(ROOT)
    return BriefingApp(["seeds"])


def test_main_screen_120x40(snap_compare: Any, app: BriefingApp) -> None:
    assert snap_compare(app, terminal_size=(120, 40), run_before=_loaded)


def test_main_screen_80x24(snap_compare: Any, app: BriefingApp) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded)


def test_main_screen_cursor_and_selection(snap_compare: Any, app: BriefingApp) -> None:
    assert snap_compare(app, terminal_size=(120, 40), run_before=_then("j", "j", "J"))


def test_help_screen(snap_compare: Any, app: BriefingApp) -> None:
    assert snap_compare(app, terminal_size=(120, 50), run_before=_then("question_mark"))


def test_feeds_screen(snap_compare: Any, app: BriefingApp) -> None:
    """``F``: feeds with unread counts, bold with ``●`` while unread, a long title cut."""
    from tui.ui.screens.feeds_screen import FeedsScreen
    from tui.views.feed_groups import FeedGroup

    groups = [
        FeedGroup("All documents", None, [f"/d/{i}" for i in range(12)], 6),
        FeedGroup("Ministry of Defence", "/i/mod", [f"/i/mod/{i}" for i in range(4)], 4),
        FeedGroup(
            "A think tank whose feed title is far too long for one line of this list, [b]x[/b]",
            "/i/tt",
            [f"/i/tt/{i}" for i in range(5)],
            2,
        ),
        FeedGroup("Wire", "/i/wire", ["/i/wire/1"], 0),
    ]

    async def run(pilot: Pilot[Any]) -> None:
        await _loaded(pilot)
        pilot.app.push_screen(FeedsScreen(groups))
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run)
