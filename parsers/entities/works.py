"""Works of art: a title after the noun that names its kind ("the film “The Quiet Harbour”",
"his novel The Long Road", "a report entitled ..."), typed WORK_OF_ART as one mention, so the
words inside it are not taken for a place or a person ("Winter in Lisbon" is a book there).

Only a kind noun with a determiner before it counts ("the film", "her latest novel", "a 1975
film"), and a title without quotation marks needs two words or an article ("the book Fire and
Fury", "the film The Post"): "the book Tom Vale wrote" stays a person. The automaton finds the kind
nouns in the same scan as the listed names (:mod:`.gazetteer`), so they cost no pass of their
own."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from parsers.entities.candidate import Cand
from parsers.entities.lexicon import words
from parsers.entities.names import make_id
from parsers.entities.tokens import UP

if TYPE_CHECKING:
    from parsers.entities.extract import Extractor

_KINDS = words("work_kinds")
_NAMING = words("work_naming")
_DETERMINERS = words("work_determiners")
#: Small words a title may hold between its capitalised words ("Fire and Fury").
_INNER = frozenset({"a", "an", "and", "at", "for", "from", "in", "of", "on", "or", "the", "to"})

#: After a kind noun the automaton found: a comma maybe, then a mark or a capital.
_CUE = re.compile(r"[\w]+,?[ \t]+(?=[\"“‘'" + UP[1:-1] + r"])")
_CLOSE: dict[str, tuple[str, ...]] = {'"': ('"',), "“": ("”", "“"), "‘": ("’",), "'": ("'",)}
#: Kinds that are verbs or adjectives too ("reports show", "a hit"): a title only in marks.
_QUOTED_ONLY = words("work_kinds_quoted_only")
_WORD = re.compile(r"[\w'’.!?&-]+")


def work_cands(ex: Extractor, text: str) -> list[Cand]:
    out: list[Cand] = []
    for at in ex.kinds:
        if at > 0 and text[at - 1] in "-'’":
            continue  # "co-author", "O'Neill's play"? no: a word of its own only
        m = _CUE.match(text, at)
        if m is None:
            continue
        cue = m.group()
        kind = cue.rstrip(", \t")
        naming = kind in _NAMING
        if not naming and not _determined(text, m.start()):
            continue
        comma = "," in cue
        # After a comma, a title must look like one ("the episode, ''I don't like it''" is a
        # quote); without marks, only a naming word may introduce it ("the book, Anna
        # Petrova, said" names the author), and a kind that is a verb too needs marks ("the
        # reports show Conservative ...").
        span = _quoted(text, m.end(), comma and not naming)
        if span is None and (naming or not comma) and kind not in _QUOTED_ONLY:
            span = _capitalised(ex, text, m.end())
        if span is None:
            continue
        s, e = span
        title = text[s:e]
        out.append(Cand(s, e, "WORK_OF_ART", make_id("WORK_OF_ART", title), title, 4))
    return out


def _determined(text: str, pos: int) -> bool:
    """Is there a determiner among the (up to three) words before the kind noun ("the film",
    "her new novel", "the 1975 Spielberg film")?"""
    before = text[max(0, pos - 40) : pos].split()[-3:]
    return any(w.lower() in _DETERMINERS for w in before)


def _quoted(text: str, i: int, title_case: bool) -> tuple[int, int] | None:
    """A title in quotation marks that starts with a capital or a digit, of at most twelve
    words, with no sentence end inside: the span inside the marks. The closing mark is the
    first mark of the pair's kind (either direction: archives mix them) that no letter
    follows ("Here’s" holds an apostrophe, not a closing mark)."""
    marks: tuple[str, ...]
    if text.startswith("''", i):
        opening, marks = "''", ("''",)
    else:
        opening = text[i : i + 1]
        marks = _CLOSE.get(opening, ())
        if not marks:
            return None
    s = i + len(opening)
    if s >= len(text) or not (text[s].isupper() or text[s].isdigit()):
        return None
    window = text[s : s + 120]
    e = -1
    for k in range(len(window)):
        if any(window.startswith(mk, k) for mk in marks):
            nxt = window[k + 1 : k + 2] if marks != ("''",) else window[k + 2 : k + 3]
            if not nxt.isalpha():
                e = s + k
                break
    if e <= s:
        return None
    inner = text[s:e].rstrip(",. ")
    words = inner.split()
    if "\n" in inner or ". " in inner or len(words) > 12:
        return None
    if title_case and any(w[:1].islower() and w not in _INNER for w in words):
        return None
    return s, s + len(inner)


def _capitalised(ex: Extractor, text: str, i: int) -> tuple[int, int] | None:
    """A title without marks: capitalised words and the small words between them, from the
    kind noun to the first word that is neither ("his novel The Long Road was ...")."""
    toks: list[tuple[int, int, str]] = []
    for m in _WORD.finditer(text, i, min(len(text), i + 120)):
        w = m.group()
        gap = text[toks[-1][1] : m.start()] if toks else text[i : m.start()]
        if gap not in (" ", ": ") and (toks or gap):
            break
        if not (w[:1].isupper() or w[:1].isdigit() or (w in _INNER and toks)):
            break
        toks.append((m.start(), m.end(), w))
    while toks and toks[-1][2].lower() in _INNER:
        toks.pop()  # "from the film Night Harbour: The first rule ...": "The" opens a sentence
    if not toks:
        return None
    first = toks[0][2]
    listed = ex.gaz.names.get(first)
    if first in ex.given or (listed is not None and listed.type == "PERSON"):
        return None  # "the book Tom Vale wrote": a person, not a title
    if len(toks) < 2:
        return None  # one word, or an article alone: too weak without quotation marks
    end = toks[-1][1]
    return toks[0][0], end - 1 if text[end - 1] == "." else end
