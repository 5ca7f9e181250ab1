"""Bytes to clean text: detect the encoding, refuse binary, strip terminal escapes."""

from __future__ import annotations

import re

from parsers.model import ParseError

# CSI, OSC (ended by BEL or ST), other ESC sequences, then C0/C1 controls but \n and \t.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


def clean_text(text: str) -> str:
    """``\\r\\n`` to ``\\n``; control characters and escape sequences removed (GUIDE: Offsets)."""
    text = text.replace("\r\n", "\n")
    return _ESCAPES.sub("", text)


def decode_bytes(data: bytes) -> str:
    """Decode by BOM, then UTF-8, then cp1252 (Latin-1 for its gaps). Binary raises ParseError."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:8192]:
        raise ParseError("binary file (contains NUL bytes); not a text document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return "".join(
        chunk.decode("cp1252", errors="strict") if _cp1252_ok(chunk) else chunk.decode("latin-1")
        for chunk in [data]
    )


def _cp1252_ok(chunk: bytes) -> bool:
    try:
        chunk.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True
