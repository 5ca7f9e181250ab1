"""The timeline (t), sparklines in the sidebar, the watchlist (+/-, W, marks) in the real app."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any, cast

import pytest
from conftest import app_ready, pilot_test, wait_for
from textual.pilot import Pilot
from textual.widgets import Sparkline
from timeline_library import MTIME, write_library

from tui.cli.main import main
from tui.core.paths import config_dir
from tui.ui.app import BriefingApp
from tui.ui.screens.timeline_screen import TimelineScreen
from tui.ui.screens.watchlist_screen import WatchlistScreen
from tui.ui.widgets.entity_sidebar import EntitySidebar
from tui.ui.widgets.timeline_chart import TimelineChart


async def ready(pilot: Pilot[None], app: BriefingApp) -> None:
    await app_ready(pilot, app, lambda: app.timelines.watched is not None)


async def trend_of(pilot: Pilot[None], app: BriefingApp, entity_id: str) -> EntitySidebar:
    """Once the library's dates are known, highlight ``entity_id`` in the sidebar (its detail
    and sparkline then show) and return the sidebar."""
    await ready(pilot, app)
    await wait_for(pilot, lambda: app.timelines.times is not None)
    sidebar = app.sidebar
    index = sidebar.index_of(entity_id)
    assert index is not None
    sidebar.query_one("#entity-list").focus()
    sidebar.query_one("#entity-list").highlighted = index  # type: ignore[attr-defined]
    await pilot.pause()
    return sidebar


def _config(text: str) -> None:
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "config.toml").write_text(text, "utf-8")


@pilot_test
async def test_enter_on_a_day_filters_the_list_and_esc_restores_it(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    app = BriefingApp([str(folder)])
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot, app)
        everything = list(app.document_list.paths)
        assert len(everything) == 14
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        await wait_for(pilot, lambda: screen.timeline is not None)
        assert screen.timeline is not None and screen.timeline.unit == "day"
        chart = screen.query_one(TimelineChart)
        assert chart.cursor == len(screen.timeline.buckets) - 1  # the latest day first
        # Back to the first day (2025-06-02: two articles), then enter.
        await pilot.press("home")
        assert screen.timeline.buckets[chart.cursor].label == "2025-06-02"
        await pilot.press("right", "left")
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, TimelineScreen))
        dl = app.document_list
        assert [os.path.basename(p) for p in dl.paths] == ["00-reuters.txt", "01-unn.txt"]
        assert dl.period == "2025-06-02" and "2025-06-02" in str(dl.border_title)
        assert app.focused is dl
        await pilot.press("escape")
        assert dl.paths == everything and dl.period is None
        assert str(dl.border_title) == "Documents"


@pilot_test
async def test_esc_on_the_timeline_changes_nothing(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    app = BriefingApp([str(folder)])
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot, app)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, TimelineScreen))
        assert len(app.document_list.paths) == 14 and app.document_list.period is None


@pilot_test
async def test_sidebar_shows_a_sparkline_and_first_and_last_mention(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    app = BriefingApp([str(folder)])
    async with app.run_test(size=(140, 40)) as pilot:
        sidebar = await trend_of(pilot, app, "person:mark-rutte")
        spark = sidebar.query_one("#entity-trend", Sparkline)
        assert spark.display
        data = list(spark.data or [])
        assert len(data) == 19  # 2025-06-02 .. 2025-06-20
        times = app.timelines.times
        assert times is not None
        assert data[0] == 1 and sum(data) == times.total("person:mark-rutte")
        detail = str(sidebar.query_one("#entity-detail").render())
        assert "first 2025-06-02 · last 2025-06-20" in detail


@pilot_test
async def test_no_sparkline_when_the_whole_library_is_one_day(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    for i, body in enumerate(["Mark Rutte met NATO staff.", "Mark Rutte spoke to NATO."]):
        (folder / f"{i}.txt").write_text(f"Report {i}\ndate 2025-06-02\n\n{body}\n", "utf-8")
    app = BriefingApp([str(folder)])
    async with app.run_test(size=(140, 40)) as pilot:
        sidebar = await trend_of(pilot, app, "person:mark-rutte")
        assert sidebar.trend_series("person:mark-rutte") == [2]
        assert not sidebar.query_one("#entity-trend", Sparkline).display
        detail = str(sidebar.query_one("#entity-detail").render())
        assert "first 2025-06-02 · last 2025-06-02" in detail


@pilot_test
async def test_plus_and_minus_watch_an_entity_everywhere(tmp_path: Path) -> None:
    folder = write_library(tmp_path / "lib")
    app = BriefingApp([str(folder)])
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot, app)
        sidebar = app.sidebar
        index = sidebar.index_of("person:donald-trump")
        assert index is not None
        rows = sidebar.query_one("#entity-list")
        rows.focus()
        rows.highlighted = index  # type: ignore[attr-defined]
        await pilot.press("plus")
        await wait_for(pilot, lambda: "person:donald-trump" in sidebar.watched)
        assert "person:donald-trump" in app.timelines.watchlist.entries
        counts = {os.path.basename(p): n for p, n in app.document_list.watched.items()}
        assert counts["01-unn.txt"] == 2 and "06-reuters.txt" not in counts
        # The open document (the first) marks its mention.
        assert app.reader.mark_spans("watch")
        await pilot.press("minus")
        await wait_for(pilot, lambda: not sidebar.watched)
        assert app.document_list.watched == {} and not app.reader.mark_spans("watch")


@pilot_test
async def test_a_watched_entity_in_a_new_document_is_in_the_view_and_in_watch_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _config('watch = ["Donald Trump"]\n')
    folder = write_library(tmp_path / "lib")
    app = BriefingApp([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        await pilot.press("W")
        await wait_for(pilot, lambda: isinstance(app.screen, WatchlistScreen))
        screen = cast(WatchlistScreen, app.screen)
        await wait_for(pilot, lambda: screen.loaded)
        assert len(screen.shown) == 7 and all(m.new for m in screen.shown)
        assert [m.day.isoformat() for m in screen.shown[:1] if m.day] == ["2025-06-09"]
        await pilot.press("escape")
    # Looked at: nothing is new now. A new article arrives.
    assert json.loads((tmp_path / "xdg_data_home/briefing-tui/watchlist.json").read_text())["seen"]
    new = folder / "99-new.txt"
    new.write_text("Late news\ndate 2025-06-21\n\nDonald Trump flew to Kyiv at night.\n", "utf-8")
    now = time.time() + 5
    os.utime(new, (now, now))
    assert main(["watch", "--json", str(folder)]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(os.path.basename(r["path"]), r["sentence"]) for r in rows] == [
        ("99-new.txt", "Donald Trump flew to Kyiv at night.")
    ]
    app = BriefingApp([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        await pilot.press("W")
        await wait_for(pilot, lambda: isinstance(app.screen, WatchlistScreen))
        screen = cast(WatchlistScreen, app.screen)
        await wait_for(pilot, lambda: screen.loaded)
        assert [os.path.basename(m.path) for m in screen.shown] == ["99-new.txt"]
        await pilot.press("a")  # every mention, the old ones too
        await wait_for(pilot, lambda: screen.loaded and len(screen.shown) == 8)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.current_path == str(new))
        assert app.reader.mark_spans("watch")
    assert now > MTIME


@pilot_test
async def test_new_mentions_found_after_a_asked_for_all_are_not_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``a`` while the new mentions are still being found: that older answer is dropped."""
    from tui.ui.screens import watchlist_screen

    release = threading.Event()
    real = watchlist_screen.find_mentions

    def slow_for_new(*args: Any, only_new: bool = False, **kwargs: Any) -> Any:
        if only_new:
            release.wait(30)
            return []  # the late answer: "nothing new"
        return real(*args, only_new=only_new, **kwargs)

    monkeypatch.setattr(watchlist_screen, "find_mentions", slow_for_new)
    _config('watch = ["Donald Trump"]\n')
    app = BriefingApp([str(write_library(tmp_path / "lib"))])
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        await pilot.press("W")
        await wait_for(pilot, lambda: isinstance(app.screen, WatchlistScreen))
        screen = cast(WatchlistScreen, app.screen)
        await pilot.press("a")  # every mention, while the new ones are still being found
        await wait_for(pilot, lambda: screen.loaded and len(screen.shown) == 7)
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.show_all and len(screen.shown) == 7


@pilot_test
async def test_chart_reads_without_colour(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # With NO_COLOR each source has its own fill, in the bars and the legend alike.
    monkeypatch.setenv("NO_COLOR", "1")
    folder = write_library(tmp_path / "lib")
    app = BriefingApp([str(folder)])
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot, app)
        assert app.no_color
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        await wait_for(pilot, lambda: screen.trends is not None)
        chart = screen.query_one(TimelineChart)
        legend = chart.legend().plain
        assert legend.startswith("█ Reuters  ▓ UNN  ▒ AP  ░ Bloomberg")
        text = chart.chart_text(76, 12).plain
        lines = text.splitlines()
        assert len(lines) == 12 and lines[0].startswith("2│")
        # 2025-06-02: a Reuters and a UNN article stacked: ▓ (UNN) above █ (Reuters).
        column = [line[2] for line in lines[:10]]
        assert column[-1] == "█" and "▓" in column
        assert "06-02" in lines[-1]
