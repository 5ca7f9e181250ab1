"""The main screen's footer: rebuilt when the keys it shows change, left alone when they don't."""

from __future__ import annotations

from conftest import SEED_A, SEED_B, pilot_test, wait_for
from textual.widgets._footer import FooterKey

from tui.ui.app import BriefingApp
from tui.ui.widgets.key_footer import KeyFooter


def shown(app: BriefingApp) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey)]


@pilot_test
async def test_footer_follows_focus_but_is_not_rebuilt_for_the_same_keys() -> None:
    app = BriefingApp([str(SEED_A), str(SEED_B)])
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: not app.loading and app.document is not None)
        assert isinstance(app.screen.query_one(KeyFooter), KeyFooter)
        await wait_for(pilot, lambda: "Quit" in shown(app))
        before = list(app.screen.query(FooterKey))
        # Nothing changed: the same key widgets stay (Textual's Footer would rebuild them all).
        app.screen.refresh_bindings()
        await pilot.pause(0.2)
        assert all(a is b for a, b in zip(before, app.screen.query(FooterKey), strict=True))
        assert "Cross-refs" not in shown(app)
        # Focus in the entity list: its keys join the footer; back in the reader, they leave.
        # (At 120 columns the sidebar is hidden until shown: e.)
        await pilot.press("e")
        await wait_for(pilot, lambda: app.sidebar.display)
        app.sidebar.query_one("#entity-list").focus()
        await wait_for(pilot, lambda: "Cross-refs" in shown(app))
        app.reader.focus()
        # the footer rebuilds between two frames: wait for the reader's keys to come back, not
        # only for the sidebar's to go
        await wait_for(pilot, lambda: "Cross-refs" not in shown(app) and "Quit" in shown(app))
