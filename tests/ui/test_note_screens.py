"""Pilot tests: the note form and the notes screen, mounted in a small app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import SEED_A
from conftest import pilot_test as sync
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, RadioSet, Static, TextArea

from parsers import parse_file
from parsers.model import Document
from tui.notes.store import Note, NoteDraft, NotesStore, NotesStoreError, new_note
from tui.ui.screens.note_form import NoteForm, TagSuggester, annotate
from tui.ui.screens.notes_screen import NotesScreen, Reattach
from tui.ui.widgets.row_list import RowList

UNSET = object()


class Host(App[None]):
    """Pushes one screen and records what it was dismissed with."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.screen_under_test = screen
        self.result: object = UNSET

    def on_mount(self) -> None:
        self.push_screen(self.screen_under_test, self.record)

    def record(self, result: object) -> None:
        self.result = result


@pytest.fixture
def store(tmp_path: Path) -> NotesStore:
    return NotesStore.open(tmp_path / "notes.db")


@pytest.fixture
def doc() -> Document:
    return parse_file(SEED_A)


def _add(store: NotesStore, doc: Document, passage: str, body: str, tags: tuple[str, ...]) -> str:
    start = doc.text.index(passage)
    note = new_note(doc, start, start + len(passage), NoteDraft(body, tags), "range")
    return store.add(note, doc).id


# -- the form ---------------------------------------------------------------------------------


@sync
async def test_form_returns_typed_note_tags_and_colour_on_ctrl_s() -> None:
    form = NoteForm("[bold]not markup[/] and \x1b]2;x\x07", known_tags=["nato", "urgent"])
    app = Host(form)
    async with app.run_test(size=(100, 32)) as pilot:
        passage = form.query_one("#note-passage", Static)
        assert "[bold]not markup[/]" in str(passage.render())
        assert form.focused is form.query_one("#note-body", TextArea)
        await pilot.press(*"Air defence first", "enter", *"then troops")
        await pilot.press("tab")
        assert form.focused is form.query_one("#note-tags", Input)
        await pilot.press(*"na", "right", *", Kyiv front")  # right accepts "nato"
        assert form.query_one("#note-tags", Input).value == "nato, Kyiv front"
        await pilot.press("tab")
        assert form.focused is form.query_one("#note-colour", RadioSet)
        await pilot.press("right", "enter")  # yellow -> green
        await pilot.press("ctrl+s")
        await pilot.pause()
    want = NoteDraft("Air defence first\nthen troops", ("nato", "Kyiv-front"), "green")
    assert app.result == want


@sync
async def test_keys_typed_right_after_tab_land_in_the_tags() -> None:
    """Issue 15 (broken 8): a paste or a fast typist after tab wrote into the note."""
    from textual import events

    form = NoteForm("passage")
    app = Host(form)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"note")
        await pilot.press("tab", *"nato")
        assert form.query_one("#note-tags", Input).value == "nato"
        await pilot.press("shift+tab")
        assert form.focused is form.query_one("#note-body", TextArea)
        # As a terminal delivers a paste: every key queued before any is handled.
        driver = app._driver
        assert driver is not None
        for key in ["tab", *"urgent"]:
            event = events.Key(key, None if key == "tab" else key)
            event.set_sender(app)
            driver.send_message(event)
        await pilot.pause(0.2)
        assert form.query_one("#note-body", TextArea).text == "note"
        assert form.query_one("#note-tags", Input).value.endswith("urgent")


@sync
async def test_form_escape_returns_none() -> None:
    app = Host(NoteForm("passage"))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"words that will be dropped", "escape")
        await pilot.pause()
    assert app.result is None


@sync
async def test_form_stays_open_with_the_words_when_saving_fails() -> None:
    calls: list[NoteDraft] = []

    def save(draft: NoteDraft) -> None:
        calls.append(draft)
        if len(calls) == 1:
            raise NotesStoreError(
                "locked", "notes database x is locked by another program", None, ("retry",)
            )

    form = NoteForm("passage", save=save)
    app = Host(form)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"precious words", "ctrl+s")
        await pilot.pause()
        assert app.result is UNSET
        error = form.query_one("#note-error", Static)
        assert error.display and "locked" in str(error.render())
        assert form.query_one("#note-body", TextArea).text == "precious words"
        await pilot.press("ctrl+s")  # retry succeeds
        await pilot.pause()
    assert isinstance(app.result, NoteDraft) and app.result.body == "precious words"
    assert len(calls) == 2


@sync
async def test_at_40x12_the_note_field_and_the_save_hint_show() -> None:
    """Issue 15: at 40x12 the note field and the save hint were off screen."""
    form = NoteForm("a long passage of words " * 40, known_tags=["nato"])
    app = Host(form)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        screen = form.region
        for selector in ("#note-body", "#note-tags", "#note-hint"):
            region = form.query_one(selector).region
            assert region.height >= 1, selector
            assert screen.contains_region(region), (selector, region, screen)
        assert form.query_one("#note-body").region.height >= 2
        assert "ctrl+s" in str(form.query_one("#note-hint", Static).render())
        await pilot.press(*"short note", "ctrl+s")
        await pilot.pause()
    assert isinstance(app.result, NoteDraft) and app.result.body == "short note"


@sync
async def test_form_fits_a_tiny_terminal() -> None:
    app = Host(NoteForm("a passage " * 200))
    async with app.run_test(size=(20, 5)) as pilot:
        await pilot.press(*"x", "ctrl+s")
        await pilot.pause()
    assert isinstance(app.result, NoteDraft) and app.result.body == "x"


@sync
async def test_tag_suggester_completes_the_last_tag_only() -> None:
    s = TagSuggester(["NATO", "nuclear", "urgent"])
    assert await s.get_suggestion("na") == "NATO"
    assert await s.get_suggestion("urgent, nu") == "urgent, nuclear"
    assert await s.get_suggestion("nato, n") == "nato, nuclear"  # nato is taken already
    assert await s.get_suggestion("urgent, ") is None
    assert await s.get_suggestion("zzz") is None


# -- the list ---------------------------------------------------------------------------------


def _rows(screen: NotesScreen) -> list[str]:
    rl = screen.query_one("#notes-list", RowList)
    return [rl.row_text(i).plain for i in range(rl.row_count)]


@sync
async def test_list_filters_by_text_and_tag(store: NotesStore, doc: Document) -> None:
    _add(store, doc, "ground troops", "no troops", ("army",))
    _add(store, doc, "Vilnius", "summit history", ("history", "nato"))
    _add(store, doc, "no-fly zone", "complex", ("nato", "air"))
    screen = NotesScreen(store, doc.path)
    app = Host(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        assert len(screen.shown) == 3
        await pilot.press("slash", *"#nato")
        await pilot.pause()
        assert sorted(n.body for n in screen.shown) == ["complex", "summit history"]
        await pilot.press("space", *"summit")
        await pilot.pause()
        assert [n.body for n in screen.shown] == ["summit history"]
        assert "summit history" in _rows(screen)[0]
        await pilot.press(*" nothing-matches")
        await pilot.pause()
        assert screen.shown == [] and _rows(screen) == ["No notes match the filter"]


@sync
async def test_enter_jumps_with_the_note(store: NotesStore, doc: Document) -> None:
    _add(store, doc, "ground troops", "first", ())
    second = _add(store, doc, "Vilnius", "second", ())
    screen = NotesScreen(store, doc.path)
    app = Host(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
    assert getattr(app.result, "id", None) == second
    assert doc.text[app.result.start : app.result.end] == "Vilnius"  # type: ignore[attr-defined]


@sync
async def test_down_in_the_filter_goes_to_the_list(store: NotesStore, doc: Document) -> None:
    """Issue 15: ↓ in the filter did not reach the list, so e or r became filter text."""
    _add(store, doc, "ground troops", "keep me", ("a",))
    gone = _add(store, doc, "Vilnius", "delete me", ("b",))
    screen = NotesScreen(store, doc.path)
    app = Host(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"vil")
        await pilot.pause()
        assert [n.id for n in screen.shown] == [gone]
        await pilot.press("down", "d")
        await pilot.pause()
        assert screen.query_one("#notes-filter", Input).value == "vil"
        assert screen.focused is screen.query_one("#notes-list", RowList)
        assert store.get(gone) is None


@sync
async def test_delete_and_undo(store: NotesStore, doc: Document) -> None:
    keep = _add(store, doc, "ground troops", "keep me", ("a",))
    gone = _add(store, doc, "Vilnius", "delete me", ("b",))
    screen = NotesScreen(store, doc.path)
    app = Host(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "d")
        await pilot.pause()
        assert [n.id for n in screen.shown] == [keep]
        assert store.get(gone) is None
        await pilot.press("u")
        await pilot.pause()
        restored = store.get(gone)
        assert restored is not None and restored.body == "delete me" and restored.tags == ("b",)
        assert {n.id for n in screen.shown} == {keep, gone}
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


@sync
async def test_typing_d_in_the_filter_deletes_nothing(store: NotesStore, doc: Document) -> None:
    _add(store, doc, "ground troops", "troops", ())
    screen = NotesScreen(store, doc.path)
    app = Host(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"dude")
        await pilot.pause()
        assert store.count() == 1
        assert screen.query_one("#notes-filter", Input).value == "dude"


@sync
async def test_edit_saves_through_the_form(store: NotesStore, doc: Document) -> None:
    note_id = _add(store, doc, "ground troops", "old", ("x",))
    screen = NotesScreen(store, doc.path)
    app = Host(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NoteForm)
        await pilot.press(" ", *"and new", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
    saved = store.get(note_id)
    assert saved is not None and saved.body == "old and new"


@sync
async def test_orphans_have_their_own_list_and_ask_to_reattach(
    store: NotesStore, doc: Document, tmp_path: Path
) -> None:
    path = tmp_path / "d.txt"
    path.write_text(doc.text, encoding="utf-8")
    d = parse_file(path)
    _add(store, d, "ground troops", "stays", ())
    lost = _add(store, d, "Vilnius", "lost", ())
    path.write_text(d.text.replace("Vilnius", "Brussels"), encoding="utf-8")
    store.reanchor(parse_file(path))
    screen = NotesScreen(store, str(path))
    app = Host(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        assert [n.body for n in screen.shown] == ["stays"]
        assert "1 orphaned (o)" in str(screen.query_one("#notes-title", Static).render())
        await pilot.press("o")
        await pilot.pause()
        assert [n.id for n in screen.shown] == [lost]
        assert "Vilnius" in _rows(screen)[0]
        await pilot.press("r")
        await pilot.pause()
    assert isinstance(app.result, Reattach) and app.result.note.id == lost


@sync
async def test_library_scope_lists_every_document(store: NotesStore, doc: Document) -> None:
    other = parse_file(SEED_A.parent / "002_99fb99d7bd7ffbb2.txt")
    _add(store, doc, "ground troops", "a", ())
    _add(store, other, other.text[other.body_paragraphs[1].start :][:30], "b", ())
    screen = NotesScreen(store, doc.path)
    app = Host(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        assert len(screen.shown) == 1
        await pilot.press("l")
        await pilot.pause()
        assert len(screen.shown) == 2
        assert any(other.title[:20] in row for row in _rows(screen))


@sync
async def test_empty_library_says_how_to_annotate(store: NotesStore) -> None:
    screen = NotesScreen(store, None)
    app = Host(screen)
    async with app.run_test(size=(20, 5)) as pilot:
        await pilot.pause()
        assert _rows(screen) == ["No notes yet: press a in the reader to annotate a passage"]


class AnnotateHost(App[None]):
    """Opens the note form the way the app's ``a`` key does, through ``annotate``."""

    def __init__(self, store: NotesStore, doc: Document, span: tuple[int, int]) -> None:
        super().__init__()
        self.store, self.doc, self.span = store, doc, span
        self.results: list[object] = []

    def on_mount(self) -> None:
        annotate(self, self.store, self.doc, *self.span, kind="quote", done=self.results.append)


@sync
async def test_annotate_saves_before_the_form_closes(store: NotesStore) -> None:
    from parsers import parse_text

    doc = parse_text(
        'Title\n\n"We will deliver the Patriot systems," said Defence Minister Pål Jonson.\n',
        "/tmp/annotate-doc.txt",
    )
    q = doc.quotes[0]
    store.add(new_note(doc, 0, 5, NoteDraft("", ("weapons",))))  # a tag to complete
    app = AnnotateHost(store, doc, (q.start, q.end))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"Check delivery dates", "tab", *"wea", "right")
        await pilot.press("ctrl+s")
        await pilot.pause()
    (note,) = app.results
    assert isinstance(note, Note) and store.get(note.id) == note
    assert note.body == "Check delivery dates" and note.tags == ("weapons",)
    assert note.kind == "quote" and note.speaker == q.speaker and q.speaker
    assert (note.start, note.end) == (q.start, q.end)


@sync
async def test_annotate_escape_saves_nothing(store: NotesStore, doc: Document) -> None:
    app = AnnotateHost(store, doc, (0, 20))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"never mind", "escape")
        await pilot.pause()
    assert app.results == [None] and store.count() == 0


# -- what they look like (SVG baselines in tests/__snapshots__/test_note_screens) -------------

SNAP_TEXT = (
    "Defence ministers meet in Brussels\n\n"
    '"We will deliver the Patriot systems this year," said Defence Minister Pål Jonson. '
    "Officials said [bold]the plan[/] was still a draft.\n\n"
    "Analysts doubt the timetable."
)


def _snap_store(folder: Path) -> NotesStore:
    """Notes with fixed ids and times, so the pictures do not change from run to run."""
    from dataclasses import replace

    doc = Document(
        path="/briefings/ministers.txt", title="Defence ministers meet in Brussels", text=SNAP_TEXT
    )
    store = NotesStore.open(folder / "snap.db")
    specs = [
        (
            '"We will deliver the Patriot systems this year,"',
            "Check delivery dates",
            ("weapons", "nato"),
            "yellow",
            "quote",
        ),
        (
            "Officials said [bold]the plan[/] was still a draft.",
            "Markup stays literal",
            ("qa",),
            "blue",
            "sentence",
        ),
        ("Analysts doubt the timetable.", "", ("timeline",), "pink", "paragraph"),
    ]
    for i, (passage, body, tags, colour, kind) in enumerate(specs):
        start = SNAP_TEXT.index(passage)
        note = new_note(doc, start, start + len(passage), NoteDraft(body, tags, colour), kind)
        stamp = f"2025-03-0{i + 1}T09:30:00.000Z"
        store.restore(
            replace(
                note,
                id=f"00000000-0000-0000-0000-00000000000{i}",
                speaker="Pål Jonson" if kind == "quote" else None,
                created=stamp,
                updated=stamp,
            )
        )
    return store


def test_snapshot_notes_screen(snap_compare: Any, tmp_path: Path) -> None:
    store = _snap_store(tmp_path)
    screen = NotesScreen(
        store, "/briefings/ministers.txt", title_for=lambda p: "Defence ministers meet in Brussels"
    )
    assert snap_compare(Host(screen), terminal_size=(100, 30))


def test_snapshot_note_form(snap_compare: Any) -> None:
    form = NoteForm(
        '"We will deliver the Patriot systems this year,"',
        speaker="Pål Jonson",
        body="Check delivery dates",
        tags=("weapons",),
        known_tags=["weapons"],
    )
    assert snap_compare(Host(form), terminal_size=(100, 30))


@sync
async def test_the_preview_says_where_the_note_is_not_raw_offsets(
    store: NotesStore, doc: Document
) -> None:
    """Issue 15: note lists showed raw offsets (``range · 173–393``)."""
    note_id = _add(store, doc, "Vilnius", "the summit", ())
    asked: list[tuple[str, int]] = []

    def locate(path: str, offset: int) -> str:
        asked.append((path, offset))
        return "§ Talks · ¶ 2 · line 5"

    screen = NotesScreen(store, doc.path, locate=locate)
    app = Host(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        preview = str(screen.query_one("#notes-preview", Static).render())
    note = store.get(note_id)
    assert note is not None
    assert "§ Talks · ¶ 2 · line 5" in preview
    assert f"{note.start}–{note.end}" not in preview
    assert asked and asked[0][1] == note.start
