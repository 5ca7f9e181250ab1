"""A note on one sentence of a long quoted paragraph is on that sentence (issue 15, broken 6:
the whole paragraph was saved, because the quotation was one cursor passage)."""

from __future__ import annotations

from pathlib import Path

from conftest import app_ready, pilot_test, wait_for

from parsers import parse_text
from tui.notes.store import NotesStore
from tui.ui.app import BriefingApp

ARTICLE = """Ministers meet on air defence

The minister spoke at length on Tuesday.

"We have ordered more interceptors this year. The first batteries arrive in spring. \
Crews are training in Germany now. The second order follows in the autumn. \
Nobody should doubt our resolve," said Defence Minister Anna Berg.

The talks continue next week.
"""
SENTENCE = "Crews are training in Germany now."


def test_the_fixture_is_one_long_direct_quote() -> None:
    doc = parse_text(ARTICLE, "memo.txt")
    direct = [q for q in doc.quotes if q.kind == "direct"]
    assert direct and SENTENCE in direct[0].text


@pilot_test
async def test_a_note_on_one_sentence_of_a_long_quote_keeps_just_that_sentence(
    tmp_path: Path,
) -> None:
    path = tmp_path / "memo.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    app = BriefingApp([str(path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        doc = app.document
        assert doc is not None
        for _ in range(12):
            start, end = app.reader.cursor_span
            if doc.text[start:end].strip() == SENTENCE:
                break
            await pilot.press("j")
        start, end = app.reader.cursor_span
        assert doc.text[start:end].strip() == SENTENCE
        await pilot.press("a")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "NoteForm")
        await pilot.press(*"training", "ctrl+s")
        await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
    store = NotesStore.open()
    try:
        notes = store.notes_for(str(path))
        assert [n.exact.strip() for n in notes] == [SENTENCE]
    finally:
        store.close()
