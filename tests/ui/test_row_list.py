"""RowList: the virtual list under the entity sidebar and the quotes screen."""

from __future__ import annotations

from conftest import pilot_test as sync
from conftest import screen_lines
from rich.text import Text
from textual.app import App, ComposeResult
from textual.message import Message

from tui.ui.widgets.row_list import RowList


class ListApp(App[None]):
    """A RowList of ``count`` rows; every tenth is a disabled heading; records messages."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count
        self.drawn: set[int] = set()
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield RowList()

    def render_row(self, index: int, width: int) -> Text:
        self.drawn.add(index)
        if index % 10 == 0:
            return Text(f"== heading {index} ==", style="bold")
        return Text(f"row {index} " + "[bold]x[/] " * 20)

    def on_mount(self) -> None:
        row_list = self.query_one(RowList)
        row_list.set_rows(self.count, self.render_row, lambda i: i % 10 != 0)
        row_list.focus()

    def on_row_list_highlighted(self, message: RowList.Highlighted) -> None:
        self.messages.append(message)

    def on_row_list_selected(self, message: RowList.Selected) -> None:
        self.messages.append(message)


@sync
async def test_draws_only_the_rows_in_view() -> None:
    app = ListApp(100_000)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        row_list = app.query_one(RowList)
        assert row_list.highlighted == 1  # row 0 is a heading: the cursor skips it
        assert app.drawn and max(app.drawn) < 40
        lines = screen_lines(app)
        assert lines[0].startswith("== heading 0 ==")
        # Long rows are cut to the width with an ellipsis; markup-like text stays literal.
        assert lines[1].startswith("row 1 [bold]x[/] [bold]x[/]")
        assert lines[1].rstrip().endswith("…")
        await pilot.press("end")
        await pilot.pause()
        assert row_list.highlighted == 99_999
        assert "row 99999" in "\n".join(screen_lines(app))
        assert len(app.drawn) < 100


@sync
async def test_cursor_skips_headings_stays_at_the_ends_and_pages() -> None:
    app = ListApp(35)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        row_list = app.query_one(RowList)
        await pilot.press("up")
        assert row_list.highlighted == 1  # nothing enabled above: stays
        for _ in range(8):
            await pilot.press("down")
        assert row_list.highlighted == 9
        await pilot.press("down")
        assert row_list.highlighted == 11  # skipped heading 10
        await pilot.press("pagedown")
        assert row_list.highlighted == 11 + 11
        await pilot.press("end")
        assert row_list.highlighted == 34
        await pilot.press("down")
        assert row_list.highlighted == 34
        await pilot.press("home")
        assert row_list.highlighted == 1
        # Moving up onto the first row of a group shows its heading too.
        await pilot.press("end", "up", "up", "up")
        await pilot.pause()
        assert row_list.highlighted == 31
        await pilot.press(*["up"] * 9)
        await pilot.pause()
        assert row_list.highlighted == 21
        assert row_list.scroll_offset.y == 20


@sync
async def test_enter_and_click_select_enabled_rows_only() -> None:
    app = ListApp(30)
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        selected = [m for m in app.messages if isinstance(m, RowList.Selected)]
        assert [m.index for m in selected] == [2]
        await pilot.click(RowList, offset=(3, 0))  # the heading
        await pilot.pause()
        assert len([m for m in app.messages if isinstance(m, RowList.Selected)]) == 1
        await pilot.click(RowList, offset=(3, 5))
        await pilot.pause()
        selected = [m for m in app.messages if isinstance(m, RowList.Selected)]
        assert [m.index for m in selected] == [2, 5]
        assert app.query_one(RowList).highlighted == 5


@sync
async def test_empty_and_all_disabled_lists_have_no_cursor() -> None:
    app = ListApp(0)
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        row_list = app.query_one(RowList)
        assert row_list.highlighted is None
        await pilot.press("down", "up", "pagedown", "end", "enter")
        assert row_list.highlighted is None
        row_list.set_rows(1, lambda i, w: Text("Nothing here"), lambda i: False, None)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert row_list.highlighted is None
        assert not [m for m in app.messages if isinstance(m, RowList.Selected)]
        assert screen_lines(app)[0].startswith("Nothing here")
