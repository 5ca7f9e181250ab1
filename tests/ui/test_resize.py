"""Resizing follows the width rules: after any resize the panes are what a fresh start at that
width shows (issue 15: 140 → 110 kept three panes, 80 kept the list beside the reader)."""

from __future__ import annotations

from conftest import SEED_A, SEED_B, pilot_test, wait_for

from tui.ui.app import BriefingApp

WIDTHS = (140, 110, 80, 140, 160)


def panes(app: BriefingApp) -> tuple[bool, bool, bool, int]:
    """What the user sees of the layout: list shown, sidebar shown, overlay mode, reader width."""
    screen = app.main_screen
    return (
        bool(app.document_list.display),
        bool(app.sidebar.display),
        screen.has_class("narrow"),
        app.reader.size.width,
    )


async def fresh_start(width: int) -> tuple[bool, bool, bool, int]:
    app = BriefingApp([str(SEED_A), str(SEED_B)])
    async with app.run_test(size=(width, 40)) as pilot:
        await wait_for(pilot, lambda: not app.loading and app.document is not None)
        await pilot.pause()
        return panes(app)


@pilot_test
async def test_resizing_gives_what_a_fresh_start_at_that_width_gives() -> None:
    expected = {w: await fresh_start(w) for w in set(WIDTHS)}
    assert expected[140][:3] == (True, True, False)
    assert expected[110][:3] == (True, False, False)
    assert expected[80][:3] == (False, False, True)
    app = BriefingApp([str(SEED_A), str(SEED_B)])
    async with app.run_test(size=(WIDTHS[0], 40)) as pilot:
        await wait_for(pilot, lambda: not app.loading and app.document is not None)
        await pilot.pause()
        assert panes(app) == expected[WIDTHS[0]]
        for width in WIDTHS[1:]:
            await pilot.resize_terminal(width, 40)
            await pilot.pause()
            await pilot.pause()
            assert panes(app) == expected[width], f"after resizing to {width}"
