"""The library search screen (``/``): type, see ranked places at once, enter jumps there.

A modal over the reader: an input and an ``OptionList`` of hits (two lines each: kind, title and
section; then the snippet with the matched words highlighted). Every keystroke starts a search in
a thread worker with ``exclusive=True``, so a newer query cancels the older one; the worker
posts its hits as a :class:`SearchScreen.Results` message, dropped if the query changed
meanwhile; typing never waits. The index is the library's (:mod:`tui.search.index`), which
keeps growing while the library is still being scanned.

Enter (in the input or on a hit) dismisses the screen with a :class:`SearchChoice`: the chosen
hit, plus every hit in rank order for ``n``/``N``. Escape dismisses with ``None``. Document text
only ever reaches the screen inside ``rich.text.Text`` built from plain strings, never markup.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.search.index import DEFAULT_LIMIT, DocHits, SearchHit, SearchIndex

if TYPE_CHECKING:
    from tui.library.library import Library

#: How many hits a search lists (and the app can walk with n/N).
LIMIT = DEFAULT_LIMIT

KIND_BADGES: dict[str, tuple[str, str]] = {
    "title": ("title", "bold magenta"),
    "entity": ("entity", "bold cyan"),
    "quote": ("quote", "bold green"),
    "paragraph": ("text", "bold blue"),
}


@dataclass(frozen=True)
class SearchChoice:
    """What enter chose: the hit to jump to and, for ``n``/``N``, all hits in rank order."""

    hit: SearchHit
    hits: list[SearchHit] = field(default_factory=list)
    index: int = 0
    query: str = ""

    @property
    def path(self) -> str:
        return self.hit.path

    @property
    def start(self) -> int:
        return self.hit.start

    @property
    def end(self) -> int:
        return self.hit.end


def hit_text(hit: SearchHit, under: bool = False, width: int = 0) -> Text:
    """Two lines for one hit: ``kind  Title § Section``, then the snippet, matches bold.

    ``under``: another hit of the document just above, indented under it without the title,
    so the first screen of results shows distinct documents. ``width``: the snippet is cut
    to fit it with "…" (a wrapped line would start at column 0, outside its indent).
    """
    label, style = KIND_BADGES.get(hit.kind, (hit.kind, "bold"))
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    if under:
        text.append("  ↳ ", style="dim")
    text.append(label.ljust(7), style=style)
    text.append(" ")
    if not under:
        text.append(hit.title or "(untitled)", style="bold")
    elif hit.section and hit.section != hit.title:
        text.append("§ ", style="dim")
        text.append(hit.section, style="dim")
    if not under and hit.section and hit.section != hit.title:
        text.append(" § ", style="dim")
        text.append(hit.section, style="dim")
    if hit.speaker and hit.kind == "quote":
        text.append(" — ", style="dim")
        text.append(hit.speaker, style="italic")
    text.append("\n")
    pad = 12 if under else 8
    shown = hit.snippet
    if width and pad + len(shown) > width:
        shown = shown[: max(1, width - pad - 1)].rstrip() + "…"
    snippet = Text(" " * pad + shown, style="")
    for a, b in hit.snippet_spans:
        if a < len(shown):
            snippet.stylize("bold reverse", a + pad, min(b, len(shown)) + pad)
    text.append_text(snippet)
    return text


class SearchScreen(ModalScreen["SearchChoice | None"]):
    """Fuzzy search across the whole library; results while typing."""

    class Results(Message):
        """A search worker's hits for ``query``, for this screen alone. A newer result
        replaces one not yet handled; one for a query no longer typed is dropped."""

        bubble = False

        def __init__(self, query: str, hits: list[SearchHit], elapsed: float, docs: int) -> None:
            super().__init__()
            self.query = query
            self.hits = hits
            self.elapsed = elapsed
            self.docs = docs

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, (SearchScreen.Results, SearchScreen.References))

    class References(Message):
        """Cross-references to a target, grouped by document (shown as ``query``)."""

        bubble = False

        def __init__(self, query: str, groups: list[DocHits], docs: int) -> None:
            super().__init__()
            self.query = query
            self.groups = groups
            self.docs = docs

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, (SearchScreen.Results, SearchScreen.References))

    CSS_PATH = "search_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="search.cancel"),
        Binding("down", "move(1)", "Next hit", show=False, id="search.down"),
        Binding("up", "move(-1)", "Previous hit", show=False, id="search.up"),
        Binding("pagedown", "move(10)", "Page down", show=False, id="search.pagedown"),
        Binding("pageup", "move(-10)", "Page up", show=False, id="search.pageup"),
        Binding("ctrl+down", "document(1)", "Next document", show=False, id="search.next_doc"),
        Binding("ctrl+up", "document(-1)", "Previous document", show=False, id="search.prev_doc"),
    ]

    def __init__(
        self,
        library: Library | None = None,
        query: str = "",
        *,
        index: SearchIndex | None = None,
        limit: int = LIMIT,
        target: str | None = None,
    ) -> None:
        """``target`` (an entity id or a phrase) opens on its cross-references instead: every
        paragraph and quote mentioning it, grouped by document. Typing searches as usual."""
        super().__init__()
        self._library = library
        self._index = index
        self._target = target
        self._initial = query if query or target is None else target
        self.limit = limit
        self.hits: list[SearchHit] = []
        #: Option index -> hit index (-1 for a document heading in cross-references).
        self._option_hit: list[int] = []
        #: The query whose hits are on screen.
        self.shown_query: str | None = None

    @property
    def index(self) -> SearchIndex | None:
        """The library's index, looked up each time: the library swaps it in while scanning."""
        if self._index is not None:
            return self._index
        return getattr(self._library, "index", None)

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(
                value=self._initial,
                placeholder="Search titles, names, quotes, words… (typos forgiven)",
                id="search-input",
            )
            yield Static("", id="search-status", markup=False)
            yield OptionList(id="search-results")
            yield Static(
                "enter: jump   ↑↓: choose   ctrl+↑↓: next document   escape: cancel   "
                '"phrase": exact words',
                id="search-help",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#search-results", OptionList).can_focus = False
        self.query_one(Input).focus()
        ix = self.index
        if ix is None and self._library is None:
            # Opened before the library (keys typed ahead at start-up): the app's ``library``
            # arrives soon; search then for whatever has been typed meanwhile.
            self.watch(self.app, "library", self._library_opened, init=False)
        if self._target and ix is not None:
            self.run_references(ix, self._target, self._initial)
        else:
            self._start(self._initial)

    def _library_opened(self, library: Library | None) -> None:
        if library is None or self._library is not None:
            return
        self._library = library
        self._start(self.query_one(Input).value)

    # ---- searching --------------------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        if self._target is not None and event.value == self._initial:
            return  # the cross-references are (still) what this text shows
        self._target = None
        self._start(event.value)

    def _start(self, query: str) -> None:
        ix = self.index
        status = self.query_one("#search-status", Static)
        if not query.strip():
            self.hits = []
            self._option_hit = []
            self.shown_query = query
            self.query_one(OptionList).clear_options()
            n = len(ix) if ix is not None else 0
            status.update(
                f"Type to search {n:,} documents."
                if ix is not None
                else "The library is still loading."
            )
            return
        if ix is None:
            status.update("The library is still loading.")
            return
        self.run_search(ix, query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, ix: SearchIndex, query: str) -> None:
        """Search off the UI thread; a newer query cancels this one and its result is dropped."""
        t0 = time.perf_counter()
        hits = ix.search(query, limit=self.limit)
        elapsed = time.perf_counter() - t0
        if not get_current_worker().is_cancelled:
            self.post_message(self.Results(query, hits, elapsed, len(ix)))

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_references(self, ix: SearchIndex, target: str, shown_as: str) -> None:
        groups = ix.cross_references(target)
        if not get_current_worker().is_cancelled:
            self.post_message(self.References(shown_as, groups, len(ix)))

    @on(References)
    def _show_groups(self, message: References) -> None:
        query, groups, docs = message.query, message.groups, message.docs
        if not self.is_attached or query != self.query_one(Input).value:
            return
        results = self.query_one(OptionList)
        results.clear_options()
        self.hits = []
        self.shown_query = query
        options: list[Option] = []
        self._option_hit = []
        width = results.scrollable_content_region.width
        for g in groups:
            # The title once, over its passages; the passages indented under it.
            head = Text(no_wrap=True, overflow="ellipsis", end="")
            head.append(g.title or "(untitled)", style="bold underline")
            n = len(g.hits)
            head.append(f"  {n} passage{'s' if n != 1 else ''}", style="dim")
            options.append(Option(head, disabled=True))
            self._option_hit.append(-1)
            for h in g.hits:
                self._option_hit.append(len(self.hits))
                self.hits.append(h)
                options.append(Option(hit_text(h, under=True, width=width)))
        results.add_options(options)
        if self.hits:
            results.highlighted = self._option_hit.index(0)
        n = len(self.hits)
        self.query_one("#search-status", Static).update(
            f"Cross-references: {n} passage{'s' if n != 1 else ''} (paragraphs and quotes) "
            f"mentioning it, in {len(groups):,} of {docs:,} documents"
            if n
            else "Mentioned nowhere in the library."
        )

    @on(Results)
    def _show(self, message: Results) -> None:
        query, hits, elapsed, docs = message.query, message.hits, message.elapsed, message.docs
        if not self.is_attached or query != self.query_one(Input).value:
            return  # typing went on: a newer search is coming
        self.hits = hits
        self._option_hit = list(range(len(hits)))
        self.shown_query = query
        results = self.query_one(OptionList)
        results.clear_options()
        # Hits come grouped by document (best document first): the document's first hit
        # carries its title, the others sit indented under it.
        width = results.scrollable_content_region.width
        results.add_options(
            [
                Option(hit_text(h, under=i > 0 and hits[i - 1].path == h.path, width=width))
                for i, h in enumerate(hits)
            ]
        )
        if hits:
            results.highlighted = 0
        more = "+" if len(hits) >= self.limit else ""
        self.query_one("#search-status", Static).update(
            f"{len(hits)}{more} hits in {len({h.path for h in hits}):,} of {docs:,} documents"
            f" · {elapsed * 1000:.0f} ms"
            if hits
            else f"No match in {docs:,} documents."
        )

    # ---- choosing ---------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        results = self.query_one(OptionList)
        if not results.option_count:
            return
        cur = results.highlighted if results.highlighted is not None else -1
        nxt = max(0, min(results.option_count - 1, cur + step))
        while 0 <= nxt < results.option_count and results.get_option_at_index(nxt).disabled:
            nxt += 1 if step > 0 else -1
        if 0 <= nxt < results.option_count:
            results.highlighted = nxt

    def action_document(self, step: int) -> None:
        """To the first hit of the next (or previous) document in the results."""
        results = self.query_one(OptionList)
        if not self.hits or results.highlighted is None:
            return
        i = self._option_hit[results.highlighted]
        if i < 0:
            return
        here = self.hits[i].path
        j = i
        while 0 <= j < len(self.hits) and self.hits[j].path == here:
            j += step
        if not 0 <= j < len(self.hits):
            return
        if step < 0:  # to the first hit of that document
            there = self.hits[j].path
            while j > 0 and self.hits[j - 1].path == there:
                j -= 1
        results.highlighted = self._option_hit.index(j)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        results = self.query_one(OptionList)
        self._choose(results.highlighted if results.highlighted is not None else 0)

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, option: int) -> None:
        i = self._option_hit[option] if 0 <= option < len(self._option_hit) else -1
        if not self.hits or not 0 <= i < len(self.hits):
            return
        self.dismiss(SearchChoice(self.hits[i], list(self.hits), i, self.shown_query or ""))

    def action_cancel(self) -> None:
        self.dismiss(None)
