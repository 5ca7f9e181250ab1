"""Pilot on a real PostgreSQL: the reader opens the configured team store, hears a colleague's
note (highlight, one line), and when the server goes away says so in one line, keeps the note
written meanwhile in the local queue and sends it when the server is back."""

from __future__ import annotations

from pathlib import Path

import psycopg
from conftest import SEED_A, pilot_test, wait_for
from pg_fixture import PASSWORD, start_server
from textual.pilot import Pilot

from parsers import parse_file
from tui.core import paths
from tui.notes.store import NoteDraft, new_note
from tui.store.postgres import PostgresNotesStore, init_schema
from tui.ui.app import BriefingApp


def _messages(app: BriefingApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def _note_spans(app: BriefingApp) -> set[tuple[int, int]]:
    return {
        s
        for layer in app.reader._marks
        if layer.startswith("notes")
        for s in app.reader.mark_spans(layer)
    }


async def _ready(pilot: Pilot[None], app: BriefingApp) -> None:
    await wait_for(
        pilot, lambda: not app.loading and app.document is not None and app.reader.layout_complete
    )
    await wait_for(pilot, lambda: app.notes._team is not None)
    team = app.notes._team
    assert team is not None
    await wait_for(pilot, lambda: team.listener._ready.is_set())


@pilot_test
async def test_reader_hears_colleagues_goes_offline_queues_and_flushes(tmp_path: Path) -> None:
    server = start_server()
    try:
        url = server.create_database()
        init_schema(url)
        cfg = paths.config_dir()
        cfg.mkdir(parents=True, exist_ok=True)
        (cfg / "config.toml").write_text(f'user = "anna"\nstore = "{url}"\n')
        app = BriefingApp([str(SEED_A)])
        async with app.run_test(size=(120, 40)) as pilot:
            await _ready(pilot, app)
            store = app.notes.store()
            assert isinstance(store, PostgresNotesStore) and store.author == "anna"

            # bob, elsewhere, notes a passage of the open document: anna's reader shows it
            doc = parse_file(SEED_A)
            start = doc.text.index("ground troops")
            with PostgresNotesStore.open(url, author="bob", queue=tmp_path / "bob.db") as bob:
                bob.add(new_note(doc, start, start + 13, NoteDraft("bob's view")), doc)
            await wait_for(pilot, lambda: any("bob added a note" in m for m in _messages(app)))
            assert (start, start + 13) in _note_spans(app)

            # the server goes away: one line, the password never shown
            server.stop()
            await wait_for(pilot, lambda: any("read-only" in m for m in _messages(app)))
            line = next(m for m in _messages(app) if "read-only" in m)
            assert "\n" not in line and PASSWORD not in line
            assert store.read_only

            # a note written meanwhile is kept locally and shown
            await pilot.press("j", "j")
            span = app.reader.cursor_span
            await pilot.press("a")
            await wait_for(pilot, lambda: app.screen.__class__.__name__ == "NoteForm")
            await pilot.press(*"while away")
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: any("saved locally" in m for m in _messages(app)))
            assert len(store.queue) == 1
            assert span in _note_spans(app)

            # the server is back: the queue is sent, the reader says so
            assert server.start().returncode == 0
            await wait_for(
                pilot, lambda: any("Team store is back" in m for m in _messages(app)), 20
            )
            assert not store.read_only, store.offline_reason
            assert len(store.queue) == 0
            assert not any("read-only" in m for m in _messages(app))
        with psycopg.connect(url) as conn:
            rows = conn.execute("SELECT author, body FROM notes ORDER BY body").fetchall()
        assert rows == [("bob", "bob's view"), ("anna", "while away")]
    finally:
        server.stop()
