"""n / N walk from the cursor, count the position and wrap with a notice (issue 15, broken 3:
after g, n said "No more hits that way" although every mention was below)."""

from __future__ import annotations

import re

from conftest import SEED_A, SEED_B, app_ready, notifications, pilot_test, wait_for

from tui.ui.app import BriefingApp


def spans_of(word: str, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(word, text)]


@pilot_test
async def test_n_after_g_goes_to_the_first_mention_below_with_its_position() -> None:
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        doc = app.document
        assert doc is not None
        spans = spans_of("Ukraine", doc.text)
        assert len(spans) >= 4
        app.walking.set("entity", [(doc.path, s, e) for s, e in spans])
        await pilot.press("g")
        top = app.reader.cursor_span[0]
        # The first mention below the cursor (one in the title, above it, comes by wrapping).
        first = next(i for i, (s, _) in enumerate(spans) if s >= top)
        for _ in range(3):
            await pilot.press("n")
        assert app.reader.current_mark == spans[first + 2]
        assert app.reader.border_subtitle == f"mention {first + 3}/{len(spans)}"
        await pilot.press("g")
        await pilot.press("n")
        assert app.reader.current_mark == spans[first]
        assert app.reader.border_subtitle == f"mention {first + 1}/{len(spans)}"
        # From the bottom, N walks back up from the cursor too.
        await pilot.press("G")
        bottom = app.reader.cursor_span[0]
        last = max(i for i, (s, _) in enumerate(spans) if s < bottom)
        await pilot.press("N")
        assert app.reader.current_mark == spans[last]
        assert app.reader.border_subtitle == f"mention {last + 1}/{len(spans)}"


@pilot_test
async def test_walking_past_either_end_wraps_with_a_notice() -> None:
    app = BriefingApp([str(SEED_A)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        doc = app.document
        assert doc is not None
        await pilot.press("G")
        bottom = app.reader.cursor_span[0]
        spans = [span for span in spans_of("Ukraine", doc.text) if span[0] < bottom]
        assert len(spans) >= 3
        app.walking.set("search", [(doc.path, s, e) for s, e in spans])
        await pilot.press("n")
        assert app.reader.current_mark == spans[0]
        assert any("wrapped to the top" in n for n in notifications(app))
        assert app.reader.border_subtitle == f"hit 1/{len(spans)}"
        await pilot.press("N")
        assert app.reader.current_mark == spans[-1]
        assert any("wrapped to the bottom" in n for n in notifications(app))


@pilot_test
async def test_the_walk_crosses_documents_in_order_and_counts_across_them() -> None:
    app = BriefingApp([str(SEED_A), str(SEED_B)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app_ready(pilot, app)
        first = app.document
        assert first is not None
        other = str(SEED_B) if first.path != str(SEED_B) else str(SEED_A)
        cursor = app.reader.cursor_span[0]
        here = [span for span in spans_of("Ukraine", first.text) if span[0] >= cursor][:2]
        places = [(first.path, s, e) for s, e in here] + [(other, 10, 20)]
        app.walking.set("search", places)
        await pilot.press("n", "n", "n")
        await wait_for(pilot, lambda: app.current_path == other)
        await pilot.pause()
        assert app.reader.current_mark == (10, 20)
        assert app.reader.border_subtitle == "hit 3/3"
