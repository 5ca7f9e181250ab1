"""Names as written: tokens, capitalised chains, titles before a name, and the full name a
chain gives."""

from __future__ import annotations

import re

from parsers.speakers.lexicon import (
    _CAP_STOP,
    _NAME_PARTICLES,
    _ORG_WORDS,
    _TITLE_WORDS,
    UPPER_CLASS,
)

#: A word token: letters, digits, inner apostrophes, dots (initials, "Rep."), hyphens.
_TOKEN = re.compile(r"[\w’'.\-]+|[^\w\s]")


def _is_cap(tok: str) -> bool:
    return bool(tok) and tok[0].isupper()


def _bare(tok: str) -> str:
    return tok.lower().rstrip(".").replace("’", "'")


def strip_possessive(name: str) -> str:
    for suf in ("’s", "'s", "’", "'"):
        if name.endswith(suf):
            return name[: -len(suf)]
    return name


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` of each ``_TOKEN`` in ``text[start:end]``. Only whitespace lies
    between two tokens (every other character is one), so each token starts where ``find``
    first meets it after the one before: the same tuples without a match object per token."""
    out: list[tuple[int, int, str]] = []
    find = text.find
    p = start
    for t in _TOKEN.findall(text, start, end):
        s = find(t, p)
        p = s + len(t)
        out.append((s, p, t))
    return out


def _looks_like_name(s: str) -> bool:
    """Two to four capitalised words and no title word: "Tobias Ellwood"."""
    words = s.split()
    return 2 <= len(words) <= 4 and all(
        w[:1].isupper() and _bare(w) not in _TITLE_WORDS and _bare(w) not in _CAP_STOP
        for w in words
    )


def _split_title(text: str, toks: list[tuple[int, int, str]]) -> tuple[int, str | None]:
    """Index in ``toks`` where the name starts (after the title words), and the title text."""
    last_title = -1
    for i, (_s, _e, t) in enumerate(toks):
        b = _bare(t)
        if i == 0 and b in {"the", "a", "an"}:
            continue
        if b in _TITLE_WORDS or (not _is_cap(t) and b not in _NAME_PARTICLES):
            last_title = i
        elif t.isupper() and len(t) > 1 and "." not in t and i < len(toks) - 1:
            last_title = i  # an acronym before the name: "NATO Secretary General Mark Rutte"
    if last_title < 0:
        k0 = 1 if toks and _bare(toks[0][2]) in {"the", "a", "an"} else 0
        if len(toks) - k0 > 3 and not any(
            _bare(t).capitalize() in _ORG_WORDS for _s, _e, t in toks[k0:]
        ):
            k = len(toks) - (3 if len(_bare(toks[-2][2])) == 1 else 2)
            return k, text[toks[k0][0] : toks[k - 1][1]]
        return k0, None
    if last_title >= len(toks) - 1:
        return len(toks), None
    if any(_bare(t).capitalize() in _ORG_WORDS for _s, _e, t in toks[last_title + 1 :]):
        return (1 if _bare(toks[0][2]) in {"the", "a", "an"} else 0), None  # an organisation
    k = last_title + 1
    if len(toks) - k > 3:
        # "Minister for the Middle East Tobias Ellwood": a name has two or three words
        k = len(toks) - (3 if len(_bare(toks[-2][2])) == 1 else 2)
        last_title = k - 1
    role = text[toks[0][0] : toks[last_title][1]]
    return k, role


#: A capitalised word, "J." or "Mr.". The word is read once and never given back (``*+``):
#: what follows it is a space or the end of the chain, so a shorter word could never match, and
#: backtracking over every capitalised word made this scan twice as slow.
_NAME_TOKEN = UPPER_CLASS + r"(?:\.|[\w’'\-]*+(?:(?<=\b(?:Mr|Ms|Dr|Jr|Sr|St|Lt))\.)?)"
_NAME_CHAIN = re.compile(
    _NAME_TOKEN
    + r"(?:[ \t]+(?:(?:de|van|von|der|da|di|du|la|le|al|bin|ibn)[ \t]+)?"
    + _NAME_TOKEN
    + r"){1,3}"
)


def _full_name(chain: str) -> tuple[str, str] | None:
    """The full name a chain of capitalised words gives ("Defense Minister Pål Jonson's" ->
    "Pål Jonson") and its surname, or None when it names no person."""
    words = [
        w if len(w) == 2 and w.endswith(".") else strip_possessive(w).rstrip(".")
        for w in chain.split()
    ]
    cut = 0
    for k, w in enumerate(words):
        if _bare(w) in _CAP_STOP or _bare(w) in _TITLE_WORDS or w in {"The", "A", "An"}:
            cut = k + 1
    words = words[cut:]
    if len(words) > 3:
        words = words[-2:]
    if len(words) < 2 or any(w.isupper() and len(w) > 2 for w in words):
        return None
    return " ".join(words), words[-1]


#: Chains seen before, across documents (the same names recur): chain -> _full_name(chain).
_FULL_NAME_MEMO: dict[str, tuple[str, str] | None] = {}
_FULL_NAME_MEMO_SIZE = 50_000
_UNSEEN: tuple[str, str] = ("", "")
