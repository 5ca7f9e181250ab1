"""Export from the app: x remembers its choices (this session and the next run) and says where
it wrote with a normalised path (issue 15, broken 7)."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import SEED_A, app_ready, notifications, pilot_test, wait_for
from textual.pilot import Pilot
from textual.widgets import Input, RadioButton

from tui.core.discover import display_path
from tui.notes.store import NoteDraft, new_note
from tui.ui.app import BriefingApp
from tui.ui.screens.export_dialog import ExportDialog


async def open_dialog(pilot: Pilot[None], app: BriefingApp) -> ExportDialog:
    await pilot.press("x")
    await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
    await pilot.pause()
    assert isinstance(app.screen, ExportDialog)
    return app.screen


@pilot_test
async def test_export_remembers_choices_and_shows_a_normalised_path(tmp_path: Path) -> None:
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        doc = app.document
        assert doc is not None
        store = app.notes.store()
        assert store is not None
        start, end = app.reader.cursor_span
        store.add(new_note(doc, start, end, NoteDraft("first note", ("nato",))), doc)

        dialog = await open_dialog(pilot, app)
        dialog.query_one("#format-csv", RadioButton).value = True
        dialog.query_one("#scope-library", RadioButton).value = True
        await pilot.pause()
        (tmp_path / "sub").mkdir()
        roundabout = os.path.join(str(tmp_path), "sub", "..", "brief.csv")
        field = dialog.query_one("#export-path", Input)
        field.value = roundabout
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
        await pilot.pause()
        assert (tmp_path / "brief.csv").exists()
        said = [n for n in notifications(app) if n.startswith("Exported")]
        assert said and said[-1].endswith(display_path(str(tmp_path / "brief.csv")))
        assert ".." not in said[-1]

        again = await open_dialog(pilot, app)
        assert again.choices() == ("csv", None, "library", roundabout)
        await pilot.press("escape")
        await pilot.pause()

    # The next run starts from them too.
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        dialog = await open_dialog(pilot, app)
        assert dialog.choices() == ("csv", None, "library", roundabout)
        await pilot.press("escape")
