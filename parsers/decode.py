"""Bytes to clean text: detect the encoding, refuse binary, strip terminal escapes.

Why here and once: Textual does not clean text, so a document's OSC or CSI sequence would reach
the terminal (measured: a Rich Text passes OSC 2 through, and the tmux title changed). Cleaning
keeps ordinary characters at their offsets, so every offset computed later indexes the same
characters the user sees.
"""

from __future__ import annotations

import codecs
import re

from parsers.model import ParseError

# Any C0/C1 control but tab and newline: the fast "is there anything to do?" test.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Terminal sequences, each removed whole. Every branch starts with a control character and the
# string bodies exclude their own terminator and newlines, so matching is linear: no nested
# quantifiers, no backtracking across lines. An OSC/DCS left unterminated on its line loses only
# its introducer (the later branches), the rest stays as harmless text.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, ...
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    # OSC (titles, 8 hyperlinks, 52 clipboard), DCS, SOS, PM, APC: ended by BEL or ST
    r"|[\x1b][\]PX^_][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)"
    r"|[\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)"  # their 8-bit forms
    r"|\x1b[ -/]*[0-~]"  # other ESC sequences (charset, keypad, ...)
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # any other control character, alone
)

# Magic numbers of common binary formats, to name what was refused.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"{\\rtf", "RTF document"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# A well-formed UTF-8 multi-byte sequence; its presence in a file that is not valid UTF-8 means
# the file mixes encodings (fall back per byte), its absence that it is a legacy 8-bit file.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejected as cp1252 (Latin-1 for cp1252's five unassigned bytes)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_cp1252_byte(b) for b in bad), exc.end


def _cp1252_byte(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(b)


codecs.register_error("briefing-cp1252", _cp1252_fallback)


def clean_text(text: str) -> str:
    """``\\r\\n`` to ``\\n``; controls and escape sequences removed (ARCHITECTURE: Offsets).

    A lone ``\\r`` (old Mac line ends) becomes ``\\n`` rather than vanishing: same length, so
    offsets are unchanged, and the lines stay apart. Tabs and newlines are kept.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text) is None:
        return text
    return _ESCAPES.sub("", text)


def decode_bytes(data: bytes) -> str:
    """Decode a document's bytes to text (not yet cleaned). Binary raises :class:`ParseError`."""
    return decode_with_encoding(data)[0]


def decode_with_encoding(data: bytes) -> tuple[str, str]:
    """Decode and name the encoding used.

    Order: a BOM (UTF-8/16/32); BOM-less UTF-16 recognised by its NUL pattern; binary refused
    (NUL bytes, a known magic number, or many control bytes); strict UTF-8; then cp1252, which
    also reads Latin-1 correctly (Latin-1's 0x80-0x9F are unused control codes). A file that is
    mostly UTF-8 with a few stray 8-bit bytes keeps its UTF-8 and reads the strays as cp1252.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return data.decode(utf16, errors="replace"), utf16
    _refuse_binary(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _UTF8_MULTIBYTE.search(data) is not None:
        return data.decode("utf-8", errors="briefing-cp1252"), "utf-8 (some cp1252 bytes)"
    return data.decode("cp1252", errors="briefing-cp1252"), "cp1252"


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM, told by NULs in every other byte (mostly-ASCII text), else None."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    sample = sample[: len(sample) - len(sample) % 2]
    half = len(sample) // 2
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    candidates = ((odd_nuls, even_nuls, "utf-16-le"), (even_nuls, odd_nuls, "utf-16-be"))
    for nuls, other, name in candidates:
        if nuls >= 0.6 * half and other <= 0.02 * half:
            try:
                text = data[: len(data) - len(data) % 2].decode(name)
            except UnicodeDecodeError:
                continue
            probe = text[:2048]
            printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in probe)
            if probe and printable >= 0.95 * len(probe):
                return name
    return None


def _refuse_binary(data: bytes) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ParseError(f"binary file ({what}); not a text document")
    if b"\x00" in data:
        raise ParseError("binary file (contains NUL bytes); not a text document")
    sample = data[:8192]
    if sample:
        # Control bytes text never holds (ESC is allowed: ANSI-coloured text is still text).
        odd = sum(sample.count(b) for b in (*range(1, 8), 0x0B, 0x0E, 0x0F, *range(0x10, 0x1B)))
        if odd > 0.1 * len(sample):
            raise ParseError("binary file (mostly control bytes); not a text document")
