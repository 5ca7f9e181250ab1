"""The main screen: document list | reader | entity sidebar, with header and footer.

It owns its panes and the width rules (:mod:`tui.views.panes`): below ``narrow_width`` columns
only the reader shows and ``d``/``e`` slide a side pane over it; from ``wide_width`` all three
show. The rules are applied on every resize from the new size, so a resized window looks like
a fresh start at that width.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.dom import DOMNode
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header

from tui.ui import loading
from tui.ui.bindings import textual_bindings
from tui.ui.widgets.document_list import DocumentList
from tui.ui.widgets.entity_sidebar import EntitySidebar
from tui.ui.widgets.key_footer import KeyFooter
from tui.ui.widgets.reader import Reader
from tui.views.panes import Pane, PaneRules, WidthClass, width_class


class MainScreen(Screen[None]):
    """The three panes. Its own tab/shift+tab bindings carry ids so they can be rebound."""

    #: Loaded as the app's CSS_PATH (see :class:`tui.ui.app.BriefingApp`), not the screen's.
    STYLES: ClassVar[Path] = Path(__file__).with_name("main_screen.tcss")
    BINDINGS: ClassVar = textual_bindings("screen")
    #: The reader has focus from the start (focusing it after mount would redraw the footer).
    AUTO_FOCUS = "#reader"

    def __init__(
        self,
        narrow_width: int = 100,
        wide_width: int = 140,
        *,
        on_panes: Callable[[MainScreen], None] | None = None,
        **kwargs: str,
    ) -> None:
        """``on_panes``: called once the panes exist, before the first frame is drawn (so
        settings applied there, and a document already read, show in the first frame)."""
        super().__init__(**kwargs)
        self.narrow_width = narrow_width
        self.wide_width = wide_width
        self._on_panes = on_panes
        self.rules = PaneRules()
        self._width = 0
        #: Every document is in: the app's ``loading`` (watched from mount) turned False.
        self._loaded = False

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="panes"):
            yield DocumentList(id="documents")
            yield Reader(id="reader")
            sidebar = EntitySidebar(id="entities")
            # Hidden from the start where the width rules hide it: it then builds its parts
            # only when first shown (apply_panes confirms both once the panes are mounted).
            sidebar.display = self.rules.visible(self.width_class, "entities")
            yield sidebar
        yield KeyFooter()

    @property
    def reader(self) -> Reader:
        return self.query_one("#reader", Reader)

    @property
    def document_list(self) -> DocumentList:
        return self.query_one("#documents", DocumentList)

    @property
    def sidebar(self) -> EntitySidebar:
        return self.query_one("#entities", EntitySidebar)

    # -- the document list while loading (the loading thread posts here; the app's
    # reactive ``loading`` says when it is done) -----------------------------------------

    def on_mount(self) -> None:
        self.document_list.set_progress("finding documents…")
        # Synchronously: a message would be handled after the first frame, which then would
        # be drawn twice (empty panes, then the document).
        if self._on_panes is not None:
            self._on_panes(self)
        self.watch(self.app, "loading", self._loading_changed, init=False)

    @on(loading.EntriesFound)
    def _entries_found(self, message: loading.EntriesFound) -> None:
        message.stop()
        dl = self.document_list
        dl.add_entries(message.entries)
        current = self.reader.document
        if current is not None and dl.highlighted is None:
            dl.select_path(current.path)

    @on(loading.LoadProgress)
    def _load_progress(self, message: loading.LoadProgress) -> None:
        message.stop()
        if not self._loaded:
            self.document_list.set_progress(message.line)

    def _loading_changed(self, still_loading: bool) -> None:
        """The app's ``loading`` turned False: every document is in; progress still on its
        way is not shown."""
        if not still_loading:
            self.loading_finished()

    def loading_finished(self) -> None:
        """Every document is in (also after the library changed): sorted, and the list's
        border says how many."""
        self._loaded = True
        dl = self.document_list
        dl.sort_entries()
        n = len(dl.paths)
        dl.set_progress(f"{n:,} document{'s' if n != 1 else ''}")

    # -- width rules ------------------------------------------------------------------------

    @property
    def width_class(self) -> WidthClass:
        width = self._width or self.app.size.width
        return width_class(width, self.narrow_width, self.wide_width)

    @property
    def narrow(self) -> bool:
        return self.width_class == "narrow"

    def on_resize(self, event: Resize) -> None:
        self._width = event.size.width
        self.apply_panes()

    def apply_panes(self) -> None:
        """Show the side panes the width class (and the user's d/e) asks for."""
        mode = self.width_class
        self.set_class(mode == "narrow", "narrow")
        dl, sidebar, reader = self.document_list, self.sidebar, self.reader
        dl.display = self.rules.visible(mode, "documents")
        sidebar.display = self.rules.visible(mode, "entities")
        focused = self.focused
        node: DOMNode | None = focused
        while node is not None and node is not self:
            if not getattr(node, "display", True):
                reader.focus()
                break
            node = node.parent

    def pane_visible(self, pane: Pane) -> bool:
        return self.rules.visible(self.width_class, pane)

    def toggle_pane(self, pane: Pane) -> None:
        shown = self.rules.toggle(self.width_class, pane)
        self.apply_panes()
        widget: Widget = self.document_list if pane == "documents" else self.sidebar
        if shown and self.narrow:
            self._focus_pane(widget)
        elif not shown:
            self.reader.focus()

    def _focus_pane(self, widget: Widget) -> None:
        if widget.can_focus:
            widget.focus()
            return
        for child in widget.query("*"):
            if child.can_focus:
                child.focus()
                return

    @on(DocumentList.Open)
    def _opened_from_list(self, event: DocumentList.Open) -> None:
        """The app opens the document; here the list's overlay slides away on a small screen."""
        if self.narrow:
            self.rules.hide("narrow", "documents")
            self.apply_panes()
        self.reader.focus()
