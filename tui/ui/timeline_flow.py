"""The timeline and the watchlist on the main screen: ``t``, ``W``, ``+``/``-`` and the marks.

Once the library is loaded, a worker works out the mentions over time (the sidebar's sparkline
and first/last mention) and the places that mention watched entries (``★ n`` in the document
list, ``★`` in the sidebar, marks in the reader on the "watch" layer); ``+``/``-`` change the
watchlist and work the places out again. Nothing here reads a document: it all comes from
the library's entries and index (:mod:`tui.timeline`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

from tui.core.text import printable

if TYPE_CHECKING:
    from tui.timeline.trends import MentionTimes
    from tui.timeline.watchlist import Watchlist
    from tui.ui.app import BriefingApp
    from tui.ui.screens.timeline_screen import Period
    from tui.ui.screens.watchlist_screen import WatchJump
    from tui.ui.widgets.entity_sidebar import EntitySidebar


class TimelineWorkedOut(Message):
    """Mentions over time (when asked for) and the places that mention watched entries,
    worked out in a worker; the app hands it to :meth:`TimelineFlow.worked_out`."""

    def __init__(
        self,
        with_times: bool,
        times: MentionTimes | None,
        span: tuple[dt.date, dt.date] | None,
        places: dict[str, list[tuple[int, int]]],
        ids: set[str],
    ) -> None:
        super().__init__()
        self.with_times = with_times
        self.times = times
        self.span = span
        self.places = places
        self.ids = ids


class TimelineFlow:
    """The timeline screen, the watchlist and their marks, for ``app``."""

    def __init__(self, app: BriefingApp) -> None:
        self.app = app
        self.times: MentionTimes | None = None
        #: path -> places (start, end) that mention a watched entry; None until worked out.
        self.watched: dict[str, list[tuple[int, int]]] | None = None
        self._watchlist: Watchlist | None = None

    # -- the watchlist ------------------------------------------------------------------

    @property
    def watchlist(self) -> Watchlist:
        """The watchlist (config + watchlist.json), read on first use."""
        if self._watchlist is None:
            from tui.timeline.watchlist import Watchlist

            self._watchlist = Watchlist.load(self.app.config.watch)
            for problem in self._watchlist.problems:
                self.app.problem(problem)
        return self._watchlist

    def library_ready(self) -> None:
        """The library is loaded: work out mentions over time and the watched places."""
        self.watchlist  # noqa: B018  read on the UI thread: its problems are notified here
        self.app.run_worker(
            lambda: self._work_out(with_times=True),
            thread=True,
            exclusive=True,
            group="timeline-data",
            exit_on_error=False,
        )

    def _work_out(self, with_times: bool) -> None:
        from tui.entities.index import Overrides
        from tui.search.mentions import entities_named
        from tui.timeline.buckets import document_dates
        from tui.timeline.trends import MentionTimes
        from tui.timeline.watchlist import watched_places

        library = self.app.library
        if library is None:
            return
        times, span = None, None
        if with_times:
            dates = document_dates(library.entries)
            times = MentionTimes(library.index, dates, Overrides.load().resolve)
            if dates:
                first = min(d.day for d in dates)
                span = (first, max(d.day for d in dates) + dt.timedelta(days=1))
        wl = self.watchlist
        places = watched_places(library.index, wl)
        ids = {eid for entry in wl.entries for eid in entities_named(library.index, entry)}
        if not get_current_worker().is_cancelled:
            self.app.post_message(TimelineWorkedOut(with_times, times, span, places, ids))

    def worked_out(self, message: TimelineWorkedOut) -> None:
        """The worker's figures: the sidebar's sparkline, the ★ marks in every pane."""
        app = self.app
        if message.with_times:
            self.times = message.times
            app.sidebar.set_trends(message.times, message.span)
        self.watched = message.places
        app.document_list.set_watched({p: len(v) for p, v in message.places.items()})
        app.sidebar.set_watched(message.ids)
        self.mark_open_document()

    def mark_open_document(self) -> None:
        """Mark the open document's mentions of watched entries in the reader."""
        spans = (self.watched or {}).get(self.app.current_path or "", [])
        if spans:
            self.app.reader.set_marks("watch", spans)
        else:
            self.app.reader.clear_marks("watch")

    def watch_requested(self, event: EntitySidebar.WatchRequested) -> None:
        """``+``/``-`` on an entity: watch it or stop, saved at once."""
        app = self.app
        wl = self.watchlist
        try:
            changed = wl.add(event.entity_id) if event.add else wl.remove(event.entity_id)
            if not changed and not event.add:
                changed = wl.remove(event.name)  # configured by its name
        except OSError as exc:
            app.problem(f"Watchlist not saved: {exc}")
            return
        name = printable(event.name)
        if event.add:
            msg = f"Watching {name}." if changed else f"{name} is already watched."
        else:
            msg = f"Stopped watching {name}." if changed else f"{name} was not watched."
        app.notify(msg, timeout=3, markup=False)
        if changed and app.library is not None and not app.loading:
            app.run_worker(
                lambda: self._work_out(with_times=False),
                thread=True,
                exclusive=True,
                group="timeline-watch",
                exit_on_error=False,
            )

    def open_watchlist(self) -> None:
        """The Watchlist view: new mentions since last looked (``a``: all)."""
        from tui.ui.screens.watchlist_screen import WatchlistScreen

        app = self.app
        if isinstance(app.screen, WatchlistScreen):
            return
        library = app.library if not app.loading else None
        entries = library.entries if library is not None else []
        index = library.index if library is not None else None
        app.push_screen(WatchlistScreen(self.watchlist, entries, index), self._watch_chosen)

    def _watch_chosen(self, jump: WatchJump | None) -> None:
        if jump is not None:
            self.app.open_document(jump.path, (jump.start, jump.end), "watch")
            self.app.reader.focus()

    # -- the timeline -------------------------------------------------------------------

    def open_timeline(self) -> None:
        """The timeline screen; enter on a period filters the document list to it."""
        from tui.ui.screens.timeline_screen import TimelineScreen

        app = self.app
        if isinstance(app.screen, TimelineScreen):
            return
        library = app.library
        if library is None or app.loading:
            app.notify("The library is still loading; try again in a moment.", timeout=3)
            return
        app.push_screen(
            TimelineScreen(library.entries, library.index, self.times), self._period_chosen
        )

    def _period_chosen(self, period: Period | None) -> None:
        if period is None:
            return
        main = self.app.main_screen
        dl = main.document_list
        dl.set_period(period.label, period.paths)
        if not main.pane_visible("documents"):
            main.toggle_pane("documents")
        dl.focus()
        n = len(dl.paths)
        self.app.notify(
            f"{n:,} document{'s' if n != 1 else ''} of {period.label}; esc in the list shows all.",
            timeout=4,
            markup=False,
        )

    def all_documents(self) -> None:
        """Every document again, after a period of the timeline."""
        self.app.document_list.set_period(None)
