"""The document list (left pane): title, then date · source, one option per document.

An ``OptionList`` (virtual: 10,000 rows cost what the visible ones cost) with ``markup=False``
and prompts built as ``rich.text.Text`` from plain strings, so a title such as ``[bold]`` shows
literally. Entries arrive in batches while the library loads; the border subtitle shows the
progress. ``enter`` (or a click) posts :class:`DocumentList.Open`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.discover import format_label
from tui.ui.bindings import textual_bindings
from tui.ui.widgets.reader import display

if TYPE_CHECKING:
    from tui.library.library import DocEntry


#: Cells of text in a row of the list (the pane is 34 wide: a border and padding each side).
ROW_WIDTH = 30
#: A title longer than this many lines ends in "…" (the whole title is in the reader).
TITLE_LINES = 3


def _clip_words(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, ending in "…"."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    if cut < limit // 2:
        cut = limit - 1
    return text[:cut].rstrip(" ,;:·-–—") + "…"


def entry_prompt(entry: DocEntry, watched: int = 0, unread: bool | None = None) -> Text:
    """The title (at most three lines, then "…") and one dimmed line of date · format · source
    (cut with "…", never ending in a dangling separator), from plain strings only; ``★ 3``
    first when the document mentions watched entries (3 times).

    ``unread`` (the user's library, where read state is kept): an unread title is bold with a
    ``●``, a read one plain; None (a folder opened by path): every title bold, as always.
    """
    title = " ".join(display(entry.title).split()) or "(untitled)"
    title = _clip_words(title, ROW_WIDTH * TITLE_LINES - 6)
    if unread:
        title = "● " + title
    prompt = Text(title, style="" if unread is False else "bold", end="")
    fmt = format_label(entry.path)
    # The format before the source: the source is what gets cut when the line is full.
    parts = [" ".join(display(p).split()) for p in (entry.date, fmt, entry.source) if p]
    star = f"★ {watched:,} · " if watched else ""
    width = ROW_WIDTH - len(star)
    meta = ""
    for part in (p for p in parts if p):
        joined = f"{meta} · {part}" if meta else part
        if len(joined) > width:
            room = width - len(meta) - 3 if meta else width
            if room >= 6:
                meta = f"{meta} · {_clip_words(part, room)}" if meta else _clip_words(part, room)
            elif not meta:
                meta = _clip_words(part, width)
            break
        meta = joined
    if meta or watched:
        prompt.append("\n")
    if watched:
        prompt.append(f"★ {watched:,}", style="bold yellow")
        if meta:
            prompt.append(" · ", style="dim")
    if meta:
        prompt.append(meta, style="dim")
    return prompt


class DocumentList(OptionList):
    """Every document of the library; ``paths`` gives the order ``[``/``]`` walk."""

    BINDINGS: ClassVar = [
        *textual_bindings(
            ids=(
                "move.down",
                "move.up",
                "move.top",
                "move.bottom",
                "move.page_down",
                "move.page_up",
            )
        ),
        Binding(
            "escape",
            "clear_period",
            "All documents",
            id="documents.clear_period",
        ),
    ]

    class Open(Message):
        """The user chose a document to read."""

        def __init__(self, path: str) -> None:
            super().__init__()
            self.path = path

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.paths: list[str] = []
        self.entries: dict[str, DocEntry] = {}
        self.border_title = "Documents"
        #: Every document, in order, while ``paths`` holds a period's (see :meth:`set_period`).
        self._all_paths: list[str] | None = None
        self.period: str | None = None
        #: Mentions of watched entries per document (the ``★ n`` marks).
        self.watched: dict[str, int] = {}
        #: Unread documents, when read state is kept (the user's library); else None.
        self.unread: set[str] | None = None

    def _option(self, path: str) -> Option:
        return Option(self._prompt(self.entries[path]), id=path)

    def _prompt(self, entry: DocEntry) -> Text:
        unread = None if self.unread is None else entry.path in self.unread
        return entry_prompt(entry, self.watched.get(entry.path, 0), unread)

    def set_unread(self, unread: set[str] | None) -> None:
        """Show which documents are unread (bold, ``●``) and how many in the border title."""
        old = self.unread
        self.unread = set(unread) if unread is not None else None
        for path in self.paths:
            was = None if old is None else path in old
            now = None if self.unread is None else path in self.unread
            if was != now:
                self.replace_option_prompt(path, self._prompt(self.entries[path]))
        self._retitle()

    def _retitle(self) -> None:
        """``Documents`` (or the period or feed shown: the pane is narrow) and how many of the
        shown are unread; the footer says that ``esc`` shows every document again."""
        title = "Documents" if self.period is None else display(self.period)
        count = len(self.unread & set(self.paths)) if self.unread is not None else 0
        if count:
            title += f" · {count:,} unread"
        self.border_title = title  # the footer shows "esc All documents" while one is shown

    @property
    def all_paths(self) -> list[str]:
        """Every document, in order, whatever period or feed is shown."""
        return list(self._all_paths if self._all_paths is not None else self.paths)

    def update_entry(self, entry: DocEntry) -> None:
        """A document whose title, date or source changed on disk."""
        if entry.path not in self.entries:
            self.add_entries([entry])
            return
        self.entries[entry.path] = entry
        self.replace_option_prompt(entry.path, self._prompt(entry))

    def remove_path(self, path: str) -> None:
        """A document gone from disk."""
        if path not in self.entries:
            return
        del self.entries[path]
        if path in self.paths:
            self.paths.remove(path)
        if self._all_paths is not None and path in self._all_paths:
            self._all_paths.remove(path)
        self.remove_option(path)

    def add_entries(self, entries: Iterable[DocEntry]) -> None:
        """Append documents (duplicates by path are ignored)."""
        options = []
        for entry in entries:
            if entry.path in self.entries:
                continue
            self.entries[entry.path] = entry
            if self._all_paths is not None:
                self._all_paths.append(entry.path)
                continue  # a period is shown: the new document waits for the whole list
            self.paths.append(entry.path)
            options.append(self._option(entry.path))
        if options:
            self.add_options(options)

    def set_period(self, label: str | None, paths: Iterable[str] = ()) -> None:
        """Show only ``paths`` (a period of the timeline), titled ``label``; ``None`` shows
        every document again, the one under the cursor kept."""
        current = self.current_path
        if label is None:
            if self._all_paths is None:
                return
            self.paths, self._all_paths, self.period = self._all_paths, None, None
        else:
            if self._all_paths is None:
                self._all_paths = self.paths
            wanted = set(paths)
            self.paths = [p for p in self._all_paths if p in wanted]
            self.period = label
        self._retitle()
        self.set_options(self._option(p) for p in self.paths)
        if current is not None and current in self.paths:
            self.select_path(current)
        elif self.paths:
            self.highlighted = 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """escape shows every document again; with no period shown it goes on to the app."""
        if action == "clear_period":
            return self.period is not None
        return True

    def action_clear_period(self) -> None:
        self.set_period(None)

    def set_watched(self, counts: dict[str, int]) -> None:
        """Mark the documents that mention watched entries with their count (``★ 3``)."""
        changed = {
            p for p in set(counts) | set(self.watched) if counts.get(p) != self.watched.get(p)
        }
        self.watched = dict(counts)
        shown = set(self.paths)
        for p in changed:
            if p in shown and p in self.entries:
                self.replace_option_prompt(p, self._prompt(self.entries[p]))

    def sort_entries(self) -> None:
        """Order by path once loading is done (parallel loading delivers in any order)."""
        current = self.current_path
        if self._all_paths is not None:
            self._all_paths.sort()
        ordered = sorted(self.paths)
        if ordered == self.paths:
            return
        self.paths = ordered
        self.set_options(self._option(p) for p in ordered)
        if current is not None:
            self.select_path(current)

    @property
    def current_path(self) -> str | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.paths):
            return None
        return self.paths[self.highlighted]

    def select_path(self, path: str) -> None:
        """Highlight ``path`` (without posting Open)."""
        try:
            self.highlighted = self.get_option_index(path)
        except Exception:
            return

    def neighbour(self, path: str | None, step: int) -> str | None:
        """The document ``step`` places from ``path`` in list order (None at either end)."""
        if not self.paths:
            return None
        if path is None or path not in self.entries:
            return self.paths[0]
        i = self.get_option_index(path) + step
        return self.paths[i] if 0 <= i < len(self.paths) else None

    def set_progress(self, text: str) -> None:
        self.border_subtitle = text

    def action_cursor_top(self) -> None:
        self.action_first()

    def action_cursor_bottom(self) -> None:
        self.action_last()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Open(event.option.id))
