"""The entity sidebar: the table it draws (pure) and the widget (Pilot)."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import ClassVar, overload

import pytest
from conftest import pilot_test as sync
from conftest import screen_lines, settle
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import Static

from parsers import Document, EntityMention, Paragraph, parse_file
from tui.entities.index import countable_mentions
from tui.entities.table import TYPE_MARKERS, EntityTable, MentionRef
from tui.ui.widgets.entity_sidebar import EntitySidebar, row_text
from tui.ui.widgets.row_list import RowList

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_A = SEEDS / "000_80f96d47c48c624b.txt"
SEED_B = SEEDS / "002_99fb99d7bd7ffbb2.txt"

# -- hand-made documents ---------------------------------------------------------------------

ENTITIES: dict[str, tuple[str, str, str]] = {
    # spelling -> (type, id, canonical name)
    "Donald Trump": ("PERSON", "person:donald-trump", "Donald Trump"),
    "Trump": ("PERSON", "person:donald-trump", "Donald Trump"),
    "Vladimir Putin": ("PERSON", "person:vladimir-putin", "Vladimir Putin"),
    "Putin": ("PERSON", "person:vladimir-putin", "Vladimir Putin"),
    "United States": ("GPE", "gpe:united-states", "United States"),
    "U.S.": ("GPE", "gpe:united-states", "United States"),
    "US": ("GPE", "gpe:united-states", "United States"),
    "NATO": ("ORG", "org:nato", "NATO"),
    "Patriot": ("WEAPON", "weapon:patriot", "Patriot"),
    "$4.8 billion": ("MONEY", "money:4.8-billion-usd", "$4.8 billion"),
    "Ukraine": ("GPE", "gpe:ukraine", "Ukraine"),
    "[bold]x[/]": ("PERSON", "person:bold-x", "[bold]x[/]"),
    "[@click=app.quit]": ("ORG", "org:click", "[@click=app.quit]"),
}
_SPELLING_RE = re.compile("|".join(re.escape(s) for s in sorted(ENTITIES, key=len, reverse=True)))

TEXT_A = (
    "Air Defence for Ukraine\n"
    "Donald Trump said the United States will sell Patriot systems to Ukraine.\n"
    "Trump told NATO that the U.S. would ask for $4.8 billion.\n"
    "NATO allies met. Trump left early.\n"
    "A man called [bold]x[/] founded [@click=app.quit] in the US.\n"
)
TEXT_B = (
    "Putin Answers\n"
    "Vladimir Putin replied to Trump on Monday.\n"
    "Putin warned the United States about Ukraine.\n"
)


def make_doc(path: str, text: str) -> Document:
    """A document whose entities are every listed spelling in ``text``, one paragraph a line."""
    lines = text.split("\n")
    title = lines[0]
    paragraphs = []
    pos = len(title) + 1
    for line in lines[1:]:
        if line:
            paragraphs.append(Paragraph(pos, pos + len(line)))
        pos += len(line) + 1
    entities = []
    for m in _SPELLING_RE.finditer(text):
        if m.start() < len(title):
            continue
        label, eid, name = ENTITIES[m.group()]
        entities.append(EntityMention(m.start(), m.end(), m.group(), label, eid, name))
    return Document(path=path, title=title, text=text, paragraphs=paragraphs, entities=entities)


def docs() -> tuple[Document, Document]:
    return make_doc("/docs/a.txt", TEXT_A), make_doc("/docs/b.txt", TEXT_B)


# -- the table (pure) ------------------------------------------------------------------------


def test_groups_by_type_in_order_and_by_salience() -> None:
    a, _ = docs()
    table = EntityTable([a])
    groups = [(label, [(s.name, s.count) for s in ents]) for label, ents in table.groups()]
    assert groups == [
        ("PERSON", [("Donald Trump", 3), ("[bold]x[/]", 1)]),
        ("ORG", [("NATO", 2), ("[@click=app.quit]", 1)]),
        # Same count: the earlier first mention wins.
        ("GPE", [("United States", 3), ("Ukraine", 1)]),
        ("WEAPON", [("Patriot", 1)]),
        ("MONEY", [("$4.8 billion", 1)]),
    ]
    us = table.summary("gpe:united-states")
    assert us is not None
    assert set(us.spellings) == {"United States", "U.S.", "US"}


def test_mentions_documents_and_related_across_the_library() -> None:
    a, b = docs()
    table = EntityTable([a, b])
    trump = table.mentions("person:donald-trump")
    assert [
        (m.path, a.text[m.start : m.end] if m.path == a.path else b.text[m.start : m.end])
        for m in trump
    ] == [
        ("/docs/a.txt", "Donald Trump"),
        ("/docs/a.txt", "Trump"),
        ("/docs/a.txt", "Trump"),
        ("/docs/b.txt", "Trump"),
    ]
    assert [(d.path, d.mentions) for d in table.documents_for("gpe:united-states")] == [
        ("/docs/a.txt", 3),
        ("/docs/b.txt", 1),
    ]
    summary = table.summary("person:donald-trump")
    assert summary is not None and (summary.count, summary.documents) == (4, 2)
    related = {r.name: r.shared for r in table.related("person:donald-trump")}
    # Paragraphs shared: a1 (US, Patriot, Ukraine), a2 (NATO, U.S.), a3 (NATO), b1 (Putin).
    assert related == {
        "United States": 2,
        "NATO": 2,
        "Patriot": 1,
        "Ukraine": 1,
        "Vladimir Putin": 1,
    }
    # Numbers and dates are not cross-references.
    assert "$4.8 billion" not in related


def test_type_comes_from_the_id_when_mentions_disagree() -> None:
    text = "Title\nThe US said American troops stay. Washington agreed with the U.S."
    mentions = [
        EntityMention(
            text.index("US"),
            text.index("US") + 2,
            "US",
            "ORG",
            "gpe:united-states",
            "United States",
        ),
        EntityMention(
            text.index("American"),
            text.index("American") + 8,
            "American",
            "NORP",
            "gpe:united-states",
            "United States",
        ),
        EntityMention(
            text.index("U.S."),
            text.index("U.S.") + 4,
            "U.S.",
            "ORG",
            "gpe:united-states",
            "United States",
        ),
        EntityMention(0, 5, "Title", "ORG", "custom-id", "Title"),
    ]
    table = EntityTable([Document(path="x", title="Title", text=text, entities=mentions)])
    us = table.summary("gpe:united-states")
    assert us is not None and us.type == "GPE" and us.count == 3
    custom = table.summary("custom-id")
    assert custom is not None and custom.type == "ORG"  # no label prefix: the mentions' type


def test_rows_fit_their_width_with_the_count_flush_right() -> None:
    table = EntityTable([make_doc("/docs/a.txt", TEXT_A)])
    trump = table.summary("person:donald-trump")
    assert trump is not None
    row = row_text(trump, library=True, selected=False, width=24).plain
    assert len(row) == 24
    assert row.endswith("  3 · 1 doc")
    assert row.startswith("  @ Donald") and "…" in row
    wide = row_text(trump, library=False, selected=True, width=30).plain
    assert wide == "▸ @ Donald Trump" + " " * 13 + "3"


def test_entity_table_does_not_import_textual() -> None:
    code = (
        "import sys, tui.entities.table\n"
        "print(','.join(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_rows_carry_a_marker_per_type_for_no_color() -> None:
    a, _ = docs()
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
    a, b = docs()
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
    a, b = docs()
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
    a, b = docs()
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
    a, b = docs()
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
    a, b = docs()
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
    a, b = docs()
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
    a, b = docs()
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
    a, b = docs()
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
    a, b = docs()
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
async def test_library_merges_and_user_names_from_the_entity_index_apply() -> None:
    from tui.entities.index import Overrides

    Overrides(names={"person:donald-trump": "Donald J. Trump"}).save()
    a, b = docs()
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
    a, b = docs()

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
