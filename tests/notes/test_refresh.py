"""Notes of a document changed on disk are re-anchored before they are listed or exported,
without the document being opened (issue 15, broken 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import HARBOUR_CHANGED, HARBOUR_KEPT, HARBOUR_LOST, HARBOUR_ORIGINAL

from parsers import parse_file
from tui.cli.main import main
from tui.library.current import CurrentDocuments
from tui.notes.refresh import follow, refresh_notes
from tui.notes.store import NoteDraft, NotesStore, new_note

ORIGINAL, CHANGED, KEPT, LOST = HARBOUR_ORIGINAL, HARBOUR_CHANGED, HARBOUR_KEPT, HARBOUR_LOST


@pytest.fixture
def noted(tmp_path: Path) -> Path:
    """A document with two notes (one passage that will move, one that will be lost),
    then changed on disk."""
    doc_path = tmp_path / "docs" / "harbour.txt"
    doc_path.parent.mkdir()
    doc_path.write_text(ORIGINAL, encoding="utf-8")
    doc = parse_file(doc_path)
    with NotesStore.open() as store:
        for passage, body in ((KEPT, "ships"), (LOST, "customs")):
            start = doc.text.index(passage)
            store.add(new_note(doc, start, start + len(passage), NoteDraft(body)), doc)
    doc_path.write_text(CHANGED, encoding="utf-8")
    return doc_path


def test_follow_moves_and_orphans_without_saving(noted: Path) -> None:
    doc = parse_file(noted)
    with NotesStore.open() as store:
        before = store.all_notes()
        after = {n.body: n for n in follow(before, doc)}
        assert doc.text[after["ships"].start : after["ships"].end] == KEPT
        assert not after["ships"].orphaned
        assert after["customs"].orphaned and after["customs"].exact == LOST
        assert store.all_notes() == before  # nothing written


def test_refresh_saves_the_new_anchors_once(noted: Path) -> None:
    with NotesStore.open() as store:
        done = refresh_notes(store, CurrentDocuments())
        assert (done.documents, done.moved, done.orphaned) == (1, 1, 1)
        notes = {n.body: n for n in store.all_notes()}
        assert notes["customs"].orphaned and not notes["ships"].orphaned
        assert notes["ships"].start == CHANGED.index(KEPT)
        again = refresh_notes(store, CurrentDocuments())
        assert (again.moved, again.orphaned) == (0, 1)


def test_shell_export_shows_the_current_passages_and_orphans(
    noted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "json"]) == 0
    items = json.loads(capsys.readouterr().out)["first"]["items"]
    by_body = {a["body"][0]["value"]: a for a in items}
    ships = by_body["ships"]
    position = next(s for s in ships["target"]["selector"] if s["type"] == "TextPositionSelector")
    assert position["start"] == CHANGED.index(KEPT)
    assert not ships["briefing:orphaned"]
    assert by_body["customs"]["briefing:orphaned"]
    assert main(["export", "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert md.count("*Orphaned: this passage is no longer in the document.*") == 1
    with NotesStore.open() as store:  # the shell's export reads; it never writes the notes
        assert not any(n.orphaned for n in store.all_notes())


def test_a_document_that_is_gone_keeps_its_notes(noted: Path) -> None:
    noted.unlink()
    with NotesStore.open() as store:
        done = refresh_notes(store, CurrentDocuments())
        assert done.documents == 0
        assert len(store.all_notes()) == 2
