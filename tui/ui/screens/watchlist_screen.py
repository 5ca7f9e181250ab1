"""The Watchlist view (``W``): new mentions of the watched entries since you last looked.

A modal over the reader: one line a mention (date, the entry, the sentence around it), newest
first, in a virtual :class:`RowList`; below, the highlighted mention's sentence whole with the
document's title. ``a`` switches between the new mentions and all of them; ``enter`` closes the
screen with a :class:`WatchJump` for the app to open; ``esc`` closes it.

Mentions come from :mod:`tui.timeline.watchlist` (the library's index: nothing is read again),
found in a worker thread. Opening the view is looking: every entry is marked looked at once
its mentions are listed, so the next time only newer ones are new.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tui.timeline.watchlist import Watchlist, WatchMention, find_mentions, with_sentences
from tui.ui.widgets.row_list import RowList

if TYPE_CHECKING:
    from tui.search.index import SearchIndex
    from tui.timeline.watchlist import WatchedEntry

#: Mentions listed at most (newest first); the title says how many more there are.
LIMIT = 500


class WatchJump(NamedTuple):
    """The chosen mention: ``text[start:end]`` of the document at ``path``."""

    path: str
    start: int
    end: int


def entry_label(entry: str, index: SearchIndex | None) -> str:
    """An entry as a person reads it: an entity id shows its name."""
    if index is not None and ":" in entry:
        known = index.entity(entry)
        if known is not None:
            return known[0]
    return entry


def mention_row(m: WatchMention, label: str) -> Text:
    """``2025-06-04  ★ Donald Trump  Later, Donald Trump flew to Kyiv.`` from plain strings."""
    text = Text(end="", no_wrap=True, overflow="ellipsis")
    day = m.day.isoformat() if m.day else "----------"
    text.append(day + ("~" if m.from_file else " "), style="dim")
    text.append(" ★ " if m.new else "   ", style="bold yellow")
    text.append(label, style="bold")
    text.append("  ")
    sentence = m.sentence or m.text
    a = sentence.find(m.text) if m.text else -1
    if a >= 0:
        text.append(sentence[:a])
        text.append(sentence[a : a + len(m.text)], style="bold underline")
        text.append(sentence[a + len(m.text) :])
    else:
        text.append(sentence)
    return text


def mention_preview(m: WatchMention, label: str) -> Text:
    """The sentence whole, then where: title, date (or file date), source."""
    text = Text(end="")
    text.append(label, style="bold")
    text.append("  new" if m.new else "  seen before", style="bold yellow" if m.new else "dim")
    text.append("\n")
    text.append(m.sentence or m.text)
    text.append("\nin ", style="dim")
    text.append(m.title or m.path, style="dim italic")
    if m.day:
        text.append(f" · {m.day.isoformat()}", style="dim")
        if m.from_file:
            text.append(" (file date)", style="dim")
    if m.source:
        text.append(f" · {m.source}", style="dim")
    return text


class WatchlistScreen(ModalScreen[WatchJump | None]):
    """New mentions of the watched entries (``a``: all of them); enter opens one."""

    CSS_PATH = "watchlist_screen.tcss"

    class Found(Message):
        """The mentions the worker found: the newest ``shown``, of ``total``; every mention
        or only new ones (``every``), as the screen asked when the worker started."""

        bubble = False

        def __init__(self, shown: list[WatchMention], total: int, every: bool) -> None:
            super().__init__()
            self.shown = shown
            self.total = total
            self.every = every

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="watchlist.close"),
        Binding("a", "toggle_all", "New/all", id="watchlist.toggle_all"),
        Binding("j", "move(1)", "Down", show=False, id="watchlist.down"),
        Binding("k", "move(-1)", "Up", show=False, id="watchlist.up"),
    ]

    def __init__(
        self,
        watchlist: Watchlist,
        entries: Sequence[WatchedEntry],
        index: SearchIndex | None,
        *,
        mark_seen: bool = True,
    ) -> None:
        super().__init__()
        self.watchlist = watchlist
        self.entries = list(entries)
        self.index = index
        self.mark_seen = mark_seen
        self.show_all = False
        self.shown: list[WatchMention] = []
        self.total = 0
        self.loaded = False
        self._labels: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="watchlist-dialog"):
            yield Static(id="watchlist-title", markup=False)
            yield RowList(id="watchlist-list")
            yield Static(id="watchlist-preview", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._show([], 0, "Finding mentions…")
        self.query_one(RowList).focus()
        self._find()

    @work(thread=True, exclusive=True, group="watchlist")
    def _find(self) -> None:
        every = self.show_all
        if self.index is None or not self.watchlist.entries:
            self.post_message(self.Found([], 0, every))
            return
        found = find_mentions(self.index, self.entries, self.watchlist, only_new=not every)
        shown = with_sentences(self.index, found[:LIMIT])
        self.post_message(self.Found(shown, len(found), every))

    @on(Found)
    def _found(self, message: Found) -> None:
        if message.every != self.show_all:
            return  # ``a`` was pressed meanwhile: the other list is coming
        shown, total = message.shown, message.total
        first_time = not self.loaded
        self.loaded = True
        if self.index is not None:
            for e in self.watchlist.entries:
                self._labels[e] = entry_label(e, self.index)
        self._show(shown, total, None)
        if first_time and self.mark_seen and self.watchlist.entries:
            try:
                self.watchlist.mark_seen()
            except OSError as exc:
                self.notify(f"Watchlist not saved: {exc}", severity="warning", markup=False)

    def _show(self, shown: list[WatchMention], total: int, message: str | None) -> None:
        self.shown, self.total = shown, total
        rows = self.query_one(RowList)
        if shown:
            labels = self._labels
            rows.set_rows(
                len(shown),
                lambda i, width: mention_row(shown[i], labels.get(shown[i].entry, shown[i].entry)),
                None,
                0,
            )
        else:
            if message is None:
                if not self.watchlist.entries:
                    message = 'Nothing is watched: + on an entity, or watch = ["…"] in config.toml'
                elif self.show_all:
                    message = "No mentions of the watched entries in this library"
                else:
                    message = "Nothing new since you last looked (a: all mentions)"
            text = Text(message, style="italic")
            rows.set_rows(1, lambda i, width: text, lambda i: False, None)
        self.query_one("#watchlist-title", Static).update(self._title())
        self._preview()

    def _title(self) -> Text:
        title = Text("Watchlist", style="bold", end="")
        entries = self.watchlist.entries
        which = "mentions" if self.show_all else "new mentions"
        title.append(f" · {len(entries)} entr{'ies' if len(entries) != 1 else 'y'}")
        if self.loaded:
            title.append(f" · {self.total:,} {which}")
            if self.total > len(self.shown):
                title.append(f" (the newest {len(self.shown):,} shown)", style="dim")
        if entries:
            names = ", ".join(self._labels.get(e, e) for e in entries[:6])
            title.append(f"\n{names}{' …' if len(entries) > 6 else ''}", style="dim")
        return title

    def _preview(self) -> None:
        preview = self.query_one("#watchlist-preview", Static)
        index = self.query_one(RowList).highlighted
        if index is None or not 0 <= index < len(self.shown):
            preview.display = False
            return
        m = self.shown[index]
        preview.display = True
        preview.update(mention_preview(m, self._labels.get(m.entry, m.entry)))

    @on(RowList.Highlighted)
    def _highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self._preview()

    @on(RowList.Selected)
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        if 0 <= event.index < len(self.shown):
            m = self.shown[event.index]
            self.dismiss(WatchJump(m.path, m.start, m.end))

    def action_toggle_all(self) -> None:
        """Switch between the new mentions and every mention."""
        self.show_all = not self.show_all
        self._show([], 0, "Finding mentions…")
        self._find()

    def action_move(self, step: int) -> None:
        self.query_one(RowList).action_cursor(step)

    def action_close(self) -> None:
        self.dismiss(None)
