"""The open document: opening one (parsed in a worker), showing it in every pane, jumping to a
place in it, and the reading position kept across runs (:mod:`tui.core.positions`, or a team
store's, per user: :mod:`tui.store.positions`).

Opening is asynchronous: :meth:`DocumentFlow.open` starts a worker that posts
:class:`tui.ui.loading.DocumentRead` (or a one-line ``LoadProblem``) to the app, which hands the
document to :meth:`DocumentFlow.show`. A jump asked for with the open waits for the document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parsers.model import Document
from tui.store.select import open_positions
from tui.ui import loading

if TYPE_CHECKING:
    from tui.ui.app import BriefingApp


class DocumentFlow:
    """Which document the reader shows in ``app``, and where the reader is in it."""

    def __init__(self, app: BriefingApp) -> None:
        self.app = app
        #: positions.json, or the team store's (per user) when one is configured.
        self.positions = open_positions(app.config)
        #: The document the reader shows (``None`` until the first one is read).
        self.document: Document | None = None
        self.current_path: str | None = None
        self._pending_jump: tuple[int, int, str | None] | None = None

    def open(
        self, path: str, jump: tuple[int, int] | None = None, layer: str | None = None
    ) -> None:
        """Open ``path`` in the reader (parsed in a worker); optionally jump to ``jump`` and
        mark it on ``layer``."""
        if path == self.current_path and self.document is not None:
            if jump is not None:
                self.jump(jump, layer)
            return
        self._pending_jump = (*jump, layer) if jump is not None else None
        self._read(path)

    def reopen(self) -> None:
        """The open document changed on disk: read it again (its notes re-anchor when shown)."""
        if self.current_path is not None:
            self._pending_jump = None
            self._read(self.current_path)

    def _read(self, path: str) -> None:
        app = self.app

        def read() -> None:
            app.post_message(loading.read_document(app.library, path))

        app.run_worker(read, thread=True, exclusive=True, group="document", exit_on_error=False)

    def show(self, doc: Document) -> None:
        """Show ``doc`` in the reader, the list and the sidebar, where it was last read (or at
        the jump asked for), with its notes and the walk's marks."""
        app = self.app
        self.save_position()
        self.document = doc
        self.current_path = doc.path
        self.positions.set_last(doc.path)
        reader = app.reader
        reader.show_document(doc)
        pos = self.positions.get(doc.path)
        if self.positions.problem:
            app.problem(self.positions.problem)
            self.positions.problem = None
        app.walking.mark_open_document()
        app.timelines.mark_open_document()
        jump, self._pending_jump = self._pending_jump, None
        if jump is not None:
            self.jump((jump[0], jump[1]), jump[2])
        elif pos is not None:
            reader.restore_position(pos.cursor, pos.top)
        app.sub_title = doc.title
        dl = app.document_list
        if doc.path in dl.entries:
            dl.select_path(doc.path)
        app.sidebar.show_document(doc)
        app.call_after_refresh(app.notes.show, doc)
        app.feeds.opened(doc.path)

    def jump(self, span: tuple[int, int], layer: str | None) -> None:
        """Put the cursor on ``span`` of the open document, marked on ``layer`` if given."""
        reader = self.app.reader
        if layer is not None and span not in reader.mark_spans(layer):
            reader.set_marks(layer, self.app.walking.walk.spans_in(self.current_path) or [span])
        reader.jump_to(span[0])
        if layer is not None:
            # Make n/N continue from this hit, not from the passage's start.
            reader.mark_current(span)

    def step(self, step: int) -> None:
        """Open the next (1) or previous (-1) document of the list."""
        app = self.app
        target = app.document_list.neighbour(self.current_path, step)
        if target is None:
            app.notify(
                "No more documents that way." if app.document_list.paths else "No documents yet.",
                timeout=2,
            )
            return
        self.open(target)

    def save_position(self) -> None:
        """Remember where the reader is in the open document (saved to disk at once)."""
        if self.document is None or self.current_path is None:
            return
        reader = self.app.reader
        self.positions.set(self.current_path, reader.cursor_span[0], reader.scroll_position)
        problem = self.positions.save()
        if problem:
            self.app.problem(problem)
