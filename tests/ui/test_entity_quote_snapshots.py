"""What the entity sidebar and the quotes screen look like (SVG baselines in tests/__snapshots__).

Hand-made documents, not the parsers' output, so these pictures change only when the widgets
do. After a deliberate change: ``pytest tests/ui/test_entity_quote_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from typing import Any

from conftest import entity_docs, quote_doc_a, quote_doc_b, settle
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Footer

from tui.ui.screens.quotes_screen import QuotesScreen
from tui.ui.widgets.entity_sidebar import EntitySidebar
from tui.ui.widgets.row_list import RowList


class SidebarApp(App[None]):
    CSS = "Screen { layout: horizontal; } #filler { width: 1fr; }"

    def compose(self) -> ComposeResult:
        from textual.widgets import Static

        yield Static("(the reader)", id="filler")
        yield EntitySidebar()
        yield Footer()

    def on_mount(self) -> None:
        a, b = entity_docs()
        sidebar = self.query_one(EntitySidebar)
        sidebar.show_document(a)
        sidebar.set_library([a, b])
        sidebar.query_one(RowList).focus()


def _then(*keys: str) -> Any:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run


def test_sidebar_document_view(snap_compare: Any) -> None:
    assert snap_compare(SidebarApp(), terminal_size=(100, 34), run_before=_then("j", "j"))


def test_sidebar_library_view_with_a_marked_entity(snap_compare: Any) -> None:
    assert snap_compare(SidebarApp(), terminal_size=(100, 34), run_before=_then("enter", "l"))


def test_sidebar_empty_document(snap_compare: Any) -> None:
    class Empty(SidebarApp):
        def on_mount(self) -> None:
            from parsers import Document

            self.query_one(EntitySidebar).show_document(
                Document(path="e.txt", title="Empty", text="Nothing.")
            )

    assert snap_compare(Empty(), terminal_size=(80, 12), run_before=settle)


class QuotesApp(App[None]):
    def on_mount(self) -> None:
        a, b = quote_doc_a(), quote_doc_b()
        self.push_screen(QuotesScreen(a, [a, b]))


def test_quotes_screen_document(snap_compare: Any) -> None:
    assert snap_compare(QuotesApp(), terminal_size=(110, 24), run_before=_then("down"))


def test_quotes_screen_library_filtered(snap_compare: Any) -> None:
    assert snap_compare(QuotesApp(), terminal_size=(110, 24), run_before=_then("ctrl+l", *"said"))
