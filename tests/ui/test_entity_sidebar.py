"""The entity sidebar: the table it draws (pure) and the widget (Pilot)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import ClassVar, overload

import pytest
from conftest import (
    ENTITY_TEXT_A,
    SEED_A,
    SEED_B,
    entity_doc,
    entity_docs,
    screen_lines,
    settle,
    wait_for,
)
from conftest import pilot_test as sync
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import Static

from parsers import Document, EntityMention, Paragraph, parse_file
from tui.entities.index import countable_mentions
from tui.entities.table import TYPE_MARKERS, EntityTable, MentionRef
from tui.ui.widgets.entity_sidebar import EntitySidebar, row_text
from tui.ui.widgets.row_list import RowList

# -- rows (pure) ----------------------------------------------------------------------------


def test_rows_fit_their_width_with_the_count_flush_right() -> None:
    table = EntityTable([entity_doc("/docs/a.txt", ENTITY_TEXT_A)])
    trump = table.summary("person:donald-trump")
    assert trump is not None
    row = row_text(trump, library=True, selected=False, width=24).plain
    assert len(row) == 24
    assert row.endswith("  3 · 1 doc")
    assert row.startswith("  @ Donald") and "…" in row
    wide = row_text(trump, library=False, selected=True, width=30).plain
    assert wide == "▸ @ Donald Trump" + " " * 13 + "3"


def test_rows_carry_a_marker_per_type_for_no_color() -> None:
    a, _ = entity_docs()
    table = EntityTable([a])
    markers = set()
    for label, entities in table.groups():
        for s in entities:
            plain = row_text(s, library=False).plain
            assert plain.startswith(f"  {TYPE_MARKERS[label]} {s.name}")
            markers.add(TYPE_MARKERS[label])
    assert len(markers) == 5
    assert len(set(TYPE_MARKERS.values())) == len(TYPE_MARKERS)


# -- the widget ------------------------------------------------------------------------------


class SidebarApp(App[None]):
    """The sidebar alone, fed like the app feeds it, recording what it posts."""

    def __init__(self, doc: Document | None, library: list[Document] | None = None) -> None:
        super().__init__()
        self.doc = doc
        self.library_docs = library or []
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield EntitySidebar(id="entities")

    def on_mount(self) -> None:
        sidebar = self.query_one(EntitySidebar)
        sidebar.show_document(self.doc)
        sidebar.set_library(self.library_docs)
        sidebar.query_one(RowList).focus()

    def on_entity_sidebar_entity_selected(self, message: EntitySidebar.EntitySelected) -> None:
        self.messages.append(message)

    def on_entity_sidebar_selection_cleared(self, message: EntitySidebar.SelectionCleared) -> None:
        self.messages.append(message)

    def on_entity_sidebar_cross_reference_requested(
        self, message: EntitySidebar.CrossReferenceRequested
    ) -> None:
        self.messages.append(message)


def _prompts(app: App[None]) -> list[str]:
    """The rows as plain text, runs of spaces (the right-aligned counts) squeezed to one."""
    out = []
    row_list = app.query_one("#entity-list", RowList)
    for index in range(row_list.row_count):
        plain = row_list.row_text(index).plain
        out.append(("▸ " if plain.startswith("▸") else "") + " ".join(plain.split("▸")[-1].split()))
    return out


def _static(app: App[None], selector: str) -> str:
    return str(app.query_one(selector, Static).render())


@sync
async def test_lists_entities_grouped_with_counts_and_cross_references() -> None:
    a, b = entity_docs()
    app = SidebarApp(a, [a, b])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        prompts = _prompts(app)
        assert prompts == [
            "@ People 2 · 4 mentions",
            "@ Donald Trump 3",
            "@ [bold]x[/] 1",
            "# Organisations 2 · 3 mentions",
            "# NATO 2",
            "# [@click=app.quit] 1",
            "* Countries and cities 2 · 4 mentions",
            "* United States 3",
            "* Ukraine 1",
            "! Weapons and platforms 1 · 1",
            "! Patriot 1",
            "$ Money 1 · 1 mention",
            "$ $4.8 billion 1",
        ]
        sidebar = app.query_one(EntitySidebar)
        assert sidebar.highlighted_id == "person:donald-trump"
        assert "Entities · This document  8" in _static(app, "#entity-title")
        detail = _static(app, "#entity-detail")
        assert "Also in\n  • Putin Answers (1)" in detail
        assert "Appears with\n  • * United States (2)\n  • # NATO (2)" in detail
        # Moving the cursor moves the detail; j/k work like the arrows and skip the headings.
        await pilot.press("j", "j")
        assert sidebar.highlighted_id == "org:nato"
        detail = _static(app, "#entity-detail")
        assert detail.startswith("# NATO  Organisations")
        assert "Also in: no other document" in detail


@sync
async def test_enter_selects_with_every_mention_and_escape_clears() -> None:
    a, b = entity_docs()
    app = SidebarApp(a, [a, b])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down", "down")  # United States
        await pilot.press("enter")
        await pilot.pause()
        (message,) = app.messages
        assert isinstance(message, EntitySidebar.EntitySelected)
        assert (message.entity_id, message.name, message.type, message.scope) == (
            "gpe:united-states",
            "United States",
            "GPE",
            "document",
        )
        assert [a.text[m.start : m.end] for m in message.mentions] == [
            "United States",
            "U.S.",
            "US",
        ]
        assert all(m.path == a.path for m in message.mentions)
        assert "▸ * United States 3" in _prompts(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.messages[-1], EntitySidebar.SelectionCleared)
        assert app.query_one(EntitySidebar).selected_id is None
        assert "* United States 3" in _prompts(app)


@sync
async def test_library_view_lists_every_document_and_mentions_span_them() -> None:
    a, b = entity_docs()
    app = SidebarApp(a, [a, b])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # Donald Trump, in the document view
        await pilot.pause()
        assert len(app.messages[-1].mentions) == 3  # type: ignore[attr-defined]
        await pilot.press("l")
        await pilot.pause()
        sidebar = app.query_one(EntitySidebar)
        assert sidebar.scope == "library"
        prompts = _prompts(app)
        assert prompts[:4] == [
            "@ People 3 · 7 mentions",
            "▸ @ Donald Trump 4 · 2 docs",
            "@ Vladimir Putin 2 · 1 doc",
            "@ [bold]x[/] 1 · 1 doc",
        ]
        assert "Entities · Library · 2 documents  9" in _static(app, "#entity-title")
        # Switching the view re-announces the chosen entity with the library's mentions.
        message = app.messages[-1]
        assert isinstance(message, EntitySidebar.EntitySelected)
        assert message.scope == "library"
        expected = [
            MentionRef(a.path, m.start(), m.end()) for m in re.finditer(r"(Donald )?Trump", a.text)
        ]
        expected.append(MentionRef(b.path, b.text.index("Trump"), b.text.index("Trump") + 5))
        assert list(message.mentions) == expected
        assert len(expected) == 4
        detail = _static(app, "#entity-detail")
        assert "In documents\n  • Air Defence for Ukraine (3)\n  • Putin Answers (1)" in detail
        await pilot.press("l")
        await pilot.pause()
        assert sidebar.scope == "document"
        assert "Vladimir Putin" not in "".join(_prompts(app))


@sync
async def test_r_requests_cross_references_with_every_spelling() -> None:
    a, b = entity_docs()
    app = SidebarApp(a, [a, b])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j", "j")  # United States
        await pilot.press("r")
        await pilot.pause()
        (message,) = app.messages
        assert isinstance(message, EntitySidebar.CrossReferenceRequested)
        assert message.entity_id == "gpe:united-states"
        assert message.name == "United States"
        assert set(message.spellings) == {"United States", "U.S.", "US"}


@sync
async def test_new_document_keeps_the_chosen_entity() -> None:
    a, b = entity_docs()
    app = SidebarApp(a, [a, b])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # Donald Trump
        sidebar = app.query_one(EntitySidebar)
        sidebar.show_document(b)
        await pilot.pause()
        assert sidebar.selected_id == "person:donald-trump"
        assert sidebar.highlighted_id == "person:donald-trump"
        assert "▸ @ Donald Trump 1" in _prompts(app)
        assert [b.text[m.start : m.end] for m in sidebar.mentions("person:donald-trump")] == [
            "Trump"
        ]


@sync
async def test_empty_document_and_no_document_say_so() -> None:
    empty = Document(path="/docs/empty.txt", title="Empty", text="Nothing here.")
    app = SidebarApp(empty)
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        assert _prompts(app) == ["No entities found in this document"]
        assert app.query_one("#entity-detail", Static).display is False
        await pilot.press("enter", "r", "l")
        await pilot.pause()
        assert app.messages == []
        sidebar = app.query_one(EntitySidebar)
        assert sidebar.scope == "document"  # no library to switch to
        sidebar.show_document(None)
        await pilot.pause()
        assert _prompts(app) == ["No document open"]


@sync
async def test_markup_in_entity_names_shows_literally_and_does_not_run() -> None:
    a, b = entity_docs()
    app = SidebarApp(a, [a, b])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = "\n".join(screen_lines(app))
        assert re.search(r"@ \[bold\]x\[/\] +1", screen)
        assert re.search(r"# \[@click=app\.quit\] +1", screen)
        # Click the [@click=app.quit] row: it is chosen, nothing runs.
        index = app.query_one(EntitySidebar).index_of("org:click")
        assert index is not None
        await pilot.click("#entity-list", offset=(6, index))
        await pilot.pause()
        assert app.is_running
        message = app.messages[-1]
        assert isinstance(message, EntitySidebar.EntitySelected)
        assert message.entity_id == "org:click"


@sync
async def test_rows_refit_when_the_sidebar_is_resized() -> None:
    a, b = entity_docs()
    app = SidebarApp(a, [a, b])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sidebar = app.query_one(EntitySidebar)
        row_list = app.query_one(RowList)

        def widths() -> set[int]:
            return {row_list.row_text(i).cell_len for i in range(row_list.row_count)}

        assert widths() == {row_list.size.width}
        sidebar.styles.width = 28
        await pilot.pause()
        assert row_list.size.width == 27
        assert widths() == {27}
        # What shows is cut to the width too: counts stay flush right.
        assert re.search(r"@ Donald Trump +3 ", "\n".join(screen_lines(app)))


@sync
async def test_tiny_terminal_does_not_crash() -> None:
    a, b = entity_docs()
    app = SidebarApp(a, [a, b])
    async with app.run_test(size=(20, 5)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter", "l", "G", "r", "g", "escape")
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("seed", [SEED_A, SEED_B], ids=["seed-a", "seed-b"])
@sync
async def test_seed_documents_list_every_entity_once(seed: Path) -> None:
    doc = parse_file(seed)
    other = parse_file(SEED_B if seed == SEED_A else SEED_A)
    app = SidebarApp(doc, [doc, other])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sidebar = app.query_one(EntitySidebar)
        ids = [e.id for _, group in sidebar.table.groups() for e in group]
        assert sorted(ids) == sorted({m.id for m in doc.entities})
        if not ids:
            assert _prompts(app) == ["No entities found in this document"]
            return
        await pilot.press("enter")
        await pilot.pause()
        message = app.messages[-1]
        assert isinstance(message, EntitySidebar.EntitySelected)
        # A nested repeat of the same entity ("Donald Trump" in "President Donald Trump")
        # is the same mention: the sidebar walks countable mentions.
        expected = [
            (m.start, m.end)
            for m in countable_mentions(doc.entities)
            if m.id == sidebar.selected_id
        ]
        assert [(m.start, m.end) for m in message.mentions] == sorted(expected)


class SlowLibrary(Sequence[Document]):
    """A library that loads its documents only when ``release`` is set (like a cold cache)."""

    def __init__(self, docs: list[Document]) -> None:
        self.docs = docs
        self.release = threading.Event()

    def __len__(self) -> int:
        return len(self.docs)

    @overload
    def __getitem__(self, index: int) -> Document: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Document]: ...
    def __getitem__(self, index: int | slice) -> Document | Sequence[Document]:
        return self.docs[index]

    def __iter__(self) -> Iterator[Document]:
        self.release.wait(timeout=10)
        return iter(self.docs)


@sync
async def test_library_is_indexed_in_the_background() -> None:
    a, b = entity_docs()
    slow = SlowLibrary([a, b])
    app = SidebarApp(a)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        sidebar = app.query_one(EntitySidebar)
        sidebar.set_library(slow)
        await pilot.pause()
        # The UI answers while the library loads.
        assert not sidebar.library_ready
        assert "Also in: indexing the library…" in _static(app, "#entity-detail")
        await pilot.press("enter", "l")
        await pilot.pause()
        assert sidebar.scope == "library"
        assert _prompts(app) == ["Indexing the library…"]
        slow.release.set()
        await settle(pilot)
        assert sidebar.library_ready
        assert "@ Vladimir Putin 2 · 1 doc" in _prompts(app)
        # The chosen entity is announced again, now with the library's mentions.
        message = app.messages[-1]
        assert isinstance(message, EntitySidebar.EntitySelected)
        assert message.scope == "library" and len(message.mentions) == 4


@sync
async def test_a_library_indexed_after_a_newer_one_was_given_is_dropped() -> None:
    a, b = entity_docs()
    slow = SlowLibrary([a, b])
    app = SidebarApp(a)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        sidebar = app.query_one(EntitySidebar)
        sidebar.set_library(slow)
        await pilot.pause()  # its worker has started, and waits for the documents
        sidebar.set_library([a])  # a newer library: its table comes back first
        await wait_for(pilot, lambda: sidebar.library_ready)
        newer = sidebar.library_table
        assert newer is not None and newer.paths == [a.path]
        slow.release.set()  # the older worker answers now, too late
        await settle(pilot)
        assert sidebar.library_table is newer


@sync
async def test_library_merges_and_user_names_from_the_entity_index_apply() -> None:
    from tui.entities.index import Overrides

    Overrides(names={"person:donald-trump": "Donald J. Trump"}).save()
    a, b = entity_docs()
    text_c = "Talks Again\nPutin met Trump in Ukraine.\n"
    c = Document(
        path="/docs/c.txt",
        title="Talks Again",
        text=text_c,
        paragraphs=[Paragraph(12, len(text_c) - 1)],
    )
    for word, label, eid, name in [
        ("Putin", "PERSON", "person:putin", "Putin"),
        ("Trump", "PERSON", "person:donald-trump", "Donald Trump"),
        ("Ukraine", "GPE", "gpe:ukraine", "Ukraine"),
    ]:
        start = text_c.index(word)
        c.entities.append(EntityMention(start, start + len(word), word, label, eid, name))
    app = SidebarApp(c, [a, b, c])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sidebar = app.query_one(EntitySidebar)
        # In the document: "Putin" is shown as the library's Vladimir Putin; the user's name
        # for Trump wins.
        assert _prompts(app)[:3] == [
            "@ People 2 · 2 mentions",
            "@ Vladimir Putin 1",
            "@ Donald J. Trump 1",
        ]
        await pilot.press("enter")
        message = app.messages[-1]
        assert isinstance(message, EntitySidebar.EntitySelected)
        assert message.entity_id == "person:vladimir-putin"
        assert [(m.path, m.start) for m in message.mentions] == [(c.path, 12)]
        assert "Also in\n  • Putin Answers (2)" in _static(app, "#entity-detail")
        await pilot.press("l")
        await settle(pilot)
        assert "▸ @ Vladimir Putin 3 · 2 docs" in _prompts(app)
        assert not any("@ Putin" in p for p in _prompts(app))
        message = app.messages[-1]
        assert isinstance(message, EntitySidebar.EntitySelected)
        assert [m.path for m in message.mentions] == [b.path, b.path, c.path]
        assert sidebar.scope == "library"


@sync
async def test_escape_goes_to_the_app_when_nothing_is_chosen() -> None:
    a, b = entity_docs()

    class EscApp(SidebarApp):
        BINDINGS: ClassVar[list[BindingType]] = [("escape", "app_escape", "")]
        escapes = 0

        def action_app_escape(self) -> None:
            self.escapes += 1

    app = EscApp(a, [a, b])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        assert app.escapes == 1
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert app.escapes == 1  # the sidebar let go of its entity instead
        assert isinstance(app.messages[-1], EntitySidebar.SelectionCleared)
