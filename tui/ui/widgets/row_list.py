"""A virtual list of one-line rows, drawn only where they show (the line API).

``OptionList`` measures and renders every option when its options are set: about 0.2 ms an
option here, so 5,000 library entities or quotes took seconds, and again on every keystroke of
a filter. This list asks its owner for a row only when the row scrolls into view (and caches
it), so a list of 100,000 rows costs what its visible 40 cost. Rows are one line each, cut to
the width; the owner shows the long form elsewhere (a detail or preview area).

The owner supplies ``render(index, width) -> rich.text.Text`` (built from plain strings, never
markup) and, optionally, ``enabled(index) -> bool`` for rows the cursor skips (group headings).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.ui.styles import css_beside

RowRender = Callable[[int, int], Text]
RowEnabled = Callable[[int], bool]


def _always(index: int) -> bool:
    return True


class RowList(ScrollView, can_focus=True):
    """One-line rows, drawn on demand; a cursor that skips disabled rows; enter selects.

    Args:
        name, id, classes: As for any widget.

    Feed it with :meth:`set_rows`; listen for :class:`RowList.Highlighted` and
    :class:`RowList.Selected` (both carry ``index``).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor(1)", "Down", show=False, id="rows.down"),
        Binding("up", "cursor(-1)", "Up", show=False, id="rows.up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="rows.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="rows.page_up"),
        Binding("home", "first", "First", show=False, id="rows.first"),
        Binding("end", "last", "Last", show=False, id="rows.last"),
        Binding("enter", "select", "Select", show=False, id="rows.select"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--cursor", "row-list--cursor-blurred"}

    DEFAULT_CSS = css_beside(__file__)

    highlighted: reactive[int | None] = reactive(None, always_update=True, init=False)
    """The row under the cursor, or ``None`` when the list is empty (or has no enabled row)."""

    class RowMessage(Message):
        """Something happened to row ``index`` of ``row_list`` (``control`` for ``@on``)."""

        def __init__(self, row_list: RowList, index: int) -> None:
            super().__init__()
            self.row_list = row_list
            self.index = index

        @property
        def control(self) -> RowList:
            return self.row_list

    class Highlighted(RowMessage):
        """The cursor moved to row ``index``."""

    class Selected(RowMessage):
        """Row ``index`` was chosen (enter or a click)."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._count = 0
        self._row_render: RowRender = lambda index, width: Text()
        self._enabled: RowEnabled = _always
        self._cache: dict[int, Strip] = {}
        self._cache_key: tuple[int, bool] = (0, False)

    # -- feeding it -----------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return self._count

    def set_rows(
        self,
        count: int,
        render: RowRender,
        enabled: RowEnabled | None = None,
        highlighted: int | None = 0,
    ) -> None:
        """Show ``count`` rows drawn by ``render(index, width)``; put the cursor on
        ``highlighted`` (or the next enabled row after it; ``None`` for no cursor)."""
        self._count = max(0, count)
        self._row_render = render
        self._enabled = enabled or _always
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, self._count)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.highlighted = None if highlighted is None else self._nearest(highlighted, 1)
        self.refresh()

    def refresh_row(self, index: int) -> None:
        """Draw row ``index`` again (its content changed)."""
        self._cache.pop(index, None)
        self.refresh_lines(index - self.scroll_offset.y, 1)

    def is_enabled(self, index: int) -> bool:
        return 0 <= index < self._count and self._enabled(index)

    def row_text(self, index: int, width: int | None = None) -> Text:
        """Row ``index`` as its owner draws it (for tests and screen readers)."""
        return self._row_render(index, self._width() if width is None else width)

    # -- cursor ---------------------------------------------------------------------------

    def _nearest(self, start: int, direction: int) -> int | None:
        """The first enabled row from ``start`` in ``direction``, else the other way."""
        if self._count == 0:
            return None
        start = max(0, min(start, self._count - 1))
        for step in (direction, -direction):
            index = start
            while 0 <= index < self._count:
                if self._enabled(index):
                    return index
                index += step
        return None

    def validate_highlighted(self, value: int | None) -> int | None:
        if value is None or self._count == 0:
            return None
        return max(0, min(value, self._count - 1))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for index in (old, new):
            if index is not None:
                self._cache.pop(index, None)
        self.refresh()
        if new is not None:
            self._show_row(new)
            self.post_message(self.Highlighted(self, new))

    def _show_row(self, index: int) -> None:
        """Scroll row ``index`` into view, with the heading (disabled row) just above it."""
        if not self.is_mounted or self.scrollable_content_region.height == 0:
            return
        top = index - 1 if index > 0 and not self._enabled(index - 1) else index
        self.scroll_to_region(
            Region(0, top, max(1, self._width()), index - top + 1),
            animate=False,
            force=True,
            immediate=True,
        )

    def action_cursor(self, step: int) -> None:
        """Move to the next (1) or previous (-1) enabled row; stay at the ends."""
        if self.highlighted is None:
            self.highlighted = self._nearest(0, 1)
            return
        index = self.highlighted + step
        while 0 <= index < self._count and not self._enabled(index):
            index += step
        if 0 <= index < self._count:
            self.highlighted = index

    def action_page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        start = (self.highlighted or 0) + direction * height
        self.highlighted = self._nearest(start, direction)

    def action_first(self) -> None:
        self.highlighted = self._nearest(0, 1)

    def action_last(self) -> None:
        self.highlighted = self._nearest(self._count - 1, -1)

    def action_select(self) -> None:
        if self.highlighted is not None and self.is_enabled(self.highlighted):
            self.post_message(self.Selected(self, self.highlighted))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.scroll_offset.y + offset.y
        if self.is_enabled(index):
            self.highlighted = index
            self.post_message(self.Selected(self, index))

    # -- drawing --------------------------------------------------------------------------

    def _width(self) -> int:
        return self.scrollable_content_region.width

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self._width(), self._count)
        if self.highlighted is not None:
            self._show_row(self.highlighted)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def render_line(self, y: int) -> Strip:
        width = self._width()
        key = (width, self.has_focus)
        if key != self._cache_key:
            self._cache.clear()
            self._cache_key = key
        index = self.scroll_offset.y + y
        base = self.rich_style
        if not 0 <= index < self._count:
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None:
            strip = self._draw(index, width, base)
            self._cache[index] = strip
        return strip

    def _draw(self, index: int, width: int, base: Style) -> Strip:
        text = self._row_render(index, width).copy()
        text.no_wrap = True
        text.end = ""
        text.truncate(width, overflow="ellipsis")
        console = self.app.console
        segments = [
            Segment(seg.text.replace("\n", " "), seg.style, seg.control)
            for seg in text.render(console)
            if not seg.control
        ]
        if index == self.highlighted:
            name = "row-list--cursor" if self.has_focus else "row-list--cursor-blurred"
            base = base + self.get_component_rich_style(name)
        strip = Strip(Segment.apply_style(segments, base)).crop_extend(0, width, base)
        return strip.apply_meta({"row": index})
