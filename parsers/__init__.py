"""Text in, structured :class:`Document` out. Pure: no Textual, no terminal, no database."""

from __future__ import annotations

import os

from parsers.model import Document, EntityMention, Paragraph, ParseError, Quote, Section, Sentence

__all__ = [
    "PARSER_VERSION",
    "Document",
    "EntityMention",
    "Paragraph",
    "ParseError",
    "Quote",
    "Section",
    "Sentence",
    "parse_bytes",
    "parse_file",
    "parse_text",
]

#: Bump when any parser's output changes: the parse cache is keyed on it.
PARSER_VERSION = "8"

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt", ".text")
#: Refuse to read files larger than this; a reader of briefings never needs more.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Quotes and entities are looked for in this many characters of a document at most, so a
#: pathological file (50 MB on one line) still opens in seconds; the rest is read as plain text.
EXTRACTION_LIMIT = 2_000_000


def parse_text(text: str, path: str = "<text>", fmt: str | None = None) -> Document:
    """Parse already-decoded text. ``fmt`` is "markdown" or "text" (default: by suffix)."""
    from parsers.decode import clean_text
    from parsers.entities import extract_entities
    from parsers.markdown_reader import read_markdown
    from parsers.plaintext import read_plaintext
    from parsers.quotes import extract_quotes
    from parsers.sentences import split_sentences

    text = clean_text(text)
    if fmt is None:
        fmt = "markdown" if path.lower().endswith(MARKDOWN_SUFFIXES) else "text"
    doc = read_markdown(text, path) if fmt == "markdown" else read_plaintext(text, path)
    # The title line is a sentence too (it names people and places); furniture is not.
    spans = doc.body_paragraphs
    if doc.title_span is not None:
        spans = [Paragraph(doc.title_span[0], doc.title_span[1], "heading"), *spans]
    doc.sentences = split_sentences(doc.text, spans)
    view = _extraction_view(doc, EXTRACTION_LIMIT)
    doc.quotes = extract_quotes(view)
    view.quotes = doc.quotes
    doc.entities = extract_entities(view)
    if view is not doc:
        doc.warnings.append(
            f"very large document: quotes and entities found in the first "
            f"{EXTRACTION_LIMIT // 1_000_000} million characters only"
        )
    return doc


def _extraction_view(doc: Document, limit: int) -> Document:
    """``doc`` itself, or for an oversized one a copy cut at a word boundary before ``limit``.

    Offsets in the copy are offsets in ``doc`` (it is a prefix), so what is extracted from it
    belongs to ``doc`` unchanged.
    """
    if len(doc.text) <= limit:
        return doc
    cut = doc.text.rfind(" ", 0, limit)
    cut = max(cut, doc.text.rfind("\n", 0, limit))
    if cut <= 0:
        cut = limit

    def clip(spans: list[Paragraph]) -> list[Paragraph]:
        return [Paragraph(p.start, min(p.end, cut), p.kind) for p in spans if p.start < cut]

    return Document(
        path=doc.path,
        title=doc.title,
        text=doc.text[:cut],
        date=doc.date,
        source=doc.source,
        format=doc.format,
        sections=doc.sections,
        paragraphs=clip(doc.paragraphs),
        sentences=[Sentence(s.start, min(s.end, cut)) for s in doc.sentences if s.start < cut],
        title_span=doc.title_span,
    )


def parse_bytes(data: bytes, path: str = "<bytes>") -> Document:
    """Decode (BOM, UTF-8, UTF-16, cp1252/Latin-1; binary raises ParseError) and parse."""
    from parsers.decode import decode_with_encoding

    text, encoding = decode_with_encoding(data)
    doc = parse_text(text, path)
    if encoding != "utf-8":
        doc.warnings.append(f"decoded as {encoding}")
    return doc


def parse_file(path: str | os.PathLike[str]) -> Document:
    """Read and parse one file; bad input raises :class:`ParseError` with a one-line reason."""
    p = os.fspath(path)
    try:
        size = os.path.getsize(p)
        if size > MAX_FILE_BYTES:
            raise ParseError(f"{p}: too large ({size // (1024 * 1024)} MiB; limit 64 MiB)")
        with open(p, "rb") as fh:
            data = fh.read()
    except ParseError:
        raise
    except IsADirectoryError:
        raise ParseError(f"{p}: is a folder") from None
    except FileNotFoundError:
        raise ParseError(f"{p}: no such file") from None
    except PermissionError:
        raise ParseError(f"{p}: permission denied") from None
    except OSError as exc:
        raise ParseError(f"{p}: cannot read ({exc.strerror or exc})") from None
    try:
        return parse_bytes(data, p)
    except ParseError as exc:
        raise ParseError(f"{p}: {exc}") from None
