"""Reported speech without marks: ``X stated that ...``, ``..., X said.``, ``According to X,
...``, clause by clause."""

from __future__ import annotations

import re

from parsers.model import Quote
from parsers.quotes.content import _make, _trim_end
from parsers.quotes.cues import _Attr, _attr, _good_cue, _subject, _that_after, _trailing_cue
from parsers.quotes.lexicon import _BARE_CLAUSE_CUES, _BARE_SUBJECTS
from parsers.quotes.words import _THREE_WORDS, _blank
from parsers.speakers import FUNCTION_WORDS, NameIndex, has_cue, iter_cues, mention_after

_SEMICOLON = re.compile(r";\s+")
_LEAD_CONJ = re.compile(r"(?:however|but|and|yet|still|meanwhile),?\s+", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+([\w’']+)")


def _indirect(text: str, ss: int, se: int, names: NameIndex, out: list[Quote]) -> _Attr | None:
    """Reported speech without marks in a sentence, clause by clause (cut at semicolons)."""
    last: _Attr | None = None
    if not has_cue(text, ss, se):
        return None  # (each clause would say so)
    a = ss
    for m in [*_SEMICOLON.finditer(text, ss, se), None]:
        z = m.start() if m else se
        b = a
        w = _LEAD_CONJ.match(text, a, z)
        if w:
            b = w.end()
        got = _indirect_clause(text, b, z, names, out, 0)
        last = got or last
        a = m.end() if m else se
    return last


def _indirect_clause(
    text: str, ss: int, se: int, names: NameIndex, out: list[Quote], depth: int
) -> _Attr | None:
    """'X stated (on Thursday ...) that ...', '..., X said.', 'According to X, ...'; a report
    inside a report ("the publication reminds that Putin has stated that ...") is found too."""
    if not has_cue(text, ss, se):
        return None
    tr = _trailing_cue(text, ss, se, names) if text[se - 1] != ":" else None
    if tr is not None:
        att, comma = tr
        first = text[ss:comma].split()[:1]
        lead = first[0].lower().strip(",") if first else ""
        # 'Following the visit, the minister said:' is no report: an adverbial, then a cue
        if len(text[ss:comma].split()) >= 3 and lead not in FUNCTION_WORDS:
            out.append(_make(text, ss, comma, "indirect", att, []))
            return att
    for cue in iter_cues(text, ss, se):
        word = cue.group().lower()
        if word.startswith("according"):
            if cue.start() == ss or _blank(text, ss, cue.start()):
                m = mention_after(text, cue.end(), se)
                comma = text.find(",", cue.end(), se)
                if m and comma > 0 and len(text[comma + 1 : se].split()) >= 3:
                    att = _attr(text, cue, m, names)
                    end = _trim_end(text, comma + 1, se, comma + 1)
                    s = comma + 1
                    while s < end and text[s].isspace():
                        s += 1
                    out.append(_make(text, s, end, "indirect", att, []))
                    return att
            continue
        if word == "in a statement" or not _good_cue(text, cue, ss):
            continue
        that = _that_after(text, cue.end(), se)
        if that is not None and text[that.start()] == ":":
            that = None
        if that is None:
            if word not in _BARE_CLAUSE_CUES:
                continue
            nxt = _NEXT_WORD.match(text, cue.end(), se)
            if not nxt or nxt.group(1).lower() not in _BARE_SUBJECTS:
                continue
            cs = nxt.start(1)
        else:
            if word in {"told", "tells", "asked", "asks"} and that.start() - cue.end() > 40:
                continue
            cs = that.end()
        while cs < se and text[cs].isspace():
            cs += 1
        ce = _trim_end(text, cs, se, cs)
        if not _THREE_WORDS.match(text, cs, ce):  # (before the subject: cheaper)
            continue
        m = _subject(text, cue, ss)
        if m is None:
            continue
        att = _attr(text, cue, m, names)
        out.append(_make(text, cs, ce, "indirect", att, []))
        if depth < 2:
            _indirect_clause(text, cs, ce, names, out, depth + 1)
        return att
    return None
