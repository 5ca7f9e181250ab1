"""The library-wide entity index (documents per entity, automatic
merges that need both close names and shared context, and a user's merges and splits kept in
the data dir and applied everywhere."""

from __future__ import annotations

import json
import sys
import tracemalloc
from pathlib import Path

import pytest
from conftest import SEED_A, SEED_B

from parsers import parse_file, parse_text
from parsers.model import Document
from tui.core import paths as app_paths
from tui.core.palette import TYPE_COLOURS
from tui.entities.index import (
    LibraryEntities,
    Overrides,
    gazetteer_fingerprint,
    personalise,
    user_gazetteer,
)
from tui.entities.table import TYPE_MARKERS, table_for


@pytest.fixture()
def seeds() -> list[Document]:
    return [parse_file(SEED_A), parse_file(SEED_B)]


def doc(path: str, body: str) -> Document:
    return parse_text("Title line\n" + body, path)


def test_library_documents_for_and_merged_canonical_ids(seeds: list[Document]) -> None:
    lib = LibraryEntities()
    for d in seeds:
        lib.add(d)
    assert len(lib) == 2
    nato = lib.documents_for("org:nato")
    assert {p for p, _ in nato} == {seeds[0].path, seeds[1].path}
    us = dict(lib.documents_for("gpe:united-states"))
    assert all(c >= 1 for c in us.values()) and len(us) == 2
    assert dict(lib.documents_for("person:donald-trump")) == {seeds[1].path: 4}


def test_nested_mention_with_same_id_counts_once() -> None:
    d = doc("n.txt", "The UK said so. The UK agreed.")
    lib = LibraryEntities()
    lib.add(d)
    assert dict(lib.documents_for("gpe:united-kingdom")) == {"n.txt": 2}


def test_re_adding_a_document_replaces_it(seeds: list[Document]) -> None:
    lib = LibraryEntities()
    lib.add(seeds[1])
    lib.add(seeds[1])
    assert dict(lib.documents_for("person:donald-trump")) == {seeds[1].path: 4}


def test_auto_merge_needs_close_names_and_shared_context() -> None:
    a = doc("a.txt", "Volodymyr Zelensky met officials in Kyiv and asked Poland for help.")
    b = doc("b.txt", "Zelenskyy spoke in Kyiv about the front.")
    c = doc(
        "c.txt", "Oleksandr Kovalenko-Marchuk visited Lviv. Kovalenko-Marchuk said it was calm."
    )
    d = doc("d.txt", "In a football match in Lisbon, Kovalenko-Marchuk said he scored twice.")
    lib = LibraryEntities()
    for x in (a, b, c, d):
        lib.add(x)
    # "Zelenskyy" is listed as Zelensky's alias: the parser already gives both one id.
    assert lib.canonical("person:volodymyr-zelensky") == "person:volodymyr-zelensky"
    # A surname-only id with no shared context stays apart...
    ids_d = {m.id for m in d.entities if m.type == "PERSON"}
    assert ids_d == {"person:kovalenko-marchuk"}
    assert lib.canonical("person:kovalenko-marchuk") == "person:kovalenko-marchuk"
    # ...and joins the full name once a document shares context with it.
    e = doc("e.txt", "Kovalenko-Marchuk said he returned to Lviv on Friday.")
    lib.add(e)
    assert lib.canonical("person:kovalenko-marchuk") == "person:oleksandr-kovalenko-marchuk"
    counts = dict(lib.documents_for("person:oleksandr-kovalenko-marchuk"))
    assert set(counts) == {"c.txt", "d.txt", "e.txt"}


def test_two_full_names_with_different_given_names_never_merge() -> None:
    """Close spellings with shared context merge; two people who share a surname never do,
    however close their names ("john marsh"/"joan marsh" score 90)."""
    a = doc("a.txt", "Health Minister John Marsh visited Kyiv and met Poland's envoy.")
    b = doc("b.txt", "Energy Minister Joan Marsh visited Kyiv and met Poland's envoy.")
    c = doc("c.txt", "Johm Marsh visited Kyiv on Monday and met Poland's envoy.")
    lib = LibraryEntities()
    for x in (a, b, c):
        lib.add(x)
    assert lib.canonical("person:joan-marsh") == "person:joan-marsh"
    assert lib.canonical("person:john-marsh") == "person:john-marsh"
    assert {p for p, _ in lib.documents_for("person:joan-marsh")} == {"b.txt"}
    # the same given name and a close surname is a spelling of one person
    assert lib.canonical("person:johm-marsh") in ("person:john-marsh", "person:johm-marsh")


def test_user_merge_and_split_are_stored_and_applied(seeds: list[Document]) -> None:
    ov = Overrides.load()
    assert ov.path == app_paths.data_dir() / "entity-overrides.json"
    ov.merge("loc:europe", "org:nato")  # deliberately odd, to see it applied
    ov.rename("loc:europe", "Europe and NATO")
    ov.save()
    data = json.loads(ov.path.read_text("utf-8")) if ov.path else {}
    assert data["merge"] == [["loc:europe", "org:nato"]]

    again = Overrides.load()
    lib = LibraryEntities(again)
    for d in seeds:
        lib.add(d)
    assert lib.canonical("org:nato") == "loc:europe"
    assert lib.documents_for("org:nato") == lib.documents_for("loc:europe")
    table = table_for(seeds, lib.canonical, again.name)
    europe = table.summary("loc:europe")
    assert europe is not None and europe.name == "Europe and NATO"
    assert "org:nato" not in table
    # Applied to documents too (document view, quotes).
    d = parse_file(SEED_B)
    again.apply(d)
    assert "org:nato" not in {m.id for m in d.entities}

    again.split("loc:europe", "org:nato")
    again.save()
    third = Overrides.load()
    assert third.resolve("org:nato") == "org:nato"
    lib3 = LibraryEntities(third)
    lib3.add_all(seeds)
    assert lib3.canonical("org:nato") == "org:nato"


def test_split_beats_an_automatic_merge() -> None:
    c = doc("c.txt", "Oleksandr Kovalenko-Marchuk visited Lviv.")
    e = doc("e.txt", "Kovalenko-Marchuk said he returned to Lviv on Friday.")
    ov = Overrides()
    ov.split("person:kovalenko-marchuk", "person:oleksandr-kovalenko-marchuk")
    lib = LibraryEntities(ov)
    lib.add_all([c, e])
    assert lib.canonical("person:kovalenko-marchuk") == "person:kovalenko-marchuk"


def test_corrupt_overrides_file_is_empty_not_an_error() -> None:
    p = app_paths.data_dir() / "entity-overrides.json"
    p.parent.mkdir(parents=True, exist_ok=True)
    for junk in ("{not json", "[1, 2]", '{"merge": [[1, 2], ["a"], "x"]}'):
        p.write_text(junk, "utf-8")
        ov = Overrides.load()
        assert ov.merges == [] and ov.resolve("org:nato") == "org:nato"


def test_user_gazetteer_from_config_dir(seeds: list[Document]) -> None:
    assert user_gazetteer() == ()
    assert gazetteer_fingerprint() == "none"
    cfg = app_paths.config_dir()
    cfg.mkdir(parents=True, exist_ok=True)
    (cfg / "entities.tsv").write_text("WEAPON\tSteel Porcupine\tsteel porcupine\n", "utf-8")
    entries = user_gazetteer()
    assert [e.name for e in entries] == ["Steel Porcupine"]
    assert gazetteer_fingerprint() != "none"
    d = personalise(parse_file(SEED_B))
    assert any(m.id == "weapon:steel-porcupine" and m.text == "steel porcupine" for m in d.entities)


def test_type_styles_cover_every_label() -> None:
    from parsers.model import ENTITY_LABELS

    for label in ENTITY_LABELS:
        colour, marker = TYPE_COLOURS[label], TYPE_MARKERS[label]
        assert colour and len(marker) == 1
    assert len(set(TYPE_MARKERS.values())) == len(TYPE_MARKERS)


def test_index_stays_small(tmp_path: Path) -> None:
    lib = LibraryEntities()
    base = parse_file(SEED_B)
    docs = [
        Document(
            path=f"d{i}.txt",
            title=base.title,
            text=base.text,
            paragraphs=base.paragraphs,
            entities=base.entities,
        )
        for i in range(200)
    ]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for d in docs:
            lib.add(d)
        per_mention = (tracemalloc.get_traced_memory()[0] - before) / 200 / len(base.entities)
    finally:
        tracemalloc.stop()
    assert per_mention < 64  # a few bytes a mention in arrays, not an object each
    assert dict(lib.documents_for("person:donald-trump"))["d7.txt"] == 4


def test_entity_index_does_not_import_textual() -> None:
    import subprocess

    code = (
        "import sys, tui.entities.index, parsers.entities\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
