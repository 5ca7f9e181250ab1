"""What any notes store offers: the SQLite file (:class:`tui.notes.store.NotesStore`) or a
team's PostgreSQL server (``tui.store.postgres.PostgresNotesStore``).

The app, the export and the shell commands only use this, so a back end can be swapped by
``--store URL`` or ``store = ...`` in config without them knowing. Every method is one
transaction; failures raise :class:`tui.notes.store.NotesStoreError` (one line for a user), and
a save over someone else's change raises :class:`tui.notes.store.NoteConflict`.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from parsers.model import Document
from tui.notes.anchoring import Anchor
from tui.notes.store import DocumentInfo, Note, NoteDraft, ReanchorResult


@runtime_checkable
class NotesBackend(Protocol):
    """Notes, tags, anchors, orphans and undo, whoever keeps them."""

    @property
    def read_only(self) -> bool:
        """True when changes are refused (a read-only file, a server that went away)."""
        ...

    @property
    def author(self) -> str:
        """Who new notes are by."""
        ...

    @property
    def location(self) -> str:
        """Where the notes live, fit to show (a file path, or a URL, its password masked)."""
        ...

    def add(self, note: Note, doc: Document | None = None) -> Note: ...

    def restore(self, note: Note) -> None: ...

    def update(self, note: Note, base_version: int | None = None) -> Note: ...

    def edit(self, note_id: str, draft: NoteDraft, base_version: int | None = None) -> Note: ...

    def delete(self, note_id: str) -> Note | None: ...

    def reattach(self, note_id: str, anchor: Anchor) -> Note: ...

    def reanchor(self, doc: Document) -> ReanchorResult: ...

    def get(self, note_id: str) -> Note | None: ...

    def notes_for(self, path: str) -> list[Note]: ...

    def all_notes(
        self,
        tag: str | None = None,
        text: str | None = None,
        path: str | None = None,
        orphaned: bool | None = None,
        author: str | None = None,
    ) -> list[Note]: ...

    def orphans(self, path: str | None = None) -> list[Note]: ...

    def tags(self) -> list[str]: ...

    def authors(self) -> list[str]: ...

    def document_info(self, path: str) -> DocumentInfo | None: ...

    def count(self) -> int: ...

    def close(self) -> None: ...
