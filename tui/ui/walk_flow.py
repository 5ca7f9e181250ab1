"""``n``/``N`` on the main screen: walk search hits or an entity's mentions, across documents.

The order of the walk lives in :class:`tui.views.walk.Walk` (headless); here it meets the
reader (which marks and steps through the open document's places) and the app (which opens
the next document when the open one has no more).
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

    def set(self, layer: str, places: Sequence[Place]) -> None:
        """Hits or mentions for ``n``/``N`` (path, start, end), marked on ``layer``."""
        self.walk.set(layer, places)
        self.app.reader.clear_marks(layer)
        self.mark_open_document()

    def mark_open_document(self) -> None:
        """Mark the walk's places in the document the reader shows."""
        spans = self.walk.spans_in(self.app.current_path)
        if self.walk.layer and spans:
            self.app.reader.set_marks(self.walk.layer, spans)

    def step(self, step: int) -> None:
        """The next (1) or previous (-1) place: in this document, else in the next one."""
        app = self.app
        reader = app.reader
        if reader.next_mark(step) is not None:
            return
        place = self.walk.next_document(app.current_path, step) if app.current_path else None
        if place is not None:
            path, start, end = place
            app.open_document(path, (start, end), self.walk.layer)
            return
        if reader.active_layer is None:
            app.notify(
                "Nothing to walk: search with / or choose an entity (e, then enter).", timeout=3
            )
        else:
            app.notify("No more hits that way.", timeout=2)

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
        self.app.reader.clear_marks("entity")
