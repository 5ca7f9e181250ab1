"""The export dialog (``x``): format, tag, this document or the library, and the target file.

A modal over the reader so the analyst sees and edits where the notes go before anything is
written. Why it works the way it does:

- The file is written by :func:`tui.notes.export.write_atomic`: all or nothing. An existing file is
  replaced only after a second step in the dialog ("Overwrite FILE? y/n").
- Rendering and writing run in a thread worker (documents may have to be parsed), so the UI
  never waits; the dialog shows "Exporting…" meanwhile.
- A failure (full disk, permission, a folder for a name, no notes matching) is one line in the
  dialog, which stays open with every choice kept, so the analyst can fix the path and retry.
- Tags, paths and document titles are shown as plain ``Text``, never as markup.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, NamedTuple

from rich.text import Text
from textual import events, on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet, Select, Static

from parsers.model import Document
from tui.core.discover import display_path
from tui.core.text import printable
from tui.notes.backend import NotesBackend
from tui.notes.export import (
    FORMATS,
    SUFFIXES,
    ExportError,
    Format,
    export_notes,
    load_document,
    suggested_path,
    write_atomic,
)
from tui.notes.store import NotesStoreError

#: What each format is, as the dialog labels it.
FORMAT_LABELS: dict[Format, str] = {
    "md": "Markdown",
    "json": "JSON (Web Annotation)",
    "csv": "CSV",
}
HINT = "enter/ctrl+s export · escape cancel · tab next field"
#: The tag filter's "no filter" value.
ANY_TAG = ""


class ExportChoices(NamedTuple):
    """What the dialog holds now."""

    fmt: Format
    tag: str | None
    scope: str  # "document" or "library"
    path: str


class Exported(NamedTuple):
    """What the dialog wrote (it dismisses with this; ``None`` when cancelled)."""

    path: Path
    notes: int
    documents: int
    warnings: tuple[str, ...]
    #: The choices it was written with (the next ``x`` starts from them).
    choices: ExportChoices | None = None


class ExportDialog(ModalScreen[Exported | None]):
    """Choose what to export and where; enter/ctrl+s exports, escape cancels.

    Args:
        store: The notes store to export from.
        current_path: The open document ("This document" exports its notes); ``None`` leaves
            only the library.
        fmt: The format chosen at first (the palette's "Export notes as JSON" passes "json").
        folder: Where the suggested file goes (default: the working folder).
        load: Loads a document by path for titles, dates and the entity index (the app passes
            its library's cached loader).
        last: The choices of the last export, to start from (``fmt`` still wins when given).
    """

    CSS_PATH = "export_dialog.tcss"

    class Failed(Message):
        """The export worker could not write: one line for the dialog, which stays open."""

        bubble = False

        def __init__(self, line: str) -> None:
            super().__init__()
            self.line = line

    class Written(Message):
        """The export worker wrote the file: the dialog closes with what it wrote."""

        bubble = False

        def __init__(self, done: Exported) -> None:
            super().__init__()
            self.done = done

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "export", "Export", priority=True, id="export_dialog.export"),
        # Priority, so enter exports with a radio set focused too (it would press a button);
        # in the tag list enter opens it, in the file field it submits (which exports).
        Binding(
            "enter",
            "export_enter",
            "Export",
            show=False,
            priority=True,
            id="export_dialog.export_enter",
        ),
        Binding("escape", "cancel", "Cancel", priority=True, id="export_dialog.cancel"),
    ]

    def __init__(
        self,
        store: NotesBackend,
        *,
        current_path: str | None = None,
        fmt: Format | None = None,
        folder: str | os.PathLike[str] | None = None,
        load: Callable[[str], Document | None] = load_document,
        last: ExportChoices | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.store = store
        self.current_path = current_path
        self.last = last
        if fmt is None:
            fmt = last.fmt if last is not None else "md"
        self.initial_fmt: Format = fmt if fmt in FORMATS else "md"
        self.folder = folder
        self.load = load
        self.confirming: Path | None = None
        """The existing file waiting for "Overwrite? y/n", or ``None``."""
        self.busy = False
        """True while the worker renders and writes (a second export waits for it)."""

    # -- building ---------------------------------------------------------------------------

    def _tags(self) -> list[str]:
        try:
            return self.store.tags()
        except NotesStoreError:
            return []

    def _initial_path(self) -> str:
        """The last file written (with this format's suffix), else a suggested name."""
        last = self.last
        if last is None or not last.path.strip():
            return str(suggested_path(self.initial_fmt, self.folder))
        path = last.path
        new_suffix = SUFFIXES[self.initial_fmt]
        for suffix in SUFFIXES.values():
            if path.endswith(suffix) and suffix != new_suffix:
                return path[: -len(suffix)] + new_suffix
        return path

    def compose(self) -> ComposeResult:
        last = self.last
        tags = self._tags()
        tag_options: list[tuple[Text, str]] = [(Text("any tag"), ANY_TAG)]
        tag_options += [(Text(t), t) for t in tags]
        tag = last.tag if last is not None and last.tag in tags else ANY_TAG
        with Vertical(id="export-dialog"):
            yield Static(Text("Export notes", style="bold"), id="export-title")
            with Vertical(id="export-form"):
                with Horizontal(classes="export-row"):
                    yield Label("Format", classes="export-label")
                    with RadioSet(id="export-format"):
                        for f in FORMATS:
                            yield RadioButton(
                                Text(FORMAT_LABELS[f]),
                                value=f == self.initial_fmt,
                                id=f"format-{f}",
                            )
                with Horizontal(classes="export-row"):
                    yield Label("Notes of", classes="export-label")
                    with RadioSet(id="export-scope"):
                        here = self.current_path is not None
                        document = here and (last is None or last.scope == "document")
                        yield RadioButton(
                            "this document", value=document, id="scope-document", disabled=not here
                        )
                        yield RadioButton(
                            "the whole library", value=not document, id="scope-library"
                        )
                with Horizontal(classes="export-row"):
                    yield Label("Tag", classes="export-label")
                    yield Select(tag_options, allow_blank=False, value=tag, id="export-tag")
                with Horizontal(classes="export-row"):
                    yield Label("File", classes="export-label")
                    yield Input(self._initial_path(), id="export-path")
            yield Static("", id="export-confirm")
            yield Static("", id="export-error")
            yield Static(Text(HINT, style="dim"), id="export-hint")

    def on_mount(self) -> None:
        path = self.query_one("#export-path", Input)
        path.focus()
        path.cursor_position = len(path.value)

    # -- what it holds ----------------------------------------------------------------------

    @property
    def fmt(self) -> Format:
        pressed = self.query_one("#export-format", RadioSet).pressed_button
        if pressed is not None and pressed.id:
            for f in FORMATS:
                if pressed.id == f"format-{f}":
                    return f
        return self.initial_fmt

    def choices(self) -> ExportChoices:
        scope = self.query_one("#export-scope", RadioSet).pressed_button
        tag = self.query_one("#export-tag", Select).value
        return ExportChoices(
            fmt=self.fmt,
            tag=tag if isinstance(tag, str) and tag else None,
            scope="document" if scope is not None and scope.id == "scope-document" else "library",
            path=self.query_one("#export-path", Input).value,
        )

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        """A new format: the file name follows it if it still has another format's suffix."""
        path_input = self.query_one("#export-path", Input)
        value = path_input.value
        new_suffix = SUFFIXES[self.fmt]
        for suffix in SUFFIXES.values():
            if value.endswith(suffix) and suffix != new_suffix:
                path_input.value = value[: -len(suffix)] + new_suffix
                break
        self._show_error("")

    # -- exporting --------------------------------------------------------------------------

    @on(Input.Submitted, "#export-path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def action_export_enter(self) -> None:
        """Enter: export, unless the tag list or the file field is to handle it."""
        focused = self.focused
        if isinstance(focused, Input) or any(
            isinstance(node, Select) for node in (focused, *(focused.ancestors if focused else ()))
        ):
            raise SkipAction()
        self.action_export()

    def action_export(self) -> None:
        """Export with the choices shown; an existing file asks first."""
        if self.busy or self.confirming is not None:
            return
        choices = self.choices()
        raw = choices.path.strip()
        if not raw:
            self._show_error("Name the file to write.")
            return
        target = Path(os.path.expanduser(raw))
        if target.is_dir():
            self._show_error(f"{printable(str(target))} is a folder: name a file.")
            return
        if os.path.lexists(target):
            self._ask_overwrite(target)
            return
        self._start(choices, target, force=False)

    def _ask_overwrite(self, target: Path) -> None:
        self.confirming = target
        self._show_error("")
        confirm = self.query_one("#export-confirm", Static)
        question = Text("Overwrite ", style="bold")
        question.append(display_path(str(target)))
        question.append("? y/n", style="bold")
        confirm.update(question)
        confirm.display = True
        self.query_one("#export-hint", Static).update(
            Text("y overwrite · n or escape back to the choices", style="dim")
        )
        self.query_one("#export-form").disabled = True
        self.set_focus(None)

    def _end_confirm(self) -> None:
        self.confirming = None
        confirm = self.query_one("#export-confirm", Static)
        confirm.update("")
        confirm.display = False
        self.query_one("#export-form").disabled = False
        self._reset_hint()
        self.query_one("#export-path", Input).focus()

    def on_key(self, event: events.Key) -> None:
        if self.confirming is None:
            return
        event.stop()
        event.prevent_default()
        if event.key == "y":
            target = self.confirming
            self._end_confirm()
            self._start(self.choices(), target, force=True)
        elif event.key == "n":
            self._end_confirm()

    def _start(self, choices: ExportChoices, target: Path, *, force: bool) -> None:
        self.busy = True
        self._show_error("")
        self.query_one("#export-hint", Static).update(Text("Exporting…", style="italic"))
        self._export(choices, target, force)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, choices: ExportChoices, target: Path, force: bool) -> None:
        paths = [self.current_path] if choices.scope == "document" and self.current_path else None
        try:
            result = export_notes(
                self.store, choices.fmt, tag=choices.tag, paths=paths, load=self.load
            )
            if result.notes == 0:
                what = "this document" if paths else "the library"
                tagged = f" tagged {choices.tag}" if choices.tag else ""
                raise ExportError(f"No notes{tagged} in {what}: nothing written.")
            written = write_atomic(target, result.text, force=force)
        except (ExportError, NotesStoreError) as exc:
            self.post_message(self.Failed(str(exc)))
            return
        except OSError as exc:  # write_atomic reports its own; this is anything before it
            line = f"cannot write {printable(str(target))}: {exc.strerror or exc}"
            self.post_message(self.Failed(line))
            return
        except Exception as exc:  # a broken document must not end in a silent worker error
            self.post_message(self.Failed(f"Export failed: {type(exc).__name__}: {exc}"))
            return
        done = Exported(written, result.notes, result.documents, tuple(result.warnings), choices)
        self.post_message(self.Written(done))

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.busy = False
        self._reset_hint()
        self._show_error(message.line)

    @on(Written)
    def _succeeded(self, message: Written) -> None:
        self.busy = False
        self.dismiss(message.done)

    def _reset_hint(self) -> None:
        self.query_one("#export-hint", Static).update(Text(HINT, style="dim"))

    def _show_error(self, message: str) -> None:
        error = self.query_one("#export-error", Static)
        line = " ".join(printable(message).split())
        error.update(Text(line, style="bold red"))
        error.display = bool(line)

    def action_cancel(self) -> None:
        """Escape: leave the overwrite question, else close without writing."""
        if self.confirming is not None:
            self._end_confirm()
            return
        if self.busy:
            return  # the file is being written: closing now would hide its outcome
        self.dismiss(None)
