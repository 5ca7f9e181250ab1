"""The briefing-tui app: document list | reader | entity sidebar, with header and footer.

The first screen shows at once: finding and parsing the documents runs in a thread worker
(:class:`tui.library.library.Library`), entries join the list in batches and the list's border shows
the count and rate; opening a document parses (or loads from cache) in a worker too. Problems
(a missing path, a binary file, a bad config) become one-line notifications, never tracebacks.

Below ``narrow_width`` columns (config, default 100) only the reader shows and ``d``/``e``
slide the side panes over it. Reading positions are kept per document across runs
(:mod:`tui.core.positions`); keys come from :mod:`tui.core.keymap`, rebindable in config.toml.

Screens and services that the first frame does not need (search, quotes, notes, export) are
imported when first used, so startup stays lean.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, ClassVar, overload

from textual import events, on, work
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Header

from parsers.model import Document, ParseError
from tui.core import paths
from tui.core.config import Config, config_path, load_config
from tui.core.keymap import load_keymap
from tui.core.positions import Positions
from tui.core.text import printable
from tui.ui.bindings import textual_bindings
from tui.ui.commands import BriefingCommands
from tui.ui.widgets.document_list import DocumentList
from tui.ui.widgets.entity_sidebar import EntitySidebar
from tui.ui.widgets.reader import Reader

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.widget import Widget

    from tui.library.library import DocEntry, Library, Progress
    from tui.notes.export import Format
    from tui.notes.store import Note, NotesStore
    from tui.ui.screens.export_dialog import Exported
    from tui.ui.screens.notes_screen import Reattach
    from tui.ui.screens.quotes_screen import QuoteJump
    from tui.ui.screens.search_screen import SearchChoice

#: Highlight styles of the reader's layers (Rich style strings).
MARK_STYLES = {
    "entity": "bold underline",
    "search": "black on yellow",
    "notes": "on #2e4d3a",
}
#: How often (seconds) entries found by the loading worker are added to the list.
FLUSH_INTERVAL = 0.1


class LibraryDocuments(Sequence[Document]):
    """The library's documents, parsed (or loaded from cache) only when one is asked for."""

    def __init__(self, library: Library, paths: list[str]) -> None:
        self._library = library
        self._paths = paths

    def __len__(self) -> int:
        return len(self._paths)

    @overload
    def __getitem__(self, index: int) -> Document: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Document]: ...
    def __getitem__(self, index: int | slice) -> Document | Sequence[Document]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self._library.document(self._paths[index])

    def __iter__(self) -> Iterator[Document]:
        for path in self._paths:
            try:
                yield self._library.document(path)
            except (ParseError, OSError):
                continue


class MainScreen(Screen[None]):
    """The three panes. Its own tab/shift+tab bindings carry ids so they can be rebound."""

    BINDINGS: ClassVar = textual_bindings("screen")

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="panes"):
            yield DocumentList(id="documents")
            yield Reader(id="reader")
            yield EntitySidebar(id="entities")
        yield Footer()

    def on_mount(self) -> None:
        app = self.app
        if isinstance(app, BriefingApp):
            app.main_screen_ready()


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker while ``sys.stderr`` is still the real one.

    The library parses on every core with a process pool. Started later, from inside the app,
    the tracker is handed ``sys.stderr.fileno()``, which under Textual's redirected output is
    not a real descriptor: the pool then fails with "bad value(s) in fds_to_keep".
    """
    if os.name != "posix":
        return
    # Quitting mid-load ends the parse workers at once; the tracker then cleans up after them
    # and would warn about it on the terminal: it starts with warnings off.
    saved = os.environ.get("PYTHONWARNINGS")
    os.environ["PYTHONWARNINGS"] = "ignore"
    try:
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()
    except Exception:
        pass
    finally:
        if saved is None:
            os.environ.pop("PYTHONWARNINGS", None)
        else:
            os.environ["PYTHONWARNINGS"] = saved


class BriefingApp(App[None]):
    """Read a library of briefings. ``paths``: files or folders (default: the bundled seeds)."""

    CSS_PATH = "app.tcss"
    TITLE = "briefing-tui"
    BINDINGS: ClassVar = textual_bindings("app")
    COMMANDS: ClassVar = App.COMMANDS | {BriefingCommands}

    def __init__(self, paths_: Sequence[str] = (), *, config: Config | None = None) -> None:
        _start_resource_tracker()
        super().__init__()
        self.paths = list(paths_) or [str(paths.seeds_dir())]
        self.config = config if config is not None else load_config()
        self.keymap_overrides, keymap_problems = load_keymap(self.config)
        self.problems: list[str] = [*self.config.problems, *keymap_problems]
        self.library: Library | None = None
        self.positions = Positions()
        self.current_path: str | None = None
        self.document: Document | None = None
        self.loading = True
        self.progress: Progress | None = None
        self._found: list[DocEntry] = []
        self._found_lock = threading.Lock()
        self._flushed = 0
        self._scan_started = time.monotonic()
        self._scan_seconds: float | None = None
        #: Which side panes show, per width class (narrow: overlays; medium: no sidebar).
        self._panes = {
            "wide": {"documents": True, "entities": True},
            "medium": {"documents": True, "entities": False},
            "narrow": {"documents": False, "entities": False},
        }
        #: Places ``n``/``N`` walk across documents: (path, start, end), in reading order.
        self._walk: list[tuple[str, int, int]] = []
        self._walk_layer: str | None = None
        self._pending_jump: tuple[int, int, str | None] | None = None
        self._main: MainScreen | None = None
        self._notes: NotesStore | None = None
        self._notes_failed = False
        self._reattach: Note | None = None
        #: True while the loading thread runs (quitting then must not wait for it).
        self.scanning = False
        self._ui_ready = threading.Event()
        self._last_read = self.positions.last()
        self._shutting_down = False

    # -- widgets ------------------------------------------------------------------------

    def get_default_screen(self) -> MainScreen:
        self._main = MainScreen(id="_default")
        return self._main

    @property
    def main_screen(self) -> MainScreen:
        if self._main is None:
            raise RuntimeError("the main screen is not mounted yet")
        return self._main

    @property
    def reader(self) -> Reader:
        return self.main_screen.query_one("#reader", Reader)

    @property
    def document_list(self) -> DocumentList:
        return self.main_screen.query_one("#documents", DocumentList)

    @property
    def sidebar(self) -> EntitySidebar:
        return self.main_screen.query_one("#entities", EntitySidebar)

    def document_entries(self) -> list[tuple[str, DocEntry]]:
        dl = self.document_list
        return [(p, dl.entries[p]) for p in dl.paths]

    # -- start-up -----------------------------------------------------------------------

    def main_screen_ready(self) -> None:
        """The panes exist: apply settings; the loading thread may report from now on."""
        if self.keymap_overrides:
            self.set_keymap(self.keymap_overrides)
        if self.config.theme:
            if self.config.theme in self.available_themes:
                self.theme = self.config.theme
            else:
                self.problems.append(f"config.toml: unknown theme {self.config.theme!r}")
        reader = self.reader
        reader.measure = self.config.measure
        reader.show_furniture = self.config.show_furniture
        reader.show_message("Loading…")
        reader.focus()
        for problem in self.problems:
            self.notify(problem, severity="warning", markup=False, timeout=8)
        self._apply_panes()
        self.set_interval(FLUSH_INTERVAL, self._flush_found, name="flush-entries")
        self._ui_ready.set()

    def on_load(self) -> None:
        """Before the screen is even composed, start loading: the first document is read while
        Textual builds the panes (the loading thread waits for them before it reports)."""
        self.load_library()

    def load_library(self) -> None:
        """Find and parse the documents off the UI thread; the first one opens as soon as read.

        A daemon thread of its own rather than a Textual thread worker: those run in asyncio's
        default executor, which the event loop waits for on exit, so quitting in the middle of
        loading a big library would hang until every file was parsed.
        """
        self.scanning = True
        threading.Thread(target=self._library_thread, name="briefing-library", daemon=True).start()

    def _library_thread(self) -> None:
        from tui.library.library import Library  # imported here: the first frame never waits for it

        try:
            self._load_library(Library)
        finally:
            self.scanning = False

    def _load_library(self, library_class: type[Library]) -> None:
        try:
            library = library_class(self.paths)
        except Exception as exc:
            self._ui_ready.wait()
            self._ui(self._problem, f"cannot load the library: {exc}")
            self._ui(self._scan_done)
            return
        self.library = library
        files = list(getattr(library, "files", []))
        first: Document | None = None
        early_problems: list[str] = []
        # The document read last time opens first, if it is in this library.
        last = self._last_read
        candidates = [f for f in files if last and os.path.realpath(f) == last][:1] + files[:3]
        for path in candidates:
            try:
                first = library.document(path)
                break
            except ParseError:
                continue
            except OSError as exc:
                early_problems.append(f"{printable(path)}: {exc}")
        # From here on the panes are needed.
        self._ui_ready.wait()
        for problem in [*library.problems, *early_problems]:
            self._ui(self._problem, problem)
        seen = len(library.problems)
        if not files:
            self._ui(self._no_documents)
        if first is not None:
            self._ui(self._auto_open, first)

        def on_entry(entry: DocEntry) -> None:
            with self._found_lock:
                self._found.append(entry)

        def on_progress(progress: Progress) -> None:
            self.progress = progress

        try:
            library.scan(on_progress=on_progress, on_entry=on_entry)
        except Exception as exc:  # one line for the user; what was loaded stays usable
            self._ui(self._problem, f"loading stopped: {type(exc).__name__}: {exc}")
        for problem in list(library.problems)[seen:]:
            self._ui(self._problem, problem)
        self._ui(self._scan_done)

    def _ui(self, callback: Callable[..., object], *args: object) -> None:
        """Run ``callback`` on the UI thread, unless the app has gone (quit mid-load)."""
        if self._shutting_down or not self.is_running:
            return
        with contextlib.suppress(RuntimeError):
            self.call_from_thread(callback, *args)

    def _problem(self, message: str) -> None:
        self.notify(printable(message), severity="warning", markup=False, timeout=8)

    def _no_documents(self) -> None:
        self.reader.show_message("No documents found: give a file or folder of .txt or .md.")

    def _auto_open(self, doc: Document) -> None:
        if self.current_path is None:
            self._show_document(doc)

    def _flush_found(self) -> None:
        if self._shutting_down:
            return
        try:
            self._flush_found_now()
        except NoMatches:  # shutting down: the panes are gone
            return

    def _flush_found_now(self) -> None:
        with self._found_lock:
            batch, self._found = self._found, []
        dl = self.document_list
        if batch:
            dl.add_entries(batch)
            if self.current_path is not None and dl.highlighted is None:
                dl.select_path(self.current_path)
        if self.loading:
            p = self.progress
            if p is not None:
                rate = p.rate or (p.done / max(1e-6, time.monotonic() - self._scan_started))
                left = (p.total - p.done) / rate if rate > 0 else 0.0
                eta = f" · {left:,.0f}s left" if p.done and left >= 1 else ""
                dl.set_progress(f"{p.done:,}/{p.total:,} · {rate:,.0f}/s{eta}")
            else:
                dl.set_progress("finding documents…")

    def _scan_done(self) -> None:
        if self._shutting_down:
            return
        with contextlib.suppress(NoMatches):
            self._scan_done_now()

    def _scan_done_now(self) -> None:
        self._flush_found_now()
        self.loading = False
        self._scan_seconds = time.monotonic() - self._scan_started
        dl = self.document_list
        dl.sort_entries()
        n = len(dl.paths)
        dl.set_progress(f"{n:,} document{'s' if n != 1 else ''}")
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

    @work(thread=True, exclusive=True, group="document", exit_on_error=False)
    def _load_document(self, path: str) -> None:
        library = self.library
        try:
            if library is None:
                from parsers import parse_file

                doc = parse_file(path)
            else:
                doc = library.document(path)
        except ParseError as exc:
            self._ui(self._problem, str(exc))
            return
        except OSError as exc:
            self._ui(self._problem, f"{path}: {exc.strerror or exc}")
            return
        except Exception as exc:  # untrusted input must not end in a silent worker error
            self._ui(self._problem, f"{path}: cannot open ({type(exc).__name__}: {exc})")
            return
        self._ui(self._show_document, doc)

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
            self._problem(self.positions.problem)
            self.positions.problem = None
        self._mark_walk_in_document()
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
        self.call_after_refresh(self._show_notes, doc)

    def _jump(self, span: tuple[int, int], layer: str | None) -> None:
        reader = self.reader
        if layer is not None and span not in reader.mark_spans(layer):
            spans = [(s, e) for p, s, e in self._walk if p == self.current_path] or [span]
            reader.set_marks(layer, spans, MARK_STYLES.get(layer, "reverse"))
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
            self._problem(problem)

    # -- panes ----------------------------------------------------------------------------

    @property
    def narrow(self) -> bool:
        return self.size.width < self.config.narrow_width

    @property
    def width_class(self) -> str:
        """ "narrow" (reader only; panes overlay), "medium" (no sidebar unless e), "wide"."""
        if self.narrow:
            return "narrow"
        return "medium" if self.size.width < self.config.wide_width else "wide"

    def on_resize(self, event: events.Resize) -> None:
        self._apply_panes()

    def _apply_panes(self) -> None:
        try:
            screen = self.screen_stack[0]
            dl, sidebar, reader = self.document_list, self.sidebar, self.reader
        except Exception:
            return
        mode = self.width_class
        screen.set_class(mode == "narrow", "narrow")
        state = self._panes[mode]
        dl.display = state["documents"]
        sidebar.display = state["entities"]
        focused = self.focused
        if focused is not None and not focused.display and self.screen is screen:
            reader.focus()
        elif focused is not None and self.screen is screen:
            node: DOMNode | None = focused
            while node is not None and node is not screen:
                if not getattr(node, "display", True):
                    reader.focus()
                    break
                node = node.parent

    def pane_visible(self, pane: str) -> bool:
        return self._panes[self.width_class][pane]

    def _toggle_pane(self, pane: str) -> None:
        state = self._panes[self.width_class]
        state[pane] = not state[pane]
        if self.narrow and state[pane]:
            # One overlay at a time on a small terminal.
            other = "entities" if pane == "documents" else "documents"
            state[other] = False
        self._apply_panes()
        widget = self.document_list if pane == "documents" else self.sidebar
        if state[pane] and self.narrow:
            self._focus_pane(widget)
        elif not state[pane]:
            self.reader.focus()

    def _focus_pane(self, widget: Widget) -> None:
        if widget.can_focus:
            widget.focus()
            return
        for child in widget.query("*"):
            if child.can_focus:
                child.focus()
                return

    def action_toggle_documents(self) -> None:
        self._toggle_pane("documents")

    def action_toggle_entities(self) -> None:
        self._toggle_pane("entities")

    def action_toggle_furniture(self) -> None:
        self.reader.action_toggle_furniture()
        state = "shown" if self.reader.show_furniture else "hidden"
        self.notify(f"Site furniture {state}.", timeout=2)

    # -- navigation -------------------------------------------------------------------------

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
        if self.narrow:
            self._panes["narrow"]["documents"] = False
            self._apply_panes()
        self.reader.focus()

    def action_next_hit(self) -> None:
        self._walk_marks(1)

    def action_prev_hit(self) -> None:
        self._walk_marks(-1)

    def _walk_marks(self, step: int) -> None:
        reader = self.reader
        if reader.next_mark(step) is not None:
            return
        if self._walk and self.current_path is not None:
            # Across documents: the next document of the walk that has a hit/mention.
            order: list[str] = []
            for p, _, _ in self._walk:
                if not order or order[-1] != p:
                    order.append(p)
            if self.current_path in order:
                i = order.index(self.current_path) + step
            else:
                i = 0 if step > 0 else len(order) - 1
            if 0 <= i < len(order):
                path = order[i]
                spans = [(s, e) for p, s, e in self._walk if p == path]
                span = spans[0] if step > 0 else spans[-1]
                self.open_document(path, span, self._walk_layer)
                return
        if reader.active_layer is None:
            self.notify(
                "Nothing to walk: search with / or choose an entity (e, then enter).", timeout=3
            )
        else:
            self.notify("No more hits that way.", timeout=2)

    def _mark_walk_in_document(self) -> None:
        if self._walk and self._walk_layer and self.current_path:
            spans = [(s, e) for p, s, e in self._walk if p == self.current_path]
            if spans:
                self.reader.set_marks(
                    self._walk_layer, spans, MARK_STYLES.get(self._walk_layer, "reverse")
                )

    def set_walk(self, layer: str, places: Sequence[tuple[str, int, int]]) -> None:
        """Hits or mentions for ``n``/``N`` (path, start, end), marked on ``layer``."""
        self._walk = [(p, s, e) for p, s, e in places]
        self._walk_layer = layer
        self.reader.clear_marks(layer)
        self._mark_walk_in_document()

    # -- the entity sidebar's messages ---------------------------------------------------------

    def on_entity_sidebar_entity_selected(self, event: EntitySidebar.EntitySelected) -> None:
        places = [(m.path, m.start, m.end) for m in event.mentions]
        self.set_walk("entity", places)
        if not any(p == self.current_path for p, _, _ in places) and places:
            self.open_document(places[0][0], (places[0][1], places[0][2]), "entity")
        self.notify(
            f"{len(places)} mention{'s' if len(places) != 1 else ''}; n/N to walk", timeout=2
        )

    def on_entity_sidebar_selection_cleared(self, event: EntitySidebar.SelectionCleared) -> None:
        if self._walk_layer == "entity":
            self._walk = []
            self._walk_layer = None
        self.reader.clear_marks("entity")

    def on_entity_sidebar_cross_reference_requested(
        self, event: EntitySidebar.CrossReferenceRequested
    ) -> None:
        self._open_search(event.name, target=event.entity_id)

    # -- screens over the main one -----------------------------------------------------------

    def action_help(self) -> None:
        from tui.ui.screens.help_screen import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.keymap_overrides, str(config_path())))

    def action_search(self) -> None:
        self._open_search("")

    def _open_search(self, query: str, target: str | None = None) -> None:
        from tui.ui.screens.search_screen import SearchScreen

        self.push_screen(SearchScreen(self.library, query, target=target), self._search_done)

    def _search_done(self, choice: SearchChoice | None) -> None:
        """Jump to the chosen hit; n/N walk all hits."""
        if choice is None:
            return
        hits = list(choice.hits) or [choice.hit]
        # n/N walk the hits document by document, each document's hits in reading order.
        order: dict[str, int] = {}
        for h in hits:
            order.setdefault(h.path, len(order))
        places = sorted(((h.path, h.start, h.end) for h in hits), key=lambda t: (order[t[0]], t[1]))
        self._walk = places
        self._walk_layer = "search"
        self.reader.clear_marks("search")
        self.open_document(choice.path, (choice.start, choice.end), "search")
        self.reader.focus()

    def action_quotes(self) -> None:
        from tui.ui.screens.quotes_screen import QuotesScreen

        docs: Sequence[Document] = ()
        if self.library is not None and not self.loading:
            docs = LibraryDocuments(self.library, list(self.document_list.paths))
        screen = QuotesScreen(self.document, docs, near=self.reader.cursor_span[0])
        self.push_screen(screen, self._quote_chosen)

    def _quote_chosen(self, jump: QuoteJump | None) -> None:
        if jump is not None:
            self.open_document(jump.path, (jump.start, jump.end), None)
            self.reader.focus()

    # -- notes ---------------------------------------------------------------------------------

    def notes_store(self) -> NotesStore | None:
        """The notes store, opened on first use; read-only (with a note why) if it must be."""
        if self._notes is not None or self._notes_failed:
            return self._notes
        from tui.notes.store import NotesStore, NotesStoreError

        try:
            self._notes = NotesStore.open()
        except NotesStoreError as exc:
            try:
                self._notes = NotesStore.open(read_only=True)
                self._problem(f"Notes are read-only: {exc}")
            except NotesStoreError as exc2:
                self._problem(f"Notes unavailable: {exc2}")
                self._notes_failed = True
        return self._notes

    def _show_notes(self, doc: Document) -> None:
        """Re-anchor the document's notes (its text may have changed) and highlight them."""
        store = self.notes_store()
        if store is None or self.document is not doc:
            return
        from tui.core.palette import HIGHLIGHT_STYLES
        from tui.notes.store import NotesStoreError

        try:
            result = store.reanchor(doc)
            notes = store.notes_for(doc.path)
        except NotesStoreError as exc:
            self._problem(f"Notes: {exc}")
            return
        if result.orphaned:
            n = len(result.orphaned)
            self.notify(
                f"{n} note{'s' if n != 1 else ''} lost {'their' if n != 1 else 'its'} "
                "passage (the document changed): m, then o, lists orphans.",
                severity="warning",
                timeout=6,
            )
        by_colour: dict[str, list[tuple[int, int]]] = {c: [] for c in HIGHLIGHT_STYLES}
        for note in notes:
            if not note.orphaned and note.end > note.start:
                by_colour.setdefault(note.colour, []).append((note.start, note.end))
        reader = self.reader
        for colour, spans in by_colour.items():
            layer = f"notes-{colour}"
            if spans:
                reader.set_marks(layer, spans, HIGHLIGHT_STYLES.get(colour, MARK_STYLES["notes"]))
            else:
                reader.clear_marks(layer)

    def action_annotate(self) -> None:
        doc = self.document
        if doc is None:
            self.notify("No document open.", timeout=2)
            return
        store = self.notes_store()
        if store is None:
            return
        if store.read_only:
            self.notify("Notes are read-only now: the note cannot be saved.", severity="warning")
            return
        start, end = self.reader.cursor_span
        if end <= start:
            self.notify("Move the cursor to a passage first.", timeout=2)
            return
        if self._reattach is not None:
            self._reattach_here(doc, start, end)
            return
        from tui.ui.screens.note_form import annotate

        annotate(
            self,
            store,
            doc,
            start,
            end,
            kind=self.reader.passage_kind,
            done=lambda note: self._note_saved(doc, note),
        )

    def _note_saved(self, doc: Document, note: Note | None) -> None:
        if note is not None:
            self.notify("Note saved.", timeout=2)
            self._show_notes(doc)

    def _reattach_here(self, doc: Document, start: int, end: int) -> None:
        from tui.notes.anchoring import make_anchor
        from tui.notes.store import NotesStoreError

        note, self._reattach = self._reattach, None
        store = self.notes_store()
        if note is None or store is None:
            return
        try:
            store.reattach(note.id, make_anchor(doc.path, doc.text, start, end))
        except (NotesStoreError, ValueError) as exc:
            self._problem(f"Note not re-attached: {exc}")
            return
        self.notify("Note re-attached here.", timeout=2)
        self._show_notes(doc)

    def action_notes(self) -> None:
        from tui.ui.screens.notes_screen import NotesScreen

        store = self.notes_store()
        if store is None:
            return
        entries = self.document_list.entries

        def title_for(path: str) -> str | None:
            entry = entries.get(path)
            return entry.title if entry is not None else None

        self.push_screen(
            NotesScreen(store, self.current_path, title_for=title_for), self._notes_done
        )

    def _notes_done(self, result: Note | Reattach | None) -> None:
        from tui.ui.screens.notes_screen import Reattach

        if result is None:
            if self.document is not None:
                self._show_notes(self.document)  # notes may have been edited or deleted
            return
        if isinstance(result, Reattach):  # the next "a" attaches it to the passage chosen
            note = result.note
            self._reattach = note
            self.open_document(note.path)
            self.notify(
                "Choose the passage (move, J/K to extend), then press a to re-attach.", timeout=8
            )
            return
        self.open_document(result.path, (result.start, result.end), None)
        self.reader.focus()

    def action_export(self, fmt: Format = "md") -> None:
        """Open the export dialog (format, tag, this document or the library, the file);
        ``fmt`` is chosen at first (the palette's JSON and CSV commands pass theirs)."""
        store = self.notes_store()
        if store is None:
            return
        from tui.notes.store import NotesStoreError
        from tui.ui.screens.export_dialog import ExportDialog

        if isinstance(self.screen, ExportDialog):
            return
        try:
            count = store.count()
        except NotesStoreError as exc:
            self._problem(f"Export: {exc}")
            return
        if count == 0:
            self.notify(
                "No notes to export yet: a annotates the passage under the cursor.", timeout=4
            )
            return
        self.push_screen(
            ExportDialog(store, current_path=self.current_path, fmt=fmt, load=self._export_load),
            self._exported,
        )

    def _export_load(self, path: str) -> Document | None:
        """Documents for an export: the library's (cached) parse, else the file parsed."""
        library = self.library
        if library is None:
            from tui.notes.export import load_document

            return load_document(path)
        return library.document(path)

    def _exported(self, done: Exported | None) -> None:
        if done is None:
            return
        for warning in done.warnings:
            self._problem(warning)
        n = done.notes
        self.notify(
            f"Exported {n} note{'s' if n != 1 else ''} to {printable(str(done.path))}",
            timeout=6,
            markup=False,
        )

    # -- leaving --------------------------------------------------------------------------

    async def action_quit(self) -> None:
        self.save_position()
        self._shutting_down = True
        self.exit()

    def on_unmount(self) -> None:
        if not self._shutting_down:
            with contextlib.suppress(Exception):
                self.save_position()
        self._shutting_down = True


def run_app(paths_: list[str]) -> int:
    """Run the reader on ``paths_`` (files or folders; none: the bundled seeds)."""
    missing = [p for p in paths_ if not os.path.lexists(p)]
    if paths_ and len(missing) == len(paths_):
        for p in missing:
            print(f"briefing-tui: {printable(p)}: no such file or folder", file=sys.stderr)
        return 2
    app = BriefingApp(paths_)
    from tui.ui.hangup import watch_terminal  # a closed terminal ends the app as q does

    watch = watch_terminal(app)
    try:
        app.run()
    finally:
        watch.stop()
    code = app.return_code or 0
    if app.scanning:
        # Quit while the library was still loading: the loading thread and its process pool
        # cannot be interrupted, and Python would wait for them. Everything worth keeping is
        # already on disk (positions and notes are saved as they change; the parse cache is a
        # SQLite database, safe to leave mid-way), so end the parse workers and leave now.
        import multiprocessing

        for child in multiprocessing.active_children():
            with contextlib.suppress(Exception):
                child.terminate()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
