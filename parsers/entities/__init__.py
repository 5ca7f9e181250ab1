"""Entities: gazetteer and rules (placeholder: none yet)."""

from __future__ import annotations

from parsers.model import Document, EntityMention


def extract_entities(doc: Document) -> list[EntityMention]:
    return []
