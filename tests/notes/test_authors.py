"""Every note says who wrote it and when; a save over someone else's change is refused."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SEED_A

from parsers import parse_file
from tui.core.config import current_user, load_config
from tui.notes.backend import NotesBackend
from tui.notes.export import contexts, to_csv, to_json, to_markdown
from tui.notes.store import MIGRATIONS, NoteConflict, NoteDraft, NotesStore, new_note

PASSAGE = "The proposals are said to focus on air defense systems"


def _note(body: str = "n"):  # type: ignore[no-untyped-def]
    doc = parse_file(SEED_A)
    start = doc.text.index(PASSAGE)
    return doc, new_note(doc, start, start + len(PASSAGE), NoteDraft(body))


def test_the_sqlite_store_is_a_notes_backend(tmp_path: Path) -> None:
    with NotesStore.open(tmp_path / "n.db") as store:
        assert isinstance(store, NotesBackend)


def test_author_from_config_else_login_name(isolated_dirs: Path, tmp_path: Path) -> None:
    assert current_user()  # the login name (never empty)
    cfg = isolated_dirs / "xdg_config_home" / "briefing-tui"
    cfg.mkdir(parents=True)
    (cfg / "config.toml").write_text('user = "Anna K"\n')
    assert load_config().user == "Anna K"
    doc, note = _note()
    with NotesStore.open(tmp_path / "n.db") as store:
        saved = store.add(note, doc)
        assert saved.author == "Anna K" and saved.created.endswith("Z")
        assert store.authors() == ["Anna K"]
        assert [n.id for n in store.all_notes(author="anna k")] == [saved.id]
        assert store.all_notes(author="Bob") == []


def test_exports_name_the_author(tmp_path: Path) -> None:
    doc, note = _note("mine")
    with NotesStore.open(tmp_path / "n.db", author="anna") as store:
        a = store.add(note, doc)
        b = store.add(replace(note, id="other", author="bob", body="his"), doc)
        notes = store.all_notes()
        ctx = contexts(notes, store, lambda p: doc)
    md = to_markdown(notes, ctx)
    assert f"· anna, {a.created[:10]}" in md and "· bob," in md
    assert "By: anna (1), bob (1)." in md
    items = json.loads(to_json(notes, ctx))["first"]["items"]
    assert {i["creator"]["name"] for i in items} == {"anna", "bob"}
    assert b.author == "bob"
    rows = csv.DictReader(io.StringIO(to_csv(notes, ctx)))
    assert sorted(r["author"] for r in rows) == ["anna", "bob"]


def test_a_second_save_of_a_changed_note_is_a_conflict(tmp_path: Path) -> None:
    doc, note = _note("first")
    with NotesStore.open(tmp_path / "n.db", author="anna") as mine:
        saved = mine.add(note, doc)
        assert saved.version == 1
        with NotesStore.open(tmp_path / "n.db", author="bob") as theirs:
            bob = theirs.edit(saved.id, NoteDraft("bob's words"), base_version=1)
            assert bob.version == 2
        with pytest.raises(NoteConflict) as err:
            mine.edit(saved.id, NoteDraft("anna's words"), base_version=1)
        assert err.value.theirs is not None and err.value.theirs.body == "bob's words"
        assert err.value.mine.body == "anna's words"
        assert mine.get(saved.id).body == "bob's words"  # type: ignore[union-attr]
        # take mine: save over theirs knowingly
        forced = mine.update(err.value.mine, base_version=err.value.theirs.version)
        assert forced.version == 3 and mine.get(saved.id).body == "anna's words"  # type: ignore[union-attr]


def test_version_2_files_migrate_with_empty_authors(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    raw = sqlite3.connect(db)
    MIGRATIONS[0](raw)
    MIGRATIONS[1](raw)
    raw.execute(
        "INSERT INTO notes (id, path, content_hash, exact, prefix, suffix, pos_start, pos_end, "
        "created, updated) VALUES ('x', '/a', 'h', 'e', '', '', 0, 1, 't', 't')"
    )
    raw.execute("PRAGMA user_version = 2")
    raw.commit()
    raw.close()
    with NotesStore.open(db) as store:
        (n,) = store.all_notes()
        assert n.author == "" and n.version == 1
    assert list(tmp_path.glob("old.db.v2-*.bak"))
