"""Pilot tests: every binding and pane of the app, untrusted text, odd sizes, big documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_A, SEED_B, SEEDS, app_ready, notifications, pilot_test, wait_for
from textual.app import App, ComposeResult

from parsers import Document, Paragraph, Quote, Section, Sentence, parse_text
from tui.core import paths
from tui.core.discover import display_path
from tui.core.keymap import SPECS
from tui.core.palette import COLOURS
from tui.ui.app import BriefingApp
from tui.ui.loading import LoadProgress
from tui.ui.screens.export_dialog import ExportDialog
from tui.ui.screens.help_screen import HelpScreen
from tui.ui.screens.main_screen import MainScreen
from tui.ui.screens.quotes_screen import QuoteJump
from tui.ui.widgets.reader import Reader, compute_layout, display, wrap
from tui.ui.widgets.row_list import RowList

INJECTION = (
    "[bold]Loud[/bold] title [@click=app.quit]\n"
    "Body with [bold]markup[/] and [@click=app.quit]a click[/] and "
    "[link=file:///etc/passwd]a link[/link] and [red]colour[/red].\n"
)


def screen_text(reader: Reader) -> str:
    return "\n".join(reader.render_line(y).text for y in range(reader.size.height))


# -- start-up, list, reader -------------------------------------------------------------------


@pilot_test
async def test_first_screen_lists_documents_and_reads_the_first() -> None:
    app = BriefingApp([str(SEEDS)])
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.reader.line_count >= 1  # the first screen exists before anything is parsed
        await app_ready(pilot, app)
        dl = app.document_list
        assert dl.paths == sorted([str(SEED_A), str(SEED_B)])
        assert "2 documents" in str(dl.border_subtitle)
        assert app.current_path == str(SEED_A)
        text = screen_text(app.reader)
        assert "US and European Defense Leaders" in text
        assert display_path(str(SEED_A)) in text  # the metadata line
        assert "Defense leaders from the United States" in text
        assert app.sub_title == app.document.title if app.document else False
        assert app.focused is app.reader


class _LoadingWatched(BriefingApp):
    """The app, with a watcher of its ``loading`` from the start (before anything loads)."""

    def __init__(self, path: str) -> None:
        super().__init__([path])
        self.seen: list[bool] = []
        self.watch(self, "loading", self._loading_seen, init=False)

    def _loading_seen(self, value: bool) -> None:
        self.seen.append(value)


@pilot_test
async def test_loading_is_reactive_state_the_main_screen_watches() -> None:
    """The app's ``loading`` turns False once, when the loading thread's ``Finished`` arrives;
    a watcher sees it, and the main screen (which watches it) counts the list and shows no
    progress arriving later."""
    app = _LoadingWatched(str(SEEDS))
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        assert app.seen == [False]
        dl = app.document_list
        assert str(dl.border_subtitle) == "2 documents"
        app.main_screen.post_message(LoadProgress("1/2 · 5/s"))  # late: not shown
        await pilot.pause()
        assert str(dl.border_subtitle) == "2 documents"


@pilot_test
async def test_no_path_opens_the_seeds() -> None:
    app = BriefingApp([])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        assert len(app.document_list.paths) == len(list(paths.seeds_dir().glob("*.txt")))


@pilot_test
async def test_j_k_arrows_move_by_sentence() -> None:
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        r = app.reader
        doc = app.document
        assert doc is not None
        first = r.cursor_span
        assert r.passage_kind == "sentence"
        assert any(s.start == first[0] for s in doc.sentences)
        await pilot.press("j")
        second = r.cursor_span
        assert second[0] > first[0]
        await pilot.press("down")
        assert r.cursor_span[0] > second[0]
        await pilot.press("k", "up")
        assert r.cursor_span == first
        for span in (first, second):
            assert doc.text[span[0] : span[1]].strip()


@pilot_test
async def test_g_G_space_b_move_and_scroll() -> None:
    app = BriefingApp([str(SEED_B)])
    async with app.run_test(size=(100, 16)) as pilot:
        await app_ready(pilot, app)
        r = app.reader
        await pilot.press("G")
        assert r.scroll_offset.y == r.max_scroll_y > 0
        last = r.cursor_span
        assert last[0] == max(s.start for s in app.document.sentences)  # type: ignore[union-attr]
        await pilot.press("g")
        assert r.scroll_offset.y == 0
        top = r.cursor_span
        await pilot.press("space")
        assert r.scroll_offset.y > 0
        assert r.cursor_span[0] > top[0]
        await pilot.press("b")
        assert r.scroll_offset.y == 0
        await pilot.press("pagedown", "end", "home")
        assert r.scroll_offset.y == 0


@pilot_test
async def test_paragraph_moves() -> None:
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        r = app.reader
        doc = app.document
        assert doc is not None
        await pilot.press("right_curly_bracket")
        start = r.cursor_span[0]
        body = doc.body_paragraphs
        assert start == body[1].start
        await pilot.press("left_curly_bracket")
        assert r.cursor_span[0] == body[0].start


@pilot_test
async def test_selection_by_sentence_and_word() -> None:
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        r = app.reader
        one = r.cursor_span
        await pilot.press("J")
        assert r.passage_kind == "range"
        two = r.cursor_span
        assert two[0] == one[0] and two[1] > one[1]
        await pilot.press("shift+down")
        assert r.cursor_span[1] > two[1]
        await pilot.press("K")
        assert r.cursor_span == two
        await pilot.press("escape")
        assert r.passage_kind == "sentence" and r.cursor_span == one
        await pilot.press("shift+right")
        word = r.cursor_span
        assert app.document is not None
        assert app.document.text[word[0] : word[1]] == "Defense"
        await pilot.press("shift+right")
        assert app.document.text[slice(*r.cursor_span)] == "Defense leaders"
        await pilot.press("shift+left")
        assert app.document.text[slice(*r.cursor_span)] == "Defense"


@pilot_test
async def test_brackets_walk_documents() -> None:
    app = BriefingApp([str(SEEDS)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: app.current_path == str(SEED_B))
        assert "European leaders" in screen_text(app.reader)
        assert app.document_list.current_path == str(SEED_B)
        await pilot.press("right_square_bracket")  # at the end: stays, says so
        await wait_for(pilot, lambda: any("No more documents" in n for n in notifications(app)))
        assert app.current_path == str(SEED_B)
        await pilot.press("left_square_bracket")
        await wait_for(pilot, lambda: app.current_path == str(SEED_A))


@pilot_test
async def test_document_list_keys_and_enter_open() -> None:
    app = BriefingApp([str(SEEDS)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        dl = app.document_list
        dl.focus()
        await pilot.pause()
        dl.highlighted = 0
        await pilot.press("j")
        assert dl.highlighted == 1
        await pilot.press("k")
        assert dl.highlighted == 0
        await pilot.press("G")
        assert dl.highlighted == 1
        await pilot.press("g", "down", "enter")
        await wait_for(pilot, lambda: app.current_path == str(SEED_B))
        assert app.focused is app.reader


@pilot_test
async def test_tab_and_shift_tab_cycle_panes() -> None:
    app = BriefingApp([str(SEEDS)])
    async with app.run_test(size=(150, 40)) as pilot:
        await app_ready(pilot, app)
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            seen.append(app.focused)
        assert app.document_list in seen
        assert app.reader in seen
        assert any(w is not None and app.sidebar in w.ancestors_with_self for w in seen)
        before = app.focused
        await pilot.press("tab", "shift+tab")
        assert app.focused is before


@pilot_test
async def test_d_and_e_toggle_panes_when_wide() -> None:
    app = BriefingApp([str(SEEDS)])
    async with app.run_test(size=(140, 40)) as pilot:
        await app_ready(pilot, app)
        assert app.document_list.display and app.sidebar.display
        width = app.reader.size.width
        await pilot.press("d")
        assert not app.document_list.display
        await pilot.press("e")
        assert not app.sidebar.display
        await pilot.pause()
        assert app.reader.size.width > width
        await pilot.press("d", "e")
        assert app.document_list.display and app.sidebar.display


@pilot_test
async def test_narrow_terminal_shows_reader_and_overlays() -> None:
    app = BriefingApp([str(SEEDS)])
    async with app.run_test(size=(80, 24)) as pilot:
        await app_ready(pilot, app)
        assert not app.document_list.display and not app.sidebar.display
        assert app.reader.size.width >= 70
        await pilot.press("d")
        assert app.document_list.display and app.focused is app.document_list
        await pilot.press("e")  # one overlay at a time
        assert app.sidebar.display and not app.document_list.display
        await pilot.press("e")
        assert not app.sidebar.display and app.focused is app.reader
        await pilot.press("d")
        app.document_list.highlighted = 1
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.current_path == str(SEED_B))
        assert not app.document_list.display and app.focused is app.reader


@pytest.mark.parametrize("key", ["question_mark", "f1"])
@pilot_test
async def test_help_lists_every_binding(key: str) -> None:
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(120, 50)) as pilot:
        await app_ready(pilot, app)
        await pilot.press(key)
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-table")
        rendered = "\n".join(line.text for line in table.render_lines(table.region.reset_offset))
        for spec in SPECS:
            assert spec.id in rendered, spec.id
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@pilot_test
async def test_command_palette_has_app_commands() -> None:
    app = BriefingApp([str(SEEDS)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "CommandPalette")
        await pilot.press(*"toggle document list")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not app.document_list.display)
        # Open a document by title.
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "CommandPalette")
        await pilot.press(*"open european leaders")
        await pilot.pause(0.6)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.current_path == str(SEED_B))


@pilot_test
async def test_palette_shows_titles_literally() -> None:
    from textual.command import Matcher

    from tui.ui.commands import highlight, safe_help

    matcher = Matcher("bold")
    text = highlight(matcher, "[bold]Loud[/bold] [@click=app.quit]")
    assert text.plain == "[bold]Loud[/bold] [@click=app.quit]"
    from textual.content import Content

    for raw in ("[bold]x[/]", "[@click=app.quit]y", "[link=file:///etc/passwd]z", "a\\[b]"):
        assert Content.from_markup(safe_help(raw)).plain in (
            raw,
            raw.replace("[", "(").replace("]", ")"),
        )


@pilot_test
async def test_furniture_toggles() -> None:
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(120, 60)) as pilot:
        await app_ready(pilot, app)
        doc = app.document
        assert doc is not None
        furniture = [p for p in doc.paragraphs if p.kind == "furniture"] or [
            p
            for s in doc.sections
            if s.furniture
            for p in doc.paragraphs
            if s.start <= p.start < s.end
        ]
        if not furniture:
            pytest.skip("the parser marks no furniture in this seed yet")
        hidden_text = doc.text[furniture[-1].start : furniture[-1].end]
        assert hidden_text not in screen_text(app.reader)
        lines = app.reader.line_count
        await pilot.press("f")
        await pilot.pause()
        assert app.reader.show_furniture
        assert app.reader.line_count > lines
        await pilot.press("G")
        assert hidden_text in screen_text(app.reader)


@pilot_test
async def test_n_and_N_walk_marks() -> None:
    app = BriefingApp([str(SEED_B)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        doc = app.document
        assert doc is not None
        await pilot.press("n")
        assert any("Nothing to walk" in n for n in notifications(app))
        spans = [(m.start(), m.end()) for m in __import__("re").finditer("Europe", doc.text)]
        assert len(spans) >= 3
        app.walking.set("search", [(doc.path, s, e) for s, e in spans])
        await pilot.press("n")
        assert app.reader.current_mark == spans[0]
        await pilot.press("n")
        assert app.reader.current_mark == spans[1]
        await pilot.press("N")
        assert app.reader.current_mark == spans[0]


@pilot_test
async def test_entity_sidebar_selection_marks_reader() -> None:
    app = BriefingApp([str(SEED_B)])
    async with app.run_test(size=(140, 40)) as pilot:
        await app_ready(pilot, app)
        doc = app.document
        assert doc is not None and doc.entities  # the seed names people, countries, sums
        sidebar = app.sidebar
        rows = sidebar.query_one("#entity-list", RowList)
        await wait_for(pilot, lambda: rows.row_count > 0 and rows.highlighted is not None)
        rows.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(app.reader.mark_spans("entity")))
        assert sidebar.selected_id is not None
        spans = app.reader.mark_spans("entity")
        # Every mark is one of the document's entity mentions, in reading order.
        assert set(spans) <= {(e.start, e.end) for e in doc.entities}
        assert spans == sorted(spans)
        await pilot.press("n")
        assert app.reader.current_mark in spans
        await pilot.press("escape")  # the sidebar lets the entity go: its marks leave the reader
        await wait_for(pilot, lambda: not app.reader.mark_spans("entity"))
        assert sidebar.selected_id is None


@pilot_test
async def test_slash_searches_and_n_walks_hits() -> None:
    app = BriefingApp([str(SEEDS)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        await pilot.press("slash")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "SearchScreen")
        await pilot.press(*"jonson")
        await pilot.pause(1.0)
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: app.screen is app.screen_stack[0] and app.current_path == str(SEED_B)
        )
        await pilot.pause(0.1)
        doc = app.document
        assert doc is not None
        first = app.reader.current_mark
        assert first is not None and "Jonson" in doc.text[first[0] : first[1]]
        assert app.reader.mark_spans("search")
        await pilot.press("n")
        assert app.reader.current_mark != first


@pilot_test
async def test_a_annotates_m_lists_x_exports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        await pilot.press("x")  # nothing to export yet: says so, writes nothing
        await wait_for(pilot, lambda: any("No notes" in n for n in notifications(app)))
        await pilot.press("j", "J")
        span = app.reader.cursor_span
        await pilot.press("a")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "NoteForm")
        await pilot.press(*"check this")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
        # the default colour
        await wait_for(pilot, lambda: span in app.reader.mark_spans(f"notes-{COLOURS[0]}"))
        await pilot.press("m")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "NotesScreen")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.current_path == str(SEED_A)
        assert dialog.choices().fmt == "md"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
        written = list(tmp_path.glob("briefing-notes-*.md"))
        assert len(written) == 1
        text = written[0].read_text(encoding="utf-8")
        assert "check this" in text
        assert "US and European Defense Leaders" in text  # the title, from the library
        shown = display_path(str(written[0]))  # normalised: relative here, else with ~
        await wait_for(pilot, lambda: f"Exported 1 note to {shown}" in notifications(app))
        # Again: the file exists, so the dialog asks; n keeps the old file.
        written[0].write_text("old", encoding="utf-8")
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.press("enter")
        await wait_for(pilot, lambda: getattr(app.screen, "confirming", None) is not None)
        await pilot.press("n", "escape")
        await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
        assert written[0].read_text(encoding="utf-8") == "old"


@pilot_test
async def test_palette_exports_json_through_the_dialog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        await pilot.press("j", "J", "a")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "NoteForm")
        await pilot.press(*"for the briefing", "ctrl+s")
        await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "CommandPalette")
        await pilot.press(*"Export notes as JSON")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.choices().fmt == "json"
        assert dialog.choices().path.endswith(".json")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
        written = list(tmp_path.glob("briefing-notes-*.json"))
        assert len(written) == 1
        assert '"for the briefing"' in written[0].read_text(encoding="utf-8")


@pilot_test
async def test_w_opens_quotes_and_jumps() -> None:
    app = BriefingApp([str(SEED_B)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        await pilot.press("w")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "QuotesScreen")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
        doc = app.document
        assert doc is not None
        assert doc.quotes
        last = doc.quotes[-1]
        app.quotes.chosen(QuoteJump(doc.path, last.start, last.end))  # as the screen dismisses
        await pilot.pause(0.1)
        start, end = app.reader.cursor_span
        assert start <= last.start < end


@pytest.mark.parametrize("size", [(100, 30), (140, 40)])
@pilot_test
async def test_the_first_document_is_laid_out_once_at_the_real_width(
    size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.ui.widgets.reader as reader_module

    widths: list[int] = []

    def counting(doc: Document, width: int, *args: object, **kwargs: object) -> object:
        widths.append(width)
        return compute_layout(doc, width, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reader_module, "compute_layout", counting)
    app = BriefingApp([str(SEED_B)])
    async with app.run_test(size=size) as pilot:
        await app_ready(pilot, app)
        await pilot.pause(0.1)
        # Once, at the width the reader has (no page wrapped for a guessed width first).
        assert widths == [app.reader.page_width]


@pilot_test
async def test_q_quits_and_position_is_kept_across_runs() -> None:
    app = BriefingApp([str(SEED_B)])
    async with app.run_test(size=(100, 20)) as pilot:
        await app_ready(pilot, app)
        for _ in range(7):
            await pilot.press("j")
        span = app.reader.cursor_span
        top = app.reader.scroll_position
        await pilot.press("q")
    assert app.return_code == 0
    again = BriefingApp([str(SEED_B)])
    async with again.run_test(size=(100, 20)) as pilot:
        await app_ready(pilot, again)
        # The remembered place is restored once the document is laid out: wait for it (on a
        # busy machine that takes longer than a fixed pause), and fail if it never comes.
        await wait_for(
            pilot,
            lambda: again.reader.cursor_span == span and again.reader.scroll_position == top,
            timeout=10.0,
        )
        assert again.reader.cursor_span == span
        assert again.reader.scroll_position == top


@pilot_test
async def test_rebinding_from_config() -> None:
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(
        '[keys]\n"app.quit" = "ctrl+q"\n"move.down" = "ctrl+n"\n"app.toggle_documents" = "D"\n',
        encoding="utf-8",
    )
    app = BriefingApp([str(SEEDS)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        r = app.reader
        first = r.cursor_span
        await pilot.press("j")
        assert r.cursor_span == first
        await pilot.press("ctrl+n")
        assert r.cursor_span != first
        await pilot.press("q", "d")
        assert app.is_running and app.document_list.display
        await pilot.press("D")
        assert not app.document_list.display
        await pilot.press("question_mark")
        table = app.screen.query_one("#help-table")
        rendered = "\n".join(line.text for line in table.render_lines(table.region.reset_offset))
        assert "ctrl+n" in rendered


@pilot_test
async def test_bad_config_is_one_notification() -> None:
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text("[keys\n", encoding="utf-8")
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        msgs = [n for n in notifications(app) if "config.toml" in n]
        assert len(msgs) == 1 and "\n" not in msgs[0]


@pilot_test
async def test_missing_and_binary_paths_are_one_line_notes(tmp_path: Path) -> None:
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    app = BriefingApp([str(tmp_path / "nope.txt"), str(binary), str(SEED_A)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        msgs = notifications(app)
        assert any("nope.txt" in m and "no such" in m for m in msgs)
        assert any("blob.txt" in m and "binary" in m for m in msgs)
        assert all("\n" not in m and "Traceback" not in m for m in msgs)
        assert app.current_path == str(SEED_A)


@pilot_test
async def test_empty_folder_says_so(tmp_path: Path) -> None:
    app = BriefingApp([str(tmp_path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: not app.loading)
        await wait_for(pilot, lambda: "No documents found" in screen_text(app.reader))


# -- untrusted text ---------------------------------------------------------------------------


@pilot_test
async def test_markup_in_documents_shows_literally(tmp_path: Path) -> None:
    path = tmp_path / "inject.txt"
    path.write_text(INJECTION, encoding="utf-8")
    app = BriefingApp([str(path)])
    async with app.run_test(size=(140, 40)) as pilot:
        await app_ready(pilot, app)
        text = screen_text(app.reader)
        assert "[bold]markup[/]" in text
        assert "[@click=app.quit]a click[/]" in text
        assert "[link=file:///etc/passwd]a link[/link]" in text
        # No style, link or action came from the text.
        for y in range(app.reader.size.height):
            for seg in app.reader.render_line(y):
                style = seg.style
                if style is None:
                    continue
                assert not style.link and not (style.meta or {}).get("@click")
        # The list and the header show the title literally too.
        dl = app.document_list
        prompt = dl.get_option_at_index(0).prompt
        assert "[bold]Loud[/bold]" in str(getattr(prompt, "plain", prompt))
        assert "[bold]Loud[/bold]" in app.sub_title
        # Clicking where the fake click action is does nothing.
        await pilot.click(Reader, offset=(10, 4))
        await pilot.pause()
        assert app.is_running


@pilot_test
async def test_escape_sequences_never_reach_the_terminal() -> None:
    raw = "Title\nBefore \x1b]2;pwned\x07 \x1b[31mred\x1b[0m \x9b2J bell\x07 after.\n"
    doc = Document(
        path="raw.txt",
        title="T\x1b[2J",
        text=raw,
        paragraphs=[Paragraph(6, len(raw) - 1)],
        sentences=[Sentence(6, len(raw) - 1)],
    )
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(100, 20)) as pilot:
        await app_ready(pilot, app)
        app.reader.show_document(doc)
        await pilot.pause()
        for y in range(app.reader.size.height):
            for seg in app.reader.render_line(y):
                assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in seg.text)
        # The parser already removes them from real files, keeping offsets.
        parsed = parse_text(raw, "raw.txt")
        assert "\x1b" not in parsed.text and "\x07" not in parsed.text


@pilot_test
async def test_tiny_terminal_never_crashes() -> None:
    app = BriefingApp([str(SEEDS)])
    async with app.run_test(size=(20, 5)) as pilot:
        await app_ready(pilot, app)
        for key in (
            "j",
            "J",
            "shift+right",
            "escape",
            "G",
            "g",
            "space",
            "d",
            "e",
            "e",
            "right_square_bracket",
            "f",
            "question_mark",
            "escape",
            "tab",
            "w",
            "escape",
            "k",
            "left_square_bracket",
        ):
            await pilot.press(key)
        await pilot.pause(0.2)
        assert app.is_running
        await pilot.resize_terminal(200, 60)
        await wait_for(pilot, lambda: app.reader.size.width > 20)
        await pilot.resize_terminal(1, 1)
        await pilot.pause(0.1)
        assert app.is_running


# -- the reader on its own ------------------------------------------------------------------


def test_wrap_keeps_offsets_and_widths() -> None:
    text = "alpha beta gamma delta " * 20 + "x" * 50 + " 中文字符中文字符中文字符 end"
    lines = wrap(text, 0, len(text), 17)
    from rich.cells import cell_len

    for a, b in lines:
        assert cell_len(text[a:b]) <= 17
    # Nothing but spaces is lost between lines.
    joined = "".join(text[a:b] for a, b in lines).replace(" ", "")
    assert joined == text.replace(" ", "")
    assert wrap("a\nb", 0, 3, 10, hard_breaks=True) == [(0, 1), (2, 3)]
    assert wrap("", 0, 0, 10) == [(0, 0)]  # an empty block still takes a line


def test_display_keeps_length_and_removes_controls() -> None:
    raw = "a\x1b[31mb\x07c\x9bd\te\nf"
    shown = display(raw)
    assert len(shown) == len(raw)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in shown)


def test_layout_quotes_and_headings() -> None:
    text = 'Title\nIntro\nHe said: "One. Two." Then more. Last one.\n'
    doc = Document(
        path="q.txt",
        title="Title",
        text=text,
        title_span=(0, 5),
        sections=[Section("Intro", 2, 6, len(text), title_start=6, title_end=11)],
        paragraphs=[Paragraph(12, len(text) - 1)],
        sentences=[Sentence(12, 26), Sentence(27, 32), Sentence(33, 43), Sentence(44, 53)],
        quotes=[Quote(21, 32, '"One. Two."', speaker="Someone", cue="said")],
    )
    lay = compute_layout(doc, 60, False)
    kinds = [it.kind for it in lay.items]
    assert kinds[:2] == ["title", "meta"]
    assert "heading" in kinds and "attribution" in kinds
    attribution = next(it for it in lay.items if it.kind == "attribution")
    assert attribution.text is not None and "Someone" in attribution.text
    # The quote over two sentences is one passage of kind "quote".
    units = list(zip(lay.unit_starts, lay.unit_ends, lay.unit_kinds, strict=True))
    assert (12, 32, 2) in units


@pilot_test
async def test_big_one_line_document_shows_at_once_and_completes() -> None:
    words = "Lorem ipsum dolor sit amet. " * 80_000  # about 2.2 MB on one line
    text = "Big\n" + words
    doc = Document(
        path="big.txt",
        title="Big",
        text=text,
        title_span=(0, 3),
        paragraphs=[Paragraph(4, len(text))],
    )
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(100, 30)) as pilot:
        await app_ready(pilot, app)
        app.reader.show_document(doc)
        assert not app.reader.layout_complete  # the rest is laid out in a worker
        assert "Lorem ipsum" in screen_text(app.reader)
        app.reader.jump_to(len(text) - 5)  # deferred until the layout is done
        await wait_for(pilot, lambda: app.reader.layout_complete, timeout=60)
        await wait_for(pilot, lambda: app.reader.scroll_offset.y > 1000)


class _LayoutsSeen(Reader):
    """A reader that also keeps every layout message it is handed (handled as usual)."""

    def __init__(self) -> None:
        super().__init__(id="reader")
        self.layouts: list[Reader.LayoutReady] = []

    def on_reader_layout_ready(self, message: Reader.LayoutReady) -> None:
        self.layouts.append(message)


class _ReaderHost(App[None]):
    def compose(self) -> ComposeResult:
        yield _LayoutsSeen()


def _one_paragraph(path: str, title: str, body: str) -> Document:
    text = f"{title}\n{body}"
    return Document(
        path=path, title=title, text=text, paragraphs=[Paragraph(len(title) + 1, len(text))]
    )


@pilot_test
async def test_a_big_documents_layout_comes_back_as_a_message_and_a_stale_one_is_dropped() -> None:
    """The layout worker posts its result to the reader; one for a document no longer shown
    must not replace the layout of the one shown now."""
    big = _one_paragraph("big.txt", "Big", "Lorem ipsum dolor sit amet. " * 15_000)
    small = _one_paragraph("small.txt", "Small", "One short paragraph.")
    app = _ReaderHost()
    async with app.run_test(size=(100, 30)) as pilot:
        reader = app.query_one(_LayoutsSeen)
        reader.show_document(big)
        assert not reader.layout_complete  # the rest is laid out in a worker
        await wait_for(pilot, lambda: reader.layout_complete, timeout=60)
        assert len(reader.layouts) == 1  # it came back as a message, and was installed
        reader.show_document(big)
        reader.show_document(small)  # before the second layout of the big one is done
        lines = reader.line_count
        await wait_for(pilot, lambda: len(reader.layouts) == 2, timeout=60)
        await pilot.pause()
        assert reader.document is small and reader.layout_complete
        assert reader.line_count == lines  # the big layout was dropped
        assert "Lorem" not in screen_text(reader)


@pilot_test
async def test_empty_and_whitespace_files_read_as_empty(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "b_blank.txt").write_text("   \n\n\t\n", encoding="utf-8")
    app = BriefingApp([str(tmp_path)])
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: not app.loading and app.document is not None)
        await pilot.pause(0.2)
        for _ in range(2):
            if app.document is not None:
                assert "empty" in screen_text(app.reader).lower()
                for key in ("j", "k", "J", "shift+right", "G", "g", "space", "a", "n"):
                    await pilot.press(key)
                assert app.reader.cursor_span == (0, 0)
            await pilot.press("right_square_bracket")
            await pilot.pause(0.2)
        assert app.is_running


@pilot_test
async def test_reopens_the_document_read_last() -> None:
    app = BriefingApp([str(SEEDS)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: app.current_path == str(SEED_B))
        await pilot.press("q")
    again = BriefingApp([str(SEEDS)])
    async with again.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, again)
        assert again.current_path == str(SEED_B)


def test_run_app_with_only_missing_paths_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    from tui.ui.run import run_app

    assert run_app(["/no/such/place", "also\nmissing"]) == 2
    out = capsys.readouterr().err
    assert "/no/such/place: no such file or folder" in out
    assert "also\\nmissing" in out  # the newline in the name is escaped, one line each


@pilot_test
async def test_highlights_are_component_classes_that_themes_reach() -> None:
    """Search hits are drawn with ``reader--mark-search``; another theme changes its colour."""
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        doc = app.document
        assert doc is not None
        start = doc.text.index("Ukraine", doc.paragraphs[2].start)
        app.walking.set("search", [(doc.path, start, start + len("Ukraine"))])
        await pilot.pause()
        cursor = app.reader.cursor_span
        assert not cursor[0] <= start < cursor[1]  # the cursor's colour would cover the hit

        def hit_background() -> object:
            for y in range(app.reader.size.height):
                for segment in app.reader.render_line(y):
                    if segment.text == "Ukraine" and segment.style and segment.style.bgcolor:
                        return segment.style.bgcolor
            raise AssertionError("the hit is not drawn")

        app.theme = "textual-dark"
        await pilot.pause()
        dark = hit_background()
        app.theme = "nord"
        await pilot.pause()
        assert hit_background() != dark


@pilot_test
async def test_a_theme_chosen_in_the_palette_is_there_at_the_next_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 15: the palette's theme was lost at the next start."""
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        assert app.theme != "nord"
        app.theme = "nord"  # what the palette's "Change theme" does
        await pilot.pause()
    at_mount: list[str] = []
    on_mount = MainScreen.on_mount

    def record(screen: MainScreen) -> None:
        at_mount.append(screen.app.theme)
        on_mount(screen)

    monkeypatch.setattr(MainScreen, "on_mount", record)
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        assert app.theme == "nord"
    # Already in place when the panes were mounted: set before Textual first parsed the styles
    # (set later, it made Textual parse and apply them all again before the first frame).
    assert at_mount == ["nord"]


@pilot_test
async def test_at_80_columns_the_footer_keeps_the_pane_keys() -> None:
    """Issue 15: at 80 columns the footer was cut before d Docs and e Entities."""
    from textual.widgets._footer import FooterKey

    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(80, 24)) as pilot:
        await app_ready(pilot, app)
        keys = {k.action: k for k in app.main_screen.query(FooterKey)}
        palette = keys.get("command_palette")
        right = palette.region.x if palette is not None else 80
        for action in ("quit", "help", "search", "toggle_documents", "toggle_entities"):
            region = keys[action].region
            assert region.width > 0 and region.right <= right, (action, region)
