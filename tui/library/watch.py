"""Watch library folders for documents another program adds, changes or removes (watchfiles).

Runs in a thread of its own and calls back with the set of document paths that changed, a
batch at a time (watchfiles waits for a quiet moment, so a copy in progress arrives once).
Hidden files (the inbox's temporary ``.name.tmp`` files, editors' swap files) and files that
are not documents are ignored. ``stop()`` ends the thread within a fraction of a second.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

from tui.core.discover import DOCUMENT_SUFFIXES

#: Milliseconds of quiet before a batch of changes is reported.
DEBOUNCE_MS = 400


def is_document_path(path: str, roots: list[str]) -> bool:
    """A document file, not hidden and not inside a hidden folder below one of ``roots``."""
    if not path.lower().endswith(DOCUMENT_SUFFIXES):
        return False
    for root in roots:
        rel = os.path.relpath(path, root)
        if not rel.startswith(".." + os.sep) and rel != "..":
            return not any(part.startswith(".") for part in rel.split(os.sep))
    return not os.path.basename(path).startswith(".")


class FolderWatcher:
    """Calls ``on_change(paths)`` from its own thread whenever documents under ``folders``
    appear, change or go away."""

    def __init__(
        self,
        folders: list[str],
        on_change: Callable[[set[str]], None],
        *,
        debounce_ms: int = DEBOUNCE_MS,
        force_polling: bool | None = None,
    ) -> None:
        self.folders = [os.path.abspath(f) for f in folders if os.path.isdir(f)]
        self.on_change = on_change
        self.debounce_ms = debounce_ms
        self.force_polling = force_polling
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: str | None = None

    def start(self) -> bool:
        if not self.folders:
            return False
        self._thread = threading.Thread(target=self._run, name="briefing-watch", daemon=True)
        self._thread.start()
        return True

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        try:
            from watchfiles import watch
        except ImportError as exc:  # pragma: no cover - a dependency
            self.error = f"watching folders is off ({exc})"
            return
        try:
            for changes in watch(
                *self.folders,
                watch_filter=lambda _change, path: is_document_path(path, self.folders),
                debounce=self.debounce_ms,
                step=50,
                stop_event=self._stop,
                raise_interrupt=False,
                force_polling=self.force_polling,
                ignore_permission_denied=True,
            ):
                paths = {os.path.abspath(p) for _c, p in changes}
                if paths and not self._stop.is_set():
                    self.on_change(paths)
        except Exception as exc:  # a folder removed or out of inotify watches: say so once
            self.error = f"watching folders stopped ({type(exc).__name__}: {exc})"
