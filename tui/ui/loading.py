"""Loading a library off the UI thread, reported to the app as typed messages.

The loading thread finds and parses the documents (:class:`tui.library.library.Library`); what
it learns reaches the UI as messages posted to the app (``post_message`` is thread-safe), in
order: problems, the first document to show, batches of list entries, progress (a newer
progress message replaces one not yet handled), and ``Finished``. No callbacks into widgets,
no polling timer.

A daemon thread of its own rather than a Textual thread worker: those run in asyncio's default
executor, which the event loop waits for on exit, so quitting in the middle of loading a big
library would hang until every file was parsed.
"""

from __future__ import annotations

import os
import threading
import time
from typing import TYPE_CHECKING

from textual.message import Message

from parsers.model import Document, ParseError
from tui.core.text import printable

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from tui.library.library import DocEntry, Library, Progress

#: Entries found are posted in batches at most this often (seconds), and at the end.
BATCH_INTERVAL = 0.1


class LibraryOpened(Message):
    """The library object exists (its files are known; documents can be asked for)."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library


class LoadProblem(Message):
    """One line for the user: a file that could not be read, a loading failure."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class NoDocuments(Message):
    """The paths hold no document files at all."""


class FirstDocument(Message):
    """A document to show while the rest loads (the one read last time, if it is here).

    Posted even when the app already showed :attr:`LibraryLoader.first` before the first
    frame: its handler then only reports the first paint."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document


class ScanWaiting(Message):
    """The first document (if any) is posted; the scan (parsing the rest on every core, the
    search index, the entity rules) waits for :meth:`LibraryLoader.scan`, which the app calls
    once the first document is drawn: both would compete with the UI thread for the
    interpreter, and the first screen needs neither."""


class EntriesFound(Message):
    """Documents parsed since the last batch, for the document list."""

    def __init__(self, entries: list[DocEntry]) -> None:
        super().__init__()
        self.entries = entries


class LoadProgress(Message):
    """How far loading is, as a line for the list's border; a newer one replaces an older."""

    def __init__(self, line: str) -> None:
        super().__init__()
        self.line = line

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, LoadProgress)


class Finished(Message):
    """Loading ended (completely, or stopped by an error already reported)."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds


class DocumentRead(Message):
    """A document the user asked to open, read (parsed or from the cache) in a worker."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document


def read_document(library: Library | None, path: str) -> DocumentRead | LoadProblem:
    """Read ``path`` (off the UI thread): the document, or one line saying why not."""
    try:
        if library is None:
            from parsers import parse_file

            return DocumentRead(parse_file(path))
        return DocumentRead(library.document(path))
    except ParseError as exc:
        return LoadProblem(str(exc))
    except OSError as exc:
        return LoadProblem(f"{path}: {exc.strerror or exc}")
    except Exception as exc:  # untrusted input must not end in a silent worker error
        return LoadProblem(f"{path}: cannot open ({type(exc).__name__}: {exc})")


def progress_line(progress: Progress | None, elapsed: float) -> str:
    """ "120/2,000 · 85/s · 22s left" (rate from the scan, else from ``elapsed``)."""
    if progress is None:
        return "finding documents…"
    p = progress
    rate = p.rate or (p.done / max(1e-6, elapsed))
    left = (p.total - p.done) / rate if rate > 0 else 0.0
    eta = f" · {left:,.0f}s left" if p.done and left >= 1 else ""
    return f"{p.done:,}/{p.total:,} · {rate:,.0f}/s{eta}"


class LibraryLoader:
    """Runs the loading thread for ``paths`` and posts its messages to a target.

    Nothing is posted before :meth:`ready` is called (the panes must exist to show it); the
    first document is read meanwhile, so it shows as soon as the panes do.
    """

    def __init__(self, paths: list[str], last_read: str | None) -> None:
        self._target: MessagePump | None = None
        self._paths = paths
        self._last_read = last_read
        self._ready = threading.Event()
        self._scan = threading.Event()
        self._started = time.monotonic()
        #: True while the thread runs (quitting then must not wait for it).
        self.running = False
        #: Set on quit: the thread posts nothing more.
        self.stopped = False
        #: The first document to show, once read: set before :meth:`ready` is waited for, so
        #: when the panes come after it (a warm cache), the first frame can show it.
        self.first: Document | None = None

    def start(self) -> None:
        self.running = True
        threading.Thread(target=self._run, name="briefing-library", daemon=True).start()

    def ready(self, target: MessagePump) -> None:
        """The panes exist: messages go to ``target`` (the main screen) from now on; what it
        does not handle bubbles up to the app."""
        self._target = target
        self._ready.set()

    def scan(self) -> None:
        """The first screen is drawn: the scan may start (see :class:`ScanWaiting`)."""
        self._scan.set()

    def _post(self, message: Message) -> None:
        if not self.stopped and self._target is not None:
            self._target.post_message(message)

    def _run(self) -> None:
        from tui.library.library import Library  # imported here: the first frame never waits

        try:
            self._load(Library)
        finally:
            self.running = False

    def _load(self, library_class: type[Library]) -> None:
        try:
            library = library_class(self._paths)
        except Exception as exc:
            self._ready.wait()
            self._post(LoadProblem(f"cannot load the library: {exc}"))
            self._post(Finished(time.monotonic() - self._started))
            return
        files = list(getattr(library, "files", []))
        first: Document | None = None
        early_problems: list[str] = []
        # The document read last time opens first, if it is in this library.
        last = self._last_read
        candidates = [f for f in files if last and os.path.realpath(f) == last][:1] + files[:3]
        for path in candidates:
            try:
                first = library.document(path)
                break
            except ParseError:
                continue
            except OSError as exc:
                early_problems.append(f"{printable(path)}: {exc}")
        self.first = first
        # From here on the panes are needed.
        self._ready.wait()
        self._post(LibraryOpened(library))
        for problem in [*library.problems, *early_problems]:
            self._post(LoadProblem(problem))
        seen = len(library.problems)
        if not files:
            self._post(NoDocuments())
        if first is not None:
            self._post(FirstDocument(first))
        self._post(ScanWaiting())
        while not self._scan.wait(0.1):
            if self.stopped:
                return

        batch: list[DocEntry] = []
        last_post = time.monotonic()

        def flush() -> None:
            nonlocal batch, last_post
            if batch:
                self._post(EntriesFound(batch))
                batch = []
            last_post = time.monotonic()

        def on_entry(entry: DocEntry) -> None:
            batch.append(entry)
            if time.monotonic() - last_post >= BATCH_INTERVAL:
                flush()

        def on_progress(progress: Progress) -> None:
            if time.monotonic() - last_post >= BATCH_INTERVAL:
                flush()
            self._post(LoadProgress(progress_line(progress, time.monotonic() - self._started)))

        try:
            library.scan(on_progress=on_progress, on_entry=on_entry)
        except Exception as exc:  # one line for the user; what was loaded stays usable
            self._post(LoadProblem(f"loading stopped: {type(exc).__name__}: {exc}"))
        flush()
        for problem in list(library.problems)[seen:]:
            self._post(LoadProblem(problem))
        self._post(Finished(time.monotonic() - self._started))
