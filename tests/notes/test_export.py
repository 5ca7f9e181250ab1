"""Exports read back to the same notes, show document text literally, and write atomically."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED_A, SEED_B
from markdown_it import MarkdownIt
from markdown_it.token import Token

from parsers import parse_file, parse_text
from parsers.model import Document, EntityMention, Quote
from tui.notes.export import (
    CSV_COLUMNS,
    FORMULA_START,
    INDEX_TITLE,
    DocContext,
    ExportError,
    contexts,
    export_notes,
    to_csv,
    to_json,
    to_markdown,
    write_atomic,
)
from tui.notes.store import Note, NoteDraft, NotesStore, new_note

# Reading our own exports back (the product only writes them; the tests check the round trip).


def note_from_annotation(anno: Mapping[str, Any]) -> Note:
    """One of our Web Annotations read back (the inverse of ``web_annotation``)."""
    target = anno["target"]
    quote = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")
    pos = next(s for s in target["selector"] if s["type"] == "TextPositionSelector")
    source = str(target["source"])
    path = source
    if source.startswith("file://"):
        from urllib.parse import unquote, urlparse

        path = unquote(urlparse(source).path)
    bodies = anno.get("body", [])
    comment = next((b["value"] for b in bodies if b.get("purpose") == "commenting"), "")
    tags = tuple(b["value"] for b in bodies if b.get("purpose") == "tagging")
    return Note(
        id=str(anno["id"]).removeprefix("urn:uuid:"),
        path=path,
        content_hash=target.get("briefing:contentHash", ""),
        exact=quote["exact"],
        prefix=quote.get("prefix", ""),
        suffix=quote.get("suffix", ""),
        start=pos["start"],
        end=pos["end"],
        body=comment,
        tags=tags,
        colour=target.get("styleClass", "yellow"),
        kind=anno.get("briefing:kind", "range"),
        speaker=anno.get("briefing:speaker"),
        created=anno.get("created", ""),
        updated=anno.get("modified", ""),
        orphaned=bool(anno.get("briefing:orphaned", False)),
        author=str((anno.get("creator") or {}).get("name", "")),
    )


def csv_unsafe(value: str) -> str:
    """The inverse of ``csv_safe``."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_START) else value


TRICKY = (
    "Headline [bold]not bold[/] and *stars*\n"
    "# Not a heading, said the minister; 1984. was a year & <b>tags</b> stay text.\n"
    '"We will deliver the Patriot systems," said Pål Jonson.\n'
    '=HYPERLINK("http://evil") is a formula | pipe ~tilde~ `tick`\n'
)


def _tricky_doc() -> Document:
    doc = parse_text(TRICKY, "/tmp/tricky-doc.txt")
    q_start = doc.text.index('"We will')
    q_end = doc.text.index('," said') + 2
    doc.quotes = [Quote(q_start, q_end, doc.text[q_start:q_end], speaker="Pål Jonson")]
    p_start = doc.text.index("Patriot")
    doc.entities = [
        EntityMention(p_start, p_start + 7, "Patriot", "WEAPON", "weapon:patriot", "Patriot"),
        EntityMention(
            doc.text.index("Pål"),
            doc.text.index("Pål") + 10,
            "Pål Jonson",
            "PERSON",
            "person:pal-jonson",
            "Pål Jonson",
        ),
    ]
    return doc


def _notes(doc: Document) -> list[Note]:
    t = doc.text

    def span(s: str) -> tuple[int, int]:
        i = t.index(s)
        return i, i + len(s)

    return [
        new_note(
            doc,
            *span("Headline [bold]not bold[/] and *stars*"),
            NoteDraft("markup must stay literal", ("markup", "qa")),
            "sentence",
        ),
        new_note(
            doc,
            *span("# Not a heading, said the minister; 1984. was a year & <b>tags</b>"),
            NoteDraft("Line one\nLine two", ("qa",), "blue"),
            "range",
        ),
        new_note(
            doc,
            *span('"We will deliver the Patriot systems,"'),
            NoteDraft("the quote", ("weapons",), "pink"),
            "quote",
        ),
        new_note(
            doc,
            *span('=HYPERLINK("http://evil") is a formula | pipe ~tilde~ `tick`'),
            NoteDraft("=1+1 looks like a formula", ()),
            "sentence",
        ),
    ]


@pytest.fixture
def saved(tmp_path: Path) -> tuple[list[Note], dict[str, DocContext]]:
    doc = _tricky_doc()
    with NotesStore.open(tmp_path / "notes.db") as store:
        notes = [store.add(n, doc) for n in _notes(doc)]
    return notes, {doc.path: DocContext(doc.path, doc.title, "2025-09-06", "Wire & Co", doc)}


def _inline_text(tok: Token) -> str:
    return "".join(c.content for c in tok.children or [] if c.type in ("text", "code_inline"))


def parse_markdown_briefing(md: str) -> dict[str, Any]:
    """Read our Markdown briefing back: documents, notes (passage, speaker, body, tags), index."""
    tokens = MarkdownIt("commonmark").parse(md)
    lines = md.split("\n")
    docs: list[dict[str, Any]] = []
    index: list[str] = []
    note: dict[str, Any] | None = None
    in_quote = False
    section = ""
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            title = _inline_text(tokens[i + 1])
            if tok.tag == "h2":
                section, note = title, None
                if title != INDEX_TITLE:
                    docs.append({"title": title, "notes": [], "meta": []})
            elif tok.tag == "h3":
                note = {"passage": [], "speaker": None, "body": "", "tags": []}
                notes = docs[-1]["notes"]
                assert isinstance(notes, list)
                notes.append(note)
            i += 3
            continue
        if tok.type == "blockquote_open":
            in_quote = True
        elif tok.type == "blockquote_close":
            in_quote = False
        elif tok.type == "inline" and section == INDEX_TITLE:
            index.append(_inline_text(tok))
        elif tok.type == "inline" and in_quote and note is not None:
            kids = tok.children or []
            if kids and kids[0].content == "— " and len(kids) > 1 and kids[1].type == "em_open":
                note["speaker"] = kids[2].content
            else:
                passage = note["passage"]
                assert isinstance(passage, list)
                passage.append(_inline_text(tok))
        elif tok.type == "inline" and note is not None and tok.content.startswith("Tags: "):
            note["tags"] = [c.content for c in tok.children or [] if c.type == "code_inline"]
        elif tok.type == "paragraph_open" and note is not None and not in_quote:
            assert tok.map is not None
            raw = "\n".join(lines[tok.map[0] : tok.map[1]])
            if not raw.startswith("Tags: "):
                note["body"] = raw.replace("  \n", "\n")  # hard breaks keep the note's lines
        elif tok.type == "inline" and note is None and docs:
            meta = docs[-1]["meta"]
            assert isinstance(meta, list)
            meta.append(_inline_text(tok))
        i += 1
    return {"docs": docs, "index": index}


def test_markdown_round_trip(saved: tuple[list[Note], dict[str, DocContext]]) -> None:
    notes, ctx = saved
    md = to_markdown(notes, ctx, generated="2025-01-01T00:00:00Z")
    back = parse_markdown_briefing(md)
    (doc,) = back["docs"]
    assert doc["title"] == "Headline [bold]not bold[/] and *stars*"
    assert "Date: 2025-09-06" in doc["meta"] and "Source: Wire & Co" in doc["meta"]
    got = doc["notes"]
    assert len(got) == len(notes)
    by_order = sorted(notes, key=lambda n: n.start)
    for want, have in zip(by_order, got, strict=True):
        assert " ".join(have["passage"]) == " ".join(want.exact.split())
        assert have["body"] == want.body
        assert have["tags"] == list(want.tags)
        assert have["speaker"] == want.speaker
    assert got[2]["speaker"] == "Pål Jonson"
    # Patriot is a weapon: the index lists people, organisations and places only.
    assert back["index"] == []


def test_markdown_keeps_document_text_literal(
    saved: tuple[list[Note], dict[str, DocContext]],
) -> None:
    notes, ctx = saved
    md = to_markdown(notes, ctx)
    html = MarkdownIt("commonmark").render(md)
    assert "<b>" not in html and "&lt;b&gt;tags&lt;/b&gt;" in html
    assert "<em>stars</em>" not in html
    assert "<h1>Not a heading" not in html
    assert html.count("<h1>") == 1  # only "Briefing notes"
    assert "<ol" not in html  # "1984." stayed text


def test_markdown_groups_by_document_with_entity_index(tmp_path: Path) -> None:
    docs = [parse_file(SEED_A), parse_file(SEED_B)]
    with NotesStore.open(tmp_path / "n.db") as store:
        for d in docs:
            p = d.body_paragraphs[1]
            store.add(new_note(d, p.start, p.end, NoteDraft(f"on {d.title[:10]}")), d)
        result = export_notes(store, "md")
    back = parse_markdown_briefing(result.text)
    assert sorted(x["title"] for x in back["docs"]) == sorted(d.title for d in docs)
    mentioned = {
        e.name
        for d in docs
        for e in d.entities
        if d.body_paragraphs[1].start <= e.start
        and e.end <= d.body_paragraphs[1].end
        and e.id.partition(":")[0] in ("person", "org", "gpe", "loc", "fac")
    }
    assert mentioned  # the test means something: the passages do name someone or somewhere
    indexed = {line.split(" (")[0] for line in back["index"]}
    assert indexed == mentioned
    kinds = {line.split(" (")[1].split(")")[0] for line in back["index"]}
    assert kinds <= {"person", "organisation", "place"}
    assert result.notes == 2 and result.documents == 2 and result.warnings == []


def test_json_is_w3c_web_annotation_and_round_trips(
    saved: tuple[list[Note], dict[str, DocContext]],
) -> None:
    notes, ctx = saved
    data = json.loads(to_json(notes, ctx))
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == len(notes)
    items = data["first"]["items"]
    for anno in items:
        assert anno["type"] == "Annotation"
        assert anno["id"].startswith("urn:uuid:")
        kinds = [s["type"] for s in anno["target"]["selector"]]
        assert kinds == ["TextQuoteSelector", "TextPositionSelector"]
        assert anno["target"]["source"] == "file:///tmp/tricky-doc.txt"
    back = sorted((note_from_annotation(a) for a in items), key=lambda n: n.id)
    assert back == sorted(notes, key=lambda n: n.id)


def test_csv_round_trips_and_neutralises_formulas(
    saved: tuple[list[Note], dict[str, DocContext]],
) -> None:
    notes, ctx = saved
    text = to_csv(notes, ctx)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert len(rows) == len(notes)
    formula = next(r for r in rows if "HYPERLINK" in r["exact"])
    assert formula["exact"].startswith("'=HYPERLINK")
    assert formula["note"].startswith("'=1+1")
    by_id = {n.id: n for n in notes}
    for r in rows:
        n = by_id[r["id"]]
        assert csv_unsafe(r["exact"]) == n.exact
        assert csv_unsafe(r["prefix"]) == n.prefix and csv_unsafe(r["suffix"]) == n.suffix
        assert csv_unsafe(r["note"]) == n.body
        assert [t for t in csv_unsafe(r["tags"]).split("; ") if t] == list(n.tags)
        assert (int(r["start"]), int(r["end"])) == (n.start, n.end)
        assert (r["colour"], r["kind"], r["speaker"] or None) == (n.colour, n.kind, n.speaker)
        assert r["title"] == ctx[n.path].title


def test_export_of_a_vanished_document_uses_stored_metadata(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    path.write_text(SEED_B.read_text(encoding="utf-8"), encoding="utf-8")
    doc = parse_file(path)
    with NotesStore.open(tmp_path / "n.db") as store:
        store.add(new_note(doc, 0, 20, NoteDraft("kept")), doc)
        path.unlink()
        result = export_notes(store, "md")
        ctx = contexts(store.all_notes(), store)
    assert ctx[str(path)].title == doc.title and ctx[str(path)].date == doc.date
    assert doc.title.split()[0] in result.text and len(result.warnings) == 1


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty folder to write into (tmp_path also holds the XDG folders)."""
    out = tmp_path / "out"
    out.mkdir()
    return out


def test_write_atomic_refuses_to_overwrite_without_force(folder: Path) -> None:
    target = folder / "out.md"
    write_atomic(target, "first")
    with pytest.raises(ExportError, match="already exists"):
        write_atomic(target, "second")
    assert target.read_text() == "first"
    write_atomic(target, "second", force=True)
    assert target.read_text() == "second"
    assert sorted(p.name for p in folder.iterdir()) == ["out.md"]


def test_write_atomic_gives_a_normal_file_mode(folder: Path) -> None:
    target = folder / "mode.csv"
    write_atomic(target, "x")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def _enospc(*args: object, **kwargs: object) -> int:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_full_disk_leaves_no_partial_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    target = folder / "briefing.md"
    monkeypatch.setattr(os, where, _enospc)
    with pytest.raises(ExportError) as err:
        write_atomic(target, "x" * 100_000)
    message = str(err.value)
    assert "no space left on device" in message and "nothing was written" in message
    assert "\n" not in message
    assert list(folder.iterdir()) == []


def test_full_disk_while_overwriting_keeps_the_old_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = folder / "briefing.md"
    target.write_text("the old briefing")
    real_write = os.write
    calls = {"n": 0}

    def half_then_full(fd: int, data: bytes) -> int:  # a partial write, then the disk fills
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", half_then_full)
    with pytest.raises(ExportError, match="existing file is unchanged"):
        write_atomic(target, "y" * 50_000, force=True)
    assert target.read_text() == "the old briefing"
    assert [p.name for p in folder.iterdir()] == ["briefing.md"]


def test_write_atomic_to_a_folder_or_missing_folder_is_a_message(folder: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        write_atomic(folder, "x")
    with pytest.raises(ExportError, match="cannot write"):
        write_atomic(folder / "no" / "such" / "dir.md", "x")


def test_markdown_keeps_a_notes_lines_dates_humanly_and_says_what_is_missing(
    saved: tuple[list[Note], dict[str, DocContext]],
) -> None:
    notes, ctx = saved
    two_lines = replace(notes[0], body="first line\nsecond line\n\nnew paragraph")
    undated = {p: replace(c, date=None, source=None) for p, c in ctx.items()}
    md = to_markdown([two_lines], undated, generated="2026-12-02T17:32:22.407Z")
    assert "Exported 2 December 2026, 17:32 UTC: 1 note from 1 document." in md
    assert "- Date: not given in the document" in md
    assert "- Source: not given in the document" in md
    html = MarkdownIt("commonmark").render(md)
    assert "<p>first line<br />\nsecond line</p>\n<p>new paragraph</p>" in html


def test_markdown_index_lists_people_organisations_and_places_only() -> None:
    doc = parse_file(SEED_B)
    noted = max(
        doc.body_paragraphs,
        key=lambda p: len({e.type for e in doc.entities if p.start <= e.start < p.end}),
    )
    types = {e.type for e in doc.entities if noted.start <= e.start < noted.end}
    assert types & {"DATE", "MONEY", "WEAPON", "NORP"}, types  # something to leave out
    note = new_note(doc, noted.start, noted.end, NoteDraft("index me"))
    md = to_markdown([note], {doc.path: DocContext(doc.path, doc.title, doc.date, doc.source, doc)})
    index = md.split(f"## {INDEX_TITLE}\n\n", 1)[1].strip().split("\n")
    assert index and all(re.search(r"\((person|organisation|place)\): note 1$", ln) for ln in index)
    names = {ln.split("**")[1] for ln in index}
    for e in doc.entities:
        if noted.start <= e.start < noted.end and e.type in ("DATE", "MONEY", "WEAPON"):
            assert e.name not in names, e


def test_a_partial_quote_is_exported_as_report_not_as_the_speakers_whole_sentence() -> None:
    text = (
        'Mayor Ann Ray said the plan was "a disaster for the city" and would be scrapped.\n\n'
        '"We are ready," Ann Ray said.\n'
    )
    doc = parse_text(text, path="/tmp/partial.md")
    kinds = {q.kind: q for q in doc.quotes if q.speaker}
    assert {"partial", "direct"} <= set(kinds), doc.quotes
    partial, direct = kinds["partial"], kinds["direct"]
    notes = [
        new_note(doc, partial.start, partial.end, NoteDraft("check the budget")),
        new_note(doc, direct.start, direct.end, NoteDraft("on record")),
    ]
    ctx = {doc.path: DocContext(doc.path, doc.title, doc.date, doc.source, doc)}
    md = to_markdown(notes, ctx)
    said = [ln for ln in md.splitlines() if ln.startswith("> — ")]
    assert len(said) == 2, md
    assert "partial quote: only the words in quotation marks are theirs" in said[0]
    assert said[1].endswith("*") and "partial" not in said[1]  # a direct quote needs no caveat
    rows = list(csv.DictReader(io.StringIO(to_csv(notes, ctx))))
    assert [r["quote_kind"] for r in rows] == ["partial", "direct"]
    items = json.loads(to_json(notes, ctx))["first"]["items"]
    assert [i.get("briefing:quoteKind") for i in items] == ["partial", "direct"]


def test_without_the_document_the_quote_kind_is_left_out_not_guessed() -> None:
    doc = parse_text('Ann Ray said the plan was "a disaster" for all.\n', path="/tmp/gone.md")
    q = next(q for q in doc.quotes if q.kind == "partial")
    note = new_note(doc, q.start, q.end)
    md = to_markdown([note], {doc.path: DocContext(doc.path, doc.title)})
    assert "partial quote" not in md and "— *Ann Ray*" in md
