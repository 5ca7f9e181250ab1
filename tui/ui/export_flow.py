"""The export workflow of the main screen: ``x`` opens the dialog, the result is reported.

Documents for an export come from the library's parse cache when there is one, so exporting
a library that was just read parses nothing again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parsers.model import Document
from tui.core.text import printable

if TYPE_CHECKING:
    from tui.notes.export import Format
    from tui.ui.app import BriefingApp
    from tui.ui.screens.export_dialog import Exported


class ExportFlow:
    """Exporting the notes of ``app``'s store."""

    def __init__(self, app: BriefingApp) -> None:
        self.app = app

    def open(self, fmt: Format = "md") -> None:
        """Open the export dialog (format, tag, this document or the library, the file);
        ``fmt`` is chosen at first (the palette's JSON and CSV commands pass theirs)."""
        app = self.app
        store = app.notes.store()
        if store is None:
            return
        from tui.notes.store import NotesStoreError
        from tui.ui.screens.export_dialog import ExportDialog

        if isinstance(app.screen, ExportDialog):
            return
        try:
            count = store.count()
        except NotesStoreError as exc:
            app.problem(f"Export: {exc}")
            return
        if count == 0:
            app.notify(
                "No notes to export yet: a annotates the passage under the cursor.", timeout=4
            )
            return
        app.push_screen(
            ExportDialog(store, current_path=app.current_path, fmt=fmt, load=self.load),
            self._done,
        )

    def load(self, path: str) -> Document | None:
        """Documents for an export: the library's (cached) parse, else the file parsed."""
        library = self.app.library
        if library is None:
            from tui.notes.export import load_document

            return load_document(path)
        return library.document(path)

    def _done(self, done: Exported | None) -> None:
        if done is None:
            return
        for warning in done.warnings:
            self.app.problem(warning)
        n = done.notes
        self.app.notify(
            f"Exported {n} note{'s' if n != 1 else ''} to {printable(str(done.path))}",
            timeout=6,
            markup=False,
        )
