"""The briefing-tui app: opens documents in the main screen and starts what the keys ask for.

The first screen shows at once: the library loads in a thread (:mod:`tui.ui.loading`) that
reports with typed messages; opening a document parses (or loads from cache) in a worker too.
Problems (a missing path, a binary file, a bad config) become one-line notifications, never
tracebacks. The panes and width rules belong to :class:`~tui.ui.screens.main_screen.MainScreen`,
notes and export to :mod:`tui.ui.notes_flow` and :mod:`tui.ui.export_flow`, the order of the
``n``/``N`` walk to :mod:`tui.views.walk`. Reading positions are kept per document across runs
(:mod:`tui.core.positions`); keys come from :mod:`tui.core.keymap`, rebindable in config.toml.

Screens and services that the first frame does not need (search, quotes, notes, export) are
imported when first used, so startup stays lean.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App
from textual.css.query import NoMatches

from parsers.model import Document
from tui.core import paths
from tui.core.config import Config, config_path, load_config
from tui.core.keymap import load_keymap
from tui.core.positions import Positions
from tui.core.state import State
from tui.core.text import printable
from tui.library.documents import LibraryDocuments
from tui.ui import loading
from tui.ui.bindings import textual_bindings
from tui.ui.commands import BriefingCommands
from tui.ui.export_flow import ExportFlow
from tui.ui.feeds_flow import FeedProgress, FeedsFlow, FeedsUpdated, LibraryChanged
from tui.ui.notes_flow import NotesFlow
from tui.ui.run import start_resource_tracker
from tui.ui.screens.main_screen import MainScreen
from tui.ui.timeline_flow import TimelineFlow
from tui.ui.walk_flow import WalkFlow
from tui.ui.widgets.document_list import DocumentList
from tui.ui.widgets.entity_sidebar import EntitySidebar
from tui.ui.widgets.reader import Reader

if TYPE_CHECKING:
    from textual.theme import Theme

    from tui.library.library import DocEntry, Library
    from tui.notes.export import Format
    from tui.ui.screens.quotes_screen import QuoteJump


#: The key of the theme chosen in the palette in ``state.json``.
THEME_KEY = "theme"


class BriefingApp(App[None]):
    """Read a library of briefings. ``paths``: files or folders (default: the bundled seeds)."""

    TITLE = "briefing-tui"
    DEFAULT_MODE = "main"
    BINDINGS: ClassVar = textual_bindings("app")
    COMMANDS: ClassVar = App.COMMANDS | {BriefingCommands}

    def __init__(
        self,
        paths_: Sequence[str] = (),
        *,
        config: Config | None = None,
        user_library: bool = False,
        watch: Sequence[str] = (),
    ) -> None:
        """``user_library``: ``paths_`` are the user's library (read state is kept);
        ``watch``: folders whose new and changed documents join the library while it runs."""
        start_resource_tracker()
        super().__init__()
        self.paths = list(paths_) or [str(paths.seeds_dir())]
        self.config = config if config is not None else load_config()
        self.keymap_overrides, keymap_problems = load_keymap(self.config)
        self.problems: list[str] = [*self.config.problems, *keymap_problems]
        self.library: Library | None = None
        self.positions = Positions()
        self.current_path: str | None = None
        self.document: Document | None = None
        #: True until the loading thread has reported everything.
        self.loading = True
        self.walking = WalkFlow(self)
        self.notes = NotesFlow(self)
        self.state = State()
        self.exports = ExportFlow(self, self.state)
        self.timelines = TimelineFlow(self)
        self.feeds = FeedsFlow(self, read_state=user_library, folders=list(watch))
        self._pending_jump: tuple[int, int, str | None] | None = None
        self._main: MainScreen | None = None
        self._loader = loading.LibraryLoader(self.paths, self.positions.last())
        self._shutting_down = False
        self.add_mode("main", self._make_main_screen)

    # -- widgets ------------------------------------------------------------------------

    def _make_main_screen(self) -> MainScreen:
        """The "main" mode's screen (a mode, so Textual loads the screen's own CSS_PATH)."""
        self._main = MainScreen(self.config.narrow_width, self.config.wide_width)
        return self._main

    @property
    def main_screen(self) -> MainScreen:
        if self._main is None:
            raise RuntimeError("the main screen is not mounted yet")
        return self._main

    @property
    def reader(self) -> Reader:
        return self.main_screen.reader

    @property
    def document_list(self) -> DocumentList:
        return self.main_screen.document_list

    @property
    def sidebar(self) -> EntitySidebar:
        return self.main_screen.sidebar

    @property
    def scanning(self) -> bool:
        """True while the loading thread runs (quitting then must not wait for it)."""
        return self._loader.running

    def document_entries(self) -> list[tuple[str, DocEntry]]:
        dl = self.document_list
        return [(p, dl.entries[p]) for p in dl.paths]

    def problem(self, message: str) -> None:
        """One line for the user about something that went wrong."""
        self.notify(printable(message), severity="warning", markup=False, timeout=8)

    # -- start-up -----------------------------------------------------------------------

    def on_load(self) -> None:
        """Before the screen is even composed, start loading: the first document is read while
        Textual builds the panes (the loading thread waits for them before it reports)."""
        self._loader.start()

    @on(MainScreen.Ready)
    def _main_screen_ready(self) -> None:
        """The panes exist: apply settings; the loading thread may report from now on."""
        if self.keymap_overrides:
            self.set_keymap(self.keymap_overrides)
        self._apply_theme()
        reader = self.reader
        reader.measure = self.config.measure
        reader.show_furniture = self.config.show_furniture
        reader.show_message("Loading…")
        reader.focus()
        for problem in self.problems:
            self.notify(problem, severity="warning", markup=False, timeout=8)
        self.main_screen.apply_panes()
        self._loader.ready(self.main_screen)

    def _apply_theme(self) -> None:
        """The theme last chosen in the palette (kept in state.json), unless config.toml has
        named another since; from now on every change of theme is remembered."""
        chosen = self.config.theme
        saved = self.state.get(THEME_KEY)
        if (
            isinstance(saved, dict)
            and saved.get("config") == self.config.theme
            and saved.get("name") in self.available_themes
        ):
            chosen = saved["name"]
        if chosen:
            if chosen in self.available_themes:
                self.theme = chosen
            else:
                self.problems.append(f"config.toml: unknown theme {chosen!r}")
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        problem = self.state.set(THEME_KEY, {"name": theme.name, "config": self.config.theme})
        if problem:
            self.problem(problem)

    # -- what the loading thread reports (list entries and progress go to the main screen) --

    @on(loading.LibraryOpened)
    def _library_opened(self, message: loading.LibraryOpened) -> None:
        self.library = message.library

    @on(loading.LoadProblem)
    def _load_problem(self, message: loading.LoadProblem) -> None:
        self.problem(message.text)

    @on(loading.NoDocuments)
    def _no_documents(self) -> None:
        self.reader.show_message("No documents found: give a file or folder of .txt or .md.")

    @on(loading.FirstDocument)
    def _first_document(self, message: loading.FirstDocument) -> None:
        if self.current_path is None:
            self._show_document(message.document)
        self.call_after_refresh(self._loader.first_painted)

    @on(loading.Finished)
    def _load_finished(self) -> None:
        if self._shutting_down:
            return
        self.loading = False
        with contextlib.suppress(NoMatches):
            dl = self.document_list
            self.main_screen.loading_finished()
            if self.current_path is not None:
                dl.select_path(self.current_path)
            elif dl.paths:
                self.open_document(dl.paths[0])
            elif self.library is not None and not getattr(self.library, "files", []):
                self._no_documents()
            else:
                self.reader.show_message("None of the files could be read as a document.")
            if self.library is not None:
                self.sidebar.set_library(LibraryDocuments(self.library, list(dl.paths)))
                self.timelines.library_ready()
        self.feeds.library_loaded()

    # -- documents ------------------------------------------------------------------------

    def open_document(
        self, path: str, jump: tuple[int, int] | None = None, layer: str | None = None
    ) -> None:
        """Open ``path`` in the reader (parsed in a worker); optionally jump to ``jump`` and
        mark it on ``layer``."""
        if path == self.current_path and self.document is not None:
            if jump is not None:
                self._jump(jump, layer)
            return
        self._pending_jump = (*jump, layer) if jump is not None else None
        self._load_document(path)

    def reopen_document(self) -> None:
        """The open document changed on disk: read it again (its notes re-anchor when shown)."""
        if self.current_path is not None:
            self._pending_jump = None
            self._load_document(self.current_path)

    @work(thread=True, exclusive=True, group="document", exit_on_error=False)
    def _load_document(self, path: str) -> None:
        self.post_message(loading.read_document(self.library, path))

    @on(loading.DocumentRead)
    def _document_read(self, message: loading.DocumentRead) -> None:
        self._show_document(message.document)

    def _show_document(self, doc: Document) -> None:
        if self._shutting_down:
            return
        self.save_position()
        self.document = doc
        self.current_path = doc.path
        self.positions.set_last(doc.path)
        reader = self.reader
        reader.show_document(doc)
        pos = self.positions.get(doc.path)
        if self.positions.problem:
            self.problem(self.positions.problem)
            self.positions.problem = None
        self.walking.mark_open_document()
        self.timelines.mark_open_document()
        jump, self._pending_jump = self._pending_jump, None
        if jump is not None:
            self._jump((jump[0], jump[1]), jump[2])
        elif pos is not None:
            reader.restore_position(pos.cursor, pos.top)
        self.sub_title = doc.title
        dl = self.document_list
        if doc.path in dl.entries:
            dl.select_path(doc.path)
        self.sidebar.show_document(doc)
        self.call_after_refresh(self.notes.show, doc)
        self.feeds.opened(doc.path)

    def _jump(self, span: tuple[int, int], layer: str | None) -> None:
        reader = self.reader
        if layer is not None and span not in reader.mark_spans(layer):
            reader.set_marks(layer, self.walking.walk.spans_in(self.current_path) or [span])
        reader.jump_to(span[0])
        if layer is not None:
            # Make n/N continue from this hit, not from the passage's start.
            reader.mark_current(span)

    def save_position(self) -> None:
        """Remember where the reader is in the open document (saved to disk at once)."""
        if self.document is None or self.current_path is None:
            return
        reader = self.reader
        self.positions.set(self.current_path, reader.cursor_span[0], reader.scroll_position)
        problem = self.positions.save()
        if problem:
            self.problem(problem)

    # -- panes ----------------------------------------------------------------------------

    def action_toggle_documents(self) -> None:
        self.main_screen.toggle_pane("documents")

    def action_toggle_entities(self) -> None:
        self.main_screen.toggle_pane("entities")

    def action_toggle_furniture(self) -> None:
        self.reader.action_toggle_furniture()
        state = "shown" if self.reader.show_furniture else "hidden"
        self.notify(f"Site furniture {state}.", timeout=2)

    def action_next_document(self) -> None:
        self._step_document(1)

    def action_prev_document(self) -> None:
        self._step_document(-1)

    def _step_document(self, step: int) -> None:
        target = self.document_list.neighbour(self.current_path, step)
        if target is None:
            self.notify(
                "No more documents that way." if self.document_list.paths else "No documents yet.",
                timeout=2,
            )
            return
        self.open_document(target)

    @on(DocumentList.Open)
    def _open_from_list(self, event: DocumentList.Open) -> None:
        self.open_document(event.path)

    # -- n / N ----------------------------------------------------------------------------

    def action_next_hit(self) -> None:
        self.walking.step(1)

    def action_prev_hit(self) -> None:
        self.walking.step(-1)

    def on_entity_sidebar_entity_selected(self, event: EntitySidebar.EntitySelected) -> None:
        self.walking.entity_selected(event)

    def on_entity_sidebar_selection_cleared(self, event: EntitySidebar.SelectionCleared) -> None:
        self.walking.entity_cleared()

    def on_entity_sidebar_cross_reference_requested(
        self, event: EntitySidebar.CrossReferenceRequested
    ) -> None:
        self._open_search(event.name, target=event.entity_id)

    def on_entity_sidebar_watch_requested(self, event: EntitySidebar.WatchRequested) -> None:
        self.timelines.watch_requested(event)

    # -- screens over the main one -----------------------------------------------------------

    def action_timeline(self) -> None:
        self.timelines.open_timeline()

    def action_watchlist(self) -> None:
        self.timelines.open_watchlist()

    def action_all_documents(self) -> None:
        self.timelines.all_documents()

    def action_help(self) -> None:
        from tui.ui.screens.help_screen import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.keymap_overrides, str(config_path())))

    def action_search(self) -> None:
        self._open_search("")

    def _open_search(self, query: str, target: str | None = None) -> None:
        from tui.ui.screens.search_screen import SearchScreen

        self.push_screen(SearchScreen(self.library, query, target=target), self.walking.search_done)

    def action_quotes(self) -> None:
        from tui.ui.screens.quotes_screen import QuotesScreen

        docs: Sequence[Document] = ()
        if self.library is not None and not self.loading:
            docs = LibraryDocuments(self.library, list(self.document_list.paths))
        speaker = None
        if self.sidebar.has_focus_within and self.sidebar.highlighted_id is not None:
            # w on a person in the sidebar: that person's quotes across the library, over time.
            summary = self.sidebar.table.summary(self.sidebar.highlighted_id)
            if summary is not None and summary.type == "PERSON" and docs:
                speaker = (summary.name, tuple(summary.spellings))
        near = self.reader.cursor_span[0]
        screen = QuotesScreen(self.document, docs, near=near, speaker=speaker)
        self.push_screen(screen, self._quote_chosen)

    def _quote_chosen(self, jump: QuoteJump | None) -> None:
        if jump is not None:
            self.open_document(jump.path, (jump.start, jump.end), None)
            self.reader.focus()

    def action_annotate(self) -> None:
        self.notes.annotate()

    def action_notes(self) -> None:
        self.notes.list()

    def action_export(self, fmt: Format | None = None) -> None:
        self.exports.open(fmt)

    # -- feeds and the live library (tui.ui.feeds_flow) -----------------------------------------

    def action_update_feeds(self) -> None:
        self.feeds.update()

    def action_toggle_read(self) -> None:
        self.feeds.toggle_read()

    @on(FeedProgress)
    def _feed_progress(self, message: FeedProgress) -> None:
        self.feeds.progress(message)

    @on(FeedsUpdated)
    def _feeds_updated(self, message: FeedsUpdated) -> None:
        self.feeds.updated(message)

    @on(LibraryChanged)
    def _library_changed(self, message: LibraryChanged) -> None:
        if not self._shutting_down:
            with contextlib.suppress(NoMatches):
                self.feeds.library_changed(message)

    # -- leaving --------------------------------------------------------------------------

    async def action_quit(self) -> None:
        self.save_position()
        self._shutting_down = True
        self._loader.stopped = True
        self.feeds.stop()
        self.exit()

    def on_unmount(self) -> None:
        if not self._shutting_down:
            with contextlib.suppress(Exception):
                self.save_position()
        self._shutting_down = True
        self._loader.stopped = True
        self.feeds.stop()
