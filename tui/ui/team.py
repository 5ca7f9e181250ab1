"""The reader's side of a team store: colleagues' notes arrive live, an outage is one line.

A :class:`~tui.store.postgres.NoteListener` thread hears every note change on the server
(LISTEN/NOTIFY); changes this reader made itself are skipped (same server process id), the
rest are posted to the app as :class:`TeamLink.NoteChanged` messages (``post_message`` is
thread-safe), as is every change of the store's status (:class:`TeamLink.StatusChanged`).
When the listener loses the server it asks the store, which turns read-only and keeps new notes
in its local queue; when the server answers again the store sends the queue, and the reader
says so.
"""

from __future__ import annotations

import time
from typing import Any

from textual.app import App
from textual.message import Message

from tui.core.text import printable
from tui.store.postgres import RETRY_AFTER, NoteListener, PostgresNotesStore


class TeamLink:
    """Connects an open team store to the app, which handles its two messages."""

    class NoteChanged(Message):
        """A colleague added, edited or deleted a note (the server's ``event``)."""

        def __init__(self, event: dict[str, Any]) -> None:
            super().__init__()
            self.event = event

    class StatusChanged(Message):
        """The store went offline or came back: :meth:`TeamLink.show_status` says so."""

        def __init__(self, link: TeamLink) -> None:
            super().__init__()
            self.link = link

    #: The offline line stays up until the server is back (then it is cleared).
    OFFLINE_TIMEOUT = 24 * 3600.0

    def __init__(self, app: App[Any], store: PostgresNotesStore) -> None:
        self.app = app
        self.store = store
        self._next_try = 0.0
        self.listener = NoteListener(
            store.url, self._heard, on_reconnect=self._back, on_lost=self._lost, on_idle=self._idle
        )

    def start(self, wait: float = 0) -> TeamLink:
        # Only the listener's thread reconnects: a key press never waits on a dead server.
        self.store.reconnect_on_use = False
        self.store.on_status = self._status_changed
        self.listener.start(wait=wait)
        return self

    def stop(self) -> None:
        self.listener.stop()
        self.store.on_status = None

    def _status_changed(self, _store: PostgresNotesStore) -> None:
        self.app.post_message(self.StatusChanged(self))

    def _heard(self, event: dict[str, Any]) -> None:
        if event.get("pid") == self.store.backend_pid:
            return  # our own change: the reader already shows it
        self.app.post_message(self.NoteChanged(event))

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

    def show_status(self) -> None:
        """The offline line, or (the store is back) clear it and say so."""
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
