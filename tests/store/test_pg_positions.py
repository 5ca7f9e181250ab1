"""Reading positions behind one interface: the same behaviour from ``positions.json`` and from a
team store's server (per user), an outage that loses nothing, and the reader choosing the server
when one is configured."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from conftest import SEED_B, app_ready, wait_for
from conftest import pilot_test as sync
from pg_fixture import PASSWORD, PgServer, start_server

from tui.core import paths
from tui.core.config import Config
from tui.core.positions import FILE_NAME, Positions, PositionsBackend
from tui.store.positions import PostgresPositions
from tui.store.postgres import init_schema
from tui.store.select import open_positions

Opener = Callable[[str], PositionsBackend]


@pytest.fixture(params=["file", "server"])
def opener(request: pytest.FixtureRequest) -> Opener:
    """Opens the reading positions of a user, from the file or from a fresh server database."""
    if request.param == "file":
        return lambda user: Positions()
    url = request.getfixturevalue("pg_url")
    init_schema(url)
    return lambda user: PostgresPositions(url, user=user)


def test_round_trip_last_document_and_relative_paths(
    opener: Opener, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("x")
    monkeypatch.chdir(tmp_path)
    first = opener("anna")
    assert first.get("a.txt") is None and first.last() is None
    first.set("a.txt", 120, 80)
    first.set_last("a.txt")
    assert first.save() is None
    again = opener("anna")
    pos = again.get(str(tmp_path / "a.txt"))
    assert pos is not None and (pos.cursor, pos.top) == (120, 80)
    assert again.last() == str((tmp_path / "a.txt").resolve())
    assert again.problem is None


def test_two_readers_merge_and_an_unchanged_position_is_not_sent(opener: Opener) -> None:
    one, two = opener("anna"), opener("anna")
    one.set("/docs/one.txt", 1, 0)
    two.set("/docs/two.txt", 2, 0)
    assert one.save() is None and two.save() is None
    fresh = opener("anna")
    assert fresh.get("/docs/one.txt") is not None and fresh.get("/docs/two.txt") is not None
    fresh.set("/docs/one.txt", 1, 0)  # as it is: nothing to keep
    assert fresh.save() is None
    fresh.set("/docs/one.txt", -5, -1)  # never below the start
    assert fresh.save() is None
    pos = opener("anna").get("/docs/one.txt")
    assert pos is not None and (pos.cursor, pos.top) == (0, 0)


def test_server_positions_are_per_user_and_the_file_is_untouched(pg_url: str) -> None:
    init_schema(pg_url)
    anna, bob = PostgresPositions(pg_url, user="anna"), PostgresPositions(pg_url, user="bob")
    anna.set("/docs/a.txt", 10, 5)
    anna.set_last("/docs/a.txt")
    bob.set("/docs/a.txt", 99, 90)
    assert anna.save() is None and bob.save() is None
    again = PostgresPositions(pg_url, user="anna")
    pos = again.get("/docs/a.txt")
    assert pos is not None and (pos.cursor, pos.top) == (10, 5)
    assert again.last() == "/docs/a.txt"
    assert PostgresPositions(pg_url, user="bob").last() is None
    assert PostgresPositions(pg_url, user="carol").get("/docs/a.txt") is None
    assert not (paths.data_dir() / FILE_NAME).exists()


def test_the_local_choice_is_the_file_as_before() -> None:
    local = open_positions(Config())
    assert isinstance(local, Positions)
    local.set("/docs/x.txt", 3, 1)
    local.set_last("/docs/x.txt")
    assert local.save() is None
    data = json.loads((paths.data_dir() / FILE_NAME).read_text())
    assert data["last"] == "/docs/x.txt" and data["docs"]["/docs/x.txt"][:2] == [3, 1]


def test_a_server_away_keeps_positions_and_sends_them_when_it_returns() -> None:
    server: PgServer = start_server()
    try:
        url = server.create_database()
        init_schema(url)
        anna = PostgresPositions(url, user="anna", connect_timeout=2)
        anna.set("/docs/a.txt", 7, 3)
        assert anna.save() is None
        server.stop()
        anna.set("/docs/b.txt", 40, 30)
        anna.set_last("/docs/b.txt")
        line = anna.save()
        assert line is not None and "reading positions" in line and "\n" not in line
        assert PASSWORD not in line and "***" in line
        assert anna.save() is None  # said once per outage
        pos = anna.get("/docs/b.txt")
        assert pos is not None and pos.cursor == 40  # still there for this session
        away = PostgresPositions(url, user="anna", connect_timeout=2)
        assert away.get("/docs/a.txt") is None  # nothing to read: a line, no exception
        assert away.problem is not None and PASSWORD not in away.problem
        assert server.start().returncode == 0
        anna._next_try = 0.0  # do not wait RETRY_AFTER in a test
        assert anna.save() is None
        back = PostgresPositions(url, user="anna")
        got = back.get("/docs/b.txt")
        assert got is not None and (got.cursor, got.top) == (40, 30)
        assert back.get("/docs/a.txt") is not None and back.last() == "/docs/b.txt"
    finally:
        server.stop()


def test_a_server_without_the_table_says_store_init(pg_url: str) -> None:
    p = PostgresPositions(pg_url, user="anna")
    assert p.get("/docs/a.txt") is None
    assert p.problem is not None and "reading_positions" in p.problem
    assert PASSWORD not in p.problem


@sync
async def test_the_reader_keeps_positions_on_the_team_store(pg_url: str) -> None:
    from tui.ui.app import BriefingApp

    init_schema(pg_url)
    config = Config(store=pg_url, user="anna")
    app = BriefingApp([str(SEED_B)], config=config)
    async with app.run_test(size=(100, 20)) as pilot:
        await app_ready(pilot, app)
        for _ in range(7):
            await pilot.press("j")
        span = app.reader.cursor_span
        top = app.reader.scroll_position
        await pilot.press("q")
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute("SELECT reader, path, cursor_at FROM reading_positions").fetchall()
    assert rows == [("anna", str(SEED_B.resolve()), span[0])]
    assert not (paths.data_dir() / FILE_NAME).exists()
    again = BriefingApp([str(SEED_B)], config=config)
    async with again.run_test(size=(100, 20)) as pilot:
        await app_ready(pilot, again)
        await wait_for(pilot, lambda: again.reader.cursor_span == span)
        assert again.reader.scroll_position == top
