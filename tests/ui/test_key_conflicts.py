"""A key clash in config.toml (issue 15, broken 4): the rejected override leaves the default
binding in force, the footer keeps Quit, ``q`` quits, help lists ``j`` once and explains, and
the notification is short enough to read whole."""

from __future__ import annotations

from conftest import SEEDS, notifications, pilot_test, wait_for
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey
from textual.widgets._toast import Toast

from tui.core import paths
from tui.core.keymap import SPECS
from tui.ui.app import BriefingApp
from tui.ui.screens.help_screen import HelpScreen


def write_keys(text: str) -> None:
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text("[keys]\n" + text, encoding="utf-8")


@pilot_test
async def test_quit_on_j_is_rejected_and_q_still_quits() -> None:
    write_keys('"app.quit" = "j"\n')
    app = BriefingApp([str(SEEDS)])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(
            pilot, lambda: app.document is not None and app.reader.layout_complete, timeout=30
        )
        await pilot.pause(0.2)
        # One short notification, shown whole in its toast.
        messages = [m for m in notifications(app) if "config.toml" in m]
        assert len(messages) == 1 and len(messages[0]) <= 60, messages
        toasts = list(app.screen.query(Toast))
        assert toasts
        shown = " ".join(
            " ".join(line.text.strip("▌ ") for line in t.render_lines(t.region.reset_offset))
            for t in toasts
        )
        assert " ".join(messages[0].split()) in " ".join(shown.split())
        # The footer still offers Quit on q.
        footer_keys = {k.description: k.key for k in app.screen.query_one(Footer).query(FooterKey)}
        assert footer_keys.get("Quit") == "q", footer_keys
        # j moves, as before.
        first = app.reader.cursor_span
        await pilot.press("j")
        assert app.is_running and app.reader.cursor_span != first
        # Help: j once among the app's bindings, app.quit on q, and the reason spelled out.
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        table = app.screen.query_one("#help-table", Static)
        lines = [s.text for s in table.render_lines(table.region.reset_offset)]
        text = "\n".join(lines)
        assert "Not used from your config" in text
        assert "keeps its default key q" in " ".join(text.split())
        ids = {spec.id for spec in SPECS}
        rows = [ln.split() for ln in lines if ln.split() and ln.split()[-1] in ids]
        keys_of = {row[-1]: row[0] for row in rows}
        assert keys_of["app.quit"] == "q" and keys_of["move.down"] == "j"
        assert sum(1 for row in rows if row[0] == "j") == 1
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, HelpScreen))
        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running)
