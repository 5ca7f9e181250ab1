"""Every colour the app uses, in one place: note colours and their CSS forms (the reader's
highlights are component classes in tui/ui/widgets/reader.tcss), and
the colour of each entity type (Rich colour names, so they follow the terminal's palette)."""

from __future__ import annotations

#: Colours a note can take; the first is the default. The reader maps them to highlight styles.
COLOURS = ("yellow", "green", "blue", "pink", "purple")
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
    "WORK_OF_ART": "cyan",
    "MONEY": "bright_blue",
    "QUANTITY": "blue",
    "PERCENT": "blue",
    "DATE": "magenta",
    "TIME": "magenta",
}
