"""The library's notes (m, then l) show a changed document's notes re-anchored, with orphan
flags, although that document was not opened (issue 15, broken 5)."""

from __future__ import annotations

from pathlib import Path

from conftest import (
    HARBOUR_CHANGED as CHANGED,
)
from conftest import (
    HARBOUR_KEPT as KEPT,
)
from conftest import (
    HARBOUR_LOST as LOST,
)
from conftest import (
    HARBOUR_ORIGINAL as ORIGINAL,
)
from conftest import (
    pilot_test,
    wait_for,
)
from textual.widgets import Static

from parsers import parse_file
from tui.notes.store import NoteDraft, NotesStore, new_note
from tui.ui.app import BriefingApp
from tui.ui.screens.notes_screen import NotesScreen
from tui.ui.widgets.row_list import RowList


@pilot_test
async def test_library_notes_are_re_anchored_before_they_are_listed(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    # Opens first (sorted), so the changed document is never opened in this test.
    (folder / "a_other.txt").write_text(
        "Another report\n\nNothing here is noted by anyone at all.\n", encoding="utf-8"
    )
    harbour = folder / "b_harbour.txt"
    harbour.write_text(ORIGINAL, encoding="utf-8")
    doc = parse_file(harbour)
    with NotesStore.open() as store:
        for passage, body in ((KEPT, "ships"), (LOST, "customs")):
            start = doc.text.index(passage)
            store.add(new_note(doc, start, start + len(passage), NoteDraft(body)), doc)
    harbour.write_text(CHANGED, encoding="utf-8")

    app = BriefingApp([str(folder)])
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: not app.loading and app.document is not None, timeout=30)
        assert app.current_path is not None and app.current_path.endswith("a_other.txt")
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, NotesScreen))
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        await pilot.press("l")
        await wait_for(pilot, lambda: screen.refreshed and screen.scope == "library")
        await pilot.pause(0.1)
        notes = {n.body: n for n in screen.shown}
        assert notes["ships"].start == CHANGED.index(KEPT) and not notes["ships"].orphaned
        assert "customs" not in notes  # orphans have their own list (o); the title counts them
        title = screen.query_one("#notes-title", Static).render()
        assert "1 orphaned (o)" in str(title)
        await pilot.press("o")
        await wait_for(pilot, lambda: screen.show_orphans)
        assert [(n.body, n.orphaned) for n in screen.shown] == [("customs", True)]
        rows = screen.query_one("#notes-list", RowList)
        assert rows.row_text(0).plain.startswith("■ orphan")
    # Saved: the next look at the notes, or an export, starts from the new anchors.
    with NotesStore.open() as store:
        assert {n.body: n.orphaned for n in store.all_notes()} == {
            "ships": False,
            "customs": True,
        }
