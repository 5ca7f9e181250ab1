"""The watchlist: config + added − removed, persisted; mentions by id, name or phrase; new
since last looked; ``briefing-tui watch``."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import pytest

from tui.cli.main import main
from tui.core.config import load_config
from tui.core.paths import config_dir, data_dir
from tui.library.library import Library
from tui.timeline.watchlist import (
    WATCH_FILE,
    Watchlist,
    entry_places,
    find_mentions,
    watched_places,
    with_sentences,
)

OLD = dt.datetime(2025, 6, 1, 9, 0).timestamp()


def _article(folder: Path, name: str, day: str, body: str, mtime: float = OLD) -> Path:
    p = folder / name
    p.write_text(f"Report {name}\ndate {day}\n\n{body}\n", encoding="utf-8")
    os.utime(p, (mtime, mtime))
    return p


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    lib.mkdir()
    _article(lib, "a.txt", "2025-06-01", "Donald Trump met Mark Rutte. Talks went on.")
    _article(
        lib,
        "b.txt",
        "2025-06-03",
        "Allies discussed air defence for Kyiv. Trump said little. NATO agreed on Patriot.",
    )
    return lib


def _library(folder: Path) -> Library:
    lib = Library([str(folder)])
    lib.scan()
    return lib


def test_config_entries_added_removed_and_persisted() -> None:
    wl = Watchlist.load(["Donald Trump", "air defence"])
    assert wl.entries == ["Donald Trump", "air defence"]
    assert wl.add("person:mark-rutte") and not wl.add("donald  TRUMP")
    assert wl.remove("Air Defence") and not wl.remove("nobody")
    again = Watchlist.load(["Donald Trump", "air defence"])
    assert again.entries == ["Donald Trump", "person:mark-rutte"]
    assert again.add("air defence")  # a configured entry removed, then added back
    assert Watchlist.load(["Donald Trump", "air defence"]).entries == [
        "Donald Trump",
        "air defence",
        "person:mark-rutte",
    ]
    data = json.loads((data_dir() / WATCH_FILE).read_text("utf-8"))
    assert data["added"] == ["person:mark-rutte"] and data["removed"] == []


def test_a_damaged_file_is_one_problem_not_an_error() -> None:
    data_dir().mkdir(parents=True, exist_ok=True)
    (data_dir() / WATCH_FILE).write_text("{not json", "utf-8")
    wl = Watchlist.load(["NATO"])
    assert wl.entries == ["NATO"] and len(wl.problems) == 1
    assert WATCH_FILE in wl.problems[0]


def test_config_watch_setting() -> None:
    config_dir().mkdir(parents=True, exist_ok=True)
    p = config_dir() / "config.toml"
    p.write_text('watch = ["Donald Trump", "air defence", ""]\n', "utf-8")
    assert load_config().watch == ["Donald Trump", "air defence"]
    p.write_text('watch = "Donald Trump"\n', "utf-8")
    cfg = load_config()
    assert cfg.watch == [] and "watch must be a list" in cfg.problems[0]


def test_entries_match_by_id_name_spelling_or_phrase(folder: Path) -> None:
    lib = _library(folder)
    text = {e.path: Path(e.path).read_text("utf-8") for e in lib.entries}

    def words(entry: str) -> list[str]:
        return sorted(text[p][s:e] for _, p, s, e in entry_places(lib.index, entry))

    assert words("person:donald-trump") == ["Donald Trump", "Trump"]
    assert words("donald trump") == ["Donald Trump", "Trump"]  # the name, any case
    assert words("Air Defense") == ["air defence"]  # a phrase, spelling variants allowed
    assert words("zzqqxx") == []
    lib.close()


def test_mentions_newest_first_with_sentences_and_counts(folder: Path) -> None:
    lib = _library(folder)
    wl = Watchlist.load(["Donald Trump", "air defence"])
    got = with_sentences(lib.index, find_mentions(lib.index, lib.entries, wl))
    assert [(os.path.basename(m.path), m.text) for m in got] == [
        ("b.txt", "air defence"),
        ("b.txt", "Trump"),
        ("a.txt", "Donald Trump"),
    ]
    assert got[1].sentence == "Trump said little."
    assert got[1].day == dt.date(2025, 6, 3) and not got[1].from_file
    assert all(m.new for m in got)  # never looked at: everything is new
    since = find_mentions(lib.index, lib.entries, wl, since=dt.date(2025, 6, 2))
    assert {os.path.basename(m.path) for m in since} == {"b.txt"}
    assert len(find_mentions(lib.index, lib.entries, wl, limit=2)) == 2
    places = watched_places(lib.index, wl)
    assert {os.path.basename(p): len(v) for p, v in places.items()} == {"a.txt": 1, "b.txt": 2}
    assert all(v == sorted(v) for v in places.values())
    lib.close()


def test_a_watched_entity_in_a_newly_added_document_is_new(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "config.toml").write_text('watch = ["Donald Trump"]\n', "utf-8")
    wl = Watchlist.load(["Donald Trump"])
    wl.mark_seen(OLD + 60)  # looked at after a.txt and b.txt arrived
    assert main(["watch", "--json", str(folder)]) == 1
    assert capsys.readouterr().out == ""
    now = time.time()
    _article(folder, "c.txt", "2025-06-04", "Later, Donald Trump flew to Kyiv.", now)
    assert main(["watch", "--json", str(folder)]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(os.path.basename(r["path"]), r["text"], r["new"]) for r in rows] == [
        ("c.txt", "Donald Trump", True)
    ]
    assert rows[0]["sentence"] == "Later, Donald Trump flew to Kyiv."
    assert rows[0]["date"] == "2025-06-04" and rows[0]["date_from"] == "document"
    body = Path(rows[0]["path"]).read_text("utf-8")
    assert body[rows[0]["start"] : rows[0]["end"]] == "Donald Trump"
    assert body[rows[0]["sentence_start"] : rows[0]["sentence_end"]] == rows[0]["sentence"]
    # --since lists every mention from that day on, new or not; plain text reads too.
    assert main(["watch", "--since", "2025-06-03", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "c.txt" in out and "b.txt" in out and "a.txt" not in out
    assert "Trump said little." in out


def test_usage_errors_and_nothing_watched(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["watch", "--since", "June", str(folder)])
    assert exc.value.code == 2
    assert main(["watch", str(folder)]) == 1
    assert "nothing is watched" in capsys.readouterr().err
