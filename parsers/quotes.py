"""Quotations and who said them (placeholder: none yet)."""

from __future__ import annotations

from parsers.model import Document, Quote


def extract_quotes(doc: Document) -> list[Quote]:
    return []
