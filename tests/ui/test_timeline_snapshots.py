"""What the timeline, the sidebar's sparkline and the watchlist look like (SVG baselines)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import app_ready, wait_for
from textual.pilot import Pilot
from timeline_library import write_library

from tui.core.paths import config_dir
from tui.ui.app import BriefingApp
from tui.ui.screens.timeline_screen import TimelineScreen
from tui.ui.screens.watchlist_screen import WatchlistScreen


async def _loaded(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, BriefingApp)
    await app_ready(
        pilot,
        app,
        lambda: app.timelines.watched is not None and app.timelines.times is not None,
        timeout=30,
    )
    app.clear_notifications()
    await pilot.pause()


async def _timeline(pilot: Pilot[Any]) -> None:
    await _loaded(pilot)
    app = pilot.app
    await pilot.press("t")
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, TimelineScreen) and app.screen.trends is not None,
        timeout=30,
    )
    await pilot.press("left", "left")
    await pilot.pause(0.1)


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> BriefingApp:
    write_library(tmp_path / "lib")
    monkeypatch.chdir(tmp_path)
    return BriefingApp(["lib"])


def test_timeline_140x40(snap_compare: Any, app: BriefingApp) -> None:
    assert snap_compare(app, terminal_size=(140, 40), run_before=_timeline)


def test_timeline_80x24(snap_compare: Any, app: BriefingApp) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=_timeline)


def test_sidebar_sparkline_and_watched_entity(snap_compare: Any, app: BriefingApp) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await _loaded(pilot)
        sidebar = app.sidebar
        rows = sidebar.query_one("#entity-list")
        rows.focus()
        rows.highlighted = sidebar.index_of("person:donald-trump")  # type: ignore[attr-defined]
        await pilot.press("plus")
        await wait_for(pilot, lambda: "person:donald-trump" in sidebar.watched)
        app.clear_notifications()
        await pilot.pause(0.1)

    assert snap_compare(app, terminal_size=(140, 40), run_before=run)


def test_watchlist_view(snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "config.toml").write_text('watch = ["Donald Trump", "air defence"]\n', "utf-8")
    write_library(tmp_path / "lib")
    monkeypatch.chdir(tmp_path)
    app = BriefingApp(["lib"])

    async def run(pilot: Pilot[Any]) -> None:
        await _loaded(pilot)
        await pilot.press("W")
        await wait_for(pilot, lambda: isinstance(app.screen, WatchlistScreen) and app.screen.loaded)
        await pilot.press("j")
        await pilot.pause(0.1)

    assert snap_compare(app, terminal_size=(120, 30), run_before=run)
