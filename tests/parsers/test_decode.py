"""Encodings decode correctly, binary is refused in one line, escapes never survive cleaning."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from parsers import ParseError, parse_bytes, parse_file
from parsers.decode import clean_text, decode_bytes, decode_with_encoding

ARTICLE = "Kyiv talks\n“Air defense is vital,” said Pål Jonson. Café’s €5 deal — done.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16-be"),
        (ARTICLE.encode("utf-16"), "utf-16-le"),  # Python writes a BOM, little-endian here
        (codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le"), "utf-32-le"),
        (ARTICLE.encode("utf-16-le"), "utf-16-le"),  # no BOM: told by the NUL pattern
        (ARTICLE.encode("utf-16-be"), "utf-16-be"),
        (ARTICLE.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_decode_to_the_same_text(data: bytes, encoding: str) -> None:
    text, used = decode_with_encoding(data)
    assert text == ARTICLE
    assert used == encoding


def test_cp1252_curly_quotes_from_0x93_0x94() -> None:
    text = decode_bytes(b"\x93Hello,\x94 he said \x96 and left\x85")
    assert text == "“Hello,” he said – and left…"


def test_latin1_accents() -> None:
    raw = "Zürich, São Paulo, Ærø, ½ and ¿qué?".encode("latin-1")
    assert decode_bytes(raw) == "Zürich, São Paulo, Ærø, ½ and ¿qué?"


def test_cp1252_unassigned_bytes_do_not_fail() -> None:
    # 0x81 is unassigned in cp1252: read as its Latin-1 control, which cleaning then removes.
    doc = parse_bytes(b"Caf\xe9 \x81ok. The end.", "x.txt")
    assert doc.text == "Café ok. The end."


def test_mostly_utf8_with_a_stray_cp1252_byte_keeps_the_utf8() -> None:
    raw = "Stromšíková said “yes”".encode() + b" \x93no\x94"
    assert decode_bytes(raw) == "Stromšíková said “yes” “no”"


def test_bom_is_not_part_of_the_text() -> None:
    doc = parse_bytes(codecs.BOM_UTF8 + b"Title\nBody text here.", "x.txt")
    assert doc.text.startswith("Title")
    assert doc.title == "Title"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"\x7fELF\x02\x01\x01\x00", "executable"),
        (b"some text\x00\x01\x02\x03 more", "NUL bytes"),
        (bytes(range(1, 8)) * 200, "control bytes"),
    ],
)
def test_binary_is_refused_with_one_line(data: bytes, reason: str) -> None:
    with pytest.raises(ParseError) as err:
        parse_bytes(data, "x.txt")
    message = str(err.value)
    assert reason in message
    assert "\n" not in message


def test_binary_file_on_disk_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "photo.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with pytest.raises(ParseError, match="binary file"):
        parse_file(f)


@pytest.mark.parametrize("raw", [b"", b"   \n\t\n  ", "\ufeff".encode(), b"\r\n\r\n"])
def test_empty_and_whitespace_files_give_an_empty_document(raw: bytes) -> None:
    doc = parse_bytes(raw, "notes/empty.txt")
    assert doc.paragraphs == [] and doc.sentences == []
    assert doc.title == "empty"
    assert "empty document" in doc.warnings


def test_crlf_becomes_lf_and_lone_cr_a_newline() -> None:
    assert clean_text("a\r\nb\rc") == "a\nb\nc"


def test_escape_sequences_are_removed_whole() -> None:
    raw = (
        "Red \x1b[1;31mALERT\x1b[0m, "  # SGR colours
        "link \x1b]8;;http://evil.example\x1b\\here\x1b]8;;\x1b\\, "  # OSC 8 hyperlink
        "clip \x1b]52;c;ZWNobyBwd25lZA==\x07done, "  # OSC 52 clipboard write
        "title \x1b]0;owned\x07ok, "  # OSC 0 window title
        "dcs \x1bP1$r0m\x1b\\end, "  # DCS
        "8-bit \x9b2J csi, bell\x07 nul\x00 del\x7f."
    )
    assert clean_text(raw) == (
        "Red ALERT, link here, clip done, title ok, dcs end, 8-bit  csi, bell nul del."
    )


def test_no_escape_character_survives_any_sequence() -> None:
    nasty = "\x1b]0;x" + "\x1b[" + "\x1b" + "\x9d0;y\x9c" + "\x1b]8;;u\x07" * 3
    assert not any(0x00 <= ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in clean_text(nasty))


def test_cleaning_keeps_ordinary_text_and_its_relative_offsets() -> None:
    body = "NATO said “yes”.\tTabs stay.\nLines stay."
    raw = "\x1b[32m" + body[:10] + "\x07" + body[10:] + "\x1b[0m"
    cleaned = clean_text(raw)
    assert cleaned == body
    assert clean_text(body) == body  # nothing to do: unchanged


def test_unterminated_osc_does_not_swallow_the_rest_of_the_document() -> None:
    cleaned = clean_text("before \x1b]0;half a title\nThe next line stays.")
    assert cleaned.endswith("\nThe next line stays.")
    assert "\x1b" not in cleaned


def test_markup_lookalikes_are_plain_text() -> None:
    raw = b"Title\n[bold]x[/] [@click=app.quit]y[/] [link=file:///etc/passwd]z[/]."
    doc = parse_bytes(raw, "m.txt")
    assert "[@click=app.quit]" in doc.text and "[link=file:///etc/passwd]" in doc.text


def test_cleaning_a_50_mb_line_and_a_million_lines_completes() -> None:
    # Linear by construction; this only proves it finishes (no wall-clock assertion).
    big = "word \x1b[1m" * 1_000_000
    assert clean_text(big) == "word " * 1_000_000
    lines = "line\x07\n" * 1_000_000
    assert clean_text(lines).count("\n") == 1_000_000


def test_the_encoding_used_is_noted_when_not_utf8() -> None:
    assert parse_bytes("Title\nCafé.".encode("cp1252"), "a.txt").warnings == ["decoded as cp1252"]
    assert parse_bytes("Title\nCafé.".encode(), "a.txt").warnings == []
