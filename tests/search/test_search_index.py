"""The search index: typos, diacritics, spelling variants, phrases, ranking and offsets."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from parsers import Document, Paragraph, Section, parse_file, parse_text
from parsers.model import EntityMention, Quote
from tui.search.folding import token_columns, tokenize
from tui.search.index import SearchHit, SearchIndex, fold, term_of, terms

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from conftest import SEED_A, SEED_B
from make_corpus import write_corpus  # type: ignore[import-not-found]


@pytest.fixture(scope="module")
def seeds() -> tuple[SearchIndex, dict[str, Document]]:
    ix = SearchIndex()
    docs = {}
    for p in (SEED_A, SEED_B):
        doc = parse_file(p)
        docs[doc.path] = doc
        ix.add(doc)
    return ix, docs


def _hit_text(docs: dict[str, Document], h: SearchHit) -> str:
    return docs[h.path].text[h.start : h.end]


def test_folding() -> None:
    assert fold("Stromšíková") == "stromsikova"
    assert fold("Pål Jonson") == "pal jonson"
    assert term_of("U.S.") == "us"
    assert term_of("Ukraine’s") == "ukraine"
    assert term_of("defence") == term_of("defense") == "defense"
    assert term_of("organisation") == "organization"
    assert terms("SAMP/T") == ["samp", "t"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The U.S. and U.K.-backed plan", ["the", "us", "and", "uk", "backed", "plan"]),
        (
            "A. B. said e.g. 5.6. a_b.c. x.y",
            ["a", "b", "said", "eg", "5", "6", "a_b", "c", "x", "y"],
        ),
        ("Ukraine’s don't ’s o'' Pål", ["ukraine", "dont", "s", "o", "pal"]),
        ("Ł.Ś. ß defence", ["ls", "ss", "defense"]),
        ("", []),
        ("  ,;  ", []),
    ],
)
def test_tokenize_words_and_offsets(text: str, words: list[str]) -> None:
    toks = tokenize(text)
    assert [t for t, _, _ in toks] == words
    assert all(term_of(text[a:b]) == t for t, a, b in toks)
    # A slice is tokenised with offsets into the whole text, as the columns are.
    for pos, end in ((0, None), (2, len(text) - 1), (3, 9)):
        shifted = [(t, a + pos, b + pos) for t, a, b in tokenize(text[pos:end])]
        assert tokenize(text, pos, end) == shifted
        assert list(zip(*token_columns(text, pos, end), strict=True)) == shifted


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stromsikova", "Stromšíková"),  # missing diacritics
        ("Stromsikova", "Stromšíková"),
        ("patriot", "Patriot"),
        ("patirot", "Patriot"),  # transposed letters
        ("patriott", "Patriot"),  # one letter too many
        ("samp t", "SAMP/T"),  # punctuation in a name
        ("jonsen", "Jonson"),
        ("porcupin", "porcupine"),  # typed prefix
    ],
)
def test_typos_and_diacritics_find_the_words_in_the_seeds(
    seeds: tuple[SearchIndex, dict[str, Document]], query: str, expected: str
) -> None:
    ix, docs = seeds
    hits = ix.search(query, limit=20)
    assert hits, query
    assert all(h.path == str(SEED_B) for h in hits), "the word occurs in the second seed only"
    # Every place the word appears is found, and each hit's snippet highlights the word.
    texts = set()
    for h in hits:
        doc = docs[h.path]
        assert 0 <= h.start <= h.end <= len(doc.text)
        texts.add(doc.text[h.unit_start : h.unit_end])
        highlighted = [h.snippet[a:b] for a, b in h.snippet_spans]
        assert any(terms(expected)[0] == term_of(w) for w in highlighted), (query, h)
    body = docs[str(SEED_B)].text
    places = [p for p in docs[str(SEED_B)].paragraphs if expected in body[p.start : p.end]]
    for p in places:
        assert any(
            body[p.start : p.end].find(t) >= 0 or t.find(body[p.start : p.end]) >= 0 for t in texts
        ), f"{query}: paragraph at {p.start} not found"


def test_british_spelling_finds_american(seeds: tuple[SearchIndex, dict[str, Document]]) -> None:
    ix, docs = seeds
    hits = ix.search("air defence", limit=50)
    found = {(_hit_text(docs, h).lower()) for h in hits if h.kind != "title"}
    assert "air defense" in found
    # Both seeds say "air defense" somewhere.
    assert {h.path for h in hits} == {str(SEED_A), str(SEED_B)}


def test_phrase_in_quotes_requires_the_words_together(
    seeds: tuple[SearchIndex, dict[str, Document]],
) -> None:
    ix, docs = seeds
    loose = ix.search("missile defense", limit=50)
    phrase = ix.search('"missile defense"', limit=50)
    assert phrase and len(phrase) < len(loose)
    for h in phrase:
        assert fold(_hit_text(docs, h)) == "missile defense", h
    # "air and missile defense" holds both words, not the phrase.
    assert any(
        "air and missile defense" in docs[h.path].text[h.unit_start : h.unit_end] for h in loose
    )


def test_quote_found_by_speaker(seeds: tuple[SearchIndex, dict[str, Document]]) -> None:
    ix, docs = seeds
    doc = docs[str(SEED_B)]
    if not any(q.speaker and "Jonson" in q.speaker for q in doc.quotes):
        pytest.skip("the quote parser names no speaker Jonson yet")
    hits = ix.search("jonson", limit=20)
    quotes = [h for h in hits if h.kind == "quote"]
    assert quotes and all(h.speaker and "Jonson" in h.speaker for h in quotes)
    assert "Jonson" in quotes[0].snippet


def _doc(
    path: str,
    title: str,
    paragraphs: list[str],
    entities: Sequence[tuple[str, str, str, str]] = (),
) -> Document:
    text = title + "\n\n" + "\n\n".join(paragraphs)
    doc = Document(path=path, title=title, text=text, title_span=(0, len(title)))
    pos = len(title) + 2
    for p in paragraphs:
        doc.paragraphs.append(Paragraph(pos, pos + len(p)))
        pos += len(p) + 2
    doc.sections = [Section(title, 1, 0, len(text))]
    for surface, eid, name, etype in entities:
        at = 0
        while (i := text.find(surface, at)) >= 0:
            doc.entities.append(EntityMention(i, i + len(surface), surface, etype, eid, name))
            at = i + 1
    return doc


def test_entity_query_first_then_title_above_a_passing_mention() -> None:
    """ "patriot" names an entity: the document mentioning it comes first (all its hits
    together), then the title, then the passing mention."""
    ix = SearchIndex()
    ix.add(_doc("/a.txt", "Weather report", ["Rain in Vilnius. Someone mentioned Patriot once."]))
    ix.add(_doc("/b.txt", "Patriot deliveries resume", ["Batteries arrive next week."]))
    ix.add(
        _doc(
            "/c.txt",
            "Budget talks",
            ["The Patriot system costs a lot. Patriot again."],
            [("Patriot", "weapon:patriot", "Patriot", "WEAPON")],
        )
    )
    hits = ix.search("patriot", limit=10)
    assert [(h.path, h.kind) for h in hits] == [
        ("/c.txt", "entity"),
        ("/c.txt", "paragraph"),
        ("/b.txt", "title"),
        ("/a.txt", "paragraph"),
    ]
    assert hits[2].score > hits[3].score  # without the entity, a title beats a mention


def test_entity_found_by_any_spelling_and_cross_references() -> None:
    ix = SearchIndex()
    us = ("gpe:united-states", "United States", "GPE")
    ix.add(
        _doc(
            "/a.txt",
            "Talks",
            ["The US sent aid.", "Aid came from the U.S. again."],
            [("US", *us), ("U.S.", *us)],
        )
    )
    ix.add(_doc("/b.txt", "More talks", ["The United States agreed."], [("United States", *us)]))
    ix.add(_doc("/c.txt", "Other", ["Nothing about that country."]))
    hits = ix.search("united states", limit=10)
    ent = [h for h in hits if h.kind == "entity"]
    assert {h.path for h in ent} == {"/a.txt", "/b.txt"}
    assert all(h.entity_id == "gpe:united-states" for h in ent)
    refs = ix.cross_references("gpe:united-states")
    assert [(g.path, len(g.hits)) for g in refs] == [("/a.txt", 2), ("/b.txt", 1)]
    assert all(h.kind == "paragraph" for g in refs for h in g.hits)
    # A selected phrase that is one spelling brings every spelling.
    by_phrase = ix.cross_references("U.S.")
    assert {g.path for g in by_phrase} == {"/a.txt", "/b.txt"}
    assert ix.entity("gpe:united-states") is not None


def test_cross_references_of_a_phrase_group_by_document(
    seeds: tuple[SearchIndex, dict[str, Document]],
) -> None:
    ix, docs = seeds
    groups = ix.cross_references("air defense")
    assert {g.path for g in groups} == {str(SEED_A), str(SEED_B)}
    for g in groups:
        starts = [h.start for h in g.hits]
        assert starts == sorted(starts)
        for h in g.hits:
            assert fold(docs[h.path].text[h.start : h.end]) == "air defense"


def test_quote_hit_preferred_over_its_paragraph() -> None:
    text = 'Title\n\n"We need air defense now," said Anna Berg.'
    doc = parse_text(text, "/q.txt")
    s = text.index('"We')
    e = text.index(',"') + 2
    doc.quotes = [Quote(s, e, text[s:e], speaker="Anna Berg")]
    doc.entities = []  # this test is about quotes against paragraphs
    ix = SearchIndex()
    ix.add(doc)
    hits = ix.search("air defense", limit=10)
    assert hits[0].kind == "quote"
    assert not any(h.kind == "paragraph" and s <= h.start < e for h in hits)
    by_speaker = ix.search("anna berg", limit=10)
    assert by_speaker[0].kind == "quote" and by_speaker[0].speaker == "Anna Berg"


def test_hostile_text_stays_plain() -> None:
    doc = _doc("/m.txt", "[bold]Title[/]", ["[@click=app.quit]click[/] me and [link=x]y[/link]"])
    ix = SearchIndex()
    ix.add(doc)
    hits = ix.search("click", limit=5)
    assert hits and "[@click=app.quit]" in hits[0].snippet
    assert ix.search("", limit=5) == [] and ix.search("   ", limit=5) == []
    assert ix.search("!!!", limit=5) == []


def test_remove_and_replace_a_document() -> None:
    ix = SearchIndex()
    ix.add(_doc("/a.txt", "Alpha", ["Kestrel flies."]))
    ix.add(_doc("/b.txt", "Beta", ["Kestrel lands."]))
    assert {h.path for h in ix.search("kestrel")} == {"/a.txt", "/b.txt"}
    ix.remove("/a.txt")
    assert {h.path for h in ix.search("kestrel")} == {"/b.txt"}
    ix.add(_doc("/b.txt", "Beta", ["Falcon lands."]))
    assert ix.search("kestrel") == []
    assert [h.path for h in ix.search("falcon")] == ["/b.txt"]
    assert len(ix) == 1


def test_save_and_load_round_trip(
    tmp_path: Path, seeds: tuple[SearchIndex, dict[str, Document]]
) -> None:
    ix, _ = seeds
    conn = sqlite3.connect(tmp_path / "ix.sqlite")
    ix.save(conn)
    again = SearchIndex.load(conn)
    assert again is not None
    for q in ("stromsikova", "air defence", "patirot", '"missile defense"', "porcupin"):
        assert again.search(q) == ix.search(q), q
    again.add(parse_text("Fresh\n\nA kestrel over Kyiv.", "/fresh.txt"))
    assert [h.path for h in again.search("kestrel")] == ["/fresh.txt"]


def test_generated_library_recall_matches_brute_force(tmp_path: Path) -> None:
    """On a small generated library, search finds every paragraph a plain scan finds."""
    write_corpus(tmp_path / "lib", articles=40, seed=3)
    ix = SearchIndex()
    docs = []
    for p in sorted((tmp_path / "lib").rglob("*.txt")):
        doc = parse_file(p)
        docs.append(doc)
        ix.add(doc)
    for query, needle in [
        ("stromsikova", "stromsikova"),
        ("rutte", "rutte"),
        ("samp t", "samp/t"),
        ("air defence", "air defense"),
    ]:
        expected = set()
        for doc in docs:
            for para in doc.paragraphs:
                body = fold(doc.text[para.start : para.end]).replace("defence", "defense")
                if needle in body:
                    expected.add((doc.path, para.start))
        hits = ix.search(query, limit=10_000)
        got = {(h.path, h.unit_start) for h in hits if h.kind == "paragraph"}
        quoted = {(h.path, h.unit_start) for h in hits if h.kind == "quote"}
        missing = {e for e in expected - got if not any(q[0] == e[0] for q in quoted)}
        assert expected, query
        assert not missing, (query, sorted(missing)[:3])
