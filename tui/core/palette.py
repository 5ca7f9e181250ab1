"""Every colour the app uses, in one place: note colours, their highlight and CSS forms, and
the colour of each entity type (Rich colour names, so they follow the terminal's palette)."""

from __future__ import annotations

#: Colours a note can take; the first is the default. The reader maps them to highlight styles.
COLOURS = ("yellow", "green", "blue", "pink", "purple")
#: Rich style strings for highlighting a note's passage in the reader, by colour (dark
#: backgrounds that keep the text readable on dark and light themes alike).
HIGHLIGHT_STYLES = {
    "yellow": "on #5c5000",
    "green": "on #1f4d2a",
    "blue": "on #1d3a5c",
    "pink": "on #5c2341",
    "purple": "on #3f2a5c",
}
#: Highlight colours as CSS, for the Web Annotation ``stylesheet``.
CSS_COLOURS = {
    "yellow": "#fff59d",
    "green": "#c5e1a5",
    "blue": "#90caf9",
    "pink": "#f8bbd0",
    "purple": "#ce93d8",
}
#: Colour per type (Rich colour names: they follow the terminal's palette).
TYPE_COLOURS: dict[str, str] = {
    "PERSON": "bright_cyan",
    "ORG": "bright_magenta",
    "GPE": "bright_green",
    "NORP": "green",
    "LOC": "yellow",
    "FAC": "bright_yellow",
    "WEAPON": "bright_red",
    "MONEY": "bright_blue",
    "QUANTITY": "blue",
    "PERCENT": "blue",
    "DATE": "magenta",
    "TIME": "magenta",
}
