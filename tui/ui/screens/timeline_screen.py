"""The timeline screen (``t``): documents per day, week or month, and who rose or fell.

A full screen over the main one: a line saying what is shown (how many documents, the span, the
bucket size, how many are dated by their file), the legend of sources, the bar chart
(:class:`TimelineChart`), the bucket under the cursor, and the entities whose mentions changed
most between the earlier and the later half of the span. ``←``/``→`` (``h``/``l``) move the
cursor, ``enter`` closes the screen with a :class:`Period` for the app to filter the document
list to, ``esc`` closes it with ``None``.

Everything comes from the library's entries and index (:mod:`tui.timeline`), computed in a
worker thread; the bucket size follows the screen's width.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.core.palette import TYPE_COLOURS
from tui.entities.table import TYPE_MARKERS
from tui.timeline.buckets import DocDate, Timeline, build_timeline, document_dates
from tui.timeline.trends import MentionTimes, Trend, Trends
from tui.ui.widgets.timeline_chart import TimelineChart

if TYPE_CHECKING:
    from tui.search.index import SearchIndex
    from tui.timeline.buckets import EntryLike

#: Entities listed as rising and as falling.
TREND_ROWS = 6


@dataclass(frozen=True, slots=True)
class Period:
    """The bucket chosen with enter: its documents, and the days it covers (end exclusive)."""

    label: str
    start: dt.date
    end: dt.date
    paths: tuple[str, ...]


def trend_line(t: Trend, width: int = 0) -> Text:
    """``+12  @ Mark Rutte  3 → 15`` from plain strings."""
    text = Text(end="", no_wrap=True, overflow="ellipsis")
    sign = "▲" if t.change > 0 else "▼"
    text.append(f"{sign}{abs(t.change):>4,} ", style="bold green" if t.change > 0 else "bold red")
    text.append(TYPE_MARKERS.get(t.type, "?") + " ", style=f"bold {TYPE_COLOURS.get(t.type, '')}")
    text.append(t.name)
    text.append(f"  {t.before:,} → {t.after:,}", style="dim")
    return text


def trends_table(trends: Trends | None) -> Table:
    """Rising on the left, falling on the right."""
    table = Table.grid(expand=True, padding=(0, 2))
    table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    if trends is None:
        table.add_row(Text("Counting mentions…", style="italic"), Text(""))
        return table
    last = trends.end - dt.timedelta(days=1)
    halves = (
        f"{trends.start.isoformat()} – {(trends.middle - dt.timedelta(days=1)).isoformat()}"
        f" vs {trends.middle.isoformat()} – {last.isoformat()}"
    )
    table.add_row(Text("Rising", style="bold underline"), Text("Falling", style="bold underline"))
    rows = max(len(trends.rising[:TREND_ROWS]), len(trends.falling[:TREND_ROWS]))
    if rows == 0:
        table.add_row(Text("no entity changed", style="dim"), Text(""))
    for i in range(rows):
        r = trends.rising[i] if i < len(trends.rising[:TREND_ROWS]) else None
        f = trends.falling[i] if i < len(trends.falling[:TREND_ROWS]) else None
        table.add_row(trend_line(r) if r else Text(""), trend_line(f) if f else Text(""))
    table.add_row(Text(f"mentions {halves}", style="dim"), Text(""))
    return table


def bucket_text(timeline: Timeline | None, index: int) -> Text:
    """The bucket under the cursor: label, count, by source, and dates taken from files."""
    text = Text(end="", no_wrap=True, overflow="ellipsis")
    if timeline is None or not timeline.buckets:
        return text
    b = timeline.buckets[index]
    text.append(f"▸ {b.label}", style="bold")
    text.append(f"  {b.count:,} document{'s' if b.count != 1 else ''}")
    parts = [f"{s} {k:,}" for s, k in b.by_source.most_common()]
    if parts:
        text.append("  " + " · ".join(parts), style="dim")
    if b.from_file:
        text.append(f"  ({b.from_file:,} dated by file time)", style="italic")
    return text


class TimelineScreen(Screen["Period | None"]):
    """The library over time. ``entries`` and ``index`` are the library's; ``times`` (the
    mentions over time) is computed here when the app has none yet."""

    CSS_PATH = "timeline_screen.tcss"

    class Computed(Message):
        """The worker's dates, mentions over time and trends, for the chart and the lists."""

        bubble = False

        def __init__(
            self, dates: list[DocDate], times: MentionTimes | None, trends: Trends | None
        ) -> None:
            super().__init__()
            self.dates = dates
            self.times = times
            self.trends = trends

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="timeline.close"),
        Binding("enter", "choose", "Filter list", id="timeline.choose"),
        Binding("left,h", "move(-1)", "Earlier", id="timeline.left"),
        Binding("right,l", "move(1)", "Later", id="timeline.right"),
        Binding("home,g", "move(-100000)", "First", show=False, id="timeline.first"),
        Binding("end,G", "move(100000)", "Last", show=False, id="timeline.last"),
        Binding("pageup,b", "move(-10)", "-10", show=False, id="timeline.page_left"),
        Binding("pagedown,space", "move(10)", "+10", show=False, id="timeline.page_right"),
    ]

    def __init__(
        self,
        entries: Sequence[EntryLike],
        index: SearchIndex | None,
        times: MentionTimes | None = None,
    ) -> None:
        super().__init__()
        self.entries = list(entries)
        self.index = index
        self.times = times
        self.dates: list[DocDate] = []
        self.timeline: Timeline | None = None
        self.trends: Trends | None = None
        self._max_buckets = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-body"):
            yield Static(id="timeline-title", markup=False)
            yield Static(id="timeline-legend", markup=False)
            yield TimelineChart(id="timeline-chart")
            yield Static(id="timeline-bucket", markup=False)
            yield Static(id="timeline-trends", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#timeline-title", Static).update(Text("Timeline · counting…", style="bold"))
        self.query_one(TimelineChart).focus()
        self._compute()

    @property
    def chart(self) -> TimelineChart:
        return self.query_one(TimelineChart)

    @work(thread=True, exclusive=True, group="timeline")
    def _compute(self) -> None:
        dates = document_dates(self.entries)
        times = self.times
        if times is None and self.index is not None:
            times = MentionTimes(self.index, dates)
        trends = None
        if dates and times is not None:
            first = min(d.day for d in dates)
            end = max(d.day for d in dates) + dt.timedelta(days=1)
            trends = times.trends(first, end)
        self.post_message(self.Computed(dates, times, trends))

    @on(Computed)
    def _computed(self, message: Computed) -> None:
        self.dates, self.times, self.trends = message.dates, message.times, message.trends
        self._layout(force=True)
        self.query_one("#timeline-trends", Static).update(trends_table(message.trends))

    def on_resize(self) -> None:
        if self.dates:
            self._layout()

    def _layout(self, force: bool = False) -> None:
        """Bucket the dates for the chart's width (finer buckets when there is room)."""
        chart = self.chart
        width = chart.size.width or self.size.width
        gutter = len(f"{len(self.dates):,}") + 1
        max_buckets = max(4, width - gutter)
        if not force and max_buckets == self._max_buckets:
            return
        self._max_buckets = max_buckets
        old = self.timeline.buckets[chart.cursor].start if self.timeline else None
        tl = build_timeline(self.dates, max_buckets=max_buckets)
        self.timeline = tl
        cursor = tl.index_of(old) if old is not None else None
        chart.set_timeline(tl, cursor)
        title = Text("Timeline", style="bold")
        title.append(f" · {tl.describe()}")
        self.query_one("#timeline-title", Static).update(title)
        self.query_one("#timeline-legend", Static).update(chart.legend())

    @on(TimelineChart.CursorMoved)
    def _cursor_moved(self, event: TimelineChart.CursorMoved) -> None:
        self.query_one("#timeline-bucket", Static).update(bucket_text(self.timeline, event.index))

    def action_move(self, step: int) -> None:
        self.chart.cursor += step

    def action_choose(self) -> None:
        tl = self.timeline
        if tl is None or not tl.buckets:
            self.notify("No dated documents to choose from.", timeout=2)
            return
        b = tl.buckets[self.chart.cursor]
        if not b.paths:
            self.notify(f"No documents in {b.label}.", timeout=2)
            return
        self.dismiss(Period(b.label, b.start, b.end, tuple(b.paths)))

    def action_close(self) -> None:
        self.dismiss(None)
