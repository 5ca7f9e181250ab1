"""Pass 3c, attribution: one clause's quotes, their cue, content span and kind."""

from __future__ import annotations

import re

from parsers.model import Quote
from parsers.quotes.content import (
    _is_title,
    _make,
    _only_quotes,
    _reports,
    _sentence_like,
    _trim_end,
)
from parsers.quotes.cues import (
    _GOES_ON,
    _JOINER,
    _according_after,
    _Attr,
    _head_cue,
    _tail_cue,
    _trailing_cue,
)
from parsers.quotes.marks import _Span
from parsers.quotes.words import _blank
from parsers.speakers import Mention, NameIndex, clause_subject, first_cue, person_like, resolve

_COLON_END = re.compile(r":\s*$")
#: A lowercase word after a clause's subject: its verb ("Sanders credited", "He has coined").
_VERB_NEXT = re.compile(r"[ \t]+(?:[a-z]+ly[ \t]+)?([a-z]+)\b")
_NOT_VERBS = frozenset(
    ["is", "was", "are", "were", "be", "been", "and", "or", "of", "in", "on", "at", "to", "for"]
)


def _verb_subject(text: str, ss: int, hi: int) -> tuple[Mention, int, int] | None:
    """The clause's subject when it is a person (a name or a pronoun) followed by a verb, and
    where the verb is."""
    m = clause_subject(text, ss, hi)
    if m is None or m.kind == "common":
        return None
    v = _VERB_NEXT.match(text, m.end, hi)
    if v is None and text.startswith(",", m.end):
        # 'Sen. Tom Hale, a candidate for governor, tweeted a warning.': past the apposition
        c = text.find(",", m.end + 1, min(hi, m.end + 120))
        if c > 0:
            v = _VERB_NEXT.match(text, c + 1, hi)
    if v is None or v.group(1) in _NOT_VERBS:
        return None
    return m, v.start(1), v.end(1)


def _lead_in(text: str, before: tuple[int, int] | None, ss: int, names: NameIndex) -> _Attr | None:
    """'Howard went on with his remarks.' then a sentence or paragraph that is only a quote:
    the person the sentence right before is about (its subject, a name or a pronoun) says it."""
    if before is None or not _blank(text, before[1], ss):
        return None
    found = _verb_subject(text, before[0], before[1])
    if found is None:
        return None
    subj, vs, ve = found
    spk = resolve(text, subj, names)
    return _Attr(vs, ve, subj, spk)


#: A subject pronoun for a person, as a whole word: "Then he turned to ...".
_HE_SHE = re.compile(r"\b(?:[Hh]e|[Ss]he)\b(?![’'])")


def _pronoun_in(text: str, lo: int, hi: int, last: _Attr) -> _Attr:
    """The speaker just quoted goes on in a clause with no cue ('Then he turned to "..."'); the
    clause's own "he"/"she" is the mention there, when it has one."""
    m = _HE_SHE.search(text, lo, hi)
    if m is None:
        return last
    return _Attr(
        last.cue_start,
        last.cue_end,
        Mention(m.start(), m.end(), m.start(), m.end(), None, "pronoun"),
        last.speaker,
    )


#: 'In a national poll released Monday, 31% of voters said ...': the poll is the source.
_POLL_LEAD = re.compile(
    r"In[ \t]+((?:an?|the|its|their)[ \t]+[^,.;:“\"]{0,80}?\b(?:poll|survey)\b[^,.;:“\"]{0,60}),"
)


def _poll_lead(text: str, ss: int, att: _Attr) -> _Attr:
    """A clause that opens with 'In a ... poll ...,' reports what the poll found: the poll is
    the source of the quoted words, not the share of people it counted."""
    m = _POLL_LEAD.match(text, ss)
    if m is None:
        return att
    a, z = m.span(1)
    return _Attr(att.cue_start, att.cue_end, Mention(a, z, a, z, None, "common"), text[a:z])


def _attribute(
    text: str,
    ss: int,
    se: int,
    qs: list[_Span],
    names: NameIndex,
    colon_attr: _Attr | None,
    last: _Attr | None,
    last_pos: int,
    prev_tail: Quote | None,
    para_start: int,
    before: tuple[int, int] | None = None,
) -> tuple[list[Quote] | None, _Attr | None, Quote | None]:
    """Quotes of one clause: find the cue, the content span and the kind; and the quote that a
    clause of quotes only right after may continue ('"A," she said. "B."'), if any."""
    out: list[Quote] = []
    #: _is_title of each quote, read once (step 1 reads every quote's when it finds no cue)
    title_of: list[bool] = []
    # 1. a cue right after one of the quotes: '"...," said X' / '"...," X said, "..."'
    for n, q in enumerate(qs):
        title_of.append(_is_title(text, q, ss))
        if title_of[n] and (n > 0 or not _blank(text, ss, q.start)):
            continue  # 'On "Fox News Sunday," Pence said ...': a title, not the quote
        tc = _tail_cue(text, q.end, se, names)
        if tc is None:
            continue
        att, clause_end = tc
        head = qs[: n + 1]
        rest = qs[n + 1 :]
        # quotes right after the cue clause continue the same quote: '"A," he said, "B."'
        joined = list(head)
        while rest and _JOINER.fullmatch(text, clause_end, rest[0].start):
            joined.append(rest[0])
            clause_end = rest[0].end
            tc2 = _tail_cue(text, rest[0].end, se, names)
            rest = rest[1:]
            if tc2 is not None:
                clause_end = tc2[1]
        lead = text[ss : head[0].start].split()
        # 'Later "he left," she said.' is direct, and so is 'X scolded him: "...," she said';
        # 'Both parties "saw it coming," X said' is partial
        start = ss if len(lead) > 1 and not lead[-1].endswith(":") else head[0].start
        if title_of[0] and len(head) == 1 and start < head[0].start:
            out.append(
                _make(
                    text, head[0].start, head[0].end, "scare", None, [(head[0].start, head[0].end)]
                )
            )
            return out, None, None
        if not rest:
            att = _according_after(text, att, clause_end, se, names)
        kind = "direct" if start == head[0].start else "partial"
        end = joined[-1].end
        parts = [(x.start, x.end) for x in joined]
        out.append(_make(text, start, end, kind, att, parts))
        if rest:
            nxt = first_cue(text, clause_end, rest[0].start)
            if nxt is not None and _GOES_ON.match(text, clause_end, nxt.start()):
                # '"...," he said, adding that "..."': the same speaker's second report
                out.extend(
                    _reports(
                        text,
                        se,
                        rest,
                        names,
                        _Attr(nxt.start(), nxt.end(), att.mention, att.speaker),
                    )
                )
                return out, att, None
            more, _, _ = _attribute(
                text, clause_end, se, rest, names, None, att, se, None, para_start
            )
            if more:
                out.extend(more)
        # '"A," he said on "Meet the Press." "B."': titles in the cue clause end nothing
        return out, att, out[0] if not rest or all(q.kind == "scare" for q in more or []) else None
    # 2. a cue at the end of the clause: '"..." to drive up prices, she said.'
    tr = _trailing_cue(text, qs[-1].end, se, names)
    if tr is not None:
        att, comma = tr
        start = ss
        end = comma
        kind = "direct" if _only_quotes(text, ss, comma, qs) else "partial"
        if kind == "direct":
            start, end = qs[0].start, qs[-1].end
        out.append(_make(text, start, end, kind, att, [(x.start, x.end) for x in qs]))
        return out, att, None
    # 3. a cue before the quotes: 'X said: "..."', 'X called it a "..."'
    titles = [q for q, title in zip(qs, title_of, strict=True) if title]
    body = [q for q in qs if q not in titles]
    hatt = _head_cue(text, ss, (body or qs)[0].start, names) or colon_attr
    if hatt is not None and hatt is not colon_attr:
        via = _according_after(
            text, _poll_lead(text, ss, hatt), body[-1].end if body else se, se, names
        )
        # the report's span still runs from the cue before the quotes
        att = _Attr(hatt.cue_start, hatt.cue_end, via.mention, via.speaker)
        for q in titles:
            out.append(_make(text, q.start, q.end, "scare", None, [(q.start, q.end)]))
        if not body:
            return out, None, None
        out.extend(_reports(text, se, body, names, att))
        return out, att, None
    whole = _only_quotes(text, ss, se, qs)
    if whole:
        parts = [(x.start, x.end) for x in qs]
        # 4a. '"A," she said. "B."': the clause after a quote with its cue continues it
        if prev_tail is not None:
            prev_tail.end = qs[-1].end
            prev_tail.text = text[prev_tail.start : prev_tail.end]
            prev_tail.parts.extend(parts)
            return [], None, prev_tail
        if (
            len(qs) == 1
            and title_of[0]
            and len(text[qs[0].start : qs[0].end].split()) <= 8
            and colon_attr is None
        ):
            return [_make(text, qs[0].start, qs[0].end, "scare", None, parts)], None, None
        # 4b. 'He tweeted:' then the quote; or the speaker of the quotes just before
        src = colon_attr or _lead_in(text, before, ss, names)
        if src is None and last is not None and ss - last_pos < 1500:
            src = last if person_like(text, last.mention) else None
        if src is None and not any(_sentence_like(text, q) for q in qs):
            return (
                [_make(text, q.start, q.end, "scare", None, [(q.start, q.end)]) for q in qs],
                None,
                None,
            )
        out.append(_make(text, qs[0].start, qs[-1].end, "direct", src, parts))
        return out, src, None
    # 4c. 'The campaign rolled out a new message: "It's about me."': the clause's subject
    if (
        body
        and _COLON_END.search(text, ss, body[0].start)
        and _only_quotes(text, body[0].start, se, body)
    ):
        subj = clause_subject(text, ss, body[0].start)
        colon = text.rfind(":", ss, body[0].start)
        src = None
        if subj is not None:
            spk = resolve(text, subj, names)
            names.note_speaker(subj.start, spk)
            src = _Attr(colon, colon + 1, subj, spk)
        out.extend(_make(text, q.start, q.end, "scare", None, [(q.start, q.end)]) for q in titles)
        out.append(
            _make(
                text, body[0].start, body[-1].end, "direct", src, [(x.start, x.end) for x in body]
            )
        )
        return out, src, None
    # 5. words in marks in a clause with no cue: the speaker of the clause before (same paragraph)
    # goes on ("He added ... . The task is to "..."), else nobody said them: scare quotes
    for q in titles:
        out.append(_make(text, q.start, q.end, "scare", None, [(q.start, q.end)]))
    found = _verb_subject(text, ss, body[0].start) if body else None
    if found is not None:
        subj, vs, ve = found
        # 'Sanders credited Clinton's victory to "a closed primary"': a person who is the
        # subject of the clause's verb says the quoted words, whatever the verb
        spk = resolve(text, subj, names)
        names.note_speaker(subj.start, spk)
        att = _Attr(vs, ve, subj, spk)
        ce = _trim_end(text, ss, se, body[-1].end)
        out.append(
            _make(text, ss, max(ce, body[-1].end), "partial", att, [(x.start, x.end) for x in body])
        )
        return out, att, None
    if body and last is not None and last_pos >= para_start and ss - last_pos < 400:
        ce = _trim_end(text, ss, se, body[-1].end)
        src = _pronoun_in(text, ss, body[0].start, last)
        out.append(
            _make(text, ss, max(ce, body[-1].end), "partial", src, [(x.start, x.end) for x in body])
        )
        return out, last, None
    near = (
        last
        if last is not None and ss - last_pos < 1500 and person_like(text, last.mention)
        else None
    )
    for q in body:
        # a whole sentence in marks is someone's words: most likely the speaker just quoted
        if _sentence_like(text, q):
            out.append(_make(text, q.start, q.end, "direct", near, [(q.start, q.end)]))
        else:
            out.append(_make(text, q.start, q.end, "scare", None, [(q.start, q.end)]))
    return out, None, None
