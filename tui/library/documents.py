"""The library's documents as a sequence, parsed (or loaded from the cache) only when asked.

The entity sidebar and the quotes screen walk every document of a library; handing them this
lazy sequence instead of a list means nothing is parsed until a row actually needs it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, overload

from parsers.model import Document, ParseError

if TYPE_CHECKING:
    from tui.library.library import Library


class LibraryDocuments(Sequence[Document]):
    """The library's documents at ``paths``; iterating skips the ones that cannot be read."""

    def __init__(self, library: Library, paths: list[str]) -> None:
        self._library = library
        self._paths = paths

    def __len__(self) -> int:
        return len(self._paths)

    @overload
    def __getitem__(self, index: int) -> Document: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Document]: ...
    def __getitem__(self, index: int | slice) -> Document | Sequence[Document]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self._library.document(self._paths[index])

    def __iter__(self) -> Iterator[Document]:
        for path in self._paths:
            try:
                yield self._library.document(path)
            except (ParseError, OSError):
                continue
