"""The briefing-tui app: the main screen, and the flows that start what the keys ask for.

The first screen shows at once: the library loads in a thread (:mod:`tui.ui.loading`) that
reports with typed messages. Problems (a missing path, a binary file, a bad config) become
one-line notifications, never tracebacks. The panes and width rules belong to
:class:`~tui.ui.screens.main_screen.MainScreen`; the open document and reading positions to
:mod:`tui.ui.document_flow`; the ``n``/``N`` walk and search to :mod:`tui.ui.walk_flow`; notes,
export, quotes, timeline, feeds and the theme to their ``*_flow`` modules. Keys come from
:mod:`tui.core.keymap`, rebindable in config.toml.

Screens and services that the first frame does not need (search, quotes, notes, export) are
imported when first used, so startup stays lean.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App
from textual.css.query import NoMatches
from textual.reactive import var

from parsers.model import Document
from tui.core import paths
from tui.core.config import Config, config_path, load_config
from tui.core.keymap import load_keymap
from tui.core.state import State
from tui.core.text import printable
from tui.library.documents import LibraryDocuments
from tui.ui import loading as library_loading
from tui.ui.bindings import textual_bindings
from tui.ui.document_flow import DocumentFlow
from tui.ui.export_flow import ExportFlow
from tui.ui.feeds_flow import FeedProgress, FeedsFlow, FeedsUpdated, LibraryChanged
from tui.ui.notes_flow import NotesFlow
from tui.ui.quotes_flow import QuotesFlow
from tui.ui.run import resume_collector
from tui.ui.screens.main_screen import MainScreen
from tui.ui.theme_flow import ThemeFlow
from tui.ui.timeline_flow import TimelineFlow, TimelineWorkedOut
from tui.ui.walk_flow import WalkFlow
from tui.ui.widgets.document_list import DocumentList
from tui.ui.widgets.entity_sidebar import EntitySidebar
from tui.ui.widgets.reader import Reader

if TYPE_CHECKING:
    from textual.command import Provider

    from tui.library.library import DocEntry, Library
    from tui.notes.export import Format
    from tui.ui.hangup import TerminalLost
    from tui.ui.team import TeamLink


def _briefing_commands() -> type[Provider]:
    """The palette's own commands, imported when the palette first opens (not at start-up)."""
    from tui.ui.commands import BriefingCommands

    return BriefingCommands


class BriefingApp(App[None]):
    """Read a library of briefings. ``paths``: files or folders (default: the bundled seeds)."""

    TITLE = "briefing-tui"
    #: The main screen's styles load with the app's (parsed once at start-up): a screen's own
    #: CSS_PATH makes Textual parse every stylesheet again when the screen is first shown.
    CSS_PATH: ClassVar = MainScreen.STYLES
    BINDINGS: ClassVar = textual_bindings("app")
    COMMANDS: ClassVar = App.COMMANDS | {_briefing_commands}

    #: True until the loading thread has reported everything; the main screen watches it
    #: (the document list is sorted and counted when it turns False).
    loading: var[bool] = var(True, init=False)
    #: The library once the loading thread has opened it; a search screen opened before that
    #: watches it and searches as soon as it is here.
    library: var[Library | None] = var(None, init=False)

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
        super().__init__()
        self.paths = list(paths_) or [str(paths.seeds_dir())]
        self.config = config if config is not None else load_config()
        self.keymap_overrides, keymap_problems = load_keymap(self.config)
        self.problems: list[str] = [*self.config.problems, *keymap_problems]
        self.documents = DocumentFlow(self)
        self.walking = WalkFlow(self)
        self.notes = NotesFlow(self)
        self.state = State()
        self.themes = ThemeFlow(self, self.state)
        self.exports = ExportFlow(self, self.state)
        self.quotes = QuotesFlow(self)
        self.timelines = TimelineFlow(self)
        self.feeds = FeedsFlow(self, read_state=user_library, folders=list(watch))
        self._main: MainScreen | None = None
        self._loader = library_loading.LibraryLoader(self.paths, self.documents.positions.last())
        self._shutting_down = False

    # -- widgets ------------------------------------------------------------------------

    def get_default_screen(self) -> MainScreen:
        """The main screen is the app's first screen (its styles are the app's CSS_PATH)."""
        self._main = MainScreen(
            self.config.narrow_width, self.config.wide_width, on_panes=self._panes_ready
        )
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
    def document(self) -> Document | None:
        """The document the reader shows (``None`` until the first one is read)."""
        return self.documents.document

    @property
    def current_path(self) -> str | None:
        return self.documents.current_path

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
        Textual builds the panes (the loading thread waits for them before it reports).
        The remembered theme is applied here too, before Textual first parses the styles:
        applied later, it made Textual parse and apply every style again before the first
        frame (about a tenth of a bare app's start)."""
        self._loader.start()
        self.themes.apply()

    def _panes_ready(self, screen: MainScreen) -> None:
        """The panes exist (the first frame is not drawn yet): apply settings, show the first
        document if the loading thread has read it already; it may report from now on."""
        if self.keymap_overrides:
            self.set_keymap(self.keymap_overrides)
        reader = self.reader
        reader.measure = self.config.measure
        reader.show_furniture = self.config.show_furniture
        reader.show_message("Loading…")
        reader.focus()
        for problem in self.problems:
            self.notify(problem, severity="warning", markup=False, timeout=8)
        screen.apply_panes()
        self.call_after_refresh(resume_collector)
        first = self._loader.first
        if first is not None:  # a warm cache: the first frame shows the document
            self._show_document(first)
        self._loader.ready(screen)

    # -- what the loading thread reports (list entries and progress go to the main screen) --

    @on(library_loading.LibraryOpened)
    def _library_opened(self, message: library_loading.LibraryOpened) -> None:
        self.library = message.library

    @on(library_loading.LoadProblem)
    def _load_problem(self, message: library_loading.LoadProblem) -> None:
        self.problem(message.text)

    @on(library_loading.NoDocuments)
    def _no_documents(self) -> None:
        self.reader.show_message("No documents found: give a file or folder of .txt or .md.")

    @on(library_loading.FirstDocument)
    def _first_document(self, message: library_loading.FirstDocument) -> None:
        if self.current_path is None:
            self._show_document(message.document)

    @on(library_loading.ScanWaiting)
    def _scan_waiting(self) -> None:
        self.call_after_refresh(self._start_scan)

    def _start_scan(self) -> None:
        """After the first frame: the process pool's resource tracker (not before: it costs a
        process start and the multiprocessing imports), then the scan."""
        from tui.ui.run import start_resource_tracker

        if not self._shutting_down:
            start_resource_tracker()
            self._loader.scan()

    @on(library_loading.Finished)
    def _load_finished(self) -> None:
        if self._shutting_down:
            return
        with contextlib.suppress(NoMatches):
            self.loading = False
            dl = self.document_list
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
        """Open ``path`` in the reader; optionally jump to ``jump`` and mark it on ``layer``."""
        self.documents.open(path, jump, layer)

    def reopen_document(self) -> None:
        self.documents.reopen()

    def save_position(self) -> None:
        self.documents.save_position()

    @on(library_loading.DocumentRead)
    def _document_read(self, message: library_loading.DocumentRead) -> None:
        self._show_document(message.document)

    def _show_document(self, doc: Document) -> None:
        if not self._shutting_down:
            self.documents.show(doc)

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
        self.documents.step(1)

    def action_prev_document(self) -> None:
        self.documents.step(-1)

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
        self.walking.open_search(event.name, target=event.entity_id)

    def on_entity_sidebar_watch_requested(self, event: EntitySidebar.WatchRequested) -> None:
        self.timelines.watch_requested(event)

    @on(TimelineWorkedOut)
    def _timeline_worked_out(self, message: TimelineWorkedOut) -> None:
        if not self._shutting_down:
            with contextlib.suppress(NoMatches):
                self.timelines.worked_out(message)

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
        self.walking.open_search("")

    def action_quotes(self) -> None:
        self.quotes.open()

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

    def action_feeds(self) -> None:
        self.feeds.open_feeds()

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

    # -- a team store (tui.ui.team; not imported here: it needs psycopg) -------------------

    def on_team_link_note_changed(self, message: TeamLink.NoteChanged) -> None:
        if not self._shutting_down:
            with contextlib.suppress(NoMatches):
                self.notes.remote_change(message.event)

    def on_team_link_status_changed(self, message: TeamLink.StatusChanged) -> None:
        if not self._shutting_down:
            message.link.show_status()

    # -- leaving --------------------------------------------------------------------------

    def on_terminal_lost(self, message: TerminalLost) -> None:
        """The terminal closed (tui.ui.hangup): leave as ``q`` does, keeping an open note."""
        from tui.ui.hangup import leave

        leave(self)

    async def action_quit(self) -> None:
        self.save_position()
        self._shutting_down = True
        self._loader.stopped = True
        self.feeds.stop()
        self.exit()

    def on_unmount(self) -> None:
        self.notes.close()
        if not self._shutting_down:
            with contextlib.suppress(Exception):
                self.save_position()
        self._shutting_down = True
        self._loader.stopped = True
        self.feeds.stop()
