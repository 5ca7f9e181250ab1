"""A closed terminal, in the real app: the watch thread's message makes it leave as ``q`` does,
keeping the words of an open note (the tmux test closes a real terminal; this one checks the
message reaches the app from another thread)."""

from __future__ import annotations

import threading

from conftest import SEED_A, app_ready, pilot_test, wait_for

from tui.notes.store import NotesStore
from tui.ui.app import BriefingApp
from tui.ui.hangup import TerminalLost


@pilot_test
async def test_terminal_lost_from_another_thread_saves_the_open_note_and_quits() -> None:
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        await pilot.press("j", "a")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "NoteForm")
        await pilot.press(*"half written")
        watch = threading.Thread(target=app.post_message, args=(TerminalLost("hang-up"),))
        watch.start()
        watch.join()
        await wait_for(pilot, lambda: not app.is_running)
    with NotesStore.open() as store:
        assert [n.body for n in store.all_notes()] == ["half written"]
