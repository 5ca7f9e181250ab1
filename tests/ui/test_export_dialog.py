"""Pilot tests for the export dialog: format, tag, scope, path, overwrite, cancel, errors."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import pilot_test, wait_for
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, RadioButton, Select, Static

import tui.notes.export as export_module
from parsers import Document, parse_text
from tui.notes.store import NoteDraft, NotesStore, new_note
from tui.ui.screens.export_dialog import ExportDialog, Exported

TEXT_A = (
    "Defence talks in Rome\n\n"
    'The ministers met in Rome on Friday. "We will send more air defence," said Pål Jonson.\n'
)
TEXT_B = "Budget notes\n\nThe budget grows by $4.8 billion next year. [bold]Not markup[/bold].\n"


def make_doc(folder: Path, name: str, text: str) -> Document:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    doc = parse_text(text)
    doc.path = str(path)
    return doc


def note_on(
    store: NotesStore, doc: Document, words: str, body: str, tags: tuple[str, ...] = ()
) -> None:
    start = doc.text.index(words)
    store.add(new_note(doc, start, start + len(words), NoteDraft(body, tags)), doc)


def offered(select: Select[str]) -> list[str]:
    """What a Select's drop-down lists, as the user reads it."""
    options = select.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


@pytest.fixture
def library(tmp_path: Path) -> tuple[NotesStore, Document, Document]:
    docs = tmp_path / "docs"
    docs.mkdir()
    a = make_doc(docs, "a.txt", TEXT_A)
    b = make_doc(docs, "b.txt", TEXT_B)
    store = NotesStore.open(tmp_path / "notes.db")
    note_on(store, a, "The ministers met in Rome", "who was there?", ("nato",))
    note_on(store, a, "We will send more air defence", "a promise", ("urgent",))
    note_on(store, b, "$4.8 billion", "check the figure", ("budget",))
    return store, a, b


class Host(App[None]):
    """A bare app that opens the dialog and keeps what it closed with."""

    def __init__(self, dialog: ExportDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list[Exported | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


def path_input(dialog: ExportDialog) -> Input:
    return dialog.query_one("#export-path", Input)


def error_line(dialog: ExportDialog) -> str:
    error = dialog.query_one("#export-error", Static)
    return str(error.render()) if error.display else ""


async def set_path(pilot: Pilot[Any], dialog: ExportDialog, target: Path) -> None:
    field = path_input(dialog)
    field.focus()
    field.value = ""
    await pilot.press(*str(target))


@pilot_test
async def test_default_path_and_markdown_export(
    tmp_path: Path,
    library: tuple[NotesStore, Document, Document],
) -> None:
    store, a, _ = library
    out = tmp_path / "out"
    out.mkdir()
    dialog = ExportDialog(store, current_path=a.path, folder=out)
    app = Host(dialog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        expected = export_module.suggested_path("md", out)
        assert path_input(dialog).value == str(expected)
        assert dialog.choices().fmt == "md"
        assert dialog.choices().scope == "document"  # the open document is the default
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.results))
    done = app.results[0]
    assert done is not None and done.path == expected
    assert done.notes == 2 and done.documents == 1
    text = expected.read_text(encoding="utf-8")
    assert "who was there?" in text and "a promise" in text
    assert "check the figure" not in text  # another document's note


@pilot_test
async def test_choose_format_library_tag_and_path(
    tmp_path: Path,
    library: tuple[NotesStore, Document, Document],
) -> None:
    store, a, _ = library
    dialog = ExportDialog(store, current_path=a.path, folder=tmp_path)
    app = Host(dialog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # JSON: the suggested name follows the format.
        dialog.query_one("#format-json", RadioButton).value = True
        await pilot.pause()
        assert dialog.choices().fmt == "json"
        assert path_input(dialog).value.endswith(".json")
        # CSV, the whole library, only notes tagged "budget", to a file of our own.
        dialog.query_one("#format-csv", RadioButton).value = True
        dialog.query_one("#scope-library", RadioButton).value = True
        tags = dialog.query_one("#export-tag", Select)
        assert set(offered(tags)) == {"any tag", "nato", "urgent", "budget"}
        tags.value = "budget"
        target = tmp_path / "mine.csv"
        await set_path(pilot, dialog, target)
        assert dialog.choices() == ("csv", "budget", "library", str(target))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: bool(app.results))
    done = app.results[0]
    assert done is not None and done.path == target and done.notes == 1
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["note"] for r in rows] == ["check the figure"]
    assert rows[0]["exact"] == "$4.8 billion"


@pilot_test
async def test_json_library_export(
    tmp_path: Path,
    library: tuple[NotesStore, Document, Document],
) -> None:
    store, _, _ = library
    dialog = ExportDialog(store, current_path=None, fmt="json", folder=tmp_path)
    app = Host(dialog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # No open document: only the library can be chosen.
        assert dialog.query_one("#scope-document", RadioButton).disabled
        assert dialog.choices().scope == "library"
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.results))
    done = app.results[0]
    assert done is not None and done.notes == 3 and done.documents == 2
    data = json.loads(done.path.read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 3


@pilot_test
async def test_existing_file_asks_before_overwriting(
    tmp_path: Path,
    library: tuple[NotesStore, Document, Document],
) -> None:
    store, a, _ = library
    target = tmp_path / "briefing.md"
    target.write_text("old briefing", encoding="utf-8")
    dialog = ExportDialog(store, current_path=a.path, folder=tmp_path)
    app = Host(dialog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await set_path(pilot, dialog, target)
        await pilot.press("enter")
        await pilot.pause()
        assert dialog.confirming == target
        question = str(dialog.query_one("#export-confirm", Static).render())
        assert f"Overwrite {target}? y/n" in question
        # n: back to the form, nothing written, choices kept.
        await pilot.press("n")
        await pilot.pause()
        assert dialog.confirming is None and not app.results
        assert target.read_text(encoding="utf-8") == "old briefing"
        assert path_input(dialog).value == str(target)
        # escape also leaves only the question, not the dialog.
        await pilot.press("enter")
        await pilot.pause()
        assert dialog.confirming == target
        await pilot.press("escape")
        await pilot.pause()
        assert dialog.confirming is None and app.screen is dialog
        # y: overwritten.
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await wait_for(pilot, lambda: bool(app.results))
    done = app.results[0]
    assert done is not None and done.path == target
    assert "who was there?" in target.read_text(encoding="utf-8")


@pilot_test
async def test_escape_cancels_and_writes_nothing(
    tmp_path: Path,
    library: tuple[NotesStore, Document, Document],
) -> None:
    store, a, _ = library
    dialog = ExportDialog(store, current_path=a.path, folder=tmp_path)
    app = Host(dialog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await wait_for(pilot, lambda: bool(app.results))
    assert app.results == [None]
    assert not list(tmp_path.glob("briefing-notes-*"))


class FullDisk:
    """``os`` for tui.notes.export only, where every write finds the disk full."""

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    @staticmethod
    def write(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pilot_test
async def test_full_disk_is_one_line_in_the_dialog_and_choices_stay(
    tmp_path: Path,
    library: tuple[NotesStore, Document, Document],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store, a, _ = library
    out = tmp_path / "out"
    out.mkdir()
    dialog = ExportDialog(store, current_path=a.path, folder=out)
    app = Host(dialog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dialog.query_one("#format-csv", RadioButton).value = True
        tags = dialog.query_one("#export-tag", Select)
        tags.value = "nato"
        await pilot.pause()
        target = out / "notes.csv"
        await set_path(pilot, dialog, target)
        monkeypatch.setattr(export_module, "os", FullDisk())
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(error_line(dialog)))
        line = error_line(dialog)
        assert "no space left on device" in line and "\n" not in line
        assert app.screen is dialog and not app.results and not dialog.busy
        assert dialog.choices() == ("csv", "nato", "document", str(target))
        assert list(out.iterdir()) == []  # no partial file, no temporary left behind
        # Space again: the same choices export.
        monkeypatch.undo()
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.results))
    done = app.results[0]
    assert done is not None and done.notes == 1
    assert "who was there?" in target.read_text(encoding="utf-8")


@pilot_test
async def test_unwritable_folder_and_no_matching_notes_are_errors(
    tmp_path: Path,
    library: tuple[NotesStore, Document, Document],
) -> None:
    store, a, _ = library
    dialog = ExportDialog(store, current_path=a.path, folder=tmp_path)
    app = Host(dialog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await set_path(pilot, dialog, tmp_path / "missing-folder" / "x.md")
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(error_line(dialog)))
        assert "cannot write" in error_line(dialog)
        await set_path(pilot, dialog, tmp_path)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "is a folder" in error_line(dialog))
        # This document has no note tagged "budget": says so, writes nothing.
        dialog.query_one("#export-tag", Select).value = "budget"
        await set_path(pilot, dialog, tmp_path / "none.md")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "No notes tagged budget" in error_line(dialog))
        assert app.screen is dialog and not app.results
        assert not (tmp_path / "none.md").exists()


@pilot_test
async def test_tiny_terminal_and_markup_like_tags(
    tmp_path: Path,
    library: tuple[NotesStore, Document, Document],
) -> None:
    store, a, _ = library
    note_on(store, a, "Rome on Friday", "odd tag", ("[bold]x[/bold]",))
    dialog = ExportDialog(store, current_path=a.path, folder=tmp_path)
    app = Host(dialog)
    async with app.run_test(size=(20, 5)) as pilot:
        await pilot.pause()
        tags = offered(dialog.query_one("#export-tag", Select))
        assert "[bold]x[/bold]" in tags  # offered as the text it is
        await pilot.press("escape")
        await wait_for(pilot, lambda: bool(app.results))
    assert app.results == [None]


@pilot_test
async def test_enter_with_a_radio_set_focused_exports(
    tmp_path: Path,
    library: tuple[NotesStore, Document, Document],
) -> None:
    """Issue 15 (broken 7): enter on the format or scope choice did nothing."""
    from textual.widgets import RadioSet

    store, a, _ = library
    out = tmp_path / "out"
    out.mkdir()
    dialog = ExportDialog(store, current_path=a.path, folder=out)
    app = Host(dialog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dialog.query_one("#export-scope", RadioSet).focus()
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.results), timeout=5)
    done = app.results[0]
    assert done is not None and done.path.exists() and done.notes == 2


@pilot_test
async def test_the_dialog_starts_from_the_last_choices(
    tmp_path: Path,
    library: tuple[NotesStore, Document, Document],
) -> None:
    from tui.ui.screens.export_dialog import ExportChoices

    store, a, _ = library
    last = ExportChoices("csv", "budget", "library", str(tmp_path / "mine.csv"))
    dialog = ExportDialog(store, current_path=a.path, folder=tmp_path, last=last)
    app = Host(dialog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert dialog.choices() == last
    # The palette's "Export notes as JSON" still starts in JSON, the file named to match.
    dialog = ExportDialog(store, current_path=a.path, folder=tmp_path, fmt="json", last=last)
    app = Host(dialog)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert dialog.choices() == ("json", "budget", "library", str(tmp_path / "mine.json"))
