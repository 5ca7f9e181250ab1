"""The timeline's bar chart: documents per bucket, stacked by source, with a cursor.

Why drawn here rather than with textual-plotext: plotext re-plots the whole figure in Python
on every refresh (about a second for 52 stacked bars at 140×40 on this machine, measured for
issue 13), too slow for a cursor that moves with each key press; the chart is a few hundred
cells of block characters, built as ``rich.text.Text`` in a millisecond or two.

Colours come from the theme through component classes (``$primary``, ``$secondary``, …), so
the chart follows it. With ``NO_COLOR`` each source gets its own fill (█ ▓ ▒ ░ …) instead, so
the stacking still reads; the legend shows the same fills.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.timeline.buckets import Bucket, Granularity, Timeline
from tui.ui.styles import css_beside

#: Fills per source without colour (the last is for "other sources").
FILLS = ("█", "▓", "▒", "░", "▚", "▞", "▪", "·")
EIGHTHS = " ▁▂▃▄▅▆▇█"
MAX_SOURCES = 7


def short_label(bucket: Bucket, unit: Granularity) -> str:
    """The axis label of a bucket: 06-15 (day or week), 2025-06, 25Q2, 2025."""
    s = bucket.start
    if unit in ("day", "week"):
        return s.strftime("%m-%d")
    if unit == "month":
        return s.strftime("%Y-%m")
    if unit == "quarter":
        return f"{s.year % 100:02d}Q{(s.month - 1) // 3 + 1}"
    return str(s.year)


class TimelineChart(Widget, can_focus=True):
    """Bars of documents per bucket; ``cursor`` is the bucket under the cursor.

    Feed it with :meth:`set_timeline`; it posts :class:`CursorMoved` when the cursor moves.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"timeline-chart--source-{i}" for i in range(MAX_SOURCES + 1)),
        "timeline-chart--axis",
        "timeline-chart--cursor",
    }

    DEFAULT_CSS = css_beside(__file__)

    cursor: reactive[int] = reactive(0)

    class CursorMoved(Message):
        """The cursor is on another bucket."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.timeline: Timeline | None = None

    def set_timeline(self, timeline: Timeline, cursor: int | None = None) -> None:
        self.timeline = timeline
        last = max(0, len(timeline.buckets) - 1)
        self.set_reactive(TimelineChart.cursor, min(last, cursor if cursor is not None else last))
        self.refresh()
        self.post_message(self.CursorMoved(self.cursor))

    def validate_cursor(self, value: int) -> int:
        n = len(self.timeline.buckets) if self.timeline else 0
        return max(0, min(value, n - 1)) if n else 0

    def watch_cursor(self, value: int) -> None:
        self.post_message(self.CursorMoved(value))

    # -- drawing ------------------------------------------------------------------------

    def _source_styles(self) -> list[Style]:
        return [
            self.get_component_rich_style(f"timeline-chart--source-{i}", partial=True)
            for i in range(MAX_SOURCES + 1)
        ]

    def source_index(self, source: str) -> int:
        """The colour/fill slot of a source: its place in the legend (the last: other)."""
        tl = self.timeline
        if tl is None or source not in tl.sources:
            return MAX_SOURCES
        i = tl.sources.index(source)
        return i if i < MAX_SOURCES else MAX_SOURCES

    def legend(self) -> Text:
        """``█ UNN  ▓ Reuters  …`` in the chart's colours (or fills without colour)."""
        text = Text(end="", no_wrap=True, overflow="ellipsis")
        if self.timeline is None:
            return text
        no_color = self.app.no_color
        styles = self._source_styles()
        for source in self.timeline.sources:
            i = self.source_index(source)
            text.append(FILLS[i] if no_color else "█", style=styles[i])
            text.append(f" {source}  ")
        return text

    def slot(self, width: int) -> tuple[int, int]:
        """(gutter, cells per bucket) for ``width`` columns."""
        tl = self.timeline
        n = len(tl.buckets) if tl else 0
        gutter = len(f"{tl.peak:,}") + 1 if tl else 2
        room = max(1, width - gutter)
        return gutter, max(1, min(4, room // n)) if n else 1

    def render(self) -> Text:
        return self.chart_text(self.size.width, self.size.height)

    def chart_text(self, width: int, height: int) -> Text:
        """The chart as lines of text, ``width`` × ``height`` cells."""
        tl = self.timeline
        out = Text(end="", no_wrap=True)
        if tl is None or not tl.buckets or width < 4 or height < 3:
            out.append("No dated documents." if tl is not None else "Computing…", style="italic")
            return out
        rows = max(1, height - 2)
        gutter, slot = self.slot(width)
        bar = slot - 1 if slot >= 3 else slot
        n = min(len(tl.buckets), max(1, (width - gutter) // slot))
        peak = max(1, tl.peak)
        no_color = self.app.no_color
        styles = self._source_styles()
        axis = self.get_component_rich_style("timeline-chart--axis", partial=True)
        cursor_style = self.get_component_rich_style("timeline-chart--cursor", partial=True)
        # Per bucket: (upper bound in eighths, slot) of each source's segment, bottom up.
        stacks: list[list[tuple[int, int]]] = []
        for b in tl.buckets[:n]:
            segs: list[tuple[int, int]] = []
            acc = 0
            total8 = round(b.count / peak * rows * 8)
            if b.count and total8 == 0:
                total8 = 1  # a bucket with documents always shows
            for source in tl.sources:
                k = b.by_source.get(source, 0)
                if not k:
                    continue
                acc += k
                segs.append((round(acc / b.count * total8), self.source_index(source)))
            stacks.append(segs)
        for r in range(rows - 1, -1, -1):
            lo = r * 8
            if r == rows - 1:
                label = f"{tl.peak:,}"
            elif r == 0:
                label = "0"
            else:
                label = ""
            out.append(label.rjust(gutter - 1) + "│", style=axis)
            for i, segs in enumerate(stacks):
                top = segs[-1][0] if segs else 0
                if top <= lo:
                    ch, st = " ", None
                elif top >= lo + 8:
                    mid = lo + 4
                    si = next((s for u, s in segs if u > mid), segs[-1][1])
                    ch, st = (FILLS[si] if no_color else "█"), styles[si]
                else:
                    ch, st = EIGHTHS[top - lo], styles[segs[-1][1]]
                cell = Text(ch * bar + " " * (slot - bar), style=st or "")
                if i == self.cursor:
                    cell.stylize(cursor_style)
                out.append_text(cell)
            out.append("\n")
        # The axis, with the cursor's mark, then the labels.
        out.append(" " * (gutter - 1) + "└", style=axis)
        for i in range(n):
            mark = "┴" if i == self.cursor else "─"
            out.append(mark + "─" * (slot - 1), style=cursor_style if i == self.cursor else axis)
        out.append("\n")
        labels = [" "] * (gutter + n * slot)
        free = gutter
        for i in range(n):
            x = gutter + i * slot
            lab = short_label(tl.buckets[i], tl.unit)
            if x >= free and x + len(lab) <= len(labels):
                labels[x : x + len(lab)] = list(lab)
                free = x + len(lab) + 2
        out.append("".join(labels), style=axis)
        return out
