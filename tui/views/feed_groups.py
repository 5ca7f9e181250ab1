"""Documents of the user's library by feed, with unread counts: what ``F`` lists.

Headless: from the subscriptions (title and inbox folder), the documents the list shows and the
unread set, so the counts are the same the list's bold ``●`` marks show.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(slots=True)
class FeedGroup:
    """One feed's documents (in list order); ``folder`` None is "every document"."""

    title: str
    folder: str | None
    paths: list[str] = field(default_factory=list)
    unread: int = 0


def feed_groups(
    feeds: Iterable[tuple[str, str]], paths: Sequence[str], unread: set[str]
) -> list[FeedGroup]:
    """Every document first ("All documents"), then each feed (``(title, folder)``), most
    unread first, then by title; a document belongs to the feed whose inbox folder holds it."""
    everything = FeedGroup("All documents", None, list(paths), sum(p in unread for p in paths))
    groups: list[FeedGroup] = []
    by_folder: dict[str, FeedGroup] = {}
    for title, folder in feeds:
        key = os.path.normpath(folder)
        if key in by_folder:
            continue
        by_folder[key] = g = FeedGroup(title or os.path.basename(key), key)
        groups.append(g)
    for p in paths:
        owner = by_folder.get(os.path.dirname(os.path.normpath(p)))
        if owner is not None:
            owner.paths.append(p)
            owner.unread += p in unread
    groups.sort(key=lambda g: (-g.unread, g.title.casefold()))
    return [everything, *groups]
