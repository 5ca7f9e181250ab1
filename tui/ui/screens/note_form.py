"""The note form: words, tags and a colour for one passage; ctrl+s saves, escape cancels.

A modal over the reader. It shows the passage being annotated (as plain ``Text``: document
words never become markup), a multi-line note, a tags field that completes from the tags
already used, and a colour. Given a ``save`` callback the form closes only once the note is
saved: if the store refuses (locked, read-only, full disk) the message shows in the form and
the analyst's words stay there, never lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label, RadioButton, RadioSet, Static, TextArea

from parsers.model import Document
from tui.core.palette import COLOURS, CSS_COLOURS
from tui.notes.backend import NotesBackend
from tui.notes.store import (
    Note,
    NoteDraft,
    NotesStoreError,
    new_note,
    normalize_tags,
)

#: How long a passage the form shows before cutting it (the note keeps it whole).
PASSAGE_PREVIEW = 600

SaveCallback = Callable[[NoteDraft], object]


class TagSuggester(Suggester):
    """Completes the tag being typed (after the last comma) from the tags already used."""

    def __init__(self, known: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.known = list(dict.fromkeys(known))

    async def get_suggestion(self, value: str) -> str | None:
        cut = max(value.rfind(","), value.rfind(";"), value.rfind("#")) + 1
        while cut < len(value) and value[cut] == " ":
            cut += 1
        typed = value[cut:]
        if not typed:
            return None
        already = {t.casefold() for t in normalize_tags(value[:cut])}
        folded = typed.casefold()
        for tag in self.known:
            key = tag.casefold()
            if key.startswith(folded) and len(tag) > len(typed) and key not in already:
                return value[:cut] + tag
        return None


def passage_text(passage: str, speaker: str | None = None) -> Text:
    """The passage as plain Text (cut if long), with its speaker when it is a quote."""
    shown = passage if len(passage) <= PASSAGE_PREVIEW else passage[:PASSAGE_PREVIEW] + "…"
    text = Text(shown, style="italic", end="")
    if speaker:
        text.append("\n— ", style="dim")
        text.append(speaker, style="bold")
    return text


class NoteForm(ModalScreen[NoteDraft | None]):
    """Take a note on a passage. Dismisses with a :class:`NoteDraft`, or ``None`` on escape.

    Args:
        passage: The annotated text (``doc.text[start:end]``), shown read-only.
        speaker: Who said it, when the passage is a quote.
        body, tags, colour: Initial values (editing an existing note).
        known_tags: Tags already used, most used first, for completion.
        title: The form's heading ("New note", "Edit note").
        save: Called with the draft on ctrl+s; if it raises :class:`NotesStoreError` the
            form stays open and shows the message. Without it the form just returns the draft.
    """

    CSS_PATH = "note_form.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="note_form.save"),
        Binding("escape", "cancel", "Cancel", priority=True, id="note_form.cancel"),
        # Priority: focus moves while the app handles tab, before it hands on the keys typed
        # right after (a paste, a fast typist), so those land in the next field.
        Binding(
            "tab", "app.focus_next", "Next field", show=False, priority=True, id="note_form.next"
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Previous field",
            show=False,
            priority=True,
            id="note_form.previous",
        ),
    ]

    def __init__(
        self,
        passage: str,
        *,
        speaker: str | None = None,
        body: str = "",
        tags: Iterable[str] = (),
        colour: str = COLOURS[0],
        known_tags: Iterable[str] = (),
        title: str = "New note",
        save: SaveCallback | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.passage = passage
        self.speaker = speaker
        self.initial_body = body
        self.initial_tags = tuple(tags)
        self.initial_colour = colour if colour in COLOURS else COLOURS[0]
        self.known_tags = list(known_tags)
        self.form_title = title
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog"):
            yield Static(Text(self.form_title, style="bold"), id="note-title")
            with VerticalScroll(id="note-passage-box"):
                yield Static(passage_text(self.passage, self.speaker), id="note-passage")
            yield Label("Note", classes="note-label")
            yield TextArea(
                self.initial_body,
                id="note-body",
                soft_wrap=True,
                tab_behavior="focus",
                show_line_numbers=False,
            )
            yield Label("Tags (comma separated; → accepts a suggestion)", classes="note-label")
            yield Input(
                ", ".join(self.initial_tags),
                id="note-tags",
                placeholder="e.g. nato, urgent",
                suggester=TagSuggester(self.known_tags),
            )
            with Horizontal(id="note-colour-row"):
                yield Label("Colour", classes="note-label")
                with RadioSet(id="note-colour"):
                    for c in COLOURS:
                        label = Text(c, style=f"bold {CSS_COLOURS.get(c, '')}", end="")
                        yield RadioButton(label, value=c == self.initial_colour, id=f"colour-{c}")
            yield Static("", id="note-error")
            yield Static(
                Text("ctrl+s save · escape cancel · tab next field", style="dim"),
                id="note-hint",
            )

    #: Below this many rows the form drops its labels and colour choice (see note_form.tcss).
    COMPACT_HEIGHT = 20

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < self.COMPACT_HEIGHT, "-compact")

    def on_mount(self) -> None:
        self.set_class(self.app.size.height < self.COMPACT_HEIGHT, "-compact")
        body = self.query_one("#note-body", TextArea)
        body.focus()
        body.move_cursor(body.document.end)

    @property
    def colour(self) -> str:
        pressed = self.query_one("#note-colour", RadioSet).pressed_button
        if pressed is not None and pressed.id and pressed.id.startswith("colour-"):
            return pressed.id.removeprefix("colour-")
        return self.initial_colour

    def draft(self) -> NoteDraft:
        """What the form holds now."""
        return NoteDraft(
            body=self.query_one("#note-body", TextArea).text,
            tags=normalize_tags(self.query_one("#note-tags", Input).value),
            colour=self.colour,
        )

    def action_save(self) -> None:
        """Save (through ``save`` if given) and close; on a store error, stay and say why."""
        draft = self.draft()
        if self.save is not None:
            try:
                self.save(draft)
            except NotesStoreError as exc:
                error = self.query_one("#note-error", Static)
                error.update(Text(f"Not saved: {exc}", style="bold red"))
                error.display = True
                return
        self.dismiss(draft)

    def action_cancel(self) -> None:
        self.dismiss(None)


def annotate(
    app: App[Any],
    store: NotesBackend,
    doc: Document,
    start: int,
    end: int,
    kind: str = "range",
    done: Callable[[Note | None], None] | None = None,
) -> None:
    """The ``a`` key: open the form on ``doc.text[start:end]``; ctrl+s saves the note.

    The note is in the store (durable) before the form closes; a store error keeps the form
    open with its message. ``done`` gets the saved :class:`Note`, or ``None`` on escape.
    Raises ValueError for an empty or out-of-range span (check before calling).
    """
    note = new_note(doc, start, end, kind=kind)
    saved: list[Note] = []

    def save(draft: NoteDraft) -> Note:
        fresh = new_note(doc, start, end, draft, kind)
        result = store.add(replace(fresh, id=note.id), doc)
        saved.append(result)
        return result

    def closed(result: NoteDraft | None) -> None:
        if done is not None:
            done(saved[-1] if result is not None and saved else None)

    try:
        known = store.tags()
    except NotesStoreError:
        known = []
    app.push_screen(
        NoteForm(doc.text[start:end], speaker=note.speaker, known_tags=known, save=save),
        closed,
    )
