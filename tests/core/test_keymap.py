"""Keymap and config: ids, defaults, user overrides from config.toml, one-line problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core import paths
from tui.core.config import load_config
from tui.core.keymap import (
    SPEC_BY_ID,
    SPECS,
    display_keys,
    effective_keys,
    keymap_report,
    load_keymap,
    normalise_keys,
)

# The key table in docs/ARCHITECTURE.md: every key must be bound by default, under an id.
DOCUMENTED_KEYS = {
    "screen.next_pane": "tab",
    "screen.prev_pane": "shift+tab",
    "move.down": "j,down",
    "move.up": "k,up",
    "move.top": "g",
    "move.bottom": "G",
    "move.page_down": "space",
    "app.prev_document": "left_square_bracket",
    "app.next_document": "right_square_bracket",
    "app.search": "slash",
    "app.next_hit": "n",
    "app.prev_hit": "N",
    "app.annotate": "a",
    "app.export": "x",
    "app.toggle_entities": "e",
    "app.toggle_documents": "d",
    "app.help": "question_mark,f1",
    "app.palette": "ctrl+p",
    "app.quit": "q",
}


def write_config(text: str) -> Path:
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")
    return folder / "config.toml"


def test_every_guide_key_has_an_id_and_its_default() -> None:
    for binding_id, keys in DOCUMENTED_KEYS.items():
        spec = SPEC_BY_ID[binding_id]
        for key in keys.split(","):
            assert key in spec.keys.split(","), (binding_id, key, spec.keys)


def test_ids_are_unique_and_default_keys_do_not_clash() -> None:
    assert len({s.id for s in SPECS}) == len(SPECS)
    keymap, problems = keymap_report({})
    assert keymap == {} and problems == []


def test_no_config_file_gives_defaults() -> None:
    cfg = load_config()
    assert cfg.problems == [] and cfg.keys == {} and cfg.show_furniture is False
    assert load_keymap(cfg) == ({}, [])


def test_overrides_are_read_and_normalised() -> None:
    write_config('theme = "nord"\n[keys]\n"app.quit" = "ctrl+q"\n"move.down" = " j , ctrl+n "\n')
    cfg = load_config()
    assert cfg.theme == "nord"
    keymap, problems = load_keymap(cfg)
    assert problems == []
    assert keymap == {"app.quit": "ctrl+q", "move.down": "j,ctrl+n"}
    assert effective_keys(SPEC_BY_ID["move.down"], keymap) == "j,ctrl+n"


def test_list_of_keys_is_accepted() -> None:
    write_config('[keys]\n"app.search" = ["slash", "ctrl+f"]\n')
    keymap, problems = load_keymap()
    assert keymap == {"app.search": "slash,ctrl+f"} and problems == []


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[keys\n", "using defaults"),
        ('[keys]\n"no.such" = "x"\n', "unknown key id 'no.such'"),
        ('[keys]\n"app.quit" = "ctrl+"\n', "app.quit = 'ctrl+' ignored"),
        ('[keys]\n"app.quit" = 5\n', "must be a string"),
        ('[keys]\n"app.quit" = "j"\n', "j is taken"),
        ("show_furniture = 3\n", "show_furniture must be true or false"),
        ("colour = 1\n", "unknown setting 'colour'"),
    ],
)
def test_bad_config_gives_one_line_problem(text: str, fragment: str) -> None:
    write_config(text)
    cfg = load_config()
    _, key_problems = load_keymap(cfg)
    problems = cfg.problems + key_problems
    assert problems, text
    assert any(fragment in p for p in problems), problems
    assert all("\n" not in p for p in problems)


def test_binary_config_is_refused_in_one_line() -> None:
    path = write_config("")
    path.write_bytes(b"\xff\xfe\x00bad")
    cfg = load_config()
    assert len(cfg.problems) == 1 and "using defaults" in cfg.problems[0]


def test_key_syntax() -> None:
    assert normalise_keys("ctrl+shift+x") == "ctrl+shift+x"
    assert normalise_keys("?") == "?"
    assert normalise_keys("j,,k") is None
    assert normalise_keys("hyperdrive+x") is None
    assert display_keys("question_mark,f1") == "? f1"
    assert display_keys("left_square_bracket") == "["


def test_keymap_module_does_not_import_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, tui.core.keymap, tui.core.config, tui.core.positions\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_other_parts_ids_are_accepted() -> None:
    keymap, problems = keymap_report({"entities.toggle_scope": "L", "search.cancel": "ctrl+g"})
    assert problems == [] and keymap["entities.toggle_scope"] == "L"


def test_a_clashing_override_is_rejected_and_the_default_stays() -> None:
    keymap, problems = keymap_report({"app.quit": "j", "app.search": "ctrl+f"})
    assert keymap == {"app.search": "ctrl+f"}  # the others still apply
    assert effective_keys(SPEC_BY_ID["app.quit"], keymap) == "q"
    assert effective_keys(SPEC_BY_ID["move.down"], keymap) == "j,down"
    (problem,) = problems
    assert problem.binding_id == "app.quit"
    assert len(problem.short) <= 60 and "\n" not in problem.short and "j" in problem.short
    assert "move.down" in problem.detail and "keeps its default key q" in problem.detail


def test_a_swap_is_no_clash_and_the_later_of_two_clashing_overrides_loses() -> None:
    assert keymap_report({"app.quit": "j", "move.down": "q"}) == (
        {"app.quit": "j", "move.down": "q"},
        [],
    )
    keymap, problems = keymap_report({"app.search": "ctrl+f", "app.export": "ctrl+f"})
    assert keymap == {"app.search": "ctrl+f"}
    assert [p.binding_id for p in problems] == ["app.export"]
    # Falling back to the default can clash again: the fallback's clash is resolved too.
    keymap, problems = keymap_report({"move.down": "ctrl+x", "app.quit": "j", "app.help": "x,y,"})
    assert keymap == {"move.down": "ctrl+x", "app.quit": "j"}
    assert [p.binding_id for p in problems] == ["app.help"]


def test_several_problems_are_one_line_to_notify() -> None:
    write_config('[keys]\n"app.quit" = "j"\n"no.such" = "x"\n"app.help" = "ctrl+"\n')
    keymap, lines = load_keymap()
    assert keymap == {}
    assert lines == ["config.toml: 3 [keys] entries ignored (see ?)"]
