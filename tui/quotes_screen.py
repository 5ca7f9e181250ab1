"""The "who said what" screen: every quote of the document (or the library), filtered as you type.

A modal over the reader. Typing filters by speaker, role, words, kind or document title; enter
closes the screen with a :class:`QuoteJump` (``path``, ``start``, ``end``) for the app to jump to;
escape closes it with ``None``. Rows are built by :mod:`tui.quote_list`; every document-derived
string becomes a ``rich.text.Text`` from plain strings, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar, Literal, NamedTuple

from rich.console import Console
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from parsers.model import Document
from tui.quote_list import (
    KIND_LABELS,
    KIND_WIDTH,
    QuoteRow,
    filter_rows,
    kind_counts,
    library_quote_rows,
    quote_rows,
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


def row_text(
    row: QuoteRow, show_title: bool = False, width: int = 0, console: Console | None = None
) -> Text:
    """One list row: ``kind  Speaker (role): “words”`` (plus the document title in the library).

    Given a ``width`` and a ``console``, the row is wrapped with a hanging indent so the kind
    column stays clear; without them the list wraps it.
    """
    body_style, badge_style = KIND_STYLES.get(row.kind, ("", "bold"))
    badge = Text(KIND_LABELS.get(row.kind, row.kind).ljust(KIND_WIDTH) + "  ", style=badge_style,
                 end="")
    content = Text(end="")
    content.append(row.speaker_label, style="bold" if row.speaker else "dim")
    content.append(": ")
    content.append(row.text, style=body_style)
    title = Text(f"in {row.title}", style="dim", end="")
    indent = Text(" " * badge.cell_len, end="")
    inner = width - badge.cell_len
    if console is None or inner < 12:
        text = badge + content
        if show_title:
            text.append("\n")
            text.append_text(indent + title)
        return text
    lines = list(content.wrap(console, inner))
    for line in lines:
        line.rstrip()
    if show_title:
        title.truncate(inner, overflow="ellipsis")
        lines.append(title)
    out = Text(end="")
    for i, line in enumerate(lines):
        if i:
            out.append("\n")
        out.append_text(badge if i == 0 else indent)
        out.append_text(line)
    return out


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

    CSS_PATH = str(Path(__file__).with_suffix(".tcss"))

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
        self._doc_rows: list[QuoteRow] = quote_rows(document) if document is not None else []
        self._library_rows: list[QuoteRow] | None = None
        self.shown: list[QuoteRow] = []
        """The rows the list shows now, in list order (after the filter)."""
        self._drawn_width = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="quotes-dialog"):
            yield Static(id="quotes-title", markup=False)
            yield Input(placeholder="Filter: speaker, words, kind…", id="quotes-filter")
            yield OptionList(id="quotes-list", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._refresh_rows(first=True)
        self.query_one("#quotes-filter", Input).focus()
        # The list has its width only after the first layout: wrap the rows to it then.
        self.call_after_refresh(self._redraw)

    # -- data -----------------------------------------------------------------------------

    @property
    def rows(self) -> list[QuoteRow]:
        """Every row of the current scope, before the filter."""
        if self.scope == "document":
            return self._doc_rows
        if self._library_rows is None:
            self._library_rows = library_quote_rows(self.library)
        return self._library_rows

    def _refresh_rows(self, first: bool = False) -> None:
        query = self.query_one("#quotes-filter", Input).value
        rows = self.rows
        self.shown = filter_rows(rows, query)
        option_list = self.query_one("#quotes-list", OptionList)
        if self.shown:
            self._draw_options(self._initial_index() if first else 0)
        else:
            if rows:
                message = "No quotes match the filter"
            elif self.scope == "library":
                message = "No quotes found in the library"
            else:
                message = "No quotes found in this document"
            option_list.set_options([Option(Text(message, style="italic"), disabled=True)])
        self.query_one("#quotes-title", Static).update(self._title(rows, query))

    def _list_width(self) -> int:
        option_list = self.query_one("#quotes-list", OptionList)
        return option_list.scrollable_content_region.width - 1  # room for the scrollbar

    def _draw_options(self, highlighted: int | None) -> None:
        """(Re)build the options for the rows shown, wrapped to the list's width."""
        option_list = self.query_one("#quotes-list", OptionList)
        library = self.scope == "library"
        width = self._drawn_width = self._list_width()
        console = self.app.console
        option_list.set_options(Option(row_text(r, library, width, console)) for r in self.shown)
        option_list.highlighted = highlighted

    def on_resize(self) -> None:
        """Wrap the rows again when the width changes (the hanging indent is drawn by hand)."""
        if self.shown and self._list_width() != self._drawn_width:
            self.call_after_refresh(self._redraw)

    def _redraw(self) -> None:
        if self.shown:
            self._draw_options(self.query_one("#quotes-list", OptionList).highlighted)

    def _initial_index(self) -> int:
        if self.scope != "document" or self.near is None:
            return 0
        for i, row in enumerate(self.shown):
            if row.end >= self.near:
                return i
        return len(self.shown) - 1

    def _title(self, rows: list[QuoteRow], query: str) -> Text:
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

    # -- events and actions ---------------------------------------------------------------

    @on(Input.Changed, "#quotes-filter")
    def _filter_changed(self) -> None:
        self._refresh_rows()

    @on(Input.Submitted, "#quotes-filter")
    def _filter_submitted(self) -> None:
        self._choose(self.query_one("#quotes-list", OptionList).highlighted)

    @on(OptionList.OptionSelected, "#quotes-list")
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

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
        option_list = self.query_one("#quotes-list", OptionList)
        if step > 0:
            option_list.action_cursor_down()
        else:
            option_list.action_cursor_up()

    def action_page(self, step: int) -> None:
        option_list = self.query_one("#quotes-list", OptionList)
        if step > 0:
            option_list.action_page_down()
        else:
            option_list.action_page_up()
