"""Property tests: for any text, parsing never raises and every offset names what it says.

docs/ARCHITECTURE.md, Offsets: annotations, highlighting, search and the scorers all index
``Document.text``.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import Document, parse_text
from parsers.decode import clean_text


def assert_offsets(doc: Document) -> None:
    """Every part's span lies in the text and round-trips; paragraphs and sentences are stripped."""
    text = doc.text
    n = len(text)

    def span(start: int, end: int, what: str) -> str:
        assert 0 <= start <= end <= n, f"{what} {start}:{end} outside 0:{n}"
        return text[start:end]

    if doc.title_span is not None:
        assert span(*doc.title_span, "title_span").strip()
    for s in doc.sections:
        span(s.start, s.end, "section")
        if s.title_start is not None and s.title_end is not None:
            assert span(s.title_start, s.title_end, "section title") == s.title
            assert s.start <= s.title_start <= s.title_end <= s.end
        assert s.level >= 1
    last = -1
    for p in doc.paragraphs:
        body = span(p.start, p.end, "paragraph")
        assert body and body == body.strip(), f"paragraph not stripped: {body!r}"
        assert p.start >= last, "paragraphs out of order or overlapping"
        last = p.end
    for sent in doc.sentences:
        body = span(sent.start, sent.end, "sentence")
        assert body and body == body.strip()
    for q in doc.quotes:
        assert span(q.start, q.end, "quote")
        if q.speaker_start is not None and q.speaker_end is not None:
            span(q.speaker_start, q.speaker_end, "speaker")
        for a, b in q.parts:
            span(a, b, "quote part")
    for e in doc.entities:
        assert span(e.start, e.end, "entity") == e.text


def assert_sentences_inside_paragraphs(doc: Document) -> None:
    spans = [(p.start, p.end) for p in doc.body_paragraphs]
    if doc.title_span is not None:
        spans.append(doc.title_span)
    for s in doc.sentences:
        assert any(a <= s.start and s.end <= b for a, b in spans), "sentence crosses a paragraph"


# Text made of the characters that trip readers: quotes, newlines, markup, controls, escapes.
_PIECES = st.sampled_from(
    [
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        " ",
        "\t",
        '"',
        "“",
        "”",
        "'",
        "’",
        ".",
        "...",
        "?",
        "!",
        ",",
        "#",
        "## ",
        "> ",
        "- ",
        "* ",
        "1. ",
        "|",
        "---",
        "===",
        "```",
        "`",
        "[",
        "]",
        "(",
        ")",
        "**",
        "_",
        "<",
        "&amp;",
        "\x1b[31m",
        "\x1b]8;;http://x\x1b\\",
        "\x1b]52;c;aGk=\x07",
        "\x07",
        "\x00",
        "\x9b",
        "\x1b",
        "\ufeff",
        "U.S.",
        "Mr.",
        "Sept. 6, 2025",
        "date 2025-09-06 ",
        "WASHINGTON (Reuters) - ",
        "UNN reports with reference to Bloomberg.",
        "Popular Categories",
        "said",
        "he said.",
        "Title",
        "NATO",
        "Ukraine",
        "$4.8 billion",
        "é",
        "Ş",
        "🙂",
        "\u2028",
    ]
)
_TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=60).map("".join),
)
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(_TEXTS)
def test_plain_text_never_raises_and_offsets_hold(raw: str) -> None:
    doc = parse_text(raw, "any.txt")
    assert doc.text == clean_text(raw)
    assert_offsets(doc)
    assert_sentences_inside_paragraphs(doc)
    assert isinstance(doc.title, str)


@_SETTINGS
@given(_TEXTS)
def test_markdown_never_raises_and_offsets_hold(raw: str) -> None:
    doc = parse_text(raw, "any.md")
    assert doc.format == "markdown"
    assert_offsets(doc)
    assert_sentences_inside_paragraphs(doc)


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_refuse_with_one_line(data: bytes) -> None:
    from parsers import ParseError, parse_bytes

    try:
        doc = parse_bytes(data, "x.txt")
    except ParseError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    assert_offsets(doc)
    # No control character but newline and tab survives, so none reaches the terminal.
    assert not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in doc.text)
