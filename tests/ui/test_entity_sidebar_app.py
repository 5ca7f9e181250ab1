"""The entity sidebar inside the real app: choose an entity, its mentions are marked in the
reader, ``n``/``N`` walk them, across documents in the library view (issue 4)."""

from __future__ import annotations

import pytest
from conftest import SEED_A, SEED_B, app_ready, wait_for
from conftest import pilot_test as sync
from textual.pilot import Pilot

from tui.ui.app import BriefingApp
from tui.ui.widgets.entity_sidebar import EntitySidebar
from tui.ui.widgets.row_list import RowList


async def ready(pilot: Pilot[None], app: BriefingApp) -> EntitySidebar:
    await app_ready(pilot, app)
    sidebar = app.sidebar
    assert isinstance(sidebar, EntitySidebar)
    await wait_for(pilot, lambda: sidebar.library_ready)
    await pilot.pause()
    return sidebar


@sync
async def test_enter_marks_every_mention_and_n_walks_them() -> None:
    app = BriefingApp([str(SEED_B)])
    async with app.run_test(size=(160, 45)) as pilot:
        sidebar = await ready(pilot, app)
        doc = app.document
        assert doc is not None and doc.entities, "the seed has entities"
        row_list = sidebar.query_one(RowList)
        row_list.focus()
        await pilot.press("enter")
        await pilot.pause(0.2)
        chosen = sidebar.selected_id
        assert chosen is not None
        expected = [(m.start, m.end) for m in sidebar.mentions(chosen)]
        assert len(expected) >= 2  # the most salient entity of the seed is mentioned often
        assert app.reader.mark_spans("entity") == expected
        for start, end in expected:
            assert doc.text[start:end]  # real spans of the document
        await pilot.press("n")
        first = app.reader.current_mark
        assert first in expected
        await pilot.press("n")
        assert app.reader.current_mark == expected[expected.index(first) + 1]
        await pilot.press("N")
        assert app.reader.current_mark == first
        # esc in the sidebar lets the entity go: its marks leave the reader.
        row_list.focus()
        await pilot.press("escape")
        await pilot.pause()
        assert app.reader.mark_spans("entity") == []


@sync
async def test_library_view_walks_mentions_across_documents() -> None:
    app = BriefingApp([str(SEED_A), str(SEED_B)])
    async with app.run_test(size=(160, 45)) as pilot:
        sidebar = await ready(pilot, app)
        row_list = sidebar.query_one(RowList)
        row_list.focus()
        await pilot.press("l")
        await pilot.pause()
        assert sidebar.scope == "library"
        table = sidebar.table
        # The most mentioned entity that both seeds mention.
        shared = [s for s in table.summaries().values() if s.documents == 2]
        assert shared, "the seeds share entities (Ukraine, NATO, the US, ...)"
        target = min(shared, key=lambda s: s.salience)
        index = sidebar.index_of(target.id)
        assert index is not None
        row_list.highlighted = index
        await pilot.press("enter")
        await pilot.pause(0.2)
        mentions = table.mentions(target.id)
        here = app.current_path
        assert here is not None
        in_here = [(m.start, m.end) for m in mentions if m.path == here]
        assert app.reader.mark_spans("entity") == in_here
        # n walks this document's mentions, then opens the next document with one.
        other = next(m.path for m in mentions if m.path != here)
        seen = []
        for _ in range(len(in_here) + 2):
            await pilot.press("n")
            await pilot.pause(0.1)
            if app.current_path != here:
                break
            seen.append(app.reader.current_mark)
        assert seen[-len(in_here) :] == in_here[-len(seen) :]
        await wait_for(pilot, lambda: app.current_path == other and app.reader.layout_complete)
        there = [(m.start, m.end) for m in mentions if m.path == other]
        await wait_for(pilot, lambda: app.reader.mark_spans("entity") == there)


@pytest.mark.parametrize("show", ["key", "resize"])
@sync
async def test_a_hidden_sidebar_builds_its_parts_when_first_shown(show: str) -> None:
    """At 120 columns the sidebar starts hidden and without parts (the first screen does not
    pay for them); shown with ``e`` or by widening the window, it lists the open document's
    entities as if it had been there all along."""
    from textual.widgets import Static

    app = BriefingApp([str(SEED_B)])
    async with app.run_test(size=(120, 40)) as pilot:
        sidebar = await ready(pilot, app)
        assert not sidebar.display and not sidebar.query("#entity-list")
        # What it would show is kept meanwhile: the cursor on the first entity.
        first = sidebar.highlighted_id
        assert first is not None and sidebar.index_of(first) == 1
        if show == "key":
            await pilot.press("e")
        else:
            await pilot.resize_terminal(160, 40)
        await wait_for(pilot, lambda: sidebar.display and bool(sidebar.query(RowList)))
        await pilot.pause()
        rows = sidebar.query_one("#entity-list", RowList)
        assert rows.row_count == len(sidebar.table.groups()) + len(sidebar.table)
        assert rows.highlighted == 1 and sidebar.highlighted_id == first
        title = str(sidebar.query_one("#entity-title", Static).render())
        assert title.startswith("Entities · This document")
        detail = str(sidebar.query_one("#entity-detail", Static).render())
        assert "Appears with" in detail
