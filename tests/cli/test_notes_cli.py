"""``briefing-tui notes start-fresh``: a damaged notes file is set aside (with consent) for an
empty one; a sound file is never touched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED_A

from parsers import parse_file
from tui.notes.store import NoteDraft, NotesStore, NotesStoreError, new_note

CLI = [sys.executable, "-m", "tui.cli.main", "notes", "start-fresh"]
GARBAGE = b"this is not a database at all\n" * 200


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_a_damaged_file_names_the_command_and_is_set_aside_only_with_consent() -> None:
    db = NotesStore.default_path()
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(GARBAGE)
    with pytest.raises(NotesStoreError, match="briefing-tui notes start-fresh"):
        NotesStore.open(db)
    asked = _run()
    assert asked.returncode == 1 and "--yes" in asked.stderr
    assert db.read_bytes() == GARBAGE and not list(db.parent.glob("notes.db.corrupt-*"))
    done = _run("--yes")
    assert done.returncode == 0, done.stderr
    kept = list(db.parent.glob("notes.db.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == GARBAGE
    assert str(kept[0]) in done.stdout
    with NotesStore.open(db) as store:
        assert store.count() == 0
        doc = parse_file(SEED_A)
        store.add(new_note(doc, 0, 20, NoteDraft("after")), doc)


def test_a_sound_file_is_left_as_it_is(tmp_path: Path) -> None:
    db = tmp_path / "mine.db"
    with NotesStore.open(db) as store:
        doc = parse_file(SEED_A)
        store.add(new_note(doc, 0, 20, NoteDraft("keep me")), doc)
    out = _run("--db", str(db), "--yes")
    assert out.returncode == 0 and "not damaged (1 notes)" in out.stdout
    assert not list(tmp_path.glob("mine.db.corrupt-*"))
    with NotesStore.open(db) as again:
        assert again.count() == 1
