"""Ranking: how well the words match before what kind of unit matched; entity queries; grouping."""

from __future__ import annotations

from collections.abc import Sequence

from parsers import Document, Paragraph, Section
from parsers.model import EntityMention, Quote
from tui.search.index import SearchHit, SearchIndex
from tui.search.matching import group_hits


def _doc(
    path: str,
    title: str,
    paragraphs: Sequence[str],
    quotes: Sequence[str] = (),
    entities: Sequence[tuple[str, str, str, str]] = (),
) -> Document:
    """Paragraphs in order; each of ``quotes`` is a substring of a paragraph, made a quote."""
    text = title + "\n\n" + "\n\n".join(paragraphs)
    doc = Document(path=path, title=title, text=text, title_span=(0, len(title)))
    pos = len(title) + 2
    for p in paragraphs:
        doc.paragraphs.append(Paragraph(pos, pos + len(p)))
        pos += len(p) + 2
    doc.sections = [Section(title, 1, 0, len(text))]
    for q in quotes:
        i = text.index(q)
        doc.quotes.append(Quote(i, i + len(q), q, speaker="Anna Berg"))
    for surface, eid, name, etype in entities:
        at = 0
        while (i := text.find(surface, at)) >= 0:
            doc.entities.append(EntityMention(i, i + len(surface), surface, etype, eid, name))
            at = i + len(surface)
    return doc


def _docs(hits: list[SearchHit]) -> list[str]:
    return list(dict.fromkeys(h.path for h in hits))


def test_exact_phrase_in_a_paragraph_beats_scattered_words_in_a_quote() -> None:
    ix = SearchIndex()
    said = "“He was a successful businessman, and this year he wants more of the same.”"
    ix.add(_doc("/quote.txt", "Local trade news", [f"She said: {said}"], [said]))
    ix.add(
        _doc(
            "/award.txt",
            "Awards night",
            ["The chamber named Ana Novak Businessman of the Year on Friday."],
        )
    )
    for q in ("Businessman of the Year", "Busnessman of the year", "Businessman of the Ye"):
        hits = ix.search(q, limit=10)
        assert hits[0].path == "/award.txt", q
        assert hits[0].kind == "paragraph"
        assert "/quote.txt" in _docs(hits)  # still found, below


def test_word_order_counts_for_names() -> None:
    """'Davi James' (a typo) is David James, not James Davis."""
    ix = SearchIndex()
    ix.add(
        _doc(
            "/davis.txt",
            "Harbour plans",
            ["James Davis spoke first. James Davis then left the meeting early."],
            entities=[("James Davis", "person:james-davis", "James Davis", "PERSON")],
        )
    )
    ix.add(
        _doc(
            "/james.txt",
            "Council vote",
            ["The motion from David James passed narrowly."],
            entities=[("David James", "person:david-james", "David James", "PERSON")],
        )
    )
    for q in ("Davi James", "David James", "david james"):
        assert ix.search(q, limit=20)[0].path == "/james.txt", q
    assert ix.search("James Davis", limit=20)[0].path == "/davis.txt"


def test_entity_query_puts_documents_mentioning_it_first_most_mentions_first() -> None:
    ix = SearchIndex()
    ent = ("Lena Ortiz", "person:lena-ortiz", "Lena Ortiz", "PERSON")
    ix.add(_doc("/title.txt", "Ortiz Lena Bay reopens", ["Boats are back in the bay."]))
    ix.add(_doc("/once.txt", "Budget", ["Lena Ortiz voted for it."], entities=[ent]))
    ix.add(
        _doc(
            "/often.txt",
            "Profile",
            ["Lena Ortiz grew up here.", "Later Lena Ortiz moved.", "Lena Ortiz returned."],
            entities=[ent],
        )
    )
    for q in ("Lena Ortiz", "lena ortiz", "Lena Ortis"):
        order = _docs(ix.search(q, limit=50))
        assert order[:2] == ["/often.txt", "/once.txt"], q
        assert order[2:] == ["/title.txt"], q  # the reversed words come last


def test_exact_phrase_found_beyond_the_scoring_budget() -> None:
    """Many units hold the words scattered; the one holding them as typed is still first."""
    ix = SearchIndex()
    for i in range(150):
        ix.add(
            _doc(
                f"/n{i:03}.txt",
                f"Note {i}",
                ["Rates rose again, and the central bank kept its promise to savers."],
            )
        )
    ix.add(_doc("/z.txt", "Markets", ["Savers cheered as the bank promise held."]))
    hits = ix.search("bank promise", limit=10)
    assert hits[0].path == "/z.txt"


def test_hits_come_grouped_by_document_best_document_first() -> None:
    ix = SearchIndex()
    ix.add(_doc("/a.txt", "Harbour", ["The ferry runs late.", "Harbour ferry tickets rise."]))
    ix.add(_doc("/b.txt", "Ferry strike", ["Workers walked out.", "The ferry stayed put."]))
    hits = ix.search("ferry", limit=20)
    paths = [h.path for h in hits]
    # each document's hits are together, and the documents stand by their best hit
    assert paths == sorted(paths, key=lambda p: paths.index(p))
    assert paths[0] == "/b.txt" and hits[0].kind == "title"
    firsts = [hits[paths.index(p)] for p in _docs(hits)]
    assert [h.score for h in firsts] == sorted((h.score for h in firsts), reverse=True)
    for p in _docs(hits):
        scores = [h.score for h in hits if h.path == p]
        assert scores == sorted(scores, reverse=True)


def test_group_hits_with_mentions_moves_those_documents_first() -> None:
    def hit(path: str, score: float) -> SearchHit:
        return SearchHit(path, path, 0, 1, "x", (), score, "paragraph")

    hits = [hit("/a", 3.0), hit("/b", 2.0), hit("/a", 1.5), hit("/c", 1.0)]
    assert [h.path for h in group_hits(hits)] == ["/a", "/a", "/b", "/c"]
    got = group_hits(hits, {"/c": 2, "/b": 1})
    assert [(h.path, h.score) for h in got] == [
        ("/c", 1.0),
        ("/b", 2.0),
        ("/a", 3.0),
        ("/a", 1.5),
    ]


def test_a_typo_one_edit_away_beats_one_two_edits_away_whatever_the_kind() -> None:
    """In a large vocabulary a mistyped name has several neighbours: the closest one is meant,
    even when a farther one sits in a title or names an entity."""
    ix = SearchIndex()
    ix.add(
        _doc(
            "/far.txt",
            "Kovalinca wins the vote",
            ["Kovalinca spoke to the council about the harbour."],
            entities=[("Kovalinca", "place:kovalinca", "Kovalinca", "GPE")],
        )
    )
    ix.add(
        _doc(
            "/near.txt",
            "Harbour news",
            ["The ferry from Kovalenko was late again on Monday."],
            entities=[("Kovalenko", "place:kovalenko", "Kovalenko", "GPE")],
        )
    )
    for q in ("Kovalenco", "kovalenco "):
        hits = ix.search(q, limit=10)
        assert _docs(hits)[0] == "/near.txt", q
        assert "/far.txt" in _docs(hits)  # two edits away: still found, below


def test_entity_query_counts_the_entity_named_as_typed_not_one_with_a_near_spelling() -> None:
    """An entity whose name is exactly the query decides the entity-first order; another whose
    spellings merely include a plural of it ("American soldiers", a merge gone wrong) and that
    is mentioned far more often does not put its documents first."""
    ix = SearchIndex()
    soldier = ("American soldier", "person:american-soldier", "American soldier", "PERSON")
    ix.add(
        _doc(
            "/khan.txt",
            "Convention speech",
            ["The father of a slain American soldier spoke on Thursday."],
            entities=[soldier],
        )
    )
    us = ("U.S.", "norp:united-states", "United States", "NORP")
    plural = ("American soldiers", "norp:united-states", "United States", "NORP")
    ix.add(
        _doc(
            "/swap.txt",
            "Prisoner swap",
            [
                "The U.S. said the U.S. would not pay. The U.S. envoy agreed.",
                "American soldiers were freed; the U.S. and the U.S. allies welcomed it.",
            ],
            entities=[us, plural],
        )
    )
    order = _docs(ix.search("American soldier", limit=50))
    assert order[0] == "/khan.txt"
    assert "/swap.txt" in order  # still found, after


def test_a_rare_typo_neighbour_is_not_crowded_out_by_a_common_one() -> None:
    """Typed "Rinland" is one edit from "Finland" (in hundreds of paragraphs, more than a query
    gathers) and from "Rinlund" (in one, added last): the paragraph holding the words as
    typed around the rare neighbour is still found, and first."""
    ix = SearchIndex()
    for i in range(400):
        ix.add(
            _doc(
                f"/f{i:03}.txt",
                f"Talks {i}",
                [f"The minister of Finland, said the envoy, met {i} delegates."],
            )
        )
    ix.add(_doc("/r.txt", "Harbour", ["Crowds gathered in Rinlund said the mayor on Monday."]))
    hits = ix.search("in Rinland said the", limit=10)
    assert _docs(hits)[0] == "/r.txt"


def test_an_exact_word_late_in_the_library_beats_earlier_prefix_completions() -> None:
    """Typing "port": many earlier paragraphs hold "portal" or "porter", a late one "port"
    itself; the word as typed is found and ranked first, not crowded out by completions."""
    ix = SearchIndex()
    for i in range(200):
        word = "portal" if i % 2 else "porter"
        ix.add(_doc(f"/p{i:03}.txt", f"Item {i}", [f"The {word} opened at {i} o'clock."]))
    ix.add(_doc("/z.txt", "Shipping", ["The ship left the port at dawn."]))
    hits = ix.search("port", limit=10)
    assert _docs(hits)[0] == "/z.txt"
