"""``n``/``N`` on the main screen: walk search hits or an entity's mentions, across documents.

The order of the walk and where a step lands live in :class:`tui.views.walk.Walk` (headless):
from the cursor, wrapping at the ends. Here that meets the reader (which marks the open
document's places and shows "hit 3/16" in its border) and the app (which opens the document
of a place elsewhere).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.views.walk import Place, Walk

if TYPE_CHECKING:
    from tui.ui.app import BriefingApp
    from tui.ui.screens.search_screen import SearchChoice
    from tui.ui.widgets.entity_sidebar import EntitySidebar


class WalkFlow:
    """The walk of ``app``: set from a search or the entity sidebar, stepped by ``n``/``N``."""

    def __init__(self, app: BriefingApp) -> None:
        self.app = app
        self.walk = Walk()
        self._cursor_after_step: tuple[int, int] | None = None

    def set(self, layer: str, places: Sequence[Place]) -> None:
        """Hits or mentions for ``n``/``N`` (path, start, end), marked on ``layer``."""
        self.walk.set(layer, places)
        self.app.reader.clear_marks(layer)
        self.show_position(None)
        self.mark_open_document()

    def mark_open_document(self) -> None:
        """Mark the walk's places in the document the reader shows."""
        spans = self.walk.spans_in(self.app.current_path)
        if self.walk.layer and spans:
            self.app.reader.set_marks(self.walk.layer, spans)

    def step(self, step: int) -> None:
        """The next (1) or previous (-1) place from the cursor, across documents, wrapping
        at either end (as vim and less do); the reader's border shows "3/16"."""
        app = self.app
        reader = app.reader
        walk = self.walk
        if not walk:
            if reader.next_mark(step) is None:
                app.notify(
                    "Nothing to walk: search with / or choose an entity (e, then enter).",
                    timeout=3,
                )
            return
        start, end = reader.cursor_span
        mark = reader.current_mark
        # On the place last stepped to (the cursor holds it, or has not moved since), the
        # next step passes it; after any move, it starts from the cursor.
        at_place = mark is not None and (
            start <= mark[0] < max(end, start + 1) or (start, end) == self._cursor_after_step
        )
        offset = mark[0] if mark is not None and at_place else start
        landed = walk.step_from(app.current_path, offset, step, at_place=at_place)
        if landed is None:
            return
        path, s, e = walk.places[landed.place]
        self.show_position(landed.place)
        if landed.wrapped:
            where = "top" if step > 0 else "bottom"
            app.notify(f"{self.noun(plural=True)}: wrapped to the {where}.", timeout=2)
        if path == app.current_path:
            reader.jump_to(s)
            reader.mark_current((s, e))
            self._cursor_after_step = reader.cursor_span
        else:
            self._cursor_after_step = None
            app.open_document(path, (s, e), walk.layer)

    def noun(self, plural: bool = False) -> str:
        word = "Mention" if self.walk.layer == "entity" else "Hit"
        return word + ("s" if plural else "")

    def show_position(self, index: int | None) -> None:
        """ "hit 3/16" in the reader's border (empty when no walk is under way)."""
        walk = self.walk
        reader = self.app.reader
        if index is None or not walk:
            reader.border_subtitle = ""
            return
        reader.border_subtitle = f"{self.noun().lower()} {index + 1}/{len(walk)}"

    def open_search(self, query: str, target: str | None = None) -> None:
        """The search screen over the main one; the hits chosen there become the walk."""
        from tui.ui.screens.search_screen import SearchScreen

        self.app.push_screen(SearchScreen(self.app.library, query, target=target), self.search_done)

    def search_done(self, choice: SearchChoice | None) -> None:
        """Jump to the chosen hit; n/N walk all hits, document by document."""
        if choice is None:
            return
        hits = list(choice.hits) or [choice.hit]
        order: dict[str, int] = {}
        for h in hits:
            order.setdefault(h.path, len(order))
        places = sorted(((h.path, h.start, h.end) for h in hits), key=lambda t: (order[t[0]], t[1]))
        self.walk.set("search", places)
        app = self.app
        app.reader.clear_marks("search")
        self.show_position(self.walk.index_of((choice.path, choice.start, choice.end)))
        app.open_document(choice.path, (choice.start, choice.end), "search")
        app.reader.focus()

    def entity_selected(self, event: EntitySidebar.EntitySelected) -> None:
        """Mark the entity's mentions; open the first document with one if this has none."""
        app = self.app
        places = [(m.path, m.start, m.end) for m in event.mentions]
        self.set("entity", places)
        if not any(p == app.current_path for p, _, _ in places) and places:
            app.open_document(places[0][0], (places[0][1], places[0][2]), "entity")
        app.notify(
            f"{len(places)} mention{'s' if len(places) != 1 else ''}; n/N to walk", timeout=2
        )

    def entity_cleared(self) -> None:
        if self.walk.layer == "entity":
            self.walk.clear()
            self.show_position(None)
        self.app.reader.clear_marks("entity")
