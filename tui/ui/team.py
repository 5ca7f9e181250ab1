"""The reader's side of a team store: colleagues' notes arrive live, an outage is one line.

A :class:`~tui.store.postgres.NoteListener` thread hears every note change on the server
(LISTEN/NOTIFY); changes this reader made itself are skipped (same server process id), the
rest are handed to the app's loop. When the listener loses the server it asks the store,
which turns read-only and keeps new notes in its local queue; when the server answers again
the store sends the queue, and the reader says so.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.app import App

from tui.core.text import printable
from tui.store.postgres import RETRY_AFTER, NoteListener, PostgresNotesStore


class TeamLink:
    """Connects an open team store to the app: ``on_change(event)`` runs on the app's loop."""

    #: The offline line stays up until the server is back (then it is cleared).
    OFFLINE_TIMEOUT = 24 * 3600.0

    def __init__(
        self,
        app: App[Any],
        store: PostgresNotesStore,
        on_change: Callable[[dict[str, Any]], None],
    ) -> None:
        self.app = app
        self.store = store
        self.on_change = on_change
        self._next_try = 0.0
        self.listener = NoteListener(
            store.url, self._heard, on_reconnect=self._back, on_lost=self._lost, on_idle=self._idle
        )

    def start(self, wait: float = 0) -> TeamLink:
        # Only the listener's thread reconnects: a key press never waits on a dead server.
        self.store.reconnect_on_use = False
        self.store.on_status = lambda _store: self._call(self._show_status)
        self.listener.start(wait=wait)
        return self

    def stop(self) -> None:
        self.listener.stop()
        self.store.on_status = None

    def _call(self, fn: Callable[..., None], *args: Any) -> None:
        try:
            self.app.call_from_thread(fn, *args)
        except RuntimeError:  # already on the app's thread (or it is closing)
            fn(*args)

    def _heard(self, event: dict[str, Any]) -> None:
        if event.get("pid") == self.store.backend_pid:
            return  # our own change: the reader already shows it
        self._call(self.on_change, event)

    def _lost(self) -> None:
        self.store.ping()  # the store's connection went with the listener's: go offline now

    def _back(self) -> None:
        if not self.store.ping():
            self.store.reconnect()  # sends the queued notes, then says the store is back

    def _idle(self) -> None:
        # The server answers the listener but the store is offline (it noticed an outage the
        # listener did not, e.g. a dropped connection): try again every RETRY_AFTER seconds.
        if self.store.offline and time.monotonic() >= self._next_try:
            self._next_try = time.monotonic() + RETRY_AFTER
            self.store.reconnect()

    def _show_status(self) -> None:
        line = self.store.status_line()
        if line:
            self.app.notify(
                printable(line), severity="warning", markup=False, timeout=self.OFFLINE_TIMEOUT
            )
        else:
            self.app.clear_notifications()  # the offline line
            self.app.notify(
                "Team store is back: notes are shared again (queued changes sent).",
                markup=False,
                timeout=5,
            )
