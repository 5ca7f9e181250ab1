"""The team store on a real PostgreSQL: schema with consent, authors, many writers at once,
kill -9, edit conflicts, live notifications, an outage with a local queue, no password shown."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest
from conftest import ROOT, SEED_A
from pg_fixture import PASSWORD, PgServer, start_server

from parsers import parse_file
from tui.notes.backend import NotesBackend
from tui.notes.store import NoteConflict, NoteDraft, NotesStoreError, new_note
from tui.store.postgres import NoteListener, PostgresNotesStore, init_schema
from tui.store.url import mask

PASSAGE = "The proposals are said to focus on air defense systems"
CLI = [sys.executable, "-m", "tui.cli.main"]


def _note(body: str = "n"):  # type: ignore[no-untyped-def]
    doc = parse_file(SEED_A)
    start = doc.text.index(PASSAGE)
    return doc, new_note(doc, start, start + len(PASSAGE), NoteDraft(body, ("nato",)))


@pytest.fixture
def url(pg_url: str) -> str:
    init_schema(pg_url)
    return pg_url


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )


def test_store_init_asks_then_creates_and_never_prints_the_password(pg_url: str) -> None:
    refused = _cli("store", "init", pg_url)
    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert PASSWORD not in refused.stderr + refused.stdout
    with pytest.raises(NotesStoreError, match="store init") as err:
        PostgresNotesStore.open(pg_url)
    assert PASSWORD not in str(err.value) and "***" in str(err.value)
    done = _cli("store", "init", "--yes", pg_url)
    assert done.returncode == 0, done.stderr
    assert "schema 0 → 3" in done.stderr and PASSWORD not in done.stderr + done.stdout
    again = _cli("store", "init", "--yes", pg_url)
    assert "up to date" in again.stderr
    with PostgresNotesStore.open(pg_url, author="anna") as store:
        assert isinstance(store, NotesBackend)
        assert PASSWORD not in store.location + repr(store.location)


def test_a_wrong_password_or_dead_server_is_one_masked_line(pg_server: PgServer) -> None:
    bad = pg_server.url().replace(PASSWORD, "wrong-pw-123")
    with pytest.raises(NotesStoreError) as err:
        PostgresNotesStore.open(bad)
    assert "wrong-pw-123" not in str(err.value) and "\n" not in str(err.value)
    assert mask(bad) in str(err.value)


def test_notes_round_trip_with_author_tags_and_filters(url: str) -> None:
    doc, note = _note("Check the airspace claim")
    with PostgresNotesStore.open(url, author="anna") as store:
        saved = store.add(note, doc)
        assert saved.author == "anna" and saved.version == 1
    with PostgresNotesStore.open(url, author="bob") as other:
        (got,) = other.notes_for(str(SEED_A))
        assert got == saved
        assert other.all_notes(author="ANNA") == [saved]
        assert other.all_notes(tag="#NATO") == [saved]
        assert other.all_notes(text="airspace") == [saved]
        assert other.all_notes(text="nothing-like-this") == []
        assert other.tags() == ["nato"] and other.authors() == ["anna"]
        info = other.document_info(str(SEED_A))
        assert info is not None and info.title == doc.title
        gone = other.delete(saved.id)
        assert gone is not None and other.count() == 0
        other.restore(gone)
        assert other.count() == 1


def test_edit_conflict_is_raised_not_overwritten(url: str) -> None:
    doc, note = _note("first")
    with (
        PostgresNotesStore.open(url, author="anna") as anna,
        PostgresNotesStore.open(url, author="bob") as bob,
    ):
        saved = anna.add(note, doc)
        bob.edit(saved.id, NoteDraft("bob was here"), base_version=saved.version)
        with pytest.raises(NoteConflict) as err:
            anna.edit(saved.id, NoteDraft("anna's words"), base_version=saved.version)
        assert err.value.theirs is not None and err.value.theirs.body == "bob was here"
        assert err.value.theirs.author == "anna"  # the note is still anna's; bob edited it
        assert anna.get(saved.id).body == "bob was here"  # type: ignore[union-attr]
        taken = anna.update(err.value.mine, base_version=err.value.theirs.version)
        assert taken.version == 3 and bob.get(saved.id).body == "anna's words"  # type: ignore[union-attr]


WRITER = textwrap.dedent(
    """
    import sys
    from parsers import parse_file
    from tui.notes.store import NoteDraft, new_note
    from tui.store.postgres import PostgresNotesStore
    url, who, n, path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    doc = parse_file(path)
    store = PostgresNotesStore.open(url, author=who, queue=None)
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(n):
        a = (i * 7) % max(1, len(doc.text) - 40)
        note = store.add(new_note(doc, a, a + 30, NoteDraft(f"{who} {i}")), doc)
        print(note.id, flush=True)
    store.close()
    """
)


def _writers(url: str, count: int, n: int, tmp_path: Path) -> list[subprocess.Popen[str]]:
    procs = []
    for w in range(count):
        env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / f"data{w}")}
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", WRITER, url, f"w{w}", str(n), str(SEED_A)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                cwd=ROOT,
                env=env,
            )
        )
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    for p in procs:  # all start writing at once
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    return procs


def _counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT author, COUNT(*), COUNT(DISTINCT id) FROM notes GROUP BY 1")
        out = {}
        for author, n, distinct in rows:
            assert n == distinct
            out[author] = n
        return out


def test_eight_writers_at_once_make_exactly_2000_notes(url: str, tmp_path: Path) -> None:
    procs = _writers(url, 8, 250, tmp_path)
    ids: set[str] = set()
    for p in procs:
        out, _ = p.communicate(timeout=300)
        assert p.returncode == 0
        ids |= set(out.split())
    assert len(ids) == 2000
    assert _counts(url) == {f"w{w}": 250 for w in range(8)}
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT COUNT(*) FROM notes").fetchone() == (2000,)


def test_kill_9_loses_only_that_writers_unsent_note(url: str, tmp_path: Path) -> None:
    procs = _writers(url, 3, 250, tmp_path)
    victim = procs[0]
    assert victim.stdout is not None
    acked: list[str] = []
    while len(acked) < 40:
        acked.append(victim.stdout.readline().strip())
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    acked += [line.strip() for line in victim.stdout.read().split()]
    for p in procs[1:]:
        p.communicate(timeout=300)
        assert p.returncode == 0
    counts = _counts(url)
    assert counts["w1"] == 250 and counts["w2"] == 250
    with psycopg.connect(url) as conn:
        stored = {r[0] for r in conn.execute("SELECT id FROM notes WHERE author = 'w0'")}
    assert set(acked) <= stored  # every note it was told was saved, is
    assert len(stored) - len(acked) <= 1  # at most the one in flight was saved unacknowledged
    assert len(stored) < 250


def test_a_colleagues_note_is_heard_within_two_seconds(url: str) -> None:
    heard: list[dict[str, Any]] = []
    got = threading.Event()

    def on_event(event: dict[str, Any]) -> None:
        heard.append(event)
        got.set()

    listener = NoteListener(url, on_event).start()
    try:
        doc, note = _note("live")
        with PostgresNotesStore.open(url, author="bob") as bob:
            t0 = time.monotonic()
            saved = bob.add(note, doc)
            assert got.wait(2.0), "no notification within 2 s"
            assert time.monotonic() - t0 < 2.0
            assert heard[0]["op"] == "insert" and heard[0]["id"] == saved.id
            assert heard[0]["author"] == "bob" and heard[0]["pid"] == bob.backend_pid
            got.clear()
            bob.edit(saved.id, NoteDraft("changed"))
            assert got.wait(2.0) and heard[-1]["op"] == "update"
            got.clear()
            bob.delete(saved.id)
            assert got.wait(2.0) and heard[-1]["op"] == "delete"
    finally:
        listener.stop()


def test_server_gone_means_read_only_queue_and_nothing_lost(tmp_path: Path) -> None:
    server = start_server()
    try:
        url = server.create_database()
        init_schema(url)
        doc, note = _note("before")
        store = PostgresNotesStore.open(url, author="anna", queue=tmp_path / "q.db")
        changes: list[bool] = []
        store.on_status = lambda s: changes.append(s.offline)
        first = store.add(note, doc)
        assert store.status_line() == ""
        server.stop()
        # reads still answer from what was seen; the next change is kept locally
        assert [n.id for n in store.notes_for(str(SEED_A))] == [first.id]
        assert store.read_only and changes == [True]
        line = store.status_line()
        assert "read-only" in line and PASSWORD not in line and "\n" not in line
        _, second = _note("written while the server was away")
        queued = store.add(second, doc)
        store.edit(first.id, NoteDraft("edited offline"))
        assert len(store.queue) == 2 and "2 changes kept locally" in store.status_line()
        assert {n.id for n in store.notes_for(str(SEED_A))} == {first.id, queued.id}
        start = server.start()
        assert start.returncode == 0, start.stderr
        assert store.reconnect() and not store.read_only and changes == [True, False]
        assert len(store.queue) == 0
        with psycopg.connect(url) as conn:
            rows = dict(conn.execute("SELECT id, body FROM notes").fetchall())
        assert rows == {first.id: "edited offline", queued.id: "written while the server was away"}
        store.close()
    finally:
        server.stop()


def test_notes_add_and_export_from_the_shell(url: str, tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "XDG_DATA_HOME": str(tmp_path)}
    cfg = tmp_path / "cfg" / "briefing-tui"
    cfg.mkdir(parents=True)
    (cfg / "config.toml").write_text('user = "anna"\n')
    quote = "the proposals are said to  focus on air defense systems"  # case and spacing off
    added = _cli(
        "notes",
        "add",
        str(SEED_A),
        "--quote",
        quote,
        "--note",
        "check this",
        "--tag",
        "nato",
        "--tag",
        "air defence",
        "--store",
        url,
        env=env,
    )
    assert added.returncode == 0, added.stderr
    assert PASSWORD not in added.stdout + added.stderr
    note_id = added.stdout.split("\t")[0]
    with PostgresNotesStore.open(url) as store:
        note = store.get(note_id)
    doc = parse_file(SEED_A)
    assert note is not None and note.exact == doc.text[note.start : note.end]
    assert note.exact.casefold() == PASSAGE.casefold() and note.author == "anna"
    assert note.tags == ("nato", "air-defence")
    missing = _cli("notes", "add", str(SEED_A), "--quote", "no such words at all", "--store", url)
    assert missing.returncode == 1 and "quote not found" in missing.stderr
    out = _cli("export", "--format", "json", "--store", url, env=env)
    assert out.returncode == 0, out.stderr
    (item,) = json.loads(out.stdout)["first"]["items"]
    assert item["creator"] == {"type": "Person", "name": "anna"}
    (cfg / "config.toml").write_text(f'user = "anna"\nstore = "{url}"\n')
    md = _cli("export", "--format", "md", env=env)
    assert md.returncode == 0 and "· anna," in md.stdout and "check this" in md.stdout
