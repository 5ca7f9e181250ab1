"""The "who said what" list: row building (pure) and the modal screen (Pilot)."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import overload

import pytest
from conftest import (
    QUOTE_TEXT_A,
    QUOTE_TEXT_B,
    SEED_A,
    SEED_B,
    quote_doc_a,
    quote_doc_b,
    screen_lines,
    settle,
)
from conftest import pilot_test as sync
from textual.app import App
from textual.widgets import Input, Static

from parsers import Document, Quote, parse_file
from tui.ui.screens.quotes_screen import QuoteJump, QuotesScreen, preview_text, row_text
from tui.ui.widgets.row_list import RowList
from tui.views.quote_rows import (
    filter_rows,
    quote_rows,
)

# -- pure rows -------------------------------------------------------------------------------


def test_row_and_preview_are_literal_for_markup_like_strings() -> None:
    row = quote_rows(quote_doc_a())[-1]
    text = row_text(row)
    assert text.plain == (
        "direct    [link=file:///etc/passwd]Evil[/link] ([red]boss[/]): "
        "“[bold]x[/] and [@click=app.quit]”"
    )
    preview = preview_text(row, show_title=True)
    assert preview.plain == (
        "[link=file:///etc/passwd]Evil[/link] ([red]boss[/])  direct · said\n"
        "“[bold]x[/] and [@click=app.quit]”\nin Sweden Buys Air Defence"
    )
    # The only styles are the ones the rows set themselves, never any from the document.
    for t in (text, preview):
        assert all(
            "link" not in str(span.style) and "red" not in str(span.style) for span in t.spans
        )


# -- the screen -----------------------------------------------------------------------------


class QuotesApp(App[None]):
    """Opens a QuotesScreen at start and records what it dismisses with."""

    def __init__(self, screen: QuotesScreen) -> None:
        super().__init__()
        self.under_test = screen
        self.results: list[QuoteJump | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.under_test, callback=self.results.append)


def _list(app: App[None]) -> RowList:
    return app.screen.query_one("#quotes-list", RowList)


def _prompts(row_list: RowList) -> list[str]:
    return [row_list.row_text(i).plain for i in range(row_list.row_count)]


@sync
async def test_lists_every_quote_and_enter_jumps_to_it() -> None:
    doc = quote_doc_a()
    app = QuotesApp(QuotesScreen(doc))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        row_list = _list(app)
        assert row_list.row_count == 5
        assert row_list.highlighted == 0
        assert isinstance(app.focused, Input)
        title = app.screen.query_one("#quotes-title", Static).render()
        assert "Quotes in Sweden Buys Air Defence · 5" in str(title)
        await pilot.press("down", "down")
        assert row_list.highlighted == 2
        await pilot.press("enter")
        await pilot.pause()
    rows = quote_rows(doc)
    assert app.results == [QuoteJump("/docs/a.txt", rows[2].start, rows[2].end)]
    assert doc.text[rows[2].start : rows[2].end] == "European allies need to spend more"


@sync
async def test_typing_filters_and_enter_picks_the_first_match() -> None:
    doc = quote_doc_a()
    app = QuotesApp(QuotesScreen(doc))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"porcupine")
        await pilot.pause()
        row_list = _list(app)
        assert row_list.row_count == 1
        assert "steel porcupine" in _prompts(row_list)[0]
        await pilot.press("enter")
        await pilot.pause()
    start = QUOTE_TEXT_A.index('"steel porcupine"')
    assert app.results == [QuoteJump("/docs/a.txt", start, start + len('"steel porcupine"'))]


@sync
async def test_no_match_shows_a_message_and_enter_does_nothing() -> None:
    app = QuotesApp(QuotesScreen(quote_doc_a()))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"zzzz", "enter")
        await pilot.pause()
        assert _prompts(_list(app)) == ["No quotes match the filter"]
        assert app.results == []
        assert isinstance(app.screen, QuotesScreen)
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


@sync
async def test_library_switch_lists_quotes_of_every_document() -> None:
    a, b = quote_doc_a(), quote_doc_b()
    app = QuotesApp(QuotesScreen(a, library=[a, b]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert _list(app).row_count == 5
        await pilot.press("ctrl+l")
        await settle(pilot)
        await pilot.pause()
        assert _list(app).row_count == 6
        assert "the library (2 documents)" in str(
            app.screen.query_one("#quotes-title", Static).render()
        )
        await pilot.press(*"stromsikova")
        await pilot.pause()
        prompts = _prompts(_list(app))
        assert len(prompts) == 1
        assert prompts[0] == "direct    Jana Stromšíková (Director General): “Europe must act,”"
        preview = str(app.screen.query_one("#quotes-preview", Static).render())
        assert preview.endswith("“Europe must act,”\nin Stromšíková Speaks")
        await pilot.press("enter")
        await pilot.pause()
    start = QUOTE_TEXT_B.index('"Europe')
    assert app.results == [QuoteJump("/docs/b.txt", start, start + len('"Europe must act,"'))]


@sync
async def test_library_switch_without_library_stays_put() -> None:
    app = QuotesApp(QuotesScreen(quote_doc_a()))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, QuotesScreen)
        assert app.screen.scope == "document"
        assert _list(app).row_count == 5


@sync
async def test_near_highlights_the_quote_at_the_cursor() -> None:
    doc = quote_doc_a()
    offset = QUOTE_TEXT_A.index("Officials")
    app = QuotesApp(QuotesScreen(doc, near=offset))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert _list(app).highlighted == 3  # the scare quote, first ending after the cursor


@sync
async def test_markup_in_document_strings_shows_literally_and_does_not_run() -> None:
    app = QuotesApp(QuotesScreen(quote_doc_a()))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"evil")
        await pilot.pause()
        screen = "\n".join(screen_lines(app))
        assert "[link=file:///etc/passwd]Evil[/link]" in screen
        assert "[@click=app.quit]" in screen
        await pilot.click("#quotes-list", offset=(20, 0))
        await pilot.pause()
        # Clicking the row chose the quote; nothing in it quit the app.
        assert app.is_running
    assert len(app.results) == 1 and app.results[0] is not None


@sync
async def test_empty_document_says_so() -> None:
    doc = Document(path="/docs/empty.txt", title="Empty", text="")
    app = QuotesApp(QuotesScreen(doc))
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        assert _prompts(_list(app)) == ["No quotes found in this document"]
        await pilot.press("enter")
        assert app.results == []


@sync
async def test_tiny_terminal_does_not_crash() -> None:
    a = quote_doc_a()
    app = QuotesApp(QuotesScreen(a, library=[a]))
    async with app.run_test(size=(20, 5)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await settle(pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
    assert len(app.results) == 1


@pytest.mark.parametrize("seed", [SEED_A, SEED_B], ids=["seed-a", "seed-b"])
@sync
async def test_seed_documents_list_exactly_their_quotes(seed: Path) -> None:
    doc = parse_file(seed)
    app = QuotesApp(QuotesScreen(doc))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        row_list = _list(app)
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        if not doc.quotes:
            assert _prompts(row_list) == ["No quotes found in this document"]
            return
        assert row_list.row_count == len(doc.quotes)
        expected = sorted((q.start, q.end) for q in doc.quotes)
        assert [(r.start, r.end) for r in screen.shown] == expected
        await pilot.press(*["down"] * (len(expected) - 1), "enter")
        await pilot.pause()
    last = expected[-1]
    assert app.results == [QuoteJump(str(seed), *last)]


def _many_quotes(n: int) -> Document:
    lines = ["Many Quotes"]
    quotes = []
    pos = len(lines[0]) + 1
    for i in range(n):
        line = f'"Line {i} is said here," said Speaker{i % 7} on day {i}.'
        quotes.append(
            Quote(
                pos,
                pos + line.index(',"') + 2,
                line[: line.index(',"') + 2],
                "direct",
                f"Speaker{i % 7}",
                None,
                None,
                None,
                "said",
            )
        )
        lines.append(line)
        pos += len(line) + 1
    return Document(
        path="/docs/many.txt", title="Many Quotes", text="\n".join(lines), quotes=quotes
    )


@sync
async def test_thousands_of_quotes_page_filter_and_jump() -> None:
    doc = _many_quotes(3000)
    app = QuotesApp(QuotesScreen(doc))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        row_list = _list(app)
        assert row_list.row_count == 3000
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        page = row_list.scrollable_content_region.height - 1
        assert row_list.highlighted == 2 * page
        # The highlighted row is on screen, and the preview shows it whole.
        assert f"Line {2 * page} is said here" in "\n".join(screen_lines(app))
        preview = str(app.screen.query_one("#quotes-preview", Static).render())
        assert preview == f"Speaker{2 * page % 7}  direct · said\n“Line {2 * page} is said here,”"
        await pilot.press(*"speaker3 2999")
        await pilot.pause()
        assert row_list.row_count == 1
        await pilot.press("enter")
        await pilot.pause()
    q = doc.quotes[2999]
    assert app.results == [QuoteJump("/docs/many.txt", q.start, q.end)]
    assert doc.text[q.start : q.end] == '"Line 2999 is said here,"'


class SlowLibrary(Sequence[Document]):
    """A library that yields its documents only when ``release`` is set (a cold cache)."""

    def __init__(self, docs: list[Document]) -> None:
        self.docs = docs
        self.release = threading.Event()

    def __len__(self) -> int:
        return len(self.docs)

    @overload
    def __getitem__(self, index: int) -> Document: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Document]: ...
    def __getitem__(self, index: int | slice) -> Document | Sequence[Document]:
        return self.docs[index]

    def __iter__(self) -> Iterator[Document]:
        self.release.wait(timeout=10)
        return iter(self.docs)


@sync
async def test_library_quotes_load_in_the_background() -> None:
    a, b = quote_doc_a(), quote_doc_b()
    slow = SlowLibrary([a, b])
    app = QuotesApp(QuotesScreen(a, library=slow))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert _prompts(_list(app)) == ["Loading the library's quotes…"]
        await pilot.press(*"must act")  # typing while it loads is fine
        slow.release.set()
        await settle(pilot)
        assert _prompts(_list(app)) == [
            "direct    Jana Stromšíková (Director General): “Europe must act,”"
        ]


@sync
async def test_typing_and_deleting_always_shows_what_a_fresh_filter_would() -> None:
    doc = _many_quotes(300)
    screen = QuotesScreen(doc)
    app = QuotesApp(screen)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        every = quote_rows(doc)
        for key in [*"speaker2 ", "1", "backspace", "backspace", "backspace", *"4 li", "ctrl+u"]:
            await pilot.press(key)
            await pilot.pause()
            value = app.screen.query_one("#quotes-filter", Input).value
            assert screen.shown == filter_rows(every, value), value
        assert len(screen.shown) == 300
