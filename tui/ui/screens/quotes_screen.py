"""The "who said what" screen: every quote of the document (or the library), filtered as you type.

A modal over the reader. One line a quote (``kind  Speaker (role): “words…”``) in a virtual
:class:`RowList`, so a library of thousands of quotes opens and filters at once;
below it, the highlighted quote whole, with its cue and document. Typing filters by speaker,
role, cue, words, kind or document title; enter closes the screen with a :class:`QuoteJump`
(``path``, ``start``, ``end``) for the app to jump to; escape closes it with ``None``.

Rows come from :mod:`tui.views.quote_rows`; every document-derived string becomes a
``rich.text.Text`` built from plain strings, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Literal, NamedTuple

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from parsers.model import Document
from tui.ui.widgets.row_list import RowList
from tui.views.quote_rows import (
    KIND_LABELS,
    KIND_WIDTH,
    QuoteRow,
    filter_rows,
    fold,
    kind_counts,
    library_quote_rows,
    quote_rows,
    speaker_rows,
)

Scope = Literal["document", "library"]

#: Style of the quoted words and of the kind badge, per kind (the badge word is there for
#: NO_COLOR users: colour is never the only signal).
KIND_STYLES: dict[str, tuple[str, str]] = {
    "direct": ("", "bold green"),
    "partial": ("italic", "bold cyan"),
    "indirect": ("dim italic", "bold blue"),
    "scare": ("underline", "bold magenta"),
}


class QuoteJump(NamedTuple):
    """Where the chosen quote is: ``doc.text[start:end]`` of the document at ``path``."""

    path: str
    start: int
    end: int


def row_text(row: QuoteRow) -> Text:
    """One list row: ``kind      Speaker (role): “words”`` (the list cuts it to its width)."""
    body_style, badge_style = KIND_STYLES.get(row.kind, ("", "bold"))
    text = Text(end="", no_wrap=True, overflow="ellipsis")
    text.append(KIND_LABELS.get(row.kind, row.kind).ljust(KIND_WIDTH) + "  ", style=badge_style)
    text.append(row.speaker_label, style="bold" if row.speaker else "dim")
    text.append(": ")
    text.append(row.text, style=body_style)
    return text


def preview_text(row: QuoteRow, show_title: bool = False) -> Text:
    """The highlighted quote whole: who, how (kind and cue), the words, and where."""
    body_style, badge_style = KIND_STYLES.get(row.kind, ("", "bold"))
    text = Text(end="")
    text.append(row.speaker_label, style="bold" if row.speaker else "dim")
    text.append(f"  {KIND_LABELS.get(row.kind, row.kind)}", style=badge_style)
    if row.cue:
        text.append(f" · {row.cue}", style="dim")
    text.append("\n")
    text.append(row.text, style=body_style)
    if show_title:
        text.append("\nin ", style="dim")
        text.append(row.title, style="dim")
        if row.date:
            text.append(f" · {row.date}", style="dim")
    return text


class QuotesScreen(ModalScreen[QuoteJump | None]):
    """Lists the quotes of a document (or of the library) as "who said what"; enter jumps.

    Args:
        document: The open document, or ``None`` when none is open (the library view is shown).
        library: Every loaded document, for the library view (``ctrl+l``). May be empty.
        scope: Start in the ``"document"`` or the ``"library"`` view.
        near: An offset in ``document`` (the reader's cursor): the first quote ending at or
            after it is highlighted first.

    Dismisses with a :class:`QuoteJump` for the chosen quote, or ``None`` on escape.
    """

    class LibraryLoaded(Message):
        """The worker's rows for every quote of the library."""

        bubble = False

        def __init__(self, rows: list[QuoteRow]) -> None:
            super().__init__()
            self.rows = rows

    CSS_PATH = "quotes_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="quotes.close"),
        Binding("ctrl+l", "toggle_scope", "Document/library", id="quotes.toggle_scope"),
        Binding("down", "move(1)", "Down", show=False, id="quotes.down"),
        Binding("up", "move(-1)", "Up", show=False, id="quotes.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="quotes.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="quotes.page_up"),
    ]

    def __init__(
        self,
        document: Document | None,
        library: Sequence[Document] = (),
        scope: Scope = "document",
        near: int | None = None,
        speaker: tuple[str, tuple[str, ...]] | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.document = document
        self.library = library
        self.scope: Scope = scope if document is not None else "library"
        self.near = near
        #: (name, spellings): only this person's quotes across the library, oldest first.
        self.speaker = speaker
        if speaker is not None:
            self.scope = "library"
        self._doc_rows: list[QuoteRow] = quote_rows(document) if document is not None else []
        self._library_rows: list[QuoteRow] | None = None
        self._last_filter: tuple[list[QuoteRow] | None, str, list[QuoteRow]] = (None, "", [])
        self.shown: list[QuoteRow] = []
        """The rows the list shows now, in list order (after the filter)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="quotes-dialog"):
            yield Static(id="quotes-title", markup=False)
            yield Input(placeholder="Filter: speaker, words, kind…", id="quotes-filter")
            yield RowList(id="quotes-list")
            yield Static(id="quotes-preview", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._refresh_rows(first=True)
        self.query_one("#quotes-filter", Input).focus()

    # -- data -----------------------------------------------------------------------------

    @property
    def rows(self) -> list[QuoteRow]:
        """Every row of the current scope, before the filter (none while the library loads)."""
        if self.scope == "document":
            return self._doc_rows
        if self._library_rows is None:
            self._load_library()
            return []
        return self._library_rows

    @property
    def library_ready(self) -> bool:
        """Whether the library's quotes are loaded (they load in a background thread)."""
        return self._library_rows is not None

    @work(thread=True, exclusive=True, group="quotes-library")
    def _load_library(self) -> None:
        rows = library_quote_rows(self.library)
        self.post_message(self.LibraryLoaded(rows))

    @on(LibraryLoaded)
    def _library_loaded(self, message: LibraryLoaded) -> None:
        rows = message.rows
        if self.speaker is not None:
            rows = speaker_rows(rows, (self.speaker[0], *self.speaker[1]))
        self._library_rows = rows
        if self.scope == "library":
            self._refresh_rows(first=True)

    def _refresh_rows(self, first: bool = False) -> None:
        query = self.query_one("#quotes-filter", Input).value
        rows = self.rows
        folded = fold(query).strip()
        last_rows, last_query, last_shown = self._last_filter
        if last_rows is rows and last_query and folded.startswith(last_query):
            # Typing on: every new match was an old match, so narrow the last result.
            self.shown = filter_rows(last_shown, query)
        else:
            self.shown = filter_rows(rows, query)
        self._last_filter = (rows, folded, self.shown)
        row_list = self.query_one("#quotes-list", RowList)
        if self.shown:
            shown = self.shown
            row_list.set_rows(
                len(shown),
                lambda index, width: row_text(shown[index]),
                None,
                self._initial_index() if first else 0,
            )
        else:
            if rows:
                message = "No quotes match the filter"
            elif self.scope == "library" and self._library_rows is None:
                message = "Loading the library's quotes…"
            elif self.speaker is not None:
                message = f"No quotes by {self.speaker[0]} in the library"
            elif self.scope == "library":
                message = "No quotes found in the library"
            else:
                message = "No quotes found in this document"
            text = Text(message, style="italic")
            row_list.set_rows(1, lambda index, width: text, lambda index: False, None)
        self.query_one("#quotes-title", Static).update(self._title(rows, query))
        self._show_preview()

    def _initial_index(self) -> int:
        if self.scope != "document" or self.near is None:
            return 0
        for i, row in enumerate(self.shown):
            if row.end >= self.near:
                return i
        return len(self.shown) - 1

    def _title(self, rows: list[QuoteRow], query: str) -> Text:
        if self.speaker is not None:
            title = Text(f"Quotes by {self.speaker[0]} over time", style="bold", end="")
            days = [r.date for r in rows if r.date]
            title.append(f" · {len(rows)}")
            if days:
                title.append(f" · {days[0][:10]} – {days[-1][:10]}", "dim")
            if query.strip():
                title.append(f" · showing {len(self.shown)}")
            return title
        if self.scope == "library":
            where = f"the library ({len(self.library)} documents)"
        else:
            where = self.document.title if self.document is not None else ""
        title = Text("Quotes in ", style="bold", end="")
        title.append(where or "this document", style="bold")
        counts = kind_counts(rows)
        title.append(f" · {len(rows)}")
        if counts:
            title.append(" (" + ", ".join(f"{n} {k}" for k, n in counts.items()) + ")", "dim")
        if query.strip():
            title.append(f" · showing {len(self.shown)}")
        return title

    def _show_preview(self) -> None:
        preview = self.query_one("#quotes-preview", Static)
        index = self.query_one("#quotes-list", RowList).highlighted
        if index is None or not 0 <= index < len(self.shown):
            preview.update("")
            preview.display = False
            return
        preview.display = True
        preview.update(preview_text(self.shown[index], self.scope == "library"))

    # -- events and actions ---------------------------------------------------------------

    @on(Input.Changed, "#quotes-filter")
    def _filter_changed(self) -> None:
        self._refresh_rows()

    @on(Input.Submitted, "#quotes-filter")
    def _filter_submitted(self) -> None:
        self._choose(self.query_one("#quotes-list", RowList).highlighted)

    @on(RowList.Highlighted, "#quotes-list")
    def _row_highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self._show_preview()

    @on(RowList.Selected, "#quotes-list")
    def _row_selected(self, event: RowList.Selected) -> None:
        event.stop()
        self._choose(event.index)

    def _choose(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.shown):
            return
        row = self.shown[index]
        self.dismiss(QuoteJump(row.path, row.start, row.end))

    def action_close(self) -> None:
        """Close without jumping."""
        self.dismiss(None)

    def action_toggle_scope(self) -> None:
        """Switch between this document's quotes and the whole library's."""
        if self.speaker is not None:
            self.notify("These are one person's quotes across the library", severity="warning")
            return
        if self.scope == "document":
            if not self.library:
                self.notify("No library is loaded", severity="warning")
                return
            self.scope = "library"
        else:
            if self.document is None:
                self.notify("No document is open", severity="warning")
                return
            self.scope = "document"
        self._refresh_rows(first=True)

    def action_move(self, step: int) -> None:
        """Move the highlight while the filter has focus."""
        self.query_one("#quotes-list", RowList).action_cursor(step)

    def action_page(self, step: int) -> None:
        self.query_one("#quotes-list", RowList).action_page(step)
