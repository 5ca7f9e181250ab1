"""The command palette's own commands (``ctrl+p``): open a document, toggle panes, search, …

Textual's palette turns a *string* prompt or help into markup (``Content.from_markup``), and
``Matcher.highlight`` does too; document titles are untrusted, so prompts here are
``rich.text.Text`` built from plain strings with the matched letters styled by offset, and help
lines go through :func:`safe_help`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from tui.ui.widgets.reader import display

if TYPE_CHECKING:
    from tui.ui.app import BriefingApp

_MATCH = Style(bold=True, underline=True)


def safe_help(text: str) -> str:
    """``text`` as palette help (markup) that shows literally; brackets dropped if need be."""
    text = display(text)
    escaped = escape(text)
    try:
        if Content.from_markup(escaped).plain == text:
            return escaped
    except Exception:
        pass
    return text.replace("[", "(").replace("]", ")")


def highlight(matcher: Matcher, candidate: str) -> Text:
    """``candidate`` as plain ``Text`` with the letters the query matched underlined."""
    text = Text(candidate, no_wrap=True, overflow="ellipsis")
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if score:
        for offset in offsets:
            if not candidate[offset].isspace():
                text.stylize(_MATCH, offset, offset + 1)
    return text


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    name: str
    help: str
    run: Callable[[], Any]
    discover: bool = True


def app_commands(app: BriefingApp) -> list[PaletteCommand]:
    """The app's commands, then one "Open: title" per document."""
    cmds = [
        PaletteCommand(
            "Search the library", "Fuzzy search across every document (/)", app.action_search
        ),
        PaletteCommand(
            "Toggle document list",
            "Show or hide the document list (d)",
            app.action_toggle_documents,
        ),
        PaletteCommand(
            "Toggle entity sidebar",
            "Show or hide the entity sidebar (e)",
            app.action_toggle_entities,
        ),
        PaletteCommand(
            "Toggle site furniture",
            "Show or hide menus and category links (f)",
            app.action_toggle_furniture,
        ),
        PaletteCommand(
            "Quotes: who said what",
            "List the quotes of this document or library (w)",
            app.action_quotes,
        ),
        PaletteCommand(
            "Notes", "List the notes of this document and the library (m)", app.action_notes
        ),
        PaletteCommand(
            "Annotate passage", "Note on the passage under the cursor (a)", app.action_annotate
        ),
        PaletteCommand(
            "Export notes as Markdown",
            "Choose tag, scope and file; Markdown first (x)",
            partial(app.action_export, "md"),
        ),
        PaletteCommand(
            "Export notes as JSON",
            "W3C Web Annotations; choose tag, scope and file",
            partial(app.action_export, "json"),
        ),
        PaletteCommand(
            "Export notes as CSV",
            "One row per note; choose tag, scope and file",
            partial(app.action_export, "csv"),
        ),
        PaletteCommand(
            "Next document", "Open the next document in the list (])", app.action_next_document
        ),
        PaletteCommand(
            "Previous document",
            "Open the previous document in the list ([)",
            app.action_prev_document,
        ),
        PaletteCommand(
            "Timeline",
            "Documents per day/week/month by source; rising and falling entities (t)",
            app.action_timeline,
        ),
        PaletteCommand(
            "Watchlist",
            "New mentions of watched entries since you last looked (W)",
            app.action_watchlist,
        ),
        PaletteCommand(
            "Show all documents",
            "After choosing a period on the timeline (esc in the list)",
            app.action_all_documents,
        ),
        PaletteCommand("Help: keys", "Every binding and its id (? or f1)", app.action_help),
    ]
    for path, entry in app.document_entries():
        meta = " · ".join(p for p in (entry.date, entry.source, path) if p)
        title = display(entry.title).strip() or path
        cmds.append(
            PaletteCommand(f"Open: {title}", meta, partial(app.open_document, path), discover=False)
        )
    return cmds


class BriefingCommands(Provider):
    """Commands of the briefing reader, including one per document to open it."""

    def _commands(self) -> Iterable[PaletteCommand]:
        from tui.ui.app import BriefingApp

        app = self.app
        if not isinstance(app, BriefingApp):
            return []
        return app_commands(app)

    async def discover(self) -> Hits:
        for cmd in self._commands():
            if cmd.discover:
                yield DiscoveryHit(Text(cmd.name), cmd.run, text=cmd.name, help=safe_help(cmd.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for cmd in self._commands():
            score = matcher.match(cmd.name)
            if score > 0:
                yield Hit(
                    score,
                    highlight(matcher, cmd.name),
                    cmd.run,
                    text=cmd.name,
                    help=safe_help(cmd.help),
                )
