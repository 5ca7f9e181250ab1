"""Every key binding of the app, with a stable id, and the user's overrides from ``config.toml``.

No Textual here: the widgets turn these specs into ``textual.binding.Binding`` objects (with
``id=spec.id``), and the app hands :func:`load_keymap`'s result to ``App.set_keymap``, Textual's
own rebinding mechanism. The help screen lists the same specs with the keys in effect, so the
help can never disagree with the bindings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.core.config import Config, load_config

#: Where a binding lives: the whole app, the main screen, the reader, the document list, or
#: the entity sidebar.
SCOPES = ("app", "screen", "reader", "list", "entities")


@dataclass(frozen=True, slots=True)
class BindingSpec:
    """One binding: ``keys`` is Textual's comma-separated key list (``"j,down"``)."""

    id: str
    keys: str
    action: str
    description: str
    scope: str
    show: bool = True
    key_display: str | None = None
    priority: bool = False
    #: The issue number whose feature this key opens, for the help screen's "arrives" note.
    help: str = ""


SPECS: tuple[BindingSpec, ...] = (
    # The app: work everywhere on the main screen.
    BindingSpec("app.quit", "q", "quit", "Quit", "app", help="Quit (the reading position is kept)"),
    BindingSpec(
        "app.help",
        "question_mark,f1",
        "help",
        "Help",
        "app",
        key_display="?",
        help="This help: every binding and its id",
    ),
    BindingSpec(
        "app.palette",
        "ctrl+p",
        "command_palette",
        "Commands",
        "app",
        priority=True,
        show=False,
        key_display="^p",
        help="Command palette: open document, panes, theme, …",
    ),
    BindingSpec(
        "app.search",
        "slash",
        "search",
        "Search",
        "app",
        key_display="/",
        help="Fuzzy search across the library",
    ),
    # Before annotate, export, quotes: at 80 columns the footer still shows d and e.
    BindingSpec(
        "app.toggle_documents",
        "d",
        "toggle_documents",
        "Docs",
        "app",
        help="Show or hide the document list",
    ),
    BindingSpec(
        "app.toggle_entities",
        "e",
        "toggle_entities",
        "Entities",
        "app",
        help="Show or hide the entity sidebar",
    ),
    BindingSpec(
        "app.next_hit",
        "n",
        "next_hit",
        "Next hit",
        "app",
        show=False,
        help="Next search hit or entity mention",
    ),
    BindingSpec(
        "app.prev_hit",
        "N",
        "prev_hit",
        "Prev hit",
        "app",
        show=False,
        help="Previous search hit or entity mention",
    ),
    BindingSpec(
        "app.annotate",
        "a",
        "annotate",
        "Annotate",
        "app",
        help="Annotate the passage under the cursor (note, tags)",
    ),
    BindingSpec("app.export", "x", "export", "Export", "app", help="Export notes"),
    BindingSpec(
        "app.quotes",
        "w",
        "quotes",
        "Who said what",
        "app",
        help="List the quotes of the document (and the library)",
    ),
    BindingSpec(
        "app.notes",
        "m",
        "notes",
        "Notes",
        "app",
        show=False,
        help="List notes of the document and the library",
    ),
    BindingSpec(
        "app.timeline",
        "t",
        "timeline",
        "Timeline",
        "app",
        show=False,
        help="Timeline: documents per day/week/month by source, rising and falling entities",
    ),
    BindingSpec(
        "app.watchlist",
        "W",
        "watchlist",
        "Watchlist",
        "app",
        show=False,
        help="Watchlist: new mentions of watched entries since you last looked",
    ),
    BindingSpec(
        "app.prev_document",
        "left_square_bracket",
        "prev_document",
        "Prev doc",
        "app",
        key_display="[",
        show=False,
        help="Previous document in the list",
    ),
    BindingSpec(
        "app.next_document",
        "right_square_bracket",
        "next_document",
        "Next doc",
        "app",
        key_display="]",
        show=False,
        help="Next document in the list",
    ),
    BindingSpec(
        "app.update_feeds",
        "R",
        "update_feeds",
        "Update feeds",
        "app",
        show=False,
        help="Fetch new items of every feed, in the background",
    ),
    BindingSpec(
        "app.toggle_read",
        "u",
        "toggle_read",
        "Read/unread",
        "app",
        show=False,
        help="Mark the open document read or unread",
    ),
    BindingSpec(
        "app.feeds",
        "F",
        "feeds",
        "Feeds",
        "app",
        show=False,
        help="Feeds with their unread counts; enter lists a feed's documents",
    ),
    # The main screen: pane focus.
    BindingSpec(
        "screen.next_pane",
        "tab",
        "app.focus_next",
        "Next pane",
        "screen",
        show=False,
        help="Focus the next pane",
    ),
    BindingSpec(
        "screen.prev_pane",
        "shift+tab",
        "app.focus_previous",
        "Previous pane",
        "screen",
        show=False,
        help="Focus the previous pane",
    ),
    # Moving: shared ids, so one override moves the reader and the list alike.
    BindingSpec(
        "move.down",
        "j,down",
        "cursor_down",
        "Down",
        "reader",
        show=False,
        help="Next sentence (reader) / next document (list)",
    ),
    BindingSpec(
        "move.up",
        "k,up",
        "cursor_up",
        "Up",
        "reader",
        show=False,
        help="Previous sentence (reader) / previous document (list)",
    ),
    BindingSpec("move.top", "g,home", "cursor_top", "Top", "reader", show=False, help="Top"),
    BindingSpec(
        "move.bottom", "G,end", "cursor_bottom", "Bottom", "reader", show=False, help="Bottom"
    ),
    BindingSpec(
        "move.page_down",
        "space,pagedown",
        "page_down",
        "Page down",
        "reader",
        show=False,
        help="Page down",
    ),
    BindingSpec(
        "move.page_up", "b,pageup", "page_up", "Page up", "reader", show=False, help="Page up"
    ),
    # The reader only.
    BindingSpec(
        "reader.next_paragraph",
        "right_curly_bracket",
        "paragraph(1)",
        "Next paragraph",
        "reader",
        show=False,
        key_display="}",
        help="Next paragraph",
    ),
    BindingSpec(
        "reader.prev_paragraph",
        "left_curly_bracket",
        "paragraph(-1)",
        "Previous paragraph",
        "reader",
        show=False,
        key_display="{",
        help="Previous paragraph",
    ),
    BindingSpec(
        "reader.extend_down",
        "J,shift+down",
        "extend_sentence(1)",
        "Select +sentence",
        "reader",
        show=False,
        help="Extend the selection by a sentence",
    ),
    BindingSpec(
        "reader.extend_up",
        "K,shift+up",
        "extend_sentence(-1)",
        "Select -sentence",
        "reader",
        show=False,
        help="Move the selection's end back a sentence",
    ),
    BindingSpec(
        "reader.extend_word",
        "shift+right",
        "extend_word(1)",
        "Select +word",
        "reader",
        show=False,
        help="Extend the selection by a word",
    ),
    BindingSpec(
        "reader.shrink_word",
        "shift+left",
        "extend_word(-1)",
        "Select -word",
        "reader",
        show=False,
        help="Move the selection's end back a word",
    ),
    BindingSpec(
        "reader.clear_selection",
        "escape",
        "clear_selection",
        "Clear selection",
        "reader",
        show=False,
        help="Clear the selection",
    ),
    # The entity sidebar's watchlist keys.
    BindingSpec(
        "entities.watch",
        "plus",
        "watch_entity(True)",
        "Watch",
        "entities",
        key_display="+",
        help="Add the highlighted entity to the watchlist",
    ),
    BindingSpec(
        "entities.unwatch",
        "minus",
        "watch_entity(False)",
        "Unwatch",
        "entities",
        key_display="-",
        show=False,
        help="Remove the highlighted entity from the watchlist",
    ),
    BindingSpec(
        "reader.furniture",
        "f",
        "toggle_furniture",
        "Furniture",
        "reader",
        show=False,
        help="Show or hide site furniture (menus, category links)",
    ),
)

SPEC_BY_ID: dict[str, BindingSpec] = {spec.id: spec for spec in SPECS}

#: Binding ids of the other panes and screens (entity sidebar, search, quotes, notes, the note
#: form, row lists, help). They rebind the same way; the help screen lists them.
OTHER_PREFIXES = (
    "entities.",
    "search.",
    "quotes.",
    "notes.",
    "note_form.",
    "rows.",
    "help.",
    "timeline.",
    "watchlist.",
    "feeds.",
    "documents.",
)

_MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
_KEY_NAME = re.compile(r"^[a-z0-9_]+$")


def _valid_key(key: str) -> bool:
    """``ctrl+n``, ``N``, ``f5``, ``question_mark``, ``?``: Textual key syntax, lightly."""
    parts = key.split("+")
    *mods, last = parts
    if any(m not in _MODIFIERS for m in mods):
        return False
    if len(last) == 1:
        return last.isprintable() and not last.isspace() and last != ","
    return bool(_KEY_NAME.match(last))


def normalise_keys(keys: str) -> str | None:
    """Tidy ``" ctrl+n , j"`` to ``"ctrl+n,j"``; ``None`` if any key is not valid."""
    out = [k.strip() for k in keys.split(",")]
    if not out or any(not k or not _valid_key(k) for k in out):
        return None
    return ",".join(out)


@dataclass(frozen=True, slots=True)
class KeyProblem:
    """A ``[keys]`` entry that was not used: ``short`` fits a notification, ``detail`` (for the
    help screen) says why and what is in effect instead."""

    binding_id: str
    short: str
    detail: str


def _describe(binding_id: str) -> str:
    spec = SPEC_BY_ID.get(binding_id)
    return f"{binding_id} ({spec.help or spec.description})" if spec else binding_id


def keymap_report(
    keys: dict[str, str], source: str = "config.toml"
) -> tuple[dict[str, str], list[KeyProblem]]:
    """Validate overrides; what is wrong is left out (the default stays) with a reason.

    Unknown ids and bad key strings are dropped. An override that puts a key on two bindings is
    rejected too: Textual would let one silently shadow the other (the focused pane's binding
    wins over the app's), so ``"app.quit" = "j"`` would lose both ``q`` and ``j``-to-quit. The
    binding keeps its default keys, and the rest of the overrides still apply.
    """
    keymap: dict[str, str] = {}
    problems: list[KeyProblem] = []
    for binding_id, value in keys.items():
        if binding_id not in SPEC_BY_ID and not binding_id.startswith(OTHER_PREFIXES):
            problems.append(
                KeyProblem(
                    binding_id,
                    f"{source}: unknown key id {binding_id!r} ignored (see ?)",
                    f"{source}: [keys] {binding_id!r} is not a binding id, so it was ignored. "
                    "The ids are in the right-hand column of this help.",
                )
            )
            continue
        norm = normalise_keys(value)
        if norm is None:
            problems.append(
                KeyProblem(
                    binding_id,
                    f"{source}: {binding_id} = {value!r} ignored (see ?)",
                    f"{source}: [keys] {binding_id!r} = {value!r} is not a key list like "
                    f'"ctrl+n,j", so it was ignored; {binding_id} keeps its default keys.',
                )
            )
            continue
        keymap[binding_id] = norm
    # Two ids on one key: reject the override that brought the key (the later one when both
    # did), then look again: the binding it falls back to may clash with another override.
    order = {binding_id: i for i, binding_id in enumerate(keymap)}
    while True:
        owners: dict[str, list[BindingSpec]] = {}
        for spec in SPECS:
            for key in effective_keys(spec, keymap).split(","):
                owners.setdefault(key, []).append(spec)
        clash = next(
            (
                (key, specs)
                for key, specs in owners.items()
                if len({s.id for s in specs}) > 1
                and any(s.id in keymap and key not in s.keys.split(",") for s in specs)
            ),
            None,
        )
        if clash is None:
            break
        key, specs = clash
        brought = [s for s in specs if s.id in keymap and key not in s.keys.split(",")]
        culprit = max(brought, key=lambda s: order[s.id])
        others = [s.id for s in specs if s.id != culprit.id]
        value = keymap.pop(culprit.id)
        shown = display_keys(key)
        kept = display_keys(culprit.keys)
        problems.append(
            KeyProblem(
                culprit.id,
                f"{source}: {culprit.id} = {value!r} ignored: {shown} is taken (see ?)",
                f"{source}: [keys] {culprit.id!r} = {value!r} was ignored: {shown} already "
                f"belongs to {', '.join(_describe(o) for o in others)}. {culprit.id} keeps "
                f"its default key{'s' if ',' in culprit.keys else ''} {kept}. Choose a free "
                f"key, or rebind {others[0]} as well.",
            )
        )
    return keymap, problems


def effective_keys(spec: BindingSpec, keymap: dict[str, str]) -> str:
    """The keys ``spec`` answers to once ``keymap`` is applied."""
    return keymap.get(spec.id, spec.keys)


def _source(cfg: Config) -> str:
    return cfg.path.name if cfg.path is not None else "config.toml"


def load_keymap(config: Config | None = None) -> tuple[dict[str, str], list[str]]:
    """The user's overrides (``[keys]`` in ``config.toml``) and what to tell the user: one short
    line for one problem, one line counting them for several (the help screen lists them)."""
    cfg = load_config() if config is None else config
    keymap, problems = keymap_report(cfg.keys, _source(cfg))
    if len(problems) > 1:
        return keymap, [f"{_source(cfg)}: {len(problems)} [keys] entries ignored (see ?)"]
    return keymap, [p.short for p in problems]


def keymap_problems(config: Config) -> list[KeyProblem]:
    """The ``[keys]`` entries of ``config`` that are not in effect, each with its reason."""
    return keymap_report(config.keys, _source(config))[1]


_KEY_GLYPHS = {
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
    "space": "space",
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "pagedown": "pgdn",
    "pageup": "pgup",
    "escape": "esc",
    "plus": "+",
    "minus": "-",
}


def display_keys(keys: str) -> str:
    """``"question_mark,f1"`` as ``"? f1"`` for people."""
    shown = []
    for key in keys.split(","):
        *mods, last = key.split("+")
        shown.append("+".join([*mods, _KEY_GLYPHS.get(last, last)]))
    return " ".join(shown)
