"""Notes out: a Markdown briefing, W3C Web Annotation JSON, or CSV, written atomically.

Used by ``briefing-tui export`` and by the app's export dialog; no Textual here. Why:

- Markdown is the analyst's own briefing: grouped by document (title, date, source), each note a
  block quote of the passage (with the speaker when it is a quote), then the note (its line
  breaks kept) and tags, and an index of the people, organisations and places the noted
  passages mention. Document text is escaped so it reads literally; the note itself is the
  analyst's Markdown and is kept as written.
- JSON is an ``AnnotationCollection`` of W3C Web Annotations (TextQuoteSelector,
  TextPositionSelector), so other annotation tools can read it.
- CSV is one row per note; cells that a spreadsheet would run as a formula (``=``, ``+``,
  ``-``, ``@``) are prefixed with ``'`` (OWASP's advice against CSV injection).
- :func:`write_atomic` writes a temporary file in the same folder, fsyncs, then renames: a
  reader never sees half a file, a full disk leaves nothing behind, and an existing file is
  never replaced unless ``force``.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from parsers.model import Document, EntityMention, ParseError
from tui.core.palette import CSS_COLOURS
from tui.core.text import printable
from tui.notes.anchoring import content_hash, resolve
from tui.notes.backend import NotesBackend
from tui.notes.refresh import follow
from tui.notes.store import DocumentInfo, Note, doc_key, now, quote_at

Format = Literal["md", "json", "csv"]
FORMATS: tuple[Format, ...] = ("md", "json", "csv")
SUFFIXES: dict[Format, str] = {"md": ".md", "json": ".json", "csv": ".csv"}

#: Namespace for what Web Annotation has no term for (content hash, passage kind, speaker).
BRIEFING_NS = "urn:x-briefing-tui:"  # a private IRI: no web page pretends to define it
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CSV_COLUMNS = (
    "id",
    "path",
    "title",
    "date",
    "source",
    "start",
    "end",
    "kind",
    "speaker",
    "exact",
    "prefix",
    "suffix",
    "note",
    "tags",
    "colour",
    "created",
    "updated",
    "orphaned",
    "content_hash",
    "author",
    "quote_kind",
)
#: CSV columns holding free text, where formula characters are neutralised.
CSV_TEXT_COLUMNS = frozenset(
    {
        "path",
        "title",
        "date",
        "source",
        "speaker",
        "exact",
        "prefix",
        "suffix",
        "note",
        "tags",
        "author",
    }
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportError(Exception):
    """An export that could not be written, as one line for a user."""


class FileExists(ExportError):
    """The target exists and ``force`` was not given (the shell says: use --force)."""


@dataclass(slots=True)
class DocContext:
    """What an export knows about a document: its parse if the file is there, else stored info."""

    path: str
    title: str
    date: str | None = None
    source: str | None = None
    doc: Document | None = None


@dataclass(slots=True)
class ExportResult:
    text: str
    notes: int
    documents: int
    warnings: list[str] = field(default_factory=list)


# -- gathering --------------------------------------------------------------------------------


def load_document(path: str) -> Document | None:
    """The default document loader: parse the file if it is still there."""
    from parsers import parse_file

    try:
        return parse_file(path)
    except ParseError:
        return None


def _under(path: str, roots: Sequence[str]) -> bool:
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def select_notes(
    store: NotesBackend,
    tag: str | None = None,
    paths: Sequence[str] | None = None,
    text: str | None = None,
    author: str | None = None,
) -> list[Note]:
    """Notes to export: with ``tag``, by ``author``, of documents at or under ``paths``."""
    notes = store.all_notes(tag=tag, text=text, author=author)
    if paths:
        roots = [doc_key(p) for p in paths]
        notes = [n for n in notes if _under(n.path, roots)]
    return notes


def contexts(
    notes: Iterable[Note],
    store: NotesBackend | None = None,
    load: Callable[[str], Document | None] = load_document,
) -> dict[str, DocContext]:
    """One :class:`DocContext` per document the notes belong to."""
    out: dict[str, DocContext] = {}
    for note in notes:
        if note.path in out:
            continue
        try:
            doc = load(note.path)
        except (ParseError, OSError):  # a loader such as Library.document may raise
            doc = None
        info: DocumentInfo | None = store.document_info(note.path) if store else None
        if doc is not None:
            out[note.path] = DocContext(note.path, doc.title, doc.date, doc.source, doc)
        elif info is not None:
            out[note.path] = DocContext(note.path, info.title, info.date, info.source)
        else:
            out[note.path] = DocContext(note.path, os.path.basename(note.path) or note.path)
    return out


def export_notes(
    store: NotesBackend,
    fmt: Format,
    *,
    tag: str | None = None,
    paths: Sequence[str] | None = None,
    load: Callable[[str], Document | None] = load_document,
    author: str | None = None,
) -> ExportResult:
    """Render the selected notes in ``fmt`` (the text; write it with :func:`write_atomic`)."""
    notes = select_notes(store, tag=tag, paths=paths, author=author)
    ctx = contexts(notes, store, load)
    notes = on_current_text(notes, ctx)
    warnings = [
        f"{printable(c.path)}: document not found; exported from the notes alone"
        for c in ctx.values()
        if c.doc is None
    ]
    text = render(fmt, notes, ctx, tag=tag)
    return ExportResult(text, len(notes), len(ctx), warnings)


def on_current_text(notes: Sequence[Note], ctx: Mapping[str, DocContext]) -> list[Note]:
    """The notes re-anchored on their documents' text as it is now (moved passages, orphan
    flags), even for documents not opened since they changed; nothing is written."""
    groups: dict[str, list[int]] = {}
    for i, note in enumerate(notes):
        groups.setdefault(note.path, []).append(i)
    out = list(notes)
    for path, where in groups.items():
        c = ctx.get(path)
        if c is None or c.doc is None:
            continue
        for i, note in zip(where, follow([notes[i] for i in where], c.doc), strict=True):
            out[i] = note
    return out


def suggested_path(fmt: Format, folder: str | os.PathLike[str] | None = None) -> Path:
    """A default file name for the export dialog: ``briefing-notes-YYYY-MM-DD.md``."""
    day = now()[:10]
    return Path(folder or os.getcwd()) / f"briefing-notes-{day}{SUFFIXES[fmt]}"


def render(
    fmt: Format, notes: Sequence[Note], ctx: Mapping[str, DocContext], tag: str | None = None
) -> str:
    if fmt == "md":
        return to_markdown(notes, ctx, tag=tag)
    if fmt == "json":
        return to_json(notes, ctx)
    if fmt == "csv":
        return to_csv(notes, ctx)
    raise ValueError(f"unknown format {fmt!r}")


def _ordered(notes: Sequence[Note], ctx: Mapping[str, DocContext]) -> list[tuple[str, list[Note]]]:
    groups: dict[str, list[Note]] = {}
    for n in notes:
        groups.setdefault(n.path, []).append(n)
    for g in groups.values():
        g.sort(key=lambda n: (n.orphaned, n.start, n.end, n.created))
    return sorted(
        groups.items(),
        key=lambda kv: ((ctx[kv[0]].date or "") if kv[0] in ctx else "", kv[0]),
    )


def mentioned_entities(note: Note, doc: Document | None) -> list[EntityMention]:
    """Entity mentions inside the noted passage, wherever it sits in the current text."""
    if doc is None or not doc.entities:
        return []
    start, end = note.start, note.end
    if note.content_hash != content_hash(doc.text) or note.orphaned:
        res = resolve(note.anchor, doc.text)
        if res.orphaned:
            return []
        start, end = res.start, res.end
    return [e for e in doc.entities if e.start < end and e.end > start]


# -- Markdown ---------------------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&!])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def md_escape(text: str) -> str:
    """Document text made literal in Markdown: inline marks escaped, no block syntax at starts."""
    text = " ".join(text.split()) if "\n" in text else text.strip()
    text = _MD_INLINE.sub(r"\\\1", text)
    # A backslash goes before the mark's last character ("1984\\." not "\\1984.").
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2)[:-1]}\\{m.group(2)[-1]}", text)


#: The index lists people, organisations and places, as its heading says; an entity's kind comes
#: from its id (``gpe:russia`` is a place even where "Russian" was tagged as a nationality).
INDEX_KINDS = {
    "person": "person",
    "org": "organisation",
    "gpe": "place",
    "loc": "place",
    "fac": "place",
}
INDEX_ORDER = ("person", "organisation", "place")
INDEX_TITLE = "People, organisations and places in the noted passages"
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def human_time(stamp: str) -> str:
    """``2026-12-02T17:32:22.407Z`` as ``2 December 2026, 17:32 UTC`` (unreadable: as given)."""
    from datetime import UTC, datetime

    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(UTC)
    except ValueError:
        return stamp
    return f"{when.day} {_MONTHS[when.month - 1]} {when.year}, {when:%H:%M} UTC"


def index_kind(entity: EntityMention) -> str | None:
    """ "person", "organisation" or "place" for the index; None for what it does not list."""
    return INDEX_KINDS.get(entity.id.partition(":")[0])


def note_lines(body: str) -> list[str]:
    """The note as written, its line breaks kept: a line followed by another line of the same
    paragraph ends in a Markdown hard break (two spaces); code blocks are left alone."""
    lines = body.strip("\n").split("\n")
    out: list[str] = []
    fenced = False
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        following = lines[i + 1] if i + 1 < len(lines) else ""
        joins = line.strip() and following.strip() and not fenced
        if joins and not following.lstrip().startswith(("```", "~~~")):
            line = line.rstrip() + "  "
        out.append(line)
    return out


def to_markdown(
    notes: Sequence[Note],
    ctx: Mapping[str, DocContext],
    tag: str | None = None,
    generated: str | None = None,
) -> str:
    groups = _ordered(notes, ctx)
    out: list[str] = ["# Briefing notes", ""]
    summary = (
        f"Exported {human_time(generated or now())}: {len(notes)} note"
        f"{'s' * (len(notes) != 1)} from {len(groups)} document{'s' * (len(groups) != 1)}"
    )
    if tag:
        summary += f", tagged {md_escape(tag)}"
    out += [summary + ".", ""]
    by_author: dict[str, int] = {}
    for n in notes:
        if n.author:
            by_author[n.author] = by_author.get(n.author, 0) + 1
    if len(by_author) > 1:  # a team's briefing: say who contributed what
        people = sorted(by_author.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
        out += ["By: " + ", ".join(f"{md_escape(a)} ({k})" for a, k in people) + ".", ""]
    index: dict[str, tuple[EntityMention, str, list[int]]] = {}
    number = 0
    for path, group in groups:
        c = ctx.get(path) or DocContext(path, os.path.basename(path))
        out += [f"## {md_escape(c.title) or md_escape(os.path.basename(path))}", ""]
        out.append(f"- Date: {md_escape(c.date) if c.date else 'not given in the document'}")
        out.append(f"- Source: {md_escape(c.source) if c.source else 'not given in the document'}")
        out += [f"- File: {md_escape(path)}", ""]
        for note in group:
            number += 1
            label = f"### Note {number}"
            if note.author:
                label += f" · {md_escape(note.author)}, {md_escape(note.created[:10])}"
            out += [label, ""]
            paragraphs = [p for p in note.exact.split("\n") if p.strip()]
            for i, para in enumerate(paragraphs):
                if i:
                    out.append(">")
                out.append("> " + md_escape(para))
            if note.speaker:
                said = f"> — *{md_escape(note.speaker)}*"
                extra = QUOTE_KIND_NOTES.get(quote_kind(note, c.doc) or "")
                out += [">", f"{said} ({extra})" if extra else said]
            out.append("")
            if note.orphaned:
                out += ["*Orphaned: this passage is no longer in the document.*", ""]
            if note.body.strip():
                out += [*note_lines(note.body), ""]
            if note.tags:
                out += ["Tags: " + ", ".join(f"`{t}`" for t in note.tags), ""]
            for e in mentioned_entities(note, c.doc):
                kind = index_kind(e)
                if kind is None:
                    continue
                entry = index.setdefault(e.id, (e, kind, []))
                if number not in entry[2]:
                    entry[2].append(number)
    if index:
        out += [f"## {INDEX_TITLE}", ""]
        ordered = sorted(
            index.values(),
            key=lambda v: (INDEX_ORDER.index(v[1]), v[0].name.casefold(), v[0].id),
        )
        for e, kind, numbers in ordered:
            refs = ", ".join(str(n) for n in numbers)
            label = "note" if len(numbers) == 1 else "notes"
            out.append(f"- **{md_escape(e.name)}** ({kind}): {label} {refs}")
        out.append("")
    if not notes:
        out += ["No notes.", ""]
    return "\n".join(out)


# -- JSON (W3C Web Annotation) ----------------------------------------------------------------


def source_uri(path: str) -> str:
    return Path(path).as_uri() if os.path.isabs(path) else path


#: What the speaker line adds for a quote that is not wholly the speaker's words.
QUOTE_KIND_NOTES = {
    "partial": "partial quote: only the words in quotation marks are theirs",
    "indirect": "reported speech: the writer's words, not theirs",
}


def quote_kind(note: Note, doc: Document | None) -> str | None:
    """How the noted passage quotes its speaker ("direct", "partial", ...), when known.

    Read from the document's parse at export time (notes are re-anchored first, so offsets
    hold); ``None`` for an orphan, a note without a speaker or a document that is gone.
    """
    if doc is None or note.orphaned or not note.speaker:
        return None
    quote = quote_at(doc, note.start, note.end)
    return quote.kind if quote is not None and quote.speaker == note.speaker else None


def web_annotation(note: Note, c: DocContext | None = None) -> dict[str, Any]:
    """One note as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/)."""
    bodies: list[dict[str, Any]] = []
    if note.body:
        bodies.append(
            {
                "type": "TextualBody",
                "value": note.body,
                "format": "text/markdown",
                "purpose": "commenting",
            }
        )
    bodies += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in note.tags]
    target: dict[str, Any] = {
        "source": source_uri(note.path),
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": note.exact,
                "prefix": note.prefix,
                "suffix": note.suffix,
            },
            {"type": "TextPositionSelector", "start": note.start, "end": note.end},
        ],
        "styleClass": note.colour,
        "briefing:contentHash": note.content_hash,
    }
    if c is not None:
        target["briefing:title"] = c.title
        if c.date:
            target["briefing:date"] = c.date
        if c.source:
            target["briefing:source"] = c.source
    anno: dict[str, Any] = {
        "id": f"urn:uuid:{note.id}",
        "type": "Annotation",
        "motivation": "commenting" if note.body else "highlighting",
        "created": note.created,
        "modified": note.updated,
        "body": bodies,
        "target": target,
        "briefing:kind": note.kind,
        "briefing:orphaned": note.orphaned,
    }
    if note.speaker:
        anno["briefing:speaker"] = note.speaker
        kind = quote_kind(note, c.doc if c is not None else None)
        if kind:
            anno["briefing:quoteKind"] = kind
    if note.author:
        anno["creator"] = {"type": "Person", "name": note.author}
    return anno


def to_json(notes: Sequence[Note], ctx: Mapping[str, DocContext]) -> str:
    items = [web_annotation(n, ctx.get(n.path)) for path, g in _ordered(notes, ctx) for n in g]
    used = sorted({n.colour for n in notes if n.colour in CSS_COLOURS})
    collection: dict[str, Any] = {
        "@context": [ANNO_CONTEXT, {"briefing": BRIEFING_NS}],
        "type": "AnnotationCollection",
        "label": "briefing-tui notes",
        "total": len(items),
        "stylesheet": {
            "type": "CssStylesheet",
            "value": " ".join(f".{c} {{ background-color: {CSS_COLOURS[c]} }}" for c in used),
        },
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"


# -- CSV --------------------------------------------------------------------------------------


def csv_safe(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def to_csv(notes: Sequence[Note], ctx: Mapping[str, DocContext]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for path, group in _ordered(notes, ctx):
        c = ctx.get(path)
        for n in group:
            row: dict[str, str] = {
                "id": n.id,
                "path": n.path,
                "title": c.title if c else "",
                "date": (c.date or "") if c else "",
                "source": (c.source or "") if c else "",
                "start": str(n.start),
                "end": str(n.end),
                "kind": n.kind,
                "speaker": n.speaker or "",
                "quote_kind": quote_kind(n, c.doc if c else None) or "",
                "exact": n.exact,
                "prefix": n.prefix,
                "suffix": n.suffix,
                "note": n.body,
                "tags": "; ".join(n.tags),
                "colour": n.colour,
                "created": n.created,
                "updated": n.updated,
                "orphaned": "yes" if n.orphaned else "no",
                "content_hash": n.content_hash,
                "author": n.author,
            }
            w.writerow([csv_safe(row[k]) if k in CSV_TEXT_COLUMNS else row[k] for k in CSV_COLUMNS])
    return buf.getvalue()


# -- writing ----------------------------------------------------------------------------------


def _why(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on device"
    if exc.errno == errno.EDQUOT:
        return "disk quota exceeded"
    return exc.strerror or str(exc)


def write_atomic(path: str | os.PathLike[str], data: str | bytes, force: bool = False) -> Path:
    """Write ``data`` to ``path`` all at once, or not at all. Raises :class:`ExportError`.

    A temporary file beside the target is written, fsynced and renamed over it, so the old
    file (if any) stays whole until the new one is complete. Without ``force`` an existing file
    is never replaced, even one created while we were writing.
    """
    p = Path(path)
    shown = printable(str(p))
    if p.is_dir():
        raise ExportError(f"{shown} is a folder: name a file")
    if os.path.lexists(p) and not force:
        raise FileExists(f"{shown} already exists")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = p.parent if str(p.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write {shown}: {_why(exc)}") from None
    try:
        try:
            if p.exists():
                mode = stat.S_IMODE(os.stat(p).st_mode)
            else:
                mask = os.umask(0)
                os.umask(mask)
                mode = 0o666 & ~mask
            os.fchmod(fd, mode)
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if force:
            os.replace(tmp, p)
        else:
            _place_new(tmp, p, shown)
        with suppress(OSError):
            dfd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            kept = "the existing file is unchanged" if p.exists() else "nothing was written"
            raise ExportError(f"cannot write {shown}: {_why(exc)} ({kept})") from None
        raise
    return p


def _place_new(tmp: str, p: Path, shown: str) -> None:
    """Rename without ever replacing: a hard link fails if the name was taken meanwhile."""
    try:
        os.link(tmp, p)
    except FileExistsError:
        raise FileExists(f"{shown} already exists") from None
    except OSError:
        # No hard links here (FAT, some network shares): check, then rename.
        if os.path.lexists(p):
            raise FileExists(f"{shown} already exists") from None
        os.replace(tmp, p)
        return
    os.unlink(tmp)
