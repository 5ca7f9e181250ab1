"""The entity table every view of entities draws from: groups, mentions, documents, related
entities and the type an id implies (tui.entities.table, no terminal)."""

from __future__ import annotations

from conftest import entity_docs

from parsers import Document, EntityMention
from tui.entities.table import EntityTable


def test_groups_by_type_in_order_and_by_salience() -> None:
    a, _ = entity_docs()
    table = EntityTable([a])
    groups = [(label, [(s.name, s.count) for s in ents]) for label, ents in table.groups()]
    assert groups == [
        ("PERSON", [("Donald Trump", 3), ("[bold]x[/]", 1)]),
        ("ORG", [("NATO", 2), ("[@click=app.quit]", 1)]),
        # Same count: the earlier first mention wins.
        ("GPE", [("United States", 3), ("Ukraine", 1)]),
        ("WEAPON", [("Patriot", 1)]),
        ("MONEY", [("$4.8 billion", 1)]),
    ]
    us = table.summary("gpe:united-states")
    assert us is not None
    assert set(us.spellings) == {"United States", "U.S.", "US"}


def test_mentions_documents_and_related_across_the_library() -> None:
    a, b = entity_docs()
    table = EntityTable([a, b])
    trump = table.mentions("person:donald-trump")
    assert [
        (m.path, a.text[m.start : m.end] if m.path == a.path else b.text[m.start : m.end])
        for m in trump
    ] == [
        ("/docs/a.txt", "Donald Trump"),
        ("/docs/a.txt", "Trump"),
        ("/docs/a.txt", "Trump"),
        ("/docs/b.txt", "Trump"),
    ]
    assert [(d.path, d.mentions) for d in table.documents_for("gpe:united-states")] == [
        ("/docs/a.txt", 3),
        ("/docs/b.txt", 1),
    ]
    summary = table.summary("person:donald-trump")
    assert summary is not None and (summary.count, summary.documents) == (4, 2)
    related = {r.name: r.shared for r in table.related("person:donald-trump")}
    # Paragraphs shared: a1 (US, Patriot, Ukraine), a2 (NATO, U.S.), a3 (NATO), b1 (Putin).
    assert related == {
        "United States": 2,
        "NATO": 2,
        "Patriot": 1,
        "Ukraine": 1,
        "Vladimir Putin": 1,
    }
    # Numbers and dates are not cross-references.
    assert "$4.8 billion" not in related


def test_type_comes_from_the_id_when_mentions_disagree() -> None:
    text = "Title\nThe US said American troops stay. Washington agreed with the U.S."
    mentions = [
        EntityMention(
            text.index("US"),
            text.index("US") + 2,
            "US",
            "ORG",
            "gpe:united-states",
            "United States",
        ),
        EntityMention(
            text.index("American"),
            text.index("American") + 8,
            "American",
            "NORP",
            "gpe:united-states",
            "United States",
        ),
        EntityMention(
            text.index("U.S."),
            text.index("U.S.") + 4,
            "U.S.",
            "ORG",
            "gpe:united-states",
            "United States",
        ),
        EntityMention(0, 5, "Title", "ORG", "custom-id", "Title"),
    ]
    table = EntityTable([Document(path="x", title="Title", text=text, entities=mentions)])
    us = table.summary("gpe:united-states")
    assert us is not None and us.type == "GPE" and us.count == 3
    custom = table.summary("custom-id")
    assert custom is not None and custom.type == "ORG"  # no label prefix: the mentions' type
