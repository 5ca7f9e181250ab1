"""Pass 3b, content and kind: what a speaker is said to have said, and whether it is
``direct``, ``partial`` or ``scare``."""

from __future__ import annotations

import re

from parsers.model import Quote
from parsers.quotes.cues import _Attr, _content_start, _second_cue
from parsers.quotes.lexicon import _NAMING, _SMALL_TITLE_WORDS, _WORK_NOUNS
from parsers.quotes.marks import _Span
from parsers.speakers import NameIndex


def _reports(text: str, se: int, body: list[_Span], names: NameIndex, att: _Attr) -> list[Quote]:
    """The quotes after a cue, up to ``se``: one report, or several when a second cue between
    the quotes starts another ('X said A "..." and encouraged B "..."', by its own subject or,
    for a coordinated verb, by the same speaker)."""
    out: list[Quote] = []
    lo_cue = att.cue_end
    while body:
        split = _second_cue(text, body, se, names, att)
        group = body if split is None else body[: split[0]]
        end = se if split is None else split[2]
        cs = _content_start(text, lo_cue, group[0].start)
        if text[att.cue_start : att.cue_end].lower().startswith("according"):
            # 'According to X, the deal is "close."': the report starts after X
            comma = text.find(",", att.cue_end, group[0].start)
            if comma >= 0:
                cs = comma + 1
                while cs < group[0].start and text[cs].isspace():
                    cs += 1
        ce = _trim_end(text, cs, end, group[-1].end)
        if _only_quotes(text, cs, end, group):
            out.append(
                _make(
                    text,
                    group[0].start,
                    group[-1].end,
                    "direct",
                    att,
                    [(x.start, x.end) for x in group],
                )
            )
        else:
            out.append(
                _make(
                    text,
                    cs,
                    max(ce, group[-1].end),
                    "partial",
                    att,
                    [(x.start, x.end) for x in group],
                )
            )
        if split is None:
            break
        body = body[split[0] :]
        att = split[1]
        lo_cue = att.cue_end
    return out


def _trim_end(text: str, start: int, end: int, last_quote_end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > last_quote_end and end > start and text[end - 1] in ".,;:":
        end -= 1
    return end


_TITLE_WORD = re.compile(r"[\w’'\-]+")


def _is_title(text: str, q: _Span, seg_start: int) -> bool:
    inner = text[q.start + 1 : q.end - 1].strip().rstrip(".,!?:;’'”\"")
    # Title Case: every word but small ones opens with a capital or a digit. Most quotes fail
    # at their second word or so, and then they are no title whatever comes before them.
    words = 0
    title_case = False
    for m in _TITLE_WORD.finditer(inner):
        w = m.group()
        words += 1
        if w.lower() in _SMALL_TITLE_WORDS:
            continue
        if not (w[0].isupper() or w[0].isdigit()):
            return False
        title_case = True
    if not title_case:
        return False
    before = _TITLE_WORD.findall(text[max(seg_start, q.start - 40) : q.start])
    after_work = any(w.lower() in _WORK_NOUNS for w in before[-3:])
    if after_work:
        return title_case
    # 'hailed Trump as "The Comeback Kid"', 'called her "Miss Piggy"': a name someone gave
    named = any(w.lower() in _NAMING for w in before[-3:])
    return title_case and words >= 2 and not named


def _make(
    text: str, start: int, end: int, kind: str, attr: _Attr | None, parts: list[tuple[int, int]]
) -> Quote:
    if parts:  # the span always holds its verbatim pieces
        start, end = min(start, parts[0][0]), max(end, parts[-1][1])
    q = Quote(
        start=start,
        end=end,
        text=text[start:end],
        kind=kind,  # type: ignore[arg-type]
        parts=parts,
    )
    if attr is not None:
        q.speaker = attr.speaker
        q.speaker_start = attr.mention.name_start
        q.speaker_end = attr.mention.name_end
        q.speaker_role = attr.mention.role
        q.cue = text[attr.cue_start : attr.cue_end]
    return q


def _statement_like(text: str, a: int, z: int) -> bool:
    """A paragraph of prose (eight words or more, one line, ending a sentence), not a list."""
    body = text[a:z]
    return "\n" not in body and len(body.split()) >= 8 and body.rstrip()[-1:] in '.!?"”’'


def _sentence_like(text: str, q: _Span) -> bool:
    """A quoted sentence (someone's words) rather than a phrase: four words or more and a
    capital at the start or sentence punctuation at the end."""
    inner = text[q.start + 1 : q.end - 1].strip(" '’\"")
    if len(inner.split()) < 4:
        return False
    return inner[:1].isupper() or inner[-1:] in ".?!,"


def _only_quotes(text: str, a: int, z: int, qs: list[_Span]) -> bool:
    """True when the text from ``a`` to ``z`` is these quotes and punctuation only."""
    pos = a
    for q in qs:
        if text[pos : q.start].strip(" \t\n,.;:—–-"):
            return False
        pos = q.end
    return not text[pos:z].strip(" \t\n,.;:!?—–-)")
