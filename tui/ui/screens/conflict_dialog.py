"""Two people saved the same note: show both versions and let the second one choose.

A save that finds the note changed since it was opened raises
:class:`~tui.notes.store.NoteConflict`; nothing was written. This dialog shows *theirs* (what is
stored now) beside *mine* (what was not written) and dismisses with ``"theirs"`` (keep theirs,
drop mine), ``"mine"`` (save mine over theirs) or ``"both"`` (keep theirs and save mine as a
new note on the same passage). ``escape`` keeps both, so closing the dialog loses nobody's words.
Text is drawn as plain ``Text``, never markup.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any, ClassVar, Literal

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tui.notes.backend import NotesBackend
from tui.notes.store import Note, NoteConflict, NotesStoreError

Choice = Literal["theirs", "mine", "both"]


class ConflictDialog(ModalScreen[Choice]):
    """Keep theirs (``t``), use mine (``m``) or keep both (``b``, ``escape``)."""

    CSS_PATH = "conflict_dialog.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "choose('theirs')", "Keep theirs", id="notes.conflict_theirs"),
        Binding("m", "choose('mine')", "Use mine", id="notes.conflict_mine"),
        Binding("b,escape", "choose('both')", "Keep both", id="notes.conflict_both"),
    ]

    def __init__(self, conflict: NoteConflict) -> None:
        super().__init__()
        self.conflict = conflict

    def compose(self) -> ComposeResult:
        theirs, mine = self.conflict.theirs, self.conflict.mine
        with Vertical(id="conflict-dialog"):
            title = Text("This note changed while you were editing it", style="bold")
            yield Static(title, id="conflict-title")
            with Horizontal(id="conflict-sides"):
                if theirs is None:
                    yield Static(
                        Text("Theirs: the note was deleted meanwhile.", style="italic"),
                        id="conflict-theirs",
                    )
                else:
                    yield Static(
                        self._side("Theirs", theirs.body, theirs.tags, theirs.updated),
                        id="conflict-theirs",
                    )
                yield Static(
                    self._side("Mine (not saved yet)", mine.body, mine.tags, ""), id="conflict-mine"
                )
            yield Static(
                Text("t keep theirs · m use mine · b keep both (mine as a new note)", style="dim"),
                id="conflict-help",
            )
        yield Footer()

    @staticmethod
    def _side(label: str, body: str, tags: tuple[str, ...], when: str) -> Text:
        text = Text(end="")
        text.append(label, style="bold")
        if when:
            text.append(f"  saved {when[:16].replace('T', ' ')}", style="dim")
        text.append("\n")
        text.append(body.strip() or "(no words)")
        if tags:
            text.append("\n" + " ".join("#" + t for t in tags), style="dim")
        return text

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)


def offer(
    app: App[Any],
    store: NotesBackend,
    conflict: NoteConflict,
    done: Callable[[Note | None], None] | None = None,
) -> None:
    """Show the dialog and carry out the choice; ``done`` gets the note saved (None: theirs)."""

    def chosen(choice: Choice | None) -> None:
        theirs = conflict.theirs
        saved: Note | None = None
        try:
            if choice == "mine":
                saved = store.update(conflict.mine, theirs.version if theirs else None)
            elif choice in ("both", None):
                copy = replace(conflict.mine, id=str(uuid.uuid4()), version=1, created="")
                saved = store.add(copy)
        except NoteConflict as again:  # changed once more meanwhile: ask again
            offer(app, store, again, done)
            return
        except NotesStoreError as exc:
            app.notify(str(exc), severity="error", timeout=10)
        if done is not None:
            done(saved)

    app.push_screen(ConflictDialog(conflict), chosen)
