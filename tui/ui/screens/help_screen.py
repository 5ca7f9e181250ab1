"""The help screen (``?`` / ``f1``): every binding with the keys in effect and its id.

Built from :data:`tui.core.keymap.SPECS` and the app's keymap, so it always tells the truth about
rebinding; the ids are what ``[keys]`` in ``config.toml`` takes. Cells are ``Text`` objects:
a key a user configured never becomes markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core.config import Config
from tui.core.keymap import (
    SPEC_BY_ID,
    SPECS,
    KeyProblem,
    display_keys,
    effective_keys,
    keymap_problems,
)
from tui.core.text import printable

SCOPE_TITLES = {
    "app": "Everywhere",
    "screen": "Panes",
    "reader": "Reader and document list",
    "list": "Document list",
    "entities": "Entity sidebar: the watchlist",
}


#: Other parts' panes and screens whose bindings (with ids) the help lists too.
OTHER_BINDINGS = (
    ("Entity sidebar", "tui.ui.widgets.entity_sidebar", "EntitySidebar"),
    ("Lists in the sidebar and notes", "tui.ui.widgets.row_list", "RowList"),
    ("Search (/)", "tui.ui.screens.search_screen", "SearchScreen"),
    ("Who said what (w)", "tui.ui.screens.quotes_screen", "QuotesScreen"),
    ("Notes (m)", "tui.ui.screens.notes_screen", "NotesScreen"),
    ("Note form (a)", "tui.ui.screens.note_form", "NoteForm"),
    ("Timeline (t)", "tui.ui.screens.timeline_screen", "TimelineScreen"),
    ("Watchlist (W)", "tui.ui.screens.watchlist_screen", "WatchlistScreen"),
    ("Feeds (F)", "tui.ui.screens.feeds_screen", "FeedsScreen"),
    ("Document list", "tui.ui.widgets.document_list", "DocumentList"),
)


def other_bindings() -> list[tuple[str, list[Binding]]]:
    """(title, bindings with ids) of the other panes and screens that exist."""
    import importlib

    out = []
    for title, module_name, class_name in OTHER_BINDINGS:
        try:
            cls = getattr(importlib.import_module(module_name), class_name)
        except (ImportError, AttributeError):
            continue
        found = [
            b
            for b in getattr(cls, "BINDINGS", [])
            if isinstance(b, Binding) and b.id and b.id not in SPEC_BY_ID
        ]
        if found:
            out.append((title, found))
    return out


def help_table(
    keymap: dict[str, str], config_file: str = "", problems: Sequence[KeyProblem] = ()
) -> Table:
    """The bindings as a table: keys, what they do, binding id; first, the ``[keys]`` entries
    of the config that were not used, each with its reason (the notification is one line)."""
    table = Table(box=None, expand=False, show_header=True, header_style="bold", pad_edge=False)
    table.add_column(Text("Key"), no_wrap=True, style="bold")
    table.add_column(Text("Does"))
    table.add_column(Text("Id (for [keys])"), style="dim", no_wrap=True)
    if problems:
        heading = Text("Not used from your config", style="bold underline red")
        table.add_row(Text(""), heading, Text(""))
        for problem in problems:
            table.add_row(Text("!", style="bold red"), Text(printable(problem.detail)), Text(""))
        table.add_row(Text(""), Text(""), Text(""))
    for scope, title in SCOPE_TITLES.items():
        specs = [s for s in SPECS if s.scope == scope]
        if not specs:
            continue
        table.add_row(Text(""), Text(title, style="bold underline"), Text(""))
        for spec in specs:
            keys = effective_keys(spec, keymap)
            table.add_row(
                Text(display_keys(keys)), Text(spec.help or spec.description), Text(spec.id)
            )
        table.add_row(Text(""), Text(""), Text(""))
    for title, bindings in other_bindings():
        table.add_row(Text(""), Text(title, style="bold underline"), Text(""))
        for b in bindings:
            assert b.id is not None
            keys = keymap.get(b.id, b.key)
            table.add_row(Text(display_keys(keys)), Text(b.description or b.action), Text(b.id))
        table.add_row(Text(""), Text(""), Text(""))
    table.add_row(Text(""), Text("In forms", style="bold underline"), Text(""))
    table.add_row(Text("ctrl+s"), Text("Save (a note, a dialog)"), Text(""))
    table.add_row(Text("esc"), Text("Cancel / close"), Text(""))
    if config_file:
        table.add_row(Text(""), Text(""), Text(""))
        table.add_row(Text(""), Text(f"Rebind with [keys] in {config_file}"), Text(""))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every binding; any of escape, q, ?, f1 closes it."""

    CSS_PATH = "help_screen.tcss"
    BINDINGS: ClassVar = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help.up"),
        Binding("space,pagedown", "scroll(10)", "Page down", show=False, id="help.page_down"),
        Binding("b,pageup", "scroll(-10)", "Page up", show=False, id="help.page_up"),
        Binding("G,end", "scroll(100000)", "Bottom", show=False, id="help.bottom"),
        Binding("g,home", "scroll(-100000)", "Top", show=False, id="help.top"),
    ]

    def __init__(self, keymap: dict[str, str], config_file: str = "") -> None:
        super().__init__()
        self.keymap = dict(keymap)
        self.config_file = config_file

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog") as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "esc closes"
            table = help_table(self.keymap, self.config_file, self._problems())
            yield Static(table, id="help-table")

    def _problems(self) -> list[KeyProblem]:
        """The ``[keys]`` entries of the app's config that are not in effect."""
        config = getattr(self.app, "config", None)
        return keymap_problems(config) if isinstance(config, Config) else []

    def action_scroll(self, step: int) -> None:
        self.query_one("#help-dialog", VerticalScroll).scroll_relative(
            y=step, animate=False, immediate=True
        )

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
