"""The notes workflow of the main screen: the store, highlighting, annotate, list, re-attach.

The store opens on first use (read-only, with a one-line reason, when it must be); a document's
notes are re-anchored whenever it is shown, since its text may have changed on disk. The store
is the one configured (``store = "postgresql://..."``: a team's server, whose colleagues' notes
arrive live through :mod:`tui.ui.team`), else ``notes.db``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from parsers.model import Document
from tui.core.palette import COLOURS

if TYPE_CHECKING:
    from tui.notes.backend import NotesBackend
    from tui.notes.store import Note
    from tui.ui.app import BriefingApp
    from tui.ui.screens.notes_screen import Reattach
    from tui.ui.team import TeamLink


class NotesFlow:
    """Notes for ``app``: its reader shows them; ``a`` and ``m`` start here."""

    def __init__(self, app: BriefingApp) -> None:
        self.app = app
        self._store: NotesBackend | None = None
        self._team: TeamLink | None = None
        self._failed = False
        #: A note waiting for the passage the next ``a`` chooses (from the notes screen).
        self._reattach: Note | None = None

    def store(self) -> NotesBackend | None:
        """The notes store, opened on first use; read-only (with a note why) if it must be."""
        if self._store is not None or self._failed:
            return self._store
        from tui.notes.store import NotesStore, NotesStoreError
        from tui.store.url import StoreUrlError

        try:
            self._store = self._open()
        except StoreUrlError as exc:
            self.app.problem(f"Notes unavailable: {exc}")
            self._failed = True
        except NotesStoreError as exc:
            try:
                self._store = NotesStore.open(read_only=True)
                self.app.problem(f"Notes are read-only: {exc}")
            except NotesStoreError as exc2:
                self.app.problem(f"Notes unavailable: {exc2}")
                self._failed = True
        return self._store

    def _open(self) -> NotesBackend:
        from tui.notes.store import NotesStore
        from tui.store.select import open_notes

        store = open_notes()
        if isinstance(store, NotesStore):  # the local store: psycopg is never imported
            return store
        from tui.store.postgres import PostgresNotesStore

        if isinstance(store, PostgresNotesStore):
            from tui.ui.team import TeamLink

            self._team = TeamLink(self.app, store).start()
        return store

    def close(self) -> None:
        """Stop listening to the team store (the app is closing)."""
        if self._team is not None:
            self._team.stop()
            self._team = None

    def remote_change(self, event: dict[str, Any]) -> None:
        """A colleague's note changed on the server: highlight it, say so, refresh ``m``."""
        from tui.notes.store import doc_key
        from tui.ui.screens.notes_screen import NotesScreen

        app = self.app
        doc = app.document
        path = str(event.get("path", ""))
        if doc is not None and doc_key(doc.path) == path:
            self.show(doc)
        screen = app.screen
        if isinstance(screen, NotesScreen):
            current = screen.current
            screen.reload(keep=current.id if current else None)
        verb = {"insert": "added", "update": "edited", "delete": "deleted"}.get(
            str(event.get("op")), "changed"
        )
        entry = app.document_list.entries.get(path)
        title = entry.title if entry is not None else os.path.basename(path)
        who = str(event.get("author") or "A colleague")
        app.notify(f"{who} {verb} a note on {title}", markup=False, timeout=6)

    def show(self, doc: Document) -> None:
        """Re-anchor the document's notes (its text may have changed) and highlight them."""
        app = self.app
        store = self.store()
        if store is None or app.document is not doc:
            return
        from tui.notes.store import NotesStoreError

        try:
            result = store.reanchor(doc)
            notes = store.notes_for(doc.path)
        except NotesStoreError as exc:
            app.problem(f"Notes: {exc}")
            return
        if result.orphaned:
            n = len(result.orphaned)
            app.notify(
                f"{n} note{'s' if n != 1 else ''} lost {'their' if n != 1 else 'its'} "
                "passage (the document changed): m, then o, lists orphans.",
                severity="warning",
                timeout=6,
            )
        by_colour: dict[str, list[tuple[int, int]]] = {c: [] for c in COLOURS}
        for note in notes:
            if not note.orphaned and note.end > note.start:
                by_colour.setdefault(note.colour, []).append((note.start, note.end))
        reader = app.reader
        for colour, spans in by_colour.items():
            layer = f"notes-{colour}"
            if spans:
                reader.set_marks(layer, spans)
            else:
                reader.clear_marks(layer)

    def annotate(self) -> None:
        """``a``: a note on the passage or selection (or re-attach the waiting note here)."""
        app = self.app
        doc = app.document
        if doc is None:
            app.notify("No document open.", timeout=2)
            return
        store = self.store()
        if store is None:
            return
        if store.read_only and not getattr(store, "queues_offline", False):
            app.notify("Notes are read-only now: the note cannot be saved.", severity="warning")
            return
        start, end = app.reader.cursor_span
        if end <= start:
            app.notify("Move the cursor to a passage first.", timeout=2)
            return
        if self._reattach is not None:
            self._reattach_here(doc, start, end)
            return
        from tui.ui.screens.note_form import annotate

        annotate(
            app,
            store,
            doc,
            start,
            end,
            kind=app.reader.passage_kind,
            done=lambda note: self._saved(doc, note),
        )

    def _saved(self, doc: Document, note: Note | None) -> None:
        if note is not None:
            store = self._store
            if store is not None and store.read_only:  # a team store away: in the local queue
                self.app.notify("Note saved locally: sent when the team store is back.", timeout=4)
            else:
                self.app.notify("Note saved.", timeout=2)
            self.show(doc)

    def _reattach_here(self, doc: Document, start: int, end: int) -> None:
        from tui.notes.anchoring import make_anchor
        from tui.notes.store import NotesStoreError

        note, self._reattach = self._reattach, None
        store = self.store()
        if note is None or store is None:
            return
        try:
            store.reattach(note.id, make_anchor(doc.path, doc.text, start, end))
        except (NotesStoreError, ValueError) as exc:
            self.app.problem(f"Note not re-attached: {exc}")
            return
        self.app.notify("Note re-attached here.", timeout=2)
        self.show(doc)

    def list(self) -> None:
        """``m``: the notes of the document and the library."""
        from tui.ui.screens.notes_screen import NotesScreen, refresher

        store = self.store()
        if store is None:
            return
        entries = self.app.document_list.entries

        def title_for(path: str) -> str | None:
            entry = entries.get(path)
            return entry.title if entry is not None else None

        library = self.app.library
        # Documents changed on disk since their notes were anchored: re-anchored first.
        refresh = refresher(store, library.cache if library is not None else None)
        self.app.push_screen(
            NotesScreen(
                store,
                self.app.current_path,
                title_for=title_for,
                refresh=refresh,
                locate=self.locate,
            ),
            self._listed,
        )

    def locate(self, path: str, offset: int) -> str | None:
        """Where ``offset`` is in the document at ``path`` (from the parse cache), for people."""
        from tui.views.locations import describe

        app = self.app
        try:
            if app.document is not None and os.path.realpath(app.document.path) == path:
                doc = app.document
            elif app.library is not None:
                doc = app.library.document(path)
            else:
                return None
        except Exception:  # a document gone or unreadable: the note still lists
            return None
        return describe(doc, offset)

    def _listed(self, result: Note | Reattach | None) -> None:
        from tui.ui.screens.notes_screen import Reattach

        app = self.app
        if result is None:
            if app.document is not None:
                self.show(app.document)  # notes may have been edited or deleted
            return
        if isinstance(result, Reattach):  # the next "a" attaches it to the passage chosen
            note = result.note
            self._reattach = note
            app.open_document(note.path)
            app.notify(
                "Choose the passage (move, J/K to extend), then press a to re-attach.", timeout=8
            )
            return
        app.open_document(result.path, (result.start, result.end), None)
        app.reader.focus()
