"""The notes store keeps every note: across reopen, two writers, kill -9, edits and bad files."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEED_A

from parsers import parse_file, parse_text
from tui.notes.anchoring import make_anchor
from tui.notes.store import (
    SCHEMA_VERSION,
    NoteDraft,
    NotesStore,
    NotesStoreError,
    doc_key,
    new_note,
    normalize_tags,
)

PASSAGE = "The proposals are said to focus on air defense systems"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "notes.db"


def _note(doc, body: str = "note", tags: tuple[str, ...] = (), passage: str = PASSAGE):  # type: ignore[no-untyped-def]
    start = doc.text.index(passage)
    return new_note(doc, start, start + len(passage), NoteDraft(body, tags, "green"), "range")


def test_default_location_is_the_data_dir(isolated_dirs: Path) -> None:
    with NotesStore.open() as store:
        assert store.path == isolated_dirs / "xdg_data_home" / "briefing-tui" / "notes.db"
        store.add(_note(parse_file(SEED_A)))
    assert (isolated_dirs / "xdg_data_home" / "briefing-tui" / "notes.db").exists()


def test_add_reopen_and_read_back(db: Path) -> None:
    doc = parse_file(SEED_A)
    with NotesStore.open(db) as store:
        saved = store.add(_note(doc, "first\nline two", ("NATO", "air defence")), doc)
        assert saved.created and saved.updated
    with NotesStore.open(db) as store:
        (got,) = store.notes_for(str(SEED_A))
        assert got == saved
        assert got.tags == ("NATO", "air-defence")
        assert got.exact == PASSAGE and doc.text[got.start : got.end] == PASSAGE
        assert got.path == os.path.realpath(SEED_A)
        info = store.document_info(str(SEED_A))
        assert info is not None and info.title == doc.title
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_relative_and_absolute_paths_file_the_same_document(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    doc = parse_file(os.path.relpath(SEED_A, ROOT))
    with NotesStore.open(db) as store:
        store.add(_note(doc))
        assert len(store.notes_for(str(SEED_A))) == 1


def test_filters_tags_and_text(db: Path) -> None:
    doc = parse_file(SEED_A)
    with NotesStore.open(db) as store:
        store.add(_note(doc, "Check the airspace claim", ("nato", "urgent")))
        store.add(_note(doc, "Troops: none", ("NATO",), passage="ground troops"))
        store.add(_note(doc, "Vilnius summit", ("history",), passage="Vilnius"))
        assert [n.body for n in store.all_notes(tag="nato")] == [
            "Check the airspace claim",
            "Troops: none",
        ]
        assert [n.body for n in store.all_notes(text="VILNIUS")] == ["Vilnius summit"]
        assert [n.body for n in store.all_notes(tag="urgent", text="airspace check")] == [
            "Check the airspace claim"
        ]
        assert store.all_notes(text="no such words") == []
        assert store.tags()[0].casefold() == "nato"
        assert set(store.tags()) >= {"urgent", "history"}


def test_tags_are_normalised() -> None:
    assert normalize_tags("nato, air defence;#urgent, NATO, ,`x`") == (
        "nato",
        "air-defence",
        "urgent",
        "x",
    )


def test_control_characters_never_reach_the_store(db: Path) -> None:
    doc = parse_file(SEED_A)
    with NotesStore.open(db) as store:
        saved = store.add(_note(doc, "bad\x1b]2;pwned\x07 text\x00\r\nnext", ("a\x1b[31mb",)))
        assert saved.body == "bad]2;pwned text\nnext"
        assert store.get(saved.id) == saved
        assert saved.tags == ("a[31mb",)


def test_edit_delete_and_undo(db: Path) -> None:
    doc = parse_file(SEED_A)
    with NotesStore.open(db) as store:
        saved = store.add(_note(doc))
        edited = store.edit(saved.id, NoteDraft("changed", ("x",), "blue"))
        assert (edited.body, edited.tags, edited.colour) == ("changed", ("x",), "blue")
        assert edited.created == saved.created
        deleted = store.delete(saved.id)
        assert deleted == edited
        assert store.get(saved.id) is None and store.count() == 0
        assert store.delete(saved.id) is None
        store.restore(deleted)
        assert store.get(saved.id) == edited


def test_reanchor_moves_orphans_and_reattaches(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    original = SEED_A.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    doc = parse_file(path)
    with NotesStore.open(db) as store:
        moving = store.add(_note(doc, "moves"))
        lost = store.add(_note(doc, "will be lost", passage="in the coming weeks"))
        path.write_text(
            "An editor's note added on top.\n" + original.replace("in the coming weeks", "soon"),
            encoding="utf-8",
        )
        doc2 = parse_file(path)
        moved, orphaned = store.reanchor(doc2)
        assert [n.id for n in moved] == [moving.id]
        assert [n.id for n in orphaned] == [lost.id]
        now_moving = store.get(moving.id)
        assert now_moving is not None
        assert doc2.text[now_moving.start : now_moving.end] == PASSAGE
        orphan = store.get(lost.id)
        assert orphan is not None and orphan.orphaned and orphan.exact == "in the coming weeks"
        assert orphan.body == "will be lost"
        assert [n.id for n in store.orphans()] == [lost.id]
        # Unchanged text: nothing to do.
        assert store.reanchor(doc2).moved == []
        # Re-attach by hand.
        start = doc2.text.index("soon")
        anchor = make_anchor(doc_key(str(path)), doc2.text, start, start + 4)
        again = store.reattach(lost.id, anchor)
        assert not again.orphaned and again.exact == "soon"
        assert store.orphans() == []


def test_orphan_comes_back_when_the_text_is_restored(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    original = SEED_A.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    with NotesStore.open(db) as store:
        note = store.add(_note(parse_file(path)))
        path.write_text(original.replace(PASSAGE, "Something else entirely."), encoding="utf-8")
        assert [n.id for n in store.reanchor(parse_file(path)).orphaned] == [note.id]
        path.write_text(original, encoding="utf-8")
        moved, orphaned = store.reanchor(parse_file(path))
        assert [n.id for n in moved] == [note.id] and orphaned == []
        back = store.get(note.id)
        assert back is not None and not back.orphaned


def test_reanchor_keeps_words_edited_in_another_window(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    original = SEED_A.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    with NotesStore.open(db) as a, NotesStore.open(db) as b:
        note = a.add(_note(parse_file(path), "old words"))
        path.write_text("New first line.\n" + original, encoding="utf-8")
        b.edit(note.id, NoteDraft("new words", ("t",)))
        a.reanchor(parse_file(path))
        got = a.get(note.id)
        assert got is not None and got.body == "new words" and got.start == note.start + 16


WRITER = textwrap.dedent(
    """
    import sys
    from parsers import parse_text
    from tui.notes.store import NotesStore, NoteDraft, new_note
    db, label, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    doc = parse_text("Alpha beta gamma delta. " * 40, "/tmp/writer-doc.txt")
    store = NotesStore.open(db, timeout=30)
    i = 0
    while count < 0 or i < count:
        note = store.add(new_note(doc, (i * 7) % 900, (i * 7) % 900 + 20,
                                  NoteDraft(f"{label} {i}", (label,))))
        print(note.id, flush=True)
        i += 1
    """
)


def _spawn(db: Path, label: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), label, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def test_two_writers_at_once_lose_nothing(db: Path) -> None:
    NotesStore.open(db).close()
    procs = [_spawn(db, "one", 150), _spawn(db, "two", 150)]
    outputs = [p.communicate(timeout=120) for p in procs]
    for p, (_, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
    reported = {line for out, _ in outputs for line in out.split()}
    assert len(reported) == 300
    with NotesStore.open(db) as store:
        ids = {n.id for n in store.all_notes()}
        assert ids == reported
        assert len(store.all_notes(tag="one")) == len(store.all_notes(tag="two")) == 150


def test_kill_minus_nine_loses_nothing_saved(db: Path) -> None:
    proc = _spawn(db, "crash", -1)
    assert proc.stdout is not None
    reported: list[str] = []
    deadline = time.monotonic() + 60
    while len(reported) < 40 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        reported.append(line.strip())
    proc.send_signal(signal.SIGKILL)  # mid-write, most likely: it writes in a tight loop
    proc.wait(timeout=30)
    reported += [line.strip() for line in proc.stdout.read().split()]
    assert len(reported) >= 40, proc.stderr.read() if proc.stderr else ""
    with NotesStore.open(db) as store:
        ids = {n.id for n in store.all_notes()}
    assert set(reported) <= ids
    assert len(ids) - len(reported) <= 1  # at most the one committed as the kill came


def test_locked_database_gives_a_clear_message_on_write(db: Path) -> None:
    doc = parse_file(SEED_A)
    NotesStore.open(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with NotesStore.open(db, timeout=0.2) as store:
            with pytest.raises(NotesStoreError) as err:
                store.add(_note(doc))
            assert err.value.kind == "locked"
            assert "locked" in str(err.value) and "\n" not in str(err.value)
            assert "read_only" in err.value.ways_out
            holder.execute("ROLLBACK")
            store.add(_note(doc))  # retry works once the lock is gone
            assert store.count() == 1
    finally:
        holder.close()


def test_locked_database_gives_a_clear_message_on_open(db: Path) -> None:
    NotesStore.open(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("COMMIT")
    try:
        with pytest.raises(NotesStoreError) as err:
            NotesStore.open(db, timeout=0.2)
        assert err.value.kind == "locked"
    finally:
        holder.close()


def _write_sample(db: Path) -> None:
    with NotesStore.open(db) as store:
        store.add(_note(parse_file(SEED_A), "kept"))


READ_ONLY_PROBE = textwrap.dedent(
    """
    import sys
    from tui.notes.store import NotesStore, NotesStoreError
    try:
        NotesStore.open(sys.argv[1])
    except NotesStoreError as exc:
        print(exc.kind, ",".join(exc.ways_out))
        print(exc)
    with NotesStore.open(sys.argv[1], read_only=True) as store:
        print([n.body for n in store.all_notes()])
        try:
            store.add(store.all_notes()[0])
        except NotesStoreError as exc:
            print(exc.kind)
    """
)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file_and_folder_give_a_clear_message_and_open_read_only(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "ro"
    db = folder / "notes.db"
    _write_sample(db)
    for f in folder.iterdir():
        f.chmod(0o444)
    folder.chmod(0o555)
    try:
        out = subprocess.run(
            [sys.executable, "-c", READ_ONLY_PROBE, str(db)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=60,
        )
    finally:
        folder.chmod(0o755)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "read_only read_only"
    assert "read-only" in lines[1] and str(db) in lines[1]
    assert lines[2:] == ["['kept']", "read_only"]


def test_unwritable_database_gives_a_clear_message_and_opens_read_only(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_sample(db)
    real_access = os.access

    def access(path: object, mode: int, **kw: object) -> bool:
        if mode & os.W_OK and str(path).startswith(str(db.parent)):
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    with pytest.raises(NotesStoreError) as err:
        NotesStore.open(db)
    assert err.value.kind == "read_only" and err.value.ways_out == ("read_only",)
    assert "read-only" in str(err.value) and "\n" not in str(err.value)
    with NotesStore.open(db, read_only=True) as store:
        assert [n.body for n in store.all_notes()] == ["kept"]
        with pytest.raises(NotesStoreError) as err2:
            store.add(store.all_notes()[0])
        assert err2.value.kind == "read_only"


def test_sqlite_refusing_a_write_is_reported_as_read_only(db: Path) -> None:
    _write_sample(db)
    # A store whose file turned read-only under it (its connection can no longer write).
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    store = NotesStore(conn, db, read_only=False)
    with store, pytest.raises(NotesStoreError) as err:
        store.add(_note(parse_file(SEED_A)))
    assert err.value.kind == "read_only"
    with NotesStore.open(db) as again:
        assert again.count() == 1


def test_corrupt_database_message_and_start_fresh_keeps_the_old_file(db: Path) -> None:
    db.parent.mkdir(parents=True)
    garbage = b"this is not a database at all\n" * 200
    db.write_bytes(garbage)
    with pytest.raises(NotesStoreError) as err:
        NotesStore.open(db)
    assert err.value.kind == "corrupt"
    assert err.value.ways_out == ("start_fresh",)
    assert "damaged" in str(err.value) and "corrupt-" in str(err.value)
    store, kept = NotesStore.start_fresh(db)
    with store:
        assert kept is not None and kept.name.startswith("notes.db.corrupt-")
        assert kept.read_bytes() == garbage
        store.add(_note(parse_file(SEED_A)))
        assert store.count() == 1


def test_damaged_pages_are_detected(db: Path) -> None:
    with NotesStore.open(db) as store:
        doc = parse_file(SEED_A)
        for i in range(200):
            store.add(_note(doc, f"note {i} " + "x" * 300))
    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = raw.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(db.read_bytes())
    for off in range(page * 2, min(len(data), page * 12)):
        data[off] = 0xA5
    db.write_bytes(bytes(data))
    with pytest.raises(NotesStoreError) as err:
        NotesStore.open(db)
    assert err.value.kind == "corrupt"


def test_an_unrelated_sqlite_file_is_not_taken_for_notes(db: Path) -> None:
    db.parent.mkdir(parents=True)
    with sqlite3.connect(db) as raw:
        raw.execute("CREATE TABLE accounts (id INTEGER)")
    with pytest.raises(NotesStoreError) as err:
        NotesStore.open(db)
    assert err.value.kind == "corrupt"


def test_old_schema_migrates_forward_with_a_backup(db: Path) -> None:
    from tui.notes.store import MIGRATIONS

    db.parent.mkdir(parents=True)
    raw = sqlite3.connect(db)
    MIGRATIONS[0](raw)
    raw.execute(
        "INSERT INTO notes (id, path, content_hash, exact, prefix, suffix, pos_start, pos_end, "
        "body, created, updated) VALUES ('n1', '/x.txt', 'sha256:0', 'exact', '', '', 0, 5, "
        "'kept through migration', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')"
    )
    raw.execute("PRAGMA user_version = 1")
    raw.commit()
    raw.close()
    with NotesStore.open(db) as store:
        note = store.get("n1")
        assert note is not None and note.body == "kept through migration"
        assert store.document_info("/x.txt") is None  # the v2 table exists now
    backups = sorted(db.parent.glob("notes.db.v1-*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
        assert old.execute("SELECT body FROM notes").fetchone()[0] == "kept through migration"
    with sqlite3.connect(db) as raw2:
        assert raw2.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    NotesStore.open(db).close()  # no second migration, no second backup
    assert len(list(db.parent.glob("notes.db.v1-*.bak"))) == 1


def test_newer_schema_is_refused_but_reads_read_only(db: Path) -> None:
    _write_sample(db)
    with sqlite3.connect(db) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    with pytest.raises(NotesStoreError) as err:
        NotesStore.open(db)
    assert err.value.kind == "newer" and err.value.ways_out == ("read_only",)
    with NotesStore.open(db, read_only=True) as store:
        assert [n.body for n in store.all_notes()] == ["kept"]


def test_read_only_of_a_missing_database_is_empty_and_creates_nothing(db: Path) -> None:
    with NotesStore.open(db, read_only=True) as store:
        assert store.all_notes() == [] and store.tags() == []
    assert not db.exists() and not db.parent.exists()


def test_reanchor_in_a_read_only_store_answers_without_writing(db: Path) -> None:
    doc = parse_text("Title\n" + "Filler words here. " * 5 + PASSAGE + ". The end.", "/tmp/r.txt")
    with NotesStore.open(db) as store:
        note = store.add(_note(doc))
    doc2 = parse_text("Title\nA new line.\n" + doc.text[6:], "/tmp/r.txt")
    with NotesStore.open(db, read_only=True) as ro:
        moved, _ = ro.reanchor(doc2)
        assert [n.id for n in moved] == [note.id]
        stored = ro.get(note.id)
        assert stored is not None and stored.start == note.start


def test_full_disk_while_saving_is_a_message_and_saves_nothing_partial(db: Path) -> None:
    doc = parse_file(SEED_A)
    with NotesStore.open(db) as store:
        store.add(_note(doc, "before"))
    # The store on a connection of our own, so the test can stop the file from growing.
    conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    with NotesStore(conn, db, read_only=False) as store:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow
        with pytest.raises(NotesStoreError) as err:
            store.add(_note(doc, "x" * 200_000, ("big",)))
        assert err.value.kind == "full" and "not saved" in str(err.value)
        assert [n.body for n in store.all_notes()] == ["before"]
        assert store.tags() == []  # no half-written note: its tags went with it
        conn.execute("PRAGMA max_page_count = 1073741823")
        store.add(_note(doc, "after"))
        assert store.count() == 2
