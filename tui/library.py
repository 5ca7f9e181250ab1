"""The library: the documents a user opened, loaded once and kept as light metadata.

Placeholder implementation (serial, no cache); the search issue replaces the internals with a
SQLite parse cache and parallel parsing, keeping this interface.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from parsers import Document, ParseError, parse_file
from tui.discover import find_documents, printable


@dataclass(slots=True)
class DocEntry:
    """What the document list shows, without holding the whole document."""

    path: str
    title: str
    date: str | None
    source: str | None
    words: int = 0


@dataclass(slots=True)
class Progress:
    done: int
    total: int
    from_cache: int = 0
    elapsed: float = 0.0

    @property
    def rate(self) -> float:
        return self.done / self.elapsed if self.elapsed > 0 else 0.0


class Library:
    """Documents found under ``paths``. ``scan`` fills ``entries``; ``document`` gives one whole."""

    def __init__(self, paths: list[str]) -> None:
        found = find_documents(paths)
        self.roots = list(paths)
        self.files = found.files
        self.problems: list[str] = list(found.problems)
        self.entries: list[DocEntry] = []
        self._docs: dict[str, Document] = {}

    def scan(
        self,
        on_progress: Callable[[Progress], None] | None = None,
        on_entry: Callable[[DocEntry], None] | None = None,
    ) -> None:
        """Parse every file (from cache where possible), reporting progress as it goes."""
        total = len(self.files)
        for i, path in enumerate(self.files, 1):
            try:
                doc = parse_file(path)
            except ParseError as exc:
                self.problems.append(printable(str(exc)))
                continue
            self._docs[path] = doc
            entry = DocEntry(doc.path, doc.title, doc.date, doc.source, len(doc.text.split()))
            self.entries.append(entry)
            if on_entry:
                on_entry(entry)
            if on_progress:
                on_progress(Progress(i, total))

    def document(self, path: str) -> Document:
        """The whole parsed document (parsed again if it is not in memory)."""
        doc = self._docs.get(path)
        if doc is None:
            doc = parse_file(path)
            self._docs[path] = doc
        return doc
