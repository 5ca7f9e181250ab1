"""The app on the user's library: R fetches feeds in the background, new items arrive unread
(bold, ●, counted), reading marks them read, u toggles, and files another program copies into
a library folder appear (and changed ones are read again) while the app runs."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEED_A, SEED_B, pilot_test, wait_for
from rich.text import Text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "feeds"))

from feedcorpus import article_page, summary_only_feed
from feedserver import FeedServer, serve

from tui.core.config import Config
from tui.core.user_library import user_library
from tui.feeds.http import ALLOW_PRIVATE_ENV
from tui.feeds.store import Store, inbox_dir
from tui.ui.app import BriefingApp


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FeedServer]:
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")
    with serve() as s:
        yield s


def _app(folder: Path) -> BriefingApp:
    config = Config(library=[str(folder)])
    lib = user_library(config)
    return BriefingApp(lib.paths, config=config, user_library=True, watch=lib.folders)


@pilot_test
async def test_R_fetches_new_items_unread_and_reading_marks_them_read(
    server: FeedServer, tmp_path: Path
) -> None:
    folder = tmp_path / "briefings"
    folder.mkdir()
    shutil.copy(SEED_A, folder / "a.txt")
    for i in range(3):
        server.add(f"/articles/{i}.html", article_page(f"Story {i}"), content_type="text/html")
    body, ctype = summary_only_feed(server.url(""), 3)
    Store().add_feed(server.add("/teasers.xml", body, content_type=ctype), "Teasers")
    app = _app(folder)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: not app.loading and len(app.document_list.paths) == 1)
        dl = app.document_list
        assert dl.unread == set() and dl.border_title == "Documents"
        await pilot.press("R")
        await wait_for(pilot, lambda: len(dl.paths) == 4, timeout=30)
        new = [p for p in dl.paths if p.startswith(str(inbox_dir()))]
        assert len(new) == 3
        await wait_for(pilot, lambda: dl.unread is not None and set(new) <= dl.unread)
        assert dl.border_title == "Documents · 3 unread"
        prompt = dl.get_option(new[0]).prompt
        assert isinstance(prompt, Text)
        assert prompt.plain.startswith("● Story") and "bold" in str(prompt.style)
        assert not app.feeds.updating
        # reading marks read; u toggles
        dl.focus()
        app.open_document(new[0])
        await wait_for(
            pilot, lambda: app.current_path == new[0] and new[0] not in (dl.unread or ())
        )
        assert dl.border_title == "Documents · 2 unread"
        assert new[0] not in Store().unread()
        shown = app.reader.document
        assert shown is not None and "Paragraph 7 of Story" in shown.text  # the full text
        app.reader.focus()
        await pilot.press("u")
        await wait_for(pilot, lambda: new[0] in (dl.unread or ()))
        assert new[0] in Store().unread() and dl.border_title == "Documents · 3 unread"
        await pilot.press("u")
        await wait_for(pilot, lambda: new[0] not in (dl.unread or ()))
        # A second R finds nothing new.
        await pilot.press("R")
        await pilot.pause(0.2)
        await wait_for(pilot, lambda: not app.feeds.updating, timeout=30)
        assert len(dl.paths) == 4


@pilot_test
async def test_files_copied_in_appear_and_changed_files_are_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "briefings"
    folder.mkdir()
    shutil.copy(SEED_A, folder / "a.txt")
    app = _app(folder)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: not app.loading and app.current_path is not None)
        dl = app.document_list
        await pilot.pause(0.5)  # the watcher is up
        shutil.copy(SEED_B, folder / "b.txt")
        target = str(folder / "b.txt")
        await wait_for(pilot, lambda: target in dl.paths, timeout=20)
        assert dl.unread is not None and target in dl.unread
        library = app.library
        assert library is not None
        assert any(h.path == target for h in library.index.search("Stromšíková", limit=100))
        # the open document changes on disk: it is read again
        opened = app.current_path
        assert opened is not None
        Path(opened).write_text(
            "Revised briefing\n\nThe ministry said on Friday that talks resumed.\n", "utf-8"
        )
        await wait_for(
            pilot,
            lambda: app.document is not None and "talks resumed" in app.document.text,
            timeout=20,
        )
        await wait_for(pilot, lambda: dl.entries[opened].title == "Revised briefing")
        (folder / "b.txt").unlink()
        await wait_for(pilot, lambda: target not in dl.paths, timeout=20)


@pilot_test
async def test_samples_only_when_the_library_is_empty(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    app = _app(folder)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_for(pilot, lambda: not app.loading)
        assert len(app.document_list.paths) >= 2  # the bundled samples
        await pilot.press("R")
        await pilot.pause(0.1)
        assert not app.feeds.updating  # no feeds: one line, nothing runs


def _wire_feed(base: str, n: int) -> tuple[bytes, str]:
    items = "".join(
        f"<item><title>Wire {i}</title><link>{base}/wire/{i}.html</link><guid>wire-{i}</guid>"
        f"<description>{'A full wire report with enough words to stand alone. ' * 15}"
        "</description></item>"
        for i in range(n)
    )
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}'
    return (body + "</channel></rss>").encode(), "application/rss+xml"


@pilot_test
async def test_F_lists_feeds_with_unread_counts_and_enter_shows_one_feeds_documents(
    server: FeedServer, tmp_path: Path
) -> None:
    from tui.feeds.update import update_feeds
    from tui.ui.screens.feeds_screen import FeedsScreen
    from tui.ui.widgets.row_list import RowList

    folder = tmp_path / "briefings"
    folder.mkdir()
    shutil.copy(SEED_A, folder / "a.txt")
    for i in range(3):
        server.add(f"/articles/{i}.html", article_page(f"Story {i}"), content_type="text/html")
    store = Store()
    body, ctype = summary_only_feed(server.url(""), 3)
    store.add_feed(server.add("/teasers.xml", body, content_type=ctype), "Teasers")
    body, ctype = _wire_feed(server.url(""), 2)
    store.add_feed(server.add("/wire.xml", body, content_type=ctype), "Wire")
    assert all(r.ok for r in update_feeds(store))
    app = _app(folder)
    async with app.run_test(size=(140, 40)) as pilot:
        dl = app.document_list
        await wait_for(pilot, lambda: not app.loading and len(dl.paths) == 6)
        await wait_for(pilot, lambda: dl.unread is not None and len(dl.unread) == 5)
        await pilot.press("F")
        await wait_for(pilot, lambda: isinstance(app.screen, FeedsScreen))
        screen = app.screen
        assert isinstance(screen, FeedsScreen)
        rows = screen.query_one(RowList)
        lines = [rows.row_text(i, 60).plain for i in range(rows.row_count)]
        assert lines[0].startswith("● All documents") and lines[0].endswith("5 unread · 6")
        assert lines[1].startswith("● Teasers") and lines[1].endswith("3 unread · 3")
        assert lines[2].startswith("● Wire") and lines[2].endswith("2 unread · 2")
        assert rows.highlighted == 1  # the feed with most unread
        await pilot.press("j", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, FeedsScreen))
        wire = [p for p in dl.paths]
        assert len(wire) == 2 and all("Wire" in dl.entries[p].title for p in wire)
        assert dl.border_title == "Wire · 2 unread"
        assert dl.has_focus and dl.current_path == wire[0]
        await pilot.press("enter")  # read it: the counts follow
        await wait_for(pilot, lambda: app.current_path == wire[0])
        await wait_for(pilot, lambda: dl.border_title == "Wire · 1 unread")
        await pilot.press("F")
        await wait_for(pilot, lambda: isinstance(app.screen, FeedsScreen))
        rows = app.screen.query_one(RowList)
        lines = [rows.row_text(i, 60).plain for i in range(rows.row_count)]
        assert lines[0].endswith("4 unread · 6") and lines[2].endswith("1 unread · 2")
        await pilot.press("escape")  # closes, the feed stays shown
        await wait_for(pilot, lambda: not isinstance(app.screen, FeedsScreen))
        assert len(dl.paths) == 2
        dl.focus()
        await pilot.press("escape")  # every document again
        await wait_for(pilot, lambda: len(dl.paths) == 6)
        assert dl.border_title == "Documents · 4 unread"
