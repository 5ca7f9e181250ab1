"""When the terminal goes away, leave as ``q`` does: save the reading position, an open note's
words, and exit, within a few seconds whatever the dead terminal does to Textual's shutdown.

The watching itself is headless (:mod:`tui.core.hangup`); this module only turns "the terminal
is gone" into the app's own quit: the watch thread posts :class:`TerminalLost` to the app, whose
handler calls :func:`leave`.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from typing import Any

from textual.app import App
from textual.message import Message

from tui.core.hangup import TerminalWatch

#: Seconds the app gets to quit by itself before the process ends anyway.
GRACE = 3.0
#: Exit status after a hang-up, as a shell reports a process ended by SIGHUP (128 + 1).
HANGUP_STATUS = 129


def keep_open_note(app: App[Any]) -> None:
    """An open note form whose words changed is saved, as if ``ctrl+s`` had been pressed."""
    from tui.ui.screens.note_form import NoteForm

    for screen in reversed(app.screen_stack):
        if not isinstance(screen, NoteForm) or screen.save is None:
            continue
        with contextlib.suppress(Exception):
            draft = screen.draft()
            changed = draft.body != screen.initial_body or draft.tags != screen.initial_tags
            if changed and (draft.body.strip() or draft.tags):
                screen.save(draft)


class TerminalLost(Message):
    """The terminal the app runs in is gone (``reason``: a hang-up signal, a dead tty)."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


def leave(app: App[Any]) -> None:
    """What ``q`` saves (and an open note), then the app's own quit action."""
    keep_open_note(app)
    app.call_later(app.run_action, "quit")


def _hard_exit(app: App[Any]) -> None:
    """The app did not finish quitting (its terminal writes may block): save and end now."""
    save = getattr(app, "save_position", None)
    if callable(save):
        with contextlib.suppress(Exception):
            save()
    import multiprocessing

    for child in multiprocessing.active_children():
        with contextlib.suppress(Exception):
            child.terminate()
    with contextlib.suppress(Exception):
        sys.stderr.flush()
    os._exit(HANGUP_STATUS)


def watch_terminal(app: App[Any], grace: float = GRACE) -> TerminalWatch:
    """Start watching the terminal ``app`` runs in; stop the returned watch when the app ends."""

    def lost(reason: str) -> None:
        deadline = threading.Timer(grace, _hard_exit, args=(app,))
        deadline.daemon = True
        deadline.start()
        with contextlib.suppress(Exception):
            app.post_message(TerminalLost(reason))

    return TerminalWatch(lost).start()
