"""Which reader a file needs: by its content first, then by its suffix.

Content wins because files are misnamed: a page saved as ``.txt``, an e-mail saved as ``.txt``,
a PDF without a suffix. Only the first few kilobytes are looked at.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Literal

Reader = Literal["text", "markdown", "html", "pdf", "docx", "email", "mbox"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
EMAIL_SUFFIXES = (".eml",)
MBOX_SUFFIXES = (".mbox",)
MARKDOWN_SUFFIXES = (".md", ".markdown")

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|head)[\s>]", re.I)
_HEADER = re.compile(rb"^([A-Za-z][A-Za-z0-9-]{0,40}):[ \t]?(.*)$")
_MAIL_HEADERS = {
    b"from",
    b"to",
    b"subject",
    b"date",
    b"message-id",
    b"received",
    b"return-path",
    b"mime-version",
    b"content-type",
    b"delivered-to",
    b"reply-to",
    b"cc",
    b"x-mailer",
    b"dkim-signature",
    b"list-unsubscribe",
}
_MBOX_FROM = re.compile(rb"^From \S+.*\d{4}\s*$")


def sniff(data: bytes, path: str) -> Reader:
    """The reader for ``data`` read from ``path``."""
    head = data[:4096]
    lower = path.lower()
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"%PDF-") or (b"%PDF-" in head[:1024] and lower.endswith(".pdf")):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and _is_docx(data):
        return "docx"
    if _MBOX_FROM.match(stripped.split(b"\n", 1)[0].rstrip(b"\r")) and _looks_like_mail(
        stripped.split(b"\n", 1)[1] if b"\n" in stripped else b""
    ):
        return "mbox"
    if lower.endswith(MBOX_SUFFIXES):
        return "mbox"
    if _looks_like_mail(stripped):
        return "email"
    if lower.endswith(EMAIL_SUFFIXES):
        return "email"
    if _HTML_START.match(head):
        return "html"
    if lower.endswith(HTML_SUFFIXES) and _HTML_ANYWHERE.search(head) is not None:
        return "html"
    if lower.endswith(HTML_SUFFIXES) and b"<" in head:
        return "html"
    if lower.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    return "text"


def _looks_like_mail(head: bytes) -> bool:
    """RFC 5322 headers from the first line: at least three known ones, one of them From,
    Subject or Received, before the first blank line."""
    known = 0
    key_seen = False
    for i, raw in enumerate(head.split(b"\n")[:60]):
        line = raw.rstrip(b"\r")
        if not line:
            break
        if line[:1] in (b" ", b"\t") and i > 0:
            continue  # a folded header line
        m = _HEADER.match(line)
        if m is None:
            return False
        name = m.group(1).lower()
        if name in _MAIL_HEADERS or name.startswith(b"x-"):
            known += 1
            key_seen = key_seen or name in (b"from", b"subject", b"received")
        elif i == 0:
            return False
    return known >= 3 and key_seen


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
