"""The feeds view (``F``): each feed with its unread count; ``enter`` lists its documents.

A modal over the reader, one line a feed ("All documents" first), the feeds with unread items
first. Choosing one closes the screen with that :class:`FeedGroup`; the app then shows only its
documents in the document list (``esc`` there shows every document again). Titles come from
feeds, so rows are built from plain strings, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tui.core.text import one_line
from tui.ui.widgets.reader import display
from tui.ui.widgets.row_list import RowList
from tui.views.feed_groups import FeedGroup


def group_row(group: FeedGroup, width: int) -> Text:
    """``● Title ……… 3 unread · 12``: bold with ``●`` while the feed has unread items."""
    total = f"{len(group.paths):,}"
    counts = f"{group.unread:,} unread · {total}" if group.unread else total
    room = max(4, width - len(counts) - 4)
    title = display(one_line(group.title)) or "(untitled feed)"
    if len(title) > room:
        title = title[: room - 1] + "…"
    mark = "● " if group.unread else "  "
    row = Text(mark + title, style="bold" if group.unread else "", end="")
    row.append(" " * max(1, width - len(mark) - len(title) - len(counts)))
    row.append(counts, style="" if group.unread else "dim")
    return row


class FeedsScreen(ModalScreen[FeedGroup | None]):
    """Feeds and their unread counts; enter chooses one, esc closes."""

    CSS_PATH = "feeds_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="feeds.close"),
        Binding("j", "move(1)", "Down", show=False, id="feeds.down"),
        Binding("k", "move(-1)", "Up", show=False, id="feeds.up"),
    ]

    def __init__(self, groups: Sequence[FeedGroup]) -> None:
        super().__init__()
        self.groups = list(groups)

    def compose(self) -> ComposeResult:
        with Vertical(id="feeds-dialog"):
            yield Static(id="feeds-title", markup=False)
            yield RowList(id="feeds-list")
        yield Footer()

    def on_mount(self) -> None:
        unread = self.groups[0].unread if self.groups else 0
        feeds = len(self.groups) - 1
        self.query_one("#feeds-title", Static).update(
            Text(
                f"Feeds · {feeds} · {unread:,} unread   enter: list its documents · esc: close",
                style="bold",
            )
        )
        rows = self.query_one(RowList)
        first = next((i for i, g in enumerate(self.groups) if i and g.unread), 0)
        rows.set_rows(
            len(self.groups), lambda i, width: group_row(self.groups[i], width), highlighted=first
        )
        rows.focus()

    @on(RowList.Selected)
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        if 0 <= event.index < len(self.groups):
            self.dismiss(self.groups[event.index])

    def action_move(self, step: int) -> None:
        self.query_one(RowList).action_cursor(step)

    def action_close(self) -> None:
        self.dismiss(None)
