"""Markdown through markdown-it-py (placeholder: treated as plain text)."""

from __future__ import annotations

from parsers.model import Document
from parsers.plaintext import read_plaintext


def read_markdown(text: str, path: str) -> Document:
    doc = read_plaintext(text, path)
    doc.format = "markdown"
    return doc
