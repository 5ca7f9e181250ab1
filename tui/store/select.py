"""Which store to open: ``--store``, else ``store = ...`` in config, else the local files.

A ``postgresql://`` URL opens the team store; anything else is a path to a notes file. Reading
positions follow the same choice: the server (per user) or ``positions.json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.config import Config, load_config
from tui.core.positions import Positions, PositionsBackend

if TYPE_CHECKING:
    from tui.notes.backend import NotesBackend


def configured_store(store: str | None = None) -> str | None:
    """The store asked for: the command line's, else config's (None: the default file)."""
    return store or load_config().store


def open_notes(store: str | None = None, read_only: bool = False) -> NotesBackend:
    """Open the notes store. Raises :class:`tui.notes.store.NotesStoreError` (one line, the
    password masked) or :class:`tui.store.url.StoreUrlError`."""
    cfg = load_config()
    target = store or cfg.store
    author = cfg.user or ""
    from tui.store.url import is_server_url

    if target and is_server_url(target):
        from tui.store.postgres import PostgresNotesStore

        return PostgresNotesStore.open(target, author=author)
    # Imported here: the reader's first screen opens reading positions, not the notes (SQLite
    # and the anchoring rules load after the first frame, when the notes are drawn).
    from tui.notes.store import NotesStore

    return NotesStore.open(target or None, read_only=read_only, author=author)


def open_positions(config: Config | None = None) -> PositionsBackend:
    """Reading positions: the team store's, for ``user`` (psycopg is imported only then), else
    ``positions.json``. Never raises: a server away is a ``problem`` line, not a failure."""
    cfg = config if config is not None else load_config()
    if not cfg.store:  # the usual case: no URL to check, so start-up never imports the rules
        return Positions()
    from tui.store.url import StoreUrlError, is_server_url

    if is_server_url(cfg.store):
        from tui.store.positions import PostgresPositions

        try:
            return PostgresPositions(cfg.store, user=cfg.user or "")
        except StoreUrlError as exc:
            local = Positions()
            local.problem = f"reading positions kept on this machine: {exc}"
            return local
    return Positions()
