"""Notice that the terminal has gone (a closed tmux pane, a lost ssh session) and say so once.

A Textual app whose terminal hangs up does not end by itself: SIGHUP may never reach it (a
``make`` or a shell between the terminal and the app), and its input thread then spins on a
descriptor that is always "readable" and always at end of file. :class:`TerminalWatch` looks
for itself: a SIGHUP, or the terminal descriptor reporting a hang-up (``poll`` gives POLLHUP or
POLLERR, or it stops being a terminal). It never reads the descriptor, so it takes no keys
from the app. No Textual here: the app passes a callback that asks itself to quit.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import threading
from collections.abc import Callable, Sequence
from types import FrameType

#: How often (seconds) the terminal is looked at.
INTERVAL = 0.25


def terminal_gone(fd: int) -> str | None:
    """Why the terminal on ``fd`` is gone ("hang-up", "not a terminal"), or None if it is not.

    ``poll`` with no events asked still reports POLLHUP/POLLERR/POLLNVAL, without reading.
    """
    try:
        poller = select.poll()
        poller.register(fd, 0)
        events = poller.poll(0)
    except (OSError, ValueError):
        return "closed"
    for _fd, mask in events:
        if mask & select.POLLNVAL:
            return "closed"
        if mask & (select.POLLHUP | select.POLLERR):
            return "hang-up"
    try:
        if not os.isatty(fd):
            return "not a terminal"
    except OSError:
        return "closed"
    return None


class TerminalWatch:
    """Calls ``on_lost(reason)`` once, from its own thread, when the terminal goes away.

    Watches the descriptors in ``fds`` that are terminals when :meth:`start` is called (none:
    nothing to watch, as under a test harness) and, from the main thread, SIGHUP.
    """

    def __init__(
        self,
        on_lost: Callable[[str], None],
        fds: Sequence[int] = (0, 1),
        interval: float = INTERVAL,
    ) -> None:
        self.on_lost = on_lost
        self.interval = interval
        self.fds: list[int] = []
        for fd in fds:
            with contextlib.suppress(OSError):
                if os.isatty(fd):
                    self.fds.append(fd)
        self.reason: str | None = None
        self._hup = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._previous: Callable[[int, FrameType | None], object] | int | None = None
        self._installed = False

    def start(self) -> TerminalWatch:
        if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGHUP"):
            self._previous = signal.signal(signal.SIGHUP, self._on_sighup)
            self._installed = True
        self._thread = threading.Thread(target=self._run, name="briefing-hangup", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._installed and threading.current_thread() is threading.main_thread():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(signal.SIGHUP, self._previous or signal.SIG_DFL)
            self._installed = False

    def _on_sighup(self, signum: int, frame: FrameType | None) -> None:
        # A signal handler runs between two bytecodes of the main thread (the app's event
        # loop): it only sets a flag; the watching thread does the rest.
        self._hup.set()

    def check(self) -> str | None:
        """The reason the terminal is gone, or None."""
        if self._hup.is_set():
            return "SIGHUP"
        for fd in self.fds:
            why = terminal_gone(fd)
            if why is not None:
                return why
        return None

    def _run(self) -> None:
        while not self._stop.is_set():
            self._hup.wait(self.interval)
            if self._stop.is_set():
                return
            reason = self.check()
            if reason is not None:
                self.reason = reason
                self.on_lost(reason)
                return
