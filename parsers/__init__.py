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
    "parse_documents",
    "parse_file",
    "parse_file_all",
    "parse_text",
]

#: Bump when any parser's output changes: the parse cache is keyed on it.
PARSER_VERSION = "12"

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

    text = clean_text(text)
    if fmt is None:
        fmt = "markdown" if path.lower().endswith(MARKDOWN_SUFFIXES) else "text"
    if fmt == "markdown":  # markdown-it only for Markdown: a .txt library never loads it
        from parsers.markdown_reader import read_markdown

        doc = read_markdown(text, path)
    else:
        from parsers.plaintext import read_plaintext

        doc = read_plaintext(text, path)
    return annotate(doc)


def annotate(doc: Document) -> Document:
    """The passes every format shares: sentences, then quotes and speakers, then entities."""
    from parsers.entities import extract_entities
    from parsers.quotes import check_speakers, extract_quotes
    from parsers.sentences import split_sentences

    # The title line is a sentence too (it names people and places); furniture is not.
    spans = doc.body_paragraphs
    if doc.title_span is not None:
        spans = [Paragraph(doc.title_span[0], doc.title_span[1], "heading"), *spans]
    doc.sentences = split_sentences(doc.text, spans)
    view = _extraction_view(doc, EXTRACTION_LIMIT)
    doc.quotes = extract_quotes(view)
    view.quotes = doc.quotes
    doc.entities = extract_entities(view)
    check_speakers(view.text, doc.quotes, doc.entities)  # (needs the entities' types)
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
    """Parse a file's bytes with the reader its content (then its suffix) calls for.

    Plain text and Markdown are decoded (BOM, UTF-8, UTF-16, cp1252/Latin-1; binary raises
    ParseError); web pages, PDF, Word and e-mail go to their own readers. An mbox gives its
    first message here; :func:`parse_documents` gives them all.
    """
    return parse_documents(data, path)[0]


def parse_documents(data: bytes, path: str = "<bytes>") -> list[Document]:
    """Every document in a file: one for most formats, one per message for an mbox.

    ``path#part`` names a part of a container: ``box.mbox#3`` the third message,
    ``msg.eml#report.pdf`` an attachment of a message.
    """
    from parsers.sniff import sniff

    base, _, part = path.partition("#") if "#" in path else (path, "", "")
    reader = sniff(data, base)
    if reader in ("email", "mbox"):
        from parsers.email_reader import read_mail

        found = read_mail(data, base, mbox=reader == "mbox", part=part or None)
        if isinstance(found, bytes):  # an attachment: parse it as the file it is
            return [_annotated(_read_one(found, path))]
        return [annotate(d) for d in found]
    return [_annotated(_read_one(data, path))]


def _annotated(doc: Document) -> Document:
    return annotate(doc) if not doc.sentences else doc


def _read_one(data: bytes, path: str) -> Document:
    """One document of any single-document format, not yet annotated when it is a new reader."""
    from parsers.decode import decode_with_encoding
    from parsers.sniff import sniff

    reader = sniff(data, path.rsplit("#", 1)[-1])
    if reader == "html":
        from parsers.html_reader import read_html

        return read_html(data, path)
    if reader == "pdf":
        from parsers.pdf_reader import read_pdf

        return read_pdf(data, path)
    if reader == "docx":
        from parsers.docx_reader import read_docx

        return read_docx(data, path)
    if reader in ("email", "mbox"):
        from parsers.email_reader import read_mail

        found = read_mail(data, path, mbox=reader == "mbox", part=None)
        assert not isinstance(found, bytes)
        return found[0]
    text, encoding = decode_with_encoding(data)
    doc = parse_text(text, path, "markdown" if reader == "markdown" else "text")
    if encoding != "utf-8":
        doc.warnings.append(f"decoded as {encoding}")
    return doc


def parse_file(path: str | os.PathLike[str]) -> Document:
    """Read and parse one file; bad input raises :class:`ParseError` with a one-line reason.

    ``box.mbox#2`` or ``msg.eml#report.pdf`` (when no file has that very name) opens a part.
    """
    return parse_file_all(path, one=True)[0]


def parse_file_all(path: str | os.PathLike[str], one: bool = False) -> list[Document]:
    """Every document in one file (:func:`parse_documents`); ParseError with a one-line reason."""
    p = os.fspath(path)
    whole = p
    if "#" in p and not os.path.lexists(p):
        whole = p.rsplit("#", 1)[0]
    try:
        size = os.path.getsize(whole)
        if size > MAX_FILE_BYTES:
            raise ParseError(f"{p}: too large ({size // (1024 * 1024)} MiB; limit 64 MiB)")
        with open(whole, "rb") as fh:
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
        if one or whole != p:
            return [parse_bytes(data, p)]
        return parse_documents(data, p)
    except ParseError as exc:
        raise ParseError(f"{p}: {exc}") from None
