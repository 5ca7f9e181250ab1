"""Pilot: two analysts edit the same note on the team server; the second save is offered
keep theirs / use mine / keep both, and no words are lost."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import SEED_A
from conftest import pilot_test as sync
from textual.app import App
from textual.screen import Screen
from textual.widgets import Static

from parsers import parse_file
from tui.notes.store import NoteDraft, new_note
from tui.store.postgres import PostgresNotesStore, init_schema
from tui.ui.screens.conflict_dialog import ConflictDialog
from tui.ui.screens.note_form import NoteForm
from tui.ui.screens.notes_screen import NotesScreen

PASSAGE = "ground troops"


class Host(App[None]):
    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.screen_under_test = screen

    def on_mount(self) -> None:
        self.push_screen(self.screen_under_test)


async def _edit_while_bob_saves(url: str, choice: str) -> tuple[PostgresNotesStore, str]:
    doc = parse_file(SEED_A)
    anna = PostgresNotesStore.open(url, author="anna")
    start = doc.text.index(PASSAGE)
    note = anna.add(new_note(doc, start, start + len(PASSAGE), NoteDraft("first")), doc)
    screen = NotesScreen(anna, doc.path)
    app = Host(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NoteForm)
        with PostgresNotesStore.open(url, author="bob") as bob:  # bob saves first
            bob.edit(note.id, NoteDraft("bob's words"), base_version=note.version)
        await pilot.press(" ", *"and anna's", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        shown = str(app.screen.query_one("#conflict-theirs", Static).render())
        assert "bob's words" in shown
        assert "first and anna's" in str(app.screen.query_one("#conflict-mine", Static).render())
        await pilot.press(choice)
        await pilot.pause()
        assert app.screen is screen
    return anna, note.id


@pytest.mark.parametrize(
    ("key", "want"),
    [
        ("t", ["bob's words"]),
        ("m", ["first and anna's"]),
        ("b", ["bob's words", "first and anna's"]),
        ("escape", ["bob's words", "first and anna's"]),
    ],
)
@sync
async def test_second_save_is_offered_theirs_mine_or_both(
    pg_url: str, key: str, want: list[str]
) -> None:
    init_schema(pg_url)
    anna, _ = await _edit_while_bob_saves(pg_url, key)
    try:
        assert sorted(n.body for n in anna.all_notes()) == sorted(want)
    finally:
        anna.close()
