"""Documents as they are on disk now, for re-anchoring notes before they are listed or exported.

The parse cache is used when the file's size and modification time (and the parsers) are the
ones it was parsed with; otherwise the file is parsed again (and not stored: the library's scan
owns the cache). A file that is gone or unreadable gives None. No Textual here.
"""

from __future__ import annotations

import os

from parsers import Document, ParseError, parse_file
from tui.core import paths
from tui.core.discover import file_of
from tui.entities.index import apply_user_gazetteer
from tui.library.parse_cache import CACHE_NAME, CacheRow, ParseCache, parser_key


class CurrentDocuments:
    """``load(path)`` for :mod:`tui.notes.refresh` and exports: the current parse, or None.

    ``cache``: the library's parse cache; by default the cache on disk if there is one (none is
    created). The cache's rows are read once, so make a new loader for a new look.
    """

    def __init__(self, cache: ParseCache | None = None) -> None:
        self._given = cache
        self._cache: ParseCache | None = None
        self._rows: dict[str, CacheRow] | None = None
        self._key: str | None = None

    def _open(self) -> ParseCache | None:
        if self._given is not None:
            return self._given
        if self._cache is None:
            path = paths.cache_dir() / CACHE_NAME
            if path.exists():
                self._cache = ParseCache(path)
        return self._cache

    def _cached(self, path: str, size: int, mtime_ns: int) -> Document | None:
        cache = self._open()
        if cache is None:
            return None
        if self._rows is None:
            self._rows, self._key = cache.rows(), parser_key()
        row = self._rows.get(path)
        if row is None or row.error or not row.fresh(size, mtime_ns, self._key):
            return None
        return cache.document(path)

    def __call__(self, path: str) -> Document | None:
        path = os.path.abspath(path)
        try:
            st = os.stat(file_of(path))
        except OSError:
            return None
        doc = self._cached(path, st.st_size, st.st_mtime_ns)
        if doc is not None:
            return doc
        try:
            doc = apply_user_gazetteer(parse_file(path))
        except (ParseError, OSError):
            return None
        doc.path = path
        return doc

    def close(self) -> None:
        """Close the cache this loader opened itself (a given one stays open)."""
        if self._cache is not None:
            self._cache.close()
            self._cache = None
