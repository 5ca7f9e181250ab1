"""Timeline: document dates (own or file time), buckets chosen by span, sources, entity trends."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from parsers import parse_text
from tui.library.library import Library
from tui.search.index import SearchIndex
from tui.search.mentions import countable_docs, entity_mentions, entity_table, sentence_around
from tui.timeline.buckets import (
    NO_SOURCE,
    OTHER_SOURCES,
    DocDate,
    build_timeline,
    choose_granularity,
    document_dates,
    source_label,
)
from tui.timeline.trends import MentionTimes

D = dt.date


@dataclass
class Entry:
    path: str
    date: str | None
    source: str | None
    mtime_ns: int = 0
    title: str = ""


def test_document_dates_use_the_documents_date_else_the_file_time() -> None:
    mtime = dt.datetime(2025, 3, 4, 12, 0).timestamp()
    got = document_dates(
        [
            Entry("a", "2025-06-15", "UNN, citing Bloomberg"),
            Entry("b", None, None, int(mtime * 1e9)),
            Entry("c", "not a date", "Reuters", int(mtime * 1e9)),
            Entry("d", None, None, 0),  # no date and no file time: left out
        ]
    )
    assert got == [
        DocDate("a", D(2025, 6, 15), "UNN", False),
        DocDate("b", D(2025, 3, 4), NO_SOURCE, True),
        DocDate("c", D(2025, 3, 4), "Reuters", True),
    ]


def test_source_label_is_one_safe_line() -> None:
    assert source_label("UNN, citing Bloomberg") == "UNN"
    assert source_label("Evil\x1b]2;x\x07\nOutlet") == "Evil ]2;x Outlet"
    assert source_label(None) == NO_SOURCE


@pytest.mark.parametrize(
    ("first", "last", "cap", "unit"),
    [
        (D(2025, 6, 1), D(2025, 6, 1), 60, "day"),
        (D(2025, 6, 1), D(2025, 7, 30), 60, "day"),  # 60 days
        (D(2025, 6, 1), D(2025, 7, 31), 60, "week"),  # 61 days
        (D(2025, 1, 1), D(2025, 12, 31), 60, "week"),
        (D(2025, 1, 1), D(2025, 12, 31), 40, "month"),
        (D(2021, 1, 1), D(2025, 12, 31), 60, "month"),  # 60 months
        (D(2020, 12, 31), D(2025, 12, 31), 60, "quarter"),
        (D(2011, 1, 1), D(2025, 12, 31), 60, "quarter"),
        (D(2010, 12, 1), D(2025, 12, 31), 60, "year"),
    ],
)
def test_granularity_is_the_finest_that_fits(first: D, last: D, cap: int, unit: str) -> None:
    assert choose_granularity(first, last, cap) == unit


def test_buckets_keep_gaps_count_sources_and_file_dates() -> None:
    dates = [
        DocDate("a", D(2025, 6, 2), "UNN"),
        DocDate("b", D(2025, 6, 2), "Reuters"),
        DocDate("c", D(2025, 6, 5), "UNN", True),
        DocDate("d", D(2025, 6, 6), "AP"),
        DocDate("e", D(2025, 6, 6), NO_SOURCE),
    ]
    tl = build_timeline(dates, max_buckets=10, top_sources=2)
    assert tl.unit == "day"
    assert [b.label for b in tl.buckets] == [f"2025-06-0{i}" for i in range(2, 7)]
    assert [b.count for b in tl.buckets] == [2, 0, 0, 1, 2]
    assert tl.sources == ["UNN", "AP", OTHER_SOURCES]
    assert tl.buckets[0].by_source == {"UNN": 1, OTHER_SOURCES: 1}
    assert tl.buckets[3].from_file == 1 and tl.from_file == 1
    assert tl.index_of(D(2025, 6, 5)) == 3 and tl.index_of(D(2025, 7, 1)) is None
    assert tl.describe() == "5 documents · 2025-06-02 to 2025-06-06 · by day · 1 dated by file time"
    weekly = build_timeline(dates, max_buckets=3)
    assert weekly.unit == "week"
    assert [(b.label, b.count) for b in weekly.buckets] == [("week of 2025-06-02", 5)]
    assert build_timeline([]).buckets == []


def _doc(path: str, day: str, body: str) -> tuple[str, str]:
    return path, f"Report {path}\ndate {day}\n\n{body}\n"


ARTICLES = [
    _doc("a.txt", "2025-06-01", "Donald Trump met Mark Rutte in Brussels. NATO agreed."),
    _doc("b.txt", "2025-06-02", "Defense Minister Pål Jonson spoke. Donald Trump left early."),
    _doc("c.txt", "2025-06-09", "Mark Rutte and NATO. Mark Rutte again. Pål Jonson too."),
    _doc("d.txt", "2025-06-10", "Mark Rutte said NATO would act. Emmanuel Macron agreed."),
]


@pytest.fixture()
def index() -> tuple[SearchIndex, list[DocDate]]:
    ix = SearchIndex()
    dates = []
    for path, text in ARTICLES:
        doc = parse_text(text, path)
        doc.path = path
        ix.add(doc)
        assert doc.date is not None
        dates.append(DocDate(path, D.fromisoformat(doc.date), "x"))
    return ix, dates


def test_mentions_per_day_first_last_and_series(index: tuple[SearchIndex, list[DocDate]]) -> None:
    ix, dates = index
    mt = MentionTimes(ix, dates)
    rutte = "person:mark-rutte"
    assert mt.total(rutte) == 4
    assert mt.first_last(rutte) == (D(2025, 6, 1), D(2025, 6, 10))
    assert mt.days_series(rutte, D(2025, 6, 1), D(2025, 6, 11)) == [1, 0, 0, 0, 0, 0, 0, 0, 2, 1]
    tl = build_timeline(dates, max_buckets=20)
    series = mt.series(rutte, tl.buckets)
    assert len(series) == 10 and series[0] == 1 and series[8] == 2 and sum(series) == 4
    # "Defense Minister Pål Jonson" holds "Pål Jonson" under the same id: one mention.
    assert mt.total("person:pal-jonson") == 2
    assert mt.first_last("person:nobody") is None and mt.series("person:nobody", []) == []


def test_trends_rise_and_fall_between_the_halves(
    index: tuple[SearchIndex, list[DocDate]],
) -> None:
    ix, dates = index
    mt = MentionTimes(ix, dates)
    tr = mt.trends(D(2025, 6, 1), D(2025, 6, 11), limit=5)
    assert tr.middle == D(2025, 6, 6)
    rising = {t.name: (t.before, t.after) for t in tr.rising}
    falling = {t.name: (t.before, t.after) for t in tr.falling}
    assert rising["Mark Rutte"] == (1, 3)
    assert tr.rising[0].name == "Mark Rutte"  # the largest gain first
    assert falling["Donald Trump"] == (2, 0)
    assert "Pål Jonson" not in rising and "Pål Jonson" not in falling  # 1 and 1: no change
    assert all(t.type != "DATE" for t in tr.rising + tr.falling)


def test_merged_ids_count_as_one(index: tuple[SearchIndex, list[DocDate]]) -> None:
    ix, dates = index
    mt = MentionTimes(ix, dates, canonical=lambda e: "person:x" if e.startswith("person:") else e)
    ids, _, _, mentions, _ = entity_table(ix)
    assert mt.total("person:x") == sum(
        len(countable_docs(m))
        for eid, m in zip(ids, mentions, strict=True)
        if eid.startswith("person:")
    )
    assert "person:mark-rutte" not in mt


def test_removed_documents_no_longer_count(index: tuple[SearchIndex, list[DocDate]]) -> None:
    ix, dates = index
    ix.remove("c.txt")
    mt = MentionTimes(ix, dates)
    assert mt.total("person:mark-rutte") == 2
    assert [p for p, _, _ in entity_mentions(ix, "person:mark-rutte")] == ["a.txt", "d.txt"]


def test_sentence_around_a_mention(index: tuple[SearchIndex, list[DocDate]]) -> None:
    ix, _ = index
    text = dict(ARTICLES)["b.txt"]
    s = text.index("Donald Trump")
    a, b = sentence_around(ix, "b.txt", s, s + len("Donald Trump"))
    assert text[a:b] == "Donald Trump left early."
    assert sentence_around(ix, "nowhere.txt", 3, 5) == (3, 5)


def test_library_entries_carry_the_file_time_for_undated_documents(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "dated.txt").write_text("A title\ndate 2025-06-15\n\nBody.\n", "utf-8")
    (folder / "undated.txt").write_text("Another title\n\nBody without a date.\n", "utf-8")
    when = dt.datetime(2024, 2, 3, 10, 0).timestamp()
    os.utime(folder / "undated.txt", (when, when))
    for _ in range(2):  # the second time from the cache
        lib = Library([str(folder)])
        lib.scan()
        got = {os.path.basename(d.path): d for d in document_dates(lib.entries)}
        lib.close()
        assert got["dated.txt"].day == D(2025, 6, 15) and not got["dated.txt"].from_file
        assert got["undated.txt"].day == D(2024, 2, 3) and got["undated.txt"].from_file


def test_phrase_places_find_every_place_in_any_spelling() -> None:
    from tui.search.mentions import entities_named, phrase_places

    ix = SearchIndex()
    text = (
        "Air-Defence plans\n\n"
        "New air defences for Kyiv. The AIR DEFENSE of Prague and air   defense again.\n\n"
        "Air alone. Defense alone. Café Müller opened near the Café Muller stand.\n"
    )
    doc = parse_text(text, "p.txt")
    doc.path = "p.txt"
    ix.add(doc)
    got = [text[s:e] for _, s, e in phrase_places(ix, "air defence")]
    assert got == ["Air-Defence", "air defences", "AIR DEFENSE", "air   defense"]
    assert [text[s:e] for _, s, e in phrase_places(ix, "cafe muller")] == [
        "Café Müller",
        "Café Muller",
    ]
    assert phrase_places(ix, "defense air") == [] and phrase_places(ix, "zzqqxx") == []
    assert entities_named(ix, "zzqqxx") == []
