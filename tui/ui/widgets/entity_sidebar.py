"""The entity sidebar: read by entity.

Lists the entities of the open document (or, after ``l``, of the whole library) grouped by type
with counts, most salient first, in one :class:`RowList` (a virtual list that
draws only the rows in view: never one widget a row).
Below the list, the highlighted entity's cross-references: the other documents that mention it
and the entities it most often appears with. ``enter`` posts :class:`EntitySidebar.EntitySelected`
with every mention, for the app to mark in the reader and walk with ``n``/``N``; ``r`` posts
:class:`EntitySidebar.CrossReferenceRequested` for the app to open search.

Messages go up, method calls come down: the app calls :meth:`EntitySidebar.show_document` and
:meth:`EntitySidebar.set_library`. Entity names come from documents, so every row is a
``rich.text.Text`` built from plain strings, never markup.

Its parts (title, list, detail, sparkline) are built the first time it is displayed: below the
wide width it starts hidden, and building, styling and filling parts nobody sees cost the first
screen time. What it shows is kept up to date while hidden (rows, cursor, the chosen entity),
so the parts show the same as if they had been there all along.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar, Literal, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from parsers.model import Document
from tui.core.palette import TYPE_COLOURS
from tui.entities.table import (
    TYPE_MARKERS,
    TYPE_NAMES,
    EntitySummary,
    EntityTable,
    MentionRef,
    table_for,
)
from tui.ui.bindings import textual_bindings
from tui.ui.styles import css_beside
from tui.ui.widgets.row_list import RowList

if TYPE_CHECKING:
    from tui.entities.index import LibraryEntities
    from tui.timeline.trends import MentionTimes

Scope = Literal["document", "library"]

#: Textual's ``display`` property, which :class:`EntitySidebar` extends.
_DISPLAY = cast(property, Vertical.display)
#: How many other documents and related entities the detail area lists.
DETAIL_ITEMS = 5
_EMPTY_TABLE = EntityTable([])


def entity_style(label: str) -> str:
    """The Rich style of an entity type (its colour, bold)."""
    return f"bold {TYPE_COLOURS.get(label, 'white')}"


def entity_label(name: str, label: str) -> Text:
    """``marker name`` in the type's colour, from plain strings."""
    text = Text(end="")
    text.append(TYPE_MARKERS.get(label, "?"), style=entity_style(label))
    text.append(" ")
    text.append(name, style=TYPE_COLOURS.get(label, ""))
    return text


def fit(left: Text, right: str, width: int = 0, right_style: str = "dim") -> Text:
    """``left`` and ``right`` on one line of ``width`` cells: ``right`` flush right, ``left``
    cut with an ellipsis if need be. Without a usable width they are simply joined."""
    room = width - len(right) - 2
    if room < 6:
        out = left.copy()
        out.append(f"  {right}", style=right_style)
        return out
    out = left.copy()
    if out.cell_len > room:
        out.truncate(room, overflow="ellipsis")
    out.append(" " * (width - out.cell_len - len(right)))
    out.append(right, style=right_style)
    return out


def row_text(
    summary: EntitySummary,
    library: bool,
    selected: bool = False,
    width: int = 0,
    watched: bool = False,
) -> Text:
    """A list row, ``▸ @ Name   12`` (``12 · 3 docs`` in the library view), ``width`` wide;
    ``★`` instead of the blank for a watched entity."""
    if selected:
        text = Text("▸ ", style="bold reverse", end="")
    else:
        text = Text("★ " if watched else "  ", style="bold yellow" if watched else "", end="")
    text.append_text(entity_label(summary.name, summary.type))
    count = str(summary.count)
    if library:
        count += f" · {summary.documents} doc" + ("s" if summary.documents != 1 else "")
    return fit(text, count, width)


def header_text(label: str, entities: Sequence[EntitySummary], width: int = 0) -> Text:
    """A group heading, ``@ People   5 · 23 mentions``, ``width`` wide."""
    mentions = sum(s.count for s in entities)
    text = Text(end="")
    text.append(
        f"{TYPE_MARKERS.get(label, '?')} {TYPE_NAMES.get(label, label)}",
        style=entity_style(label) + " underline",
    )
    counts = f"{len(entities)} · {mentions}"
    if width == 0 or width >= text.cell_len + len(counts) + 12:
        counts += " mention" + ("s" if mentions != 1 else "")
    return fit(text, counts, width)


class EntitySidebar(Vertical):
    """The entities of the open document or of the library, and their cross-references.

    Args:
        name, id, classes: As for any widget.

    Feed it with :meth:`show_document` (the open document) and :meth:`set_library` (every loaded
    document, for the library view and for "also in"). Listen for :class:`EntitySelected`,
    :class:`SelectionCleared` and :class:`CrossReferenceRequested`.
    """

    DEFAULT_CSS = css_beside(__file__)

    BINDINGS: ClassVar[list[BindingType]] = [
        *textual_bindings("entities"),
        Binding("l", "toggle_scope", "Library", id="entities.toggle_scope"),
        Binding("r", "cross_references", "Cross-refs", id="entities.cross_references"),
        Binding("escape", "clear_selection", "Clear", show=False, id="entities.clear"),
        Binding("j", "move(1)", "Down", show=False, id="entities.down"),
        Binding("k", "move(-1)", "Up", show=False, id="entities.up"),
        Binding("g", "first", "Top", show=False, id="entities.top"),
        Binding("G", "last", "Bottom", show=False, id="entities.bottom"),
    ]

    class LibraryIndexed(Message):
        """The worker's entity table of the library (for the sidebar alone), with the
        spelling merges and names it was built with; ``generation`` drops a stale one."""

        bubble = False

        def __init__(
            self,
            generation: int,
            table: EntityTable,
            canonical: Callable[[str], str],
            rename: Callable[[str], str | None],
        ) -> None:
            super().__init__()
            self.generation = generation
            self.table = table
            self.canonical = canonical
            self.rename = rename

    scope: reactive[Scope] = reactive("document", init=False)
    """``"document"``: the open document's entities; ``"library"``: every loaded document's."""

    class EntitySelected(Message):
        """An entity was chosen (enter): highlight its mentions, make ``n``/``N`` walk them.

        Attributes:
            entity_id: The stable id (``gpe:united-states``).
            name: The canonical name.
            type: Its label (PERSON, GPE, ...).
            scope: The view it was chosen in.
            mentions: Every mention in that view, document by document in reading order;
                in the document view only the open document's.
        """

        def __init__(
            self,
            entity_id: str,
            name: str,
            type: str,
            scope: Scope,
            mentions: tuple[MentionRef, ...],
        ) -> None:
            super().__init__()
            self.entity_id = entity_id
            self.name = name
            self.type = type
            self.scope: Scope = scope
            self.mentions = mentions

    class WatchRequested(Message):
        """``+``/``-`` on an entity: add it to the watchlist (``add``) or remove it.

        Attributes:
            entity_id: The stable id, which is what the watchlist keeps.
            name: The canonical name, for messages.
            add: True to watch, False to stop watching.
        """

        def __init__(self, entity_id: str, name: str, add: bool) -> None:
            super().__init__()
            self.entity_id = entity_id
            self.name = name
            self.add = add

    class SelectionCleared(Message):
        """The chosen entity was let go (escape): remove its marks from the reader."""

    class CrossReferenceRequested(Message):
        """Search the library for an entity (``r``).

        Attributes:
            entity_id: The stable id.
            name: The canonical name, the natural query.
            spellings: Every spelling seen ("US", "U.S.", "United States"), most frequent first.
        """

        def __init__(self, entity_id: str, name: str, spellings: tuple[str, ...]) -> None:
            super().__init__()
            self.entity_id = entity_id
            self.name = name
            self.spellings = spellings

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.document: Document | None = None
        self.library: Sequence[Document] = ()
        self._doc_table: EntityTable = table_for([])
        self._library_table: EntityTable | None = None
        self._library_generation = 0
        self._entity_index: LibraryEntities | None = None
        self._canonical: Callable[[str], str] | None = None
        self._rename: Callable[[str], str | None] | None = None
        self.selected_id: str | None = None
        """The entity chosen with enter (marked ``▸``), or ``None``."""
        self._rows: list[EntitySummary | tuple[str, list[EntitySummary]]] = []
        self._index: dict[str, int] = {}
        #: Mentions over time (the app's, once the library is loaded) and the library's days.
        self._times: MentionTimes | None = None
        self._span: tuple[dt.date, dt.date] | None = None
        #: Ids on the watchlist (marked ``★``).
        self.watched: set[str] = set()
        #: The row the list's cursor is on (kept while the parts are not built yet).
        self._cursor: int | None = None
        #: Whether the parts exist (see :meth:`_build`).
        self._built = False

    def compose(self) -> ComposeResult:
        yield from ()  # the parts come with the first display (see _build)

    def on_mount(self) -> None:
        if self.library:
            self._index_library()
        self._rebuild()
        if self.display:
            self._build()

    @property
    def display(self) -> bool:
        """As for any widget; displaying the sidebar the first time builds its parts."""
        return super().display

    @display.setter
    def display(self, new_val: bool | str) -> None:
        _DISPLAY.__set__(self, new_val)
        if self.display and self.is_mounted:
            self._build()

    def _build(self) -> None:
        """Mount the parts and fill them with what the sidebar shows now."""
        if self._built:
            return
        from textual.widgets import Sparkline

        self._built = True
        self.mount(
            Static(id="entity-title", markup=False),
            RowList(id="entity-list"),
            Static(id="entity-detail", markup=False),
            Sparkline([], id="entity-trend"),
        )
        self._show_rows()

    def _row_list(self) -> RowList:
        self._build()
        return self.query_one("#entity-list", RowList)

    # -- feeding it -----------------------------------------------------------------------

    def show_document(self, doc: Document | None) -> None:
        """Show the entities of ``doc`` (the reader's document), or the empty state for None.

        The chosen entity stays chosen, so ``n``/``N`` keep walking it in the new document.
        """
        self.document = doc
        self._doc_table = table_for([doc] if doc is not None else [], self._canonical, self._rename)
        self._rebuild()

    def set_library(self, docs: Sequence[Document], index: LibraryEntities | None = None) -> None:
        """Give every loaded document, in library order (for the library view and "also in").

        ``docs`` may load documents lazily: it is read in a background thread, so the
        sidebar never waits for the library; the library view says it is indexing until done.
        Spellings merge as :class:`tui.entities.index.LibraryEntities` merges them (across
        documents, and the user's merges, splits and names); pass the app's ``index`` if it
        has one already built over ``docs``, else the sidebar builds its own.
        """
        self.library = docs
        self._entity_index = index
        self._library_table = None
        self._library_generation += 1
        if self.is_mounted:
            self._index_library()
            self._refresh_library_parts()

    def set_trends(self, times: MentionTimes | None, span: tuple[dt.date, dt.date] | None) -> None:
        """Mentions over time across the library, and its first and last day (end exclusive),
        for the highlighted entity's sparkline and first and last mention."""
        self._times, self._span = times, span
        if self.is_mounted:
            self._show_detail()

    def set_watched(self, ids: set[str]) -> None:
        """The entity ids on the watchlist (their rows get a ``★``)."""
        changed = self.watched ^ ids
        self.watched = set(ids)
        for entity_id in changed:
            self._mark(entity_id)

    @property
    def library_ready(self) -> bool:
        """Whether the library's entities are indexed (the library view can show them)."""
        return self._library_table is not None

    @work(thread=True, exclusive=True, group="entity-library")
    def _index_library(self) -> None:
        from tui.entities.index import LibraryEntities, Overrides

        generation, docs, index = self._library_generation, list(self.library), self._entity_index
        if index is None:
            index = LibraryEntities(Overrides.load())
            index.add_all(docs)
        memo: dict[str, str] = {}

        def canonical(entity_id: str) -> str:
            root = memo.get(entity_id)
            if root is None:
                root = memo[entity_id] = index.canonical(entity_id)
            return root

        table = table_for(docs, canonical, index.overrides.name)
        table.groups()  # the costly part, off the UI thread
        self.post_message(self.LibraryIndexed(generation, table, canonical, index.overrides.name))

    @on(LibraryIndexed)
    def _library_indexed(self, message: LibraryIndexed) -> None:
        table, canonical, rename = message.table, message.canonical, message.rename
        if message.generation != self._library_generation:
            return  # a newer library arrived meanwhile
        self._library_table = table

        def library_name(entity_id: str) -> str | None:
            # The user's name, else the library's ("Vladimir Putin" where this says "Putin").
            summary = table.summary(entity_id)
            return rename(entity_id) or (summary.name if summary else None)

        self._canonical, self._rename = canonical, library_name
        if self.document is not None:
            # The document's entities, merged the way the library merges them.
            self._doc_table = table_for([self.document], canonical, library_name)
            if self.scope == "document":
                self._rebuild()
        self._refresh_library_parts()
        if self.scope == "library" and self.selected_id is not None:
            self.select(self.selected_id)  # its mentions now span the library

    def _refresh_library_parts(self) -> None:
        if self.scope == "library":
            self._rebuild()
        else:
            self._show_detail()

    def show_library(self, on: bool = True) -> None:
        """Switch to the library view (``on``) or back to the document view."""
        self.scope = "library" if on else "document"

    @property
    def table(self) -> EntityTable:
        """The table of the current view (empty while the library is being indexed)."""
        if self.scope == "library":
            return self._library_table or _EMPTY_TABLE
        return self._doc_table

    @property
    def library_table(self) -> EntityTable | None:
        """The library's table, or ``None`` while it is being indexed."""
        return self._library_table

    @property
    def highlighted_id(self) -> str | None:
        """The entity under the list's cursor."""
        index = self.query_one("#entity-list", RowList).highlighted if self._built else self._cursor
        if index is None or not 0 <= index < len(self._rows):
            return None
        row = self._rows[index]
        return row.id if isinstance(row, EntitySummary) else None

    def index_of(self, entity_id: str) -> int | None:
        """The list row of an entity in the current view."""
        return self._index.get(entity_id)

    def mentions(self, entity_id: str) -> list[MentionRef]:
        """Every mention of ``entity_id`` in the current view."""
        return self.table.mentions(entity_id)

    # -- drawing --------------------------------------------------------------------------

    def watch_scope(self) -> None:
        self._rebuild()

    def _rebuild(self) -> None:
        if not self.is_mounted:
            return
        keep = self.highlighted_id or self.selected_id
        self._rows = []
        for label, entities in self.table.groups():
            self._rows.append((label, entities))
            self._rows.extend(entities)
        self._index = {
            row.id: i for i, row in enumerate(self._rows) if isinstance(row, EntitySummary)
        }
        # The group heading at 0 is never the cursor's: 1 is the first entity.
        self._cursor = (self._index.get(keep, 1) if keep is not None else 1) if self._rows else None
        if self._built:
            self._show_rows()

    def _show_rows(self) -> None:
        """Put the rows, the cursor, the title and the detail into the parts."""
        row_list = self.query_one("#entity-list", RowList)
        if self._rows:
            row_list.set_rows(len(self._rows), self._draw_row, self._is_entity, self._cursor)
        else:
            message = Text(self._empty_message(), style="italic")
            row_list.set_rows(1, lambda index, width: message, lambda index: False, None)
        self._show_title()
        self._show_detail()

    def _is_entity(self, index: int) -> bool:
        return isinstance(self._rows[index], EntitySummary)

    def _draw_row(self, index: int, width: int) -> Text:
        row = self._rows[index]
        if isinstance(row, EntitySummary):
            return row_text(
                row,
                self.scope == "library",
                row.id == self.selected_id,
                width,
                row.id in self.watched,
            )
        return header_text(row[0], row[1], width)

    def _empty_message(self) -> str:
        if self.scope == "library":
            if self._library_table is None:
                return "Indexing the library…"
            return "No entities found in the library"
        if self.document is None:
            return "No document open"
        return "No entities found in this document"

    def _show_title(self) -> None:
        if not self._built:
            return
        table = self.table
        if self.scope == "library":
            where = f"Library · {len(table.docs)} document" + ("s" if len(table.docs) != 1 else "")
        else:
            where = "This document"
        title = Text(f"Entities · {where}", style="bold", end="")
        title.append(f"  {len(table)}", style="dim")
        self.query_one("#entity-title", Static).update(title)

    def _show_detail(self) -> None:
        if not self._built:
            return
        from textual.widgets import Sparkline

        detail = self.query_one("#entity-detail", Static)
        entity_id = self.highlighted_id
        summary = self.table.summary(entity_id) if entity_id else None
        trend = self.query_one("#entity-trend", Sparkline)
        if summary is None:
            detail.update("")
            detail.display = False
            trend.display = False
            return
        detail.display = True
        detail.update(self.detail_text(summary))
        series = self.trend_series(summary.id)
        # A library of one day has no trend: one bar would fill the whole width.
        trend.display = bool(series and len(series) > 1 and any(series))
        trend.data = series or []

    def trend_series(self, entity_id: str) -> list[int] | None:
        """Mentions per day across the library's days (None before they are known)."""
        if self._times is None or self._span is None:
            return None
        return self._times.days_series(entity_id, *self._span)

    def trend_text(self, entity_id: str) -> Text | None:
        """``Over time: 42 mentions`` / ``first 2025-06-01 · last 2025-07-09``."""
        if self._times is None:
            return None
        fl = self._times.first_last(entity_id)
        if fl is None:
            return Text("Over time: no dated mention", style="dim")
        first, last = fl
        n = self._times.total(entity_id)
        text = Text("Over time", style="bold")
        text.append(f": {n:,} mention{'s' if n != 1 else ''}\n")
        text.append("first ", style="dim")
        text.append(first.isoformat())
        text.append(" · last ", style="dim")
        text.append(last.isoformat())
        return text

    def detail_text(self, summary: EntitySummary) -> Text:
        """The cross-references of one entity: its documents and the entities it appears with."""
        text = entity_label(summary.name, summary.type)
        text.append(f"  {TYPE_NAMES.get(summary.type, summary.type)}", style="dim")
        others = [s for s in summary.spellings if s != summary.name]
        if others:
            text.append("\nalso written ", style="dim")
            text.append(", ".join(others[:DETAIL_ITEMS]))
        library = self.library_table
        here = self.document.path if self.document is not None else None
        docs = [
            d
            for d in (library.documents_for(summary.id) if library else [])
            if self.scope == "library" or d.path != here
        ]
        heading = "In documents" if self.scope == "library" else "Also in"
        text.append(f"\n{heading}", style="bold")
        if library is None:
            text.append(
                ": indexing the library…" if self.library else ": (no library loaded)", style="dim"
            )
        elif not docs:
            text.append(": no other document", style="dim")
        width = self.content_region.width - 2  # the detail's padding
        for d in docs[:DETAIL_ITEMS]:
            text.append("\n  • ")
            title = Text(d.title, end="")
            count = f" ({d.mentions})"
            if width > 20:
                title.truncate(width - 4 - len(count), overflow="ellipsis")
            text.append_text(title)
            text.append(count, style="dim")
        if len(docs) > DETAIL_ITEMS:
            text.append(f"\n  … and {len(docs) - DETAIL_ITEMS} more", style="dim")
        trend = self.trend_text(summary.id)
        if trend is not None:
            text.append("\n")
            text.append_text(trend)
        related = self.table.related(summary.id, limit=DETAIL_ITEMS)
        text.append("\nAppears with", style="bold")
        if not related:
            text.append(": nothing else", style="dim")
        for r in related:
            text.append("\n  • ")
            text.append_text(entity_label(r.name, r.type))
            text.append(f" ({r.shared})", style="dim")
        if summary.id == self.selected_id:
            text.append("\nmarked: n/N walk · esc clears", style="dim italic")
        else:
            text.append("\nenter marks · r searches", style="dim italic")
        if summary.id in self.watched:
            text.append("\n★ watched · - stops watching", style="dim italic")
        return text

    # -- events and actions ---------------------------------------------------------------

    @on(RowList.Highlighted, "#entity-list")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self._show_detail()

    @on(RowList.Selected, "#entity-list")
    def _selected(self, event: RowList.Selected) -> None:
        event.stop()
        row = self._rows[event.index] if 0 <= event.index < len(self._rows) else None
        if isinstance(row, EntitySummary):
            self.select(row.id)

    def select(self, entity_id: str) -> bool:
        """Choose an entity of the current view as if with enter; False if it is not there."""
        summary = self.table.summary(entity_id)
        if summary is None:
            return False
        previous, self.selected_id = self.selected_id, entity_id
        self._mark(previous)
        self._mark(entity_id)
        self.post_message(
            self.EntitySelected(
                summary.id,
                summary.name,
                summary.type,
                self.scope,
                tuple(self.table.mentions(summary.id)),
            )
        )
        return True

    def _mark(self, entity_id: str | None) -> None:
        """Redraw one row (its ``▸`` follows ``selected_id``)."""
        index = self._index.get(entity_id) if entity_id else None
        if index is not None and self._built:
            self.query_one("#entity-list", RowList).refresh_row(index)

    def action_toggle_scope(self) -> None:
        """Switch between the open document's entities and the whole library's."""
        if self.scope == "document" and not self.library:
            self.notify("No library is loaded", severity="warning")
            return
        self.scope = "library" if self.scope == "document" else "document"
        if self.selected_id is not None and self.selected_id in self.table:
            # The mentions to walk change with the view: tell the app.
            self.select(self.selected_id)

    def action_watch_entity(self, add: bool) -> None:
        """Ask the app to add the highlighted entity to the watchlist, or remove it."""
        entity_id = self.highlighted_id
        summary = self.table.summary(entity_id) if entity_id else None
        if summary is None:
            self.notify("No entity to watch", severity="warning")
            return
        self.post_message(self.WatchRequested(summary.id, summary.name, add))

    def action_cross_references(self) -> None:
        """Ask the app to search the library for the highlighted entity."""
        entity_id = self.highlighted_id
        summary = self.table.summary(entity_id) if entity_id else None
        if summary is None:
            self.notify("No entity to search for", severity="warning")
            return
        self.post_message(self.CrossReferenceRequested(summary.id, summary.name, summary.spellings))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """escape lets go of a chosen entity; with none chosen, the key goes to the app."""
        if action == "clear_selection":
            return self.selected_id is not None
        return True

    def action_clear_selection(self) -> None:
        """Let go of the chosen entity."""
        if self.selected_id is None:
            return
        previous, self.selected_id = self.selected_id, None
        self._mark(previous)
        self.post_message(self.SelectionCleared())

    def action_move(self, step: int) -> None:
        self._row_list().action_cursor(step)

    def action_first(self) -> None:
        self._row_list().action_first()

    def action_last(self) -> None:
        self._row_list().action_last()
