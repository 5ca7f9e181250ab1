"""``w``: the quotes screen over the main one (the open document's quotes, the library's, or
one person's over time when the sidebar has a person highlighted); choosing a quote opens its
document at the quote."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from parsers.model import Document
from tui.library.documents import LibraryDocuments

if TYPE_CHECKING:
    from tui.ui.app import BriefingApp
    from tui.ui.screens.quotes_screen import QuoteJump


class QuotesFlow:
    """Opens the quotes screen for ``app`` and follows the quote chosen there."""

    def __init__(self, app: BriefingApp) -> None:
        self.app = app

    def open(self) -> None:
        from tui.ui.screens.quotes_screen import QuotesScreen

        app = self.app
        docs: Sequence[Document] = ()
        if app.library is not None and not app.loading:
            docs = LibraryDocuments(app.library, list(app.document_list.paths))
        speaker = None
        sidebar = app.sidebar
        if sidebar.has_focus_within and sidebar.highlighted_id is not None:
            # w on a person in the sidebar: that person's quotes across the library, over time.
            summary = sidebar.table.summary(sidebar.highlighted_id)
            if summary is not None and summary.type == "PERSON" and docs:
                speaker = (summary.name, tuple(summary.spellings))
        near = app.reader.cursor_span[0]
        screen = QuotesScreen(app.document, docs, near=near, speaker=speaker)
        app.push_screen(screen, self.chosen)

    def chosen(self, jump: QuoteJump | None) -> None:
        """The quotes screen closed: open the chosen quote's document at the quote."""
        if jump is not None:
            self.app.open_document(jump.path, (jump.start, jump.end), None)
            self.app.reader.focus()
