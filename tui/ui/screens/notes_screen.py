"""The notes screen: every note of the document (or the library), filtered, jumped to, edited.

A modal over the reader, one line a note in a virtual :class:`RowList` with the
highlighted note whole below it. The filter takes words (matched in the note, the passage, the
tags and the speaker), ``#tag`` words (whole tags) and ``@name`` (the author, for a team's
notes). Orphans, the notes whose passage is no
longer in their document, have their own list (``o``), showing the text they were made on, and
can be re-attached by hand (``r``). Delete is undoable (``u``) for as long as the screen is open.

Dismisses with the chosen :class:`~tui.notes.store.Note` (enter: jump to it), a
:class:`Reattach` (the app lets the analyst pick the passage, then calls
:meth:`NotesStore.reattach`), or ``None``. Document words are drawn as plain ``Text``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from tui.core.palette import CSS_COLOURS
from tui.core.text import one_line
from tui.library.current import CurrentDocuments
from tui.library.parse_cache import ParseCache
from tui.notes.backend import NotesBackend
from tui.notes.refresh import refresh_notes
from tui.notes.store import Note, NoteConflict, NoteDraft, NotesStoreError, doc_key
from tui.ui.screens.conflict_dialog import offer
from tui.ui.screens.note_form import NoteForm
from tui.ui.widgets.row_list import RowList

Scope = Literal["document", "library"]
#: Re-anchors the notes of changed documents; its argument says when to stop early.
Refresher = Callable[[Callable[[], bool]], object]


def refresher(store: NotesBackend, cache: ParseCache | None = None) -> Refresher:
    """Re-anchor every noted document's notes on its current text (the parse cache when the
    file is unchanged, else parsed again)."""

    def run(stop: Callable[[], bool]) -> object:
        return refresh_notes(store, CurrentDocuments(cache), stop=stop)

    return run


@dataclass(frozen=True, slots=True)
class Reattach:
    """The analyst asked to re-attach this (orphaned) note to a passage they will choose."""

    note: Note


def split_author(query: str) -> tuple[str | None, str]:
    """``"@anna air"`` -> ("anna", "air"): the last ``@name`` filters by author."""
    names = [w[1:] for w in query.split() if w.startswith("@") and len(w) > 1]
    rest = " ".join(w for w in query.split() if not w.startswith("@"))
    return (names[-1] if names else None), rest


def split_filter(query: str) -> tuple[list[str], str]:
    """``"#nato air #urgent"`` -> (["nato", "urgent"], "air")."""
    tags = [w[1:] for w in query.split() if w.startswith("#") and len(w) > 1]
    words = [w for w in query.split() if not w.startswith("#")]
    return tags, " ".join(words)


class NotesScreen(ModalScreen[Note | Reattach | None]):
    """Lists notes; enter jumps, ``e`` edits, ``d`` deletes, ``u`` undoes, ``o`` orphans.

    Args:
        store: The open notes store.
        path: The open document's path (``None``: only the library view).
        scope: Start in the ``"document"`` or the ``"library"`` view.
        orphans: Start in the orphans list.
        title_for: Document title for a path (library rows); defaults to what the store
            remembers, else the file name.
        locate: Where an offset is in a document, for people ("§ Talks · ¶ 4 · line 12");
            without it the preview names the passage's kind only.
    """

    CSS_PATH = "notes_screen.tcss"

    class Refreshed(Message):
        """The refresh worker re-anchored the notes of documents changed on disk."""

        bubble = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="notes.close"),
        Binding("e", "edit", "Edit", id="notes.edit"),
        Binding("d,delete", "delete", "Delete", id="notes.delete"),
        Binding("u,ctrl+z", "undo", "Undo", id="notes.undo"),
        Binding("o", "toggle_orphans", "Orphans", id="notes.orphans"),
        Binding("r", "reattach", "Re-attach", id="notes.reattach"),
        Binding("l", "toggle_scope", "Document/library", id="notes.toggle_scope"),
        Binding("slash", "focus_filter", "Filter", id="notes.filter"),
        Binding("j,down", "move(1)", "Down", show=False, id="notes.down"),
        Binding("k,up", "move(-1)", "Up", show=False, id="notes.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="notes.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="notes.page_up"),
    ]

    def __init__(
        self,
        store: NotesBackend,
        path: str | None = None,
        scope: Scope = "document",
        orphans: bool = False,
        title_for: Callable[[str], str | None] | None = None,
        refresh: Refresher | None = None,
        locate: Callable[[str, int], str | None] | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.store = store
        self.path = doc_key(path) if path else None
        self.scope: Scope = scope if self.path else "library"
        self.show_orphans = orphans
        self.title_for = title_for
        self.locate = locate
        self._titles: dict[str, str] = {}
        self.shown: list[Note] = []
        """The notes the list shows now, in order (after the filter)."""
        self.undo_stack: list[Note] = []
        """Notes deleted while the screen is open, latest last."""
        self._orphan_count = 0
        self.refresh_notes = refresh
        self.refreshed = refresh is None
        """True once the notes of documents changed on disk have been re-anchored."""

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-dialog"):
            yield Static(id="notes-title")
            yield Input(
                placeholder="Filter: words, #tag  (/ to filter, enter to jump)", id="notes-filter"
            )
            yield RowList(id="notes-list")
            yield Static(id="notes-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#notes-list", RowList).focus()
        if self.refresh_notes is not None:
            self._refresh()

    @work(thread=True, exclusive=True, group="notes-refresh", exit_on_error=False)
    def _refresh(self) -> None:
        """Re-anchor the notes of documents changed on disk (off the UI thread), then list
        again: a passage moved or gone shows as it is now, without opening its document."""
        worker = get_current_worker()
        refresh = self.refresh_notes
        if refresh is None:
            return
        with contextlib.suppress(NotesStoreError, OSError):
            refresh(lambda: worker.is_cancelled or not self.is_attached)
        if not worker.is_cancelled:
            self.post_message(self.Refreshed())

    @on(Refreshed)
    def _refreshed(self) -> None:
        self.refreshed = True
        if self.is_attached:
            note = self.current
            self.reload(keep=note.id if note is not None else None)

    # -- data -------------------------------------------------------------------------------

    def doc_title(self, path: str) -> str:
        if path not in self._titles:
            title = self.title_for(path) if self.title_for else None
            if not title:
                try:
                    info = self.store.document_info(path)
                except NotesStoreError:
                    info = None
                title = info.title if info else None
            self._titles[path] = title or os.path.basename(path) or path
        return self._titles[path]

    def reload(self, keep: str | None = None) -> None:
        """Query the store again (after a change); keep the cursor on note ``keep`` if shown."""
        query = self.query_one("#notes-filter", Input).value
        author, rest = split_author(query)
        tags, words = split_filter(rest)
        where = self.path if self.scope == "document" else None
        try:
            notes = self.store.all_notes(
                tag=tags[0] if tags else None,
                text=words or None,
                path=where,
                orphaned=self.show_orphans,
                author=author,
            )
            self._orphan_count = len(self.store.orphans(where))
        except NotesStoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            notes = []
        for extra in tags[1:]:
            notes = [n for n in notes if extra.casefold() in {t.casefold() for t in n.tags}]
        self.shown = notes
        row_list = self.query_one("#notes-list", RowList)
        index = 0
        if keep is not None:
            index = next((i for i, n in enumerate(notes) if n.id == keep), 0)
        if notes:
            shown = notes
            row_list.set_rows(len(shown), lambda i, width: self.row_text(shown[i]), None, index)
        else:
            message = Text(self._empty_message(query), style="italic")
            row_list.set_rows(1, lambda i, width: message, lambda i: False, None)
        self.query_one("#notes-title", Static).update(self._title_text(query))
        self._show_preview()

    def _empty_message(self, query: str) -> str:
        if query.strip():
            return "No notes match the filter"
        if self.show_orphans:
            return "No orphaned notes: every note is attached to its passage"
        if self.scope == "document":
            return "No notes on this document yet: press a in the reader to annotate"
        return "No notes yet: press a in the reader to annotate a passage"

    def _title_text(self, query: str) -> Text:
        what = "Orphaned notes" if self.show_orphans else "Notes"
        title = Text(f"{what} in ", style="bold", end="")
        if self.scope == "document" and self.path:
            title.append(self.doc_title(self.path), style="bold")
        else:
            title.append("the library", style="bold")
        title.append(f" · {len(self.shown)}{' shown' if query.strip() else ''}")
        if not self.show_orphans and self._orphan_count:
            title.append(f" · {self._orphan_count} orphaned (o)", style="bold yellow")
        return title

    def row_text(self, note: Note) -> Text:
        """One list row: colour, (document,) passage, tags, note."""
        text = Text(end="", no_wrap=True, overflow="ellipsis")
        text.append("■ ", style=CSS_COLOURS.get(note.colour, ""))
        if note.orphaned:
            text.append("orphan ", style="bold yellow")
        if self.scope == "library":
            text.append(self.doc_title(note.path)[:28], style="bold")
            text.append("  ")
        passage = one_line(note.exact)
        text.append(
            "“" + (passage[:60] + "…" if len(passage) > 60 else passage) + "”", style="italic"
        )
        if note.tags:
            text.append("  " + " ".join("#" + t for t in note.tags), style="dim")
        if note.body.strip():
            text.append("  " + one_line(note.body))
        return text

    def preview_text(self, note: Note) -> Text:
        """The highlighted note whole: where, the passage, who said it, the note, tags."""
        text = Text(end="")
        text.append(self.doc_title(note.path), style="bold")
        where = self.locate(note.path, note.start) if self.locate and not note.orphaned else None
        place = f"{note.kind} · {where}" if where else note.kind
        # A colleague's note says whose it is (your own need not).
        by = f" · {note.author}" if note.author and note.author != self.store.author else ""
        text.append(f"  {place} · {note.updated[:16].replace('T', ' ')}{by}\n", style="dim")
        if note.orphaned:
            text.append(
                "Orphaned: this passage is no longer in the document. r re-attaches it.\n",
                style="bold yellow",
            )
        passage = note.exact if len(note.exact) <= 500 else note.exact[:500] + "…"
        text.append(passage, style="italic")
        if note.speaker:
            text.append("\n— ", style="dim")
            text.append(note.speaker, style="bold")
        if note.body.strip():
            text.append("\n\n")
            text.append(note.body.strip())
        if note.tags:
            text.append("\n" + " ".join("#" + t for t in note.tags), style="dim")
        return text

    @property
    def current(self) -> Note | None:
        index = self.query_one("#notes-list", RowList).highlighted
        if index is None or not 0 <= index < len(self.shown):
            return None
        return self.shown[index]

    def _show_preview(self) -> None:
        preview = self.query_one("#notes-preview", Static)
        note = self.current
        preview.display = note is not None
        preview.update(self.preview_text(note) if note is not None else "")

    # -- events and actions -----------------------------------------------------------------

    @on(Input.Changed, "#notes-filter")
    def _filter_changed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#notes-filter")
    def _filter_submitted(self) -> None:
        self._choose(self.current)

    @on(RowList.Highlighted, "#notes-list")
    def _row_highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self._show_preview()

    @on(RowList.Selected, "#notes-list")
    def _row_selected(self, event: RowList.Selected) -> None:
        event.stop()
        if 0 <= event.index < len(self.shown):
            self._choose(self.shown[event.index])

    def _choose(self, note: Note | None) -> None:
        if note is None:
            return
        self.dismiss(Reattach(note) if note.orphaned else note)

    def action_close(self) -> None:
        """Escape: leave the filter for the list, or close the screen."""
        filt = self.query_one("#notes-filter", Input)
        if filt.has_focus:
            self.query_one("#notes-list", RowList).focus()
            return
        self.dismiss(None)

    def action_focus_filter(self) -> None:
        self.query_one("#notes-filter", Input).focus()

    def action_move(self, step: int) -> None:
        """Move in the list; ``↓`` in the filter goes down to the list (e, d, r then act)."""
        rows = self.query_one("#notes-list", RowList)
        if isinstance(self.focused, Input):
            if step > 0:
                self.set_focus(rows)  # at once: a key typed next goes to the list
            return
        rows.action_cursor(step)

    def action_page(self, step: int) -> None:
        self.query_one("#notes-list", RowList).action_page(step)

    def action_edit(self) -> None:
        """Edit the highlighted note in the note form; it is saved when the form closes."""
        note = self.current
        if note is None:
            return
        try:
            known = self.store.tags()
        except NotesStoreError:
            known = []

        conflicts: list[NoteConflict] = []

        def save(draft: NoteDraft) -> object:
            # Saved against the version the form opened on: a colleague's save meanwhile is
            # a conflict to resolve, never silently overwritten.
            try:
                return self.store.edit(note.id, draft, base_version=note.version)
            except NoteConflict as exc:
                conflicts.append(exc)
                return None

        def done(result: NoteDraft | None) -> None:
            if conflicts:
                offer(self.app, self.store, conflicts[0], lambda _saved: self.reload(keep=note.id))
            elif result is not None:
                self.reload(keep=note.id)

        self.app.push_screen(
            NoteForm(
                note.exact,
                speaker=note.speaker,
                body=note.body,
                tags=note.tags,
                colour=note.colour,
                known_tags=known,
                title="Edit note",
                save=save,
            ),
            done,
        )

    def action_delete(self) -> None:
        """Delete the highlighted note (u brings it back)."""
        note = self.current
        if note is None:
            return
        index = self.query_one("#notes-list", RowList).highlighted or 0
        try:
            deleted = self.store.delete(note.id)
        except NotesStoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        if deleted is not None:
            self.undo_stack.append(deleted)
        self.reload()
        if self.shown:
            self.query_one("#notes-list", RowList).highlighted = min(index, len(self.shown) - 1)
        self.notify("Note deleted: u to undo", timeout=6)

    def action_undo(self) -> None:
        """Bring back the last deleted note."""
        if not self.undo_stack:
            self.notify("Nothing to undo", severity="warning")
            return
        note = self.undo_stack.pop()
        try:
            self.store.restore(note)
        except NotesStoreError as exc:
            self.undo_stack.append(note)
            self.notify(str(exc), severity="error", timeout=10)
            return
        self.show_orphans = note.orphaned
        self.reload(keep=note.id)
        self.notify("Note restored")

    def action_toggle_orphans(self) -> None:
        self.show_orphans = not self.show_orphans
        self.reload()

    def action_toggle_scope(self) -> None:
        if self.scope == "document":
            self.scope = "library"
        elif self.path:
            self.scope = "document"
        else:
            self.notify("No document is open", severity="warning")
            return
        self.reload()

    def action_reattach(self) -> None:
        """Ask the app to let the analyst pick a new passage for the highlighted note."""
        note = self.current
        if note is not None:
            self.dismiss(Reattach(note))
