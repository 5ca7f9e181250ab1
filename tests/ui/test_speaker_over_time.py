"""`w` on a person in the sidebar: that person's quotes across the library, oldest first."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import pilot_test, wait_for

from tui.ui.app import BriefingApp
from tui.ui.screens.quotes_screen import QuotesScreen

#: (file, day, body): the newest article sorts first by name, so order by date is visible.
ARTICLES = [
    ("a-late.txt", "2025-06-20", '"We will send more," Mark Rutte said in Kyiv.'),
    ("b-early.txt", "2025-06-02", '"Talks will start soon," Mark Rutte said in Brussels.'),
    ("c-other.txt", "2025-06-10", '"Nothing is agreed," Emmanuel Macron said in Paris.'),
    ("d-middle.txt", "2025-06-12", 'Mark Rutte said: "NATO is ready." He left early.'),
]


def _library(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, day, body in ARTICLES:
        p = folder / name
        p.write_text(f"Report {name}\ndate {day}\nSource: Wire\n\n{body}\n", "utf-8")
        os.utime(p, (1_748_000_000.0, 1_748_000_000.0))
    return folder


@pilot_test
async def test_w_on_a_person_lists_their_quotes_across_the_library_by_date(
    tmp_path: Path,
) -> None:
    app = BriefingApp([str(_library(tmp_path / "lib"))])
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: not app.loading and app.sidebar.library_ready)
        await pilot.pause()
        sidebar = app.sidebar
        index = sidebar.index_of("person:mark-rutte")
        assert index is not None
        rows = sidebar.query_one("#entity-list")
        rows.focus()
        rows.highlighted = index  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("w")
        await wait_for(
            pilot, lambda: isinstance(app.screen, QuotesScreen) and app.screen.library_ready
        )
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        await wait_for(pilot, lambda: len(screen.shown) == 3)
        assert [r.date for r in screen.shown] == ["2025-06-02", "2025-06-12", "2025-06-20"]
        assert {r.speaker for r in screen.shown} == {"Mark Rutte"}
        await pilot.press("escape")
        # From the reader, w is the open document's quotes as before.
        app.reader.focus()
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, QuotesScreen))
        assert isinstance(app.screen, QuotesScreen) and app.screen.speaker is None
