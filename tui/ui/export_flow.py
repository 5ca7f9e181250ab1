"""The export workflow of the main screen: ``x`` opens the dialog, the result is reported.

The dialog starts from the last export's choices (format, tag, scope, file), kept for the
session and in ``state.json`` for the next run. Documents for an export come from the
library's parse cache when there is one, so exporting a library just read parses nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from parsers.model import Document
from tui.core.discover import display_path
from tui.core.state import State

if TYPE_CHECKING:
    from tui.notes.export import Format
    from tui.ui.app import BriefingApp
    from tui.ui.screens.export_dialog import ExportChoices, Exported

#: The key of the last export's choices in ``state.json``.
STATE_KEY = "export"


class ExportFlow:
    """Exporting the notes of ``app``'s store."""

    def __init__(self, app: BriefingApp, state: State | None = None) -> None:
        self.app = app
        self.state = state if state is not None else State()
        self._last: ExportChoices | None = None

    def last(self) -> ExportChoices | None:
        """The choices of the last export (this session, else the last run), if any."""
        if self._last is not None:
            return self._last
        from tui.notes.export import FORMATS
        from tui.ui.screens.export_dialog import ExportChoices

        saved = self.state.get(STATE_KEY)
        if not isinstance(saved, dict):
            return None
        fmt, tag = saved.get("fmt"), saved.get("tag")
        scope, path = saved.get("scope"), saved.get("path")
        if fmt not in FORMATS or scope not in ("document", "library") or not isinstance(path, str):
            return None
        self._last = ExportChoices(fmt, tag if isinstance(tag, str) else None, scope, path)
        return self._last

    def open(self, fmt: Format | None = None) -> None:
        """Open the export dialog (format, tag, this document or the library, the file),
        starting from the last export's choices; ``fmt`` (the palette's commands) wins."""
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
            ExportDialog(
                store, current_path=app.current_path, fmt=fmt, load=self.load, last=self.last()
            ),
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
        if done.choices is not None:
            self._last = done.choices
            problem = self.state.set(STATE_KEY, done.choices._asdict())
            if problem:
                self.app.problem(problem)
        for warning in done.warnings:
            self.app.problem(warning)
        n = done.notes
        self.app.notify(
            f"Exported {n} note{'s' if n != 1 else ''} to {display_path(str(done.path))}",
            timeout=6,
            markup=False,
        )
