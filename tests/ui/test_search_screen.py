"""The search screen, driven by Pilot: typing shows hits, enter returns one, escape cancels."""

from __future__ import annotations

import threading

from conftest import SEED_A, SEED_B, wait_for
from conftest import pilot_test as sync
from textual.app import App
from textual.reactive import var
from textual.widgets import Input, OptionList, Static

from parsers import parse_file, parse_text
from tui.search.index import SearchHit, SearchIndex
from tui.ui.screens.search_screen import SearchChoice, SearchScreen, hit_text


def _index() -> SearchIndex:
    ix = SearchIndex()
    for p in (SEED_A, SEED_B):
        ix.add(parse_file(p))
    return ix


class Host(App[None]):
    def __init__(self, ix: SearchIndex, query: str = "", target: str | None = None) -> None:
        super().__init__()
        self.ix = ix
        self.query_text = query
        self.target = target
        self.results: list[SearchChoice | None] = []

    def on_mount(self) -> None:
        self.push_screen(
            SearchScreen(query=self.query_text, index=self.ix, target=self.target),
            self.results.append,
        )


async def _settle(app: Host, pilot: object) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


@sync
async def test_typing_shows_hits_and_enter_returns_the_chosen_one() -> None:
    app = Host(_index())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"stromsikova")
        await _settle(app, pilot)
        results = screen.query_one(OptionList)
        assert screen.shown_query == "stromsikova"
        assert results.option_count == len(screen.hits) > 0
        first = str(results.get_option_at_index(0).prompt)
        assert "Stromšíková" in first
        await pilot.press("down")
        assert results.highlighted == 1
        await pilot.press("enter")
        await pilot.pause()
    assert len(app.results) == 1
    choice = app.results[0]
    assert isinstance(choice, SearchChoice)
    assert choice.index == 1 and choice.hit == choice.hits[1]
    assert choice.path == str(SEED_B)
    text = parse_file(SEED_B).text
    assert 0 <= choice.start < choice.end <= len(text)


@sync
async def test_results_follow_the_latest_query() -> None:
    app = Host(_index())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"patriot")
        await _settle(app, pilot)
        assert screen.shown_query == "patriot"
        assert all(h.path == str(SEED_B) for h in screen.hits)
        inp = screen.query_one(Input)
        inp.value = ""
        await pilot.press(*"air defence")
        await _settle(app, pilot)
        assert screen.shown_query == "air defence"
        assert {h.path for h in screen.hits} == {str(SEED_A), str(SEED_B)}
        inp.value = ""
        await _settle(app, pilot)
        assert screen.hits == [] and screen.query_one(OptionList).option_count == 0


class _SlowIndex(SearchIndex):
    """An index whose search for ``slow`` waits until the test lets it answer."""

    def __init__(self, slow: str) -> None:
        super().__init__()
        self.slow = slow
        self.release = threading.Event()

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        if query == self.slow:
            self.release.wait(30)
        return super().search(query, limit)


@sync
async def test_a_search_that_answers_after_the_query_changed_is_not_shown() -> None:
    ix = _SlowIndex("patriot")
    for p in (SEED_A, SEED_B):
        ix.add(parse_file(p))
    app = Host(ix)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"patriot")  # its search waits
        screen.query_one(Input).value = "air defence"
        await wait_for(pilot, lambda: screen.shown_query == "air defence")
        newer = list(screen.hits)
        assert {h.path for h in newer} == {str(SEED_A), str(SEED_B)}
        ix.release.set()  # the "patriot" search answers now, too late
        await _settle(app, pilot)
        assert screen.shown_query == "air defence" and screen.hits == newer


@sync
async def test_results_reach_the_list_as_a_message_for_the_query_typed_only() -> None:
    app = Host(_index())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"patriot")
        await _settle(app, pilot)
        results = screen.query_one(OptionList)
        shown = list(screen.hits)
        assert shown and results.option_count == len(shown)
        other = _index().search("air defence")
        # Hits for a query no longer typed (posted late by a worker) change nothing.
        screen.post_message(SearchScreen.Results("patri", other, 0.001, 2))
        await pilot.pause()
        assert screen.hits == shown and screen.shown_query == "patriot"
        assert results.option_count == len(shown)
        # Hits for the query typed fill the list and the status line.
        screen.post_message(SearchScreen.Results("patriot", other, 0.001, 2))
        await pilot.pause()
        assert screen.hits == other and results.option_count == len(other)
        status = str(screen.query_one("#search-status", Static).render())
        assert f"{len(other)} hits" in status


@sync
async def test_escape_cancels() -> None:
    app = Host(_index(), query="ukraine")
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(app, pilot)
        assert isinstance(app.screen, SearchScreen) and app.screen.hits
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
    assert app.results == [None]


@sync
async def test_enter_without_hits_keeps_the_screen_open() -> None:
    app = Host(_index(), query="qqqzzzxxx")
    async with app.run_test(size=(60, 12)) as pilot:
        await _settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
    assert app.results == []


@sync
async def test_document_markup_is_shown_literally() -> None:
    ix = SearchIndex()
    ix.add(
        parse_text(
            "[bold]Title[/bold]\n\nSee [@click=app.quit]here[/] and [red]kestrel[/].", "/m.txt"
        )
    )
    hits = ix.search("kestrel")
    rendered = hit_text(hits[0]).plain
    assert "[@click=app.quit]here[/]" in rendered and "[red]kestrel[/]" in rendered
    app = Host(ix, query="kestrel")
    async with app.run_test(size=(100, 20)) as pilot:
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        prompt = screen.query_one(OptionList).get_option_at_index(0).prompt
        assert "[red]kestrel[/]" in str(prompt)
        await pilot.press("enter")
    assert app.results and app.results[0] is not None


@sync
async def test_cross_references_grouped_by_document() -> None:
    app = Host(_index(), target="air defense")
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        results = screen.query_one(OptionList)
        headings = [
            i for i in range(results.option_count) if results.get_option_at_index(i).disabled
        ]
        assert len(headings) == 2  # both seeds mention it
        assert results.highlighted == 1  # the first place, not its heading
        assert screen.query_one(Input).value == "air defense"
        for _ in range(results.option_count):
            await pilot.press("down")
        assert not results.get_option_at_index(results.highlighted or 0).disabled
        await pilot.press("enter")
        await pilot.pause()
    choice = app.results[0]
    assert choice is not None and choice.hit in choice.hits
    assert parse_file(choice.path).text[choice.start : choice.end].lower() == "air defense"


@sync
async def test_cross_reference_rows_sit_under_their_title_and_say_what_they_count() -> None:
    """Issue 15: every row repeated the document title, continuation lines started at column
    0, and "places" did not say what was counted."""
    from textual.widgets import Static

    app = Host(_index(), target="air defense")
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        results = screen.query_one(OptionList)
        titles = {h.title for h in screen.hits}
        width = results.scrollable_content_region.width
        for i in range(results.option_count):
            option = results.get_option_at_index(i)
            lines = str(option.prompt).split("\n")
            if option.disabled:
                assert "passage" in lines[0]
                continue
            assert not any(t and t in lines[0] for t in titles), lines[0]
            assert lines[0].startswith("  ↳ ")
            assert lines[1].startswith(" " * 12) and len(lines[1]) <= width, lines[1]
        status = str(screen.query_one("#search-status", Static).render())
        assert "passages (paragraphs and quotes)" in status and "places" not in status


@sync
async def test_hits_grouped_by_document_and_ctrl_down_goes_to_the_next_one() -> None:
    ix = SearchIndex()
    ix.add(parse_text("Ferry strike\n\nThe ferry stayed put.\n\nNo ferry today.\n", "/b.txt"))
    ix.add(parse_text("Harbour\n\nThe ferry runs late.\n\nA ferry ticket.\n", "/a.txt"))
    app = Host(ix)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"ferry")
        await _settle(app, pilot)
        results = screen.query_one(OptionList)
        paths = [h.path for h in screen.hits]
        assert paths[0] == "/b.txt" and set(paths) == {"/a.txt", "/b.txt"}
        assert paths == sorted(paths, key=paths.index)  # one block per document
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(len(paths))]
        assert "Ferry strike" in prompts[0] and "↳" not in prompts[0]
        assert "↳" in prompts[1] and "Ferry strike" not in prompts[1]
        await pilot.press("ctrl+down")
        assert results.highlighted == paths.index("/a.txt")
        assert "Harbour" in prompts[paths.index("/a.txt")]
        await pilot.press("down", "ctrl+up")
        assert results.highlighted == 0


class LateLibraryHost(App[None]):
    """An app whose library opens after the search screen is already up (keys typed ahead)."""

    library: var[object | None] = var(None, init=False)

    def on_mount(self) -> None:
        self.push_screen(SearchScreen(None, "stromsikova"))


class _Library:
    def __init__(self, index: SearchIndex) -> None:
        self.index = index


@sync
async def test_a_search_opened_before_the_library_runs_when_it_opens() -> None:
    app = LateLibraryHost()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        status = screen.query_one("#search-status", Static)
        assert "still loading" in str(status.render())
        app.library = _Library(_index())
        await _settle(app, pilot)  # type: ignore[arg-type]
        assert screen.shown_query == "stromsikova"
        assert screen.hits and "Stromšíková" in str(
            screen.query_one(OptionList).get_option_at_index(0).prompt
        )
