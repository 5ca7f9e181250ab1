"""Feeds and a live library in the app: ``R`` updates feeds, folders are watched, read state.

- ``R`` runs ``feeds update`` in a thread; each feed's line shows as progress in the document
  list's border, and a notification sums it up (new items per feed).
- Once the library has loaded, its folders are watched (:mod:`tui.library.watch`): a file
  another program adds, changes or removes there (or a feed update writes) is picked up by
  :meth:`Library.refresh` in a thread, and the list, the search index and the open document
  follow. A changed open document is read again, so its notes re-anchor.
- In the user's library (``briefing-tui`` with no path) read state is kept: new items are
  unread (bold, ``●``, counted in the list's title); opening a document marks it read, ``u``
  toggles it. ``F`` lists the feeds with their unread counts; choosing one shows only its
  documents in the list (``esc`` there: every document again).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual.message import Message

from tui.core.text import one_line

if TYPE_CHECKING:
    from tui.feeds.store import Store
    from tui.feeds.update import FeedResult
    from tui.library.library import DocEntry
    from tui.library.watch import FolderWatcher
    from tui.ui.app import BriefingApp
    from tui.views.feed_groups import FeedGroup


class FeedProgress(Message):
    """One feed done during ``R``: the line for the list's border."""

    def __init__(self, line: str) -> None:
        super().__init__()
        self.line = line


class FeedsUpdated(Message):
    """``R`` finished: every feed's result, or one line why it could not start."""

    def __init__(self, results: list[FeedResult], problem: str | None = None) -> None:
        super().__init__()
        self.results = results
        self.problem = problem


class LibraryChanged(Message):
    """Files under the library's folders were added, changed or removed."""

    def __init__(self, added: list[DocEntry], changed: list[DocEntry], removed: list[str]) -> None:
        super().__init__()
        self.added = added
        self.changed = changed
        self.removed = removed


class FeedsFlow:
    """Feed updates, folder watching and read state for ``app``."""

    def __init__(self, app: BriefingApp, *, read_state: bool, folders: list[str]) -> None:
        self.app = app
        self.read_state = read_state
        self.folders = folders
        self.updating = False
        self._store: Store | None = None
        self._store_failed = False
        self._watcher: FolderWatcher | None = None
        self._refresh_lock = threading.Lock()
        self._refresh_again = threading.Event()
        self._stopped = False

    # -- state ----------------------------------------------------------------------------

    def store(self) -> Store | None:
        if self._store is not None or self._store_failed:
            return self._store
        from tui.feeds.store import Store, StoreError

        try:
            self._store = Store()
        except StoreError as exc:
            self._store_failed = True
            self.app.problem(f"Feeds unavailable: {exc}")
        return self._store

    def unread(self) -> set[str]:
        store = self.store()
        return store.unread() if store is not None else set()

    def show_unread(self) -> None:
        if self.read_state:
            self.app.document_list.set_unread(self.unread())

    def opened(self, path: str) -> None:
        """Reading a document marks it read."""
        if not self.read_state:
            return
        dl = self.app.document_list
        if dl.unread is not None and path in dl.unread:
            store = self.store()
            if store is not None:
                store.mark_read(path)
            dl.set_unread(dl.unread - {path})

    def toggle_read(self) -> None:
        path = self.app.current_path
        if not self.read_state:
            self.app.notify("Read state is kept in your library (briefing-tui with no path).")
            return
        if path is None:
            return
        dl = self.app.document_list
        unread = set(dl.unread or ())
        now_unread = path not in unread
        store = self.store()
        if store is not None:
            store.mark_read(path, read=not now_unread)
        dl.set_unread(unread | {path} if now_unread else unread - {path})
        self.app.notify("Marked unread." if now_unread else "Marked read.", timeout=2)

    # -- F: feeds and their unread counts ---------------------------------------------------

    def open_feeds(self) -> None:
        """The feeds, each with its unread count; choosing one lists only its documents."""
        from tui.ui.screens.feeds_screen import FeedsScreen
        from tui.views.feed_groups import feed_groups

        if not self.read_state:
            self.app.notify("Feeds are in your library (briefing-tui with no path).", timeout=4)
            return
        if isinstance(self.app.screen, FeedsScreen):
            return
        store = self.store()
        if store is None:
            return
        dl = self.app.document_list
        feeds = [(f.title or f.url, str(store.inbox / f.folder)) for f in store.feeds()]
        groups = feed_groups(feeds, dl.all_paths, set(dl.unread or ()))
        self.app.push_screen(FeedsScreen(groups), self._feed_chosen)

    def _feed_chosen(self, group: FeedGroup | None) -> None:
        if group is None:
            return
        main = self.app.main_screen
        dl = main.document_list
        if group.folder is None:
            dl.set_period(None)
        else:
            dl.set_period(group.title, group.paths)
            unread = dl.unread or set()
            first = next((p for p in group.paths if p in unread), None)
            if first is not None:
                dl.select_path(first)
        if not main.pane_visible("documents"):
            main.toggle_pane("documents")
        dl.focus()

    # -- R: update feeds --------------------------------------------------------------------

    def update(self) -> None:
        if self.updating:
            self.app.notify("Feeds are already updating.", timeout=3)
            return
        store = self.store()
        if store is None:
            return
        feeds = store.feeds()
        if not feeds:
            self.app.notify(
                "No feeds yet: subscribe with `briefing-tui feeds add URL`.",
                timeout=6,
                markup=False,
            )
            return
        self.updating = True
        self.app.document_list.set_progress(f"updating {len(feeds)} feeds…")
        threading.Thread(target=self._update_thread, name="briefing-feeds", daemon=True).start()

    def _update_thread(self) -> None:
        from tui.feeds.update import update_feeds

        done = 0
        total = 0
        results: list[FeedResult] = []
        problem = None

        def on_result(result: FeedResult) -> None:
            nonlocal done
            done += 1
            self._post(FeedProgress(f"feeds {done}/{total} · {one_line(result.line())[5:60]}"))

        try:
            store = self.store()
            assert store is not None
            total = len(store.feeds())
            results = update_feeds(store, on_result=on_result)
        except Exception as exc:  # one line for the user; the app goes on
            problem = f"Feeds: update stopped ({type(exc).__name__}: {exc})"
        self._post(FeedsUpdated(results, problem))
        self.refresh_library()

    def updated(self, message: FeedsUpdated) -> None:
        self.updating = False
        app = self.app
        if message.problem:
            app.problem(message.problem)
        new = sum(r.new for r in message.results)
        failed = [r for r in message.results if not r.ok]
        store = self.store()
        unread = {f.url: f.unread for f in store.feeds()} if store is not None else {}
        parts = [
            f"{one_line(r.title or r.url)[:30]}: {r.new} new, {unread.get(r.url, 0)} unread"
            for r in message.results
            if r.new
        ]
        summary = f"Feeds updated: {new} new"
        if parts:
            summary += " (" + "; ".join(parts[:6]) + ("; …" if len(parts) > 6 else "") + ")"
        if failed:
            summary += f"; {len(failed)} failed: " + "; ".join(
                one_line(r.line())[5:90] for r in failed[:3]
            )
        app.notify(summary, severity="warning" if failed else "information", markup=False)
        app.main_screen.loading_finished()

    def progress(self, message: FeedProgress) -> None:
        self.app.document_list.set_progress(message.line)

    # -- the live library -------------------------------------------------------------------

    def library_loaded(self) -> None:
        """The first scan is done: watch the folders, show read state."""
        self.show_unread()
        if self._watcher is not None or not self.folders or self._stopped:
            return
        from tui.library.watch import FolderWatcher

        self._watcher = FolderWatcher(self.folders, lambda _paths: self.refresh_library())
        self._watcher.start()

    def refresh_library(self) -> None:
        """Re-scan the library (off the UI thread); runs again if asked meanwhile."""
        if self._stopped:
            return
        self._refresh_again.set()
        if not self._refresh_lock.acquire(blocking=False):
            return
        threading.Thread(target=self._refresh_thread, name="briefing-refresh", daemon=True).start()

    def _refresh_thread(self) -> None:
        try:
            while self._refresh_again.is_set() and not self._stopped:
                self._refresh_again.clear()
                library = self.app.library
                if library is None:
                    return
                try:
                    added, changed, removed = library.refresh()
                except Exception as exc:
                    self._post_problem(f"Library refresh failed ({type(exc).__name__}: {exc})")
                    return
                if added or changed or removed:
                    if self.read_state and added:
                        store = self.store()
                        if store is not None:
                            for e in added:
                                store.mark_read(e.path, read=False)
                    self._post(LibraryChanged(added, changed, removed))
        finally:
            self._refresh_lock.release()
            if self._refresh_again.is_set() and not self._stopped:
                self.refresh_library()

    def library_changed(self, message: LibraryChanged) -> None:
        app = self.app
        dl = app.document_list
        dl.add_entries(message.added)
        for entry in message.changed:
            dl.update_entry(entry)
        for path in message.removed:
            dl.remove_path(path)
        self.show_unread()
        if not app.loading:
            app.main_screen.loading_finished()
        if app.library is not None:
            from tui.library.documents import LibraryDocuments

            app.sidebar.set_library(LibraryDocuments(app.library, list(dl.paths)))
        current = app.current_path
        if current is not None and any(e.path == current for e in message.changed):
            app.reopen_document()
        if message.added and app.current_path is None:
            app.open_document(message.added[0].path)

    # -- plumbing ---------------------------------------------------------------------------

    def _post(self, message: Message) -> None:
        if not self._stopped:
            self.app.post_message(message)

    def _post_problem(self, text: str) -> None:
        from tui.ui.loading import LoadProblem

        self._post(LoadProblem(text))

    def stop(self) -> None:
        self._stopped = True
        if self._watcher is not None:
            self._watcher.stop()
