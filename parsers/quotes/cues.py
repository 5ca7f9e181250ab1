"""Pass 3a, cue clauses: the cue beside a clause's quotes and the speaker's mention at it.

``"...," said X``, ``X said: "..."``, ``"...," X said, "..."``, ``... , X said.``, ``according
to X``: each finder reads a bounded window around the cue (:mod:`parsers.speakers` finds the
mention and resolves it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.quotes.lexicon import _NOT_BEFORE_CUE, _PREP_BEFORE, _SUBORDINATORS, INVERTIBLE
from parsers.quotes.marks import _MARKS_RE, _Span
from parsers.quotes.words import _blank, _prev_word, _prev_word_space
from parsers.speakers import (
    CUE_WORDS,
    FUNCTION_WORDS,
    NOUNY_CUES,
    PRONOUNS,
    WEAK_CUES,
    Cue,
    Mention,
    NameIndex,
    clause_subject,
    first_cue,
    has_cue,
    iter_cues,
    mention_after,
    mention_before,
    nearest_subject,
    resolve,
)


@dataclass(slots=True)
class _Attr:
    cue_start: int
    cue_end: int
    mention: Mention
    speaker: str


#: 'call them "lone wolves"', 'calls people "losers"': a short object, then the quote.
_OBJECT_THEN_QUOTE = re.compile(r"(?:\s+[\w’'\-]+){1,3}\s+[“\"]")
#: After "X's claim": what makes a possessive noun a report ("that", a colon, a quote).
_POSSESSIVE_REPORT = re.compile(r"\s*(?:[:“\"‘]|that\b)", re.IGNORECASE)
_AFTER_NOUNY = re.compile(r"\s*(?:[,:“\"‘]|that\b)", re.IGNORECASE)


def _good_cue(text: str, m: Cue, floor: int) -> bool:
    """Reject cue words used as nouns ("the report", "Washington Post", "his remarks")."""
    word = m.group()
    if word[0].isupper() and not _blank(text, floor, m.start()):
        return False
    if word.lower() in NOUNY_CUES:
        pw = _prev_word(text[max(floor, m.start() - 20) : m.start()])
        if (
            pw
            and pw.lower().endswith(("’s", "'s"))
            and pw.lower()[:-2] not in PRONOUNS
            and not _POSSESSIVE_REPORT.match(text, m.end())
        ):
            return False  # "Biden's comments, including ...": a noun; "X's claim that" reports
        if (
            not (pw and pw.lower() in PRONOUNS)
            and not _AFTER_NOUNY.match(text, m.end())
            and not _OBJECT_THEN_QUOTE.match(text, m.end())
        ):
            return False
    prev = _prev_word(text[max(floor, m.start() - 30) : m.start()])
    if prev:
        p = prev.lower()
        if p in {"one", "another"} and word.lower() not in NOUNY_CUES:
            return True  # '"...," one said'
        if p in _NOT_BEFORE_CUE:
            return False
        if p.endswith(("’s", "'s")) and word.lower() not in NOUNY_CUES and p[:-2] not in PRONOUNS:
            return False
    return True


#: 'with Y telling reporters': the subject of an absolute "with" clause.
_WITH_BEFORE = re.compile(r"\bwith\s+$")


_WHO = re.compile(r"(?<=[\w’')]) +who +[a-z]")
_CLAUSE_STOP = re.compile(r"[,;:.!?“”\"]")


def _restrictive_who(text: str, lo: int, cue_start: int) -> int | None:
    """Where 'who' opens a relative clause with no comma before it, between the cue and the
    noun it describes ('Officials who asked not to be named said'), if it does."""
    a = max(lo, cue_start - 120)
    found = None
    for m in _WHO.finditer(text, a, cue_start):
        found = m
    if found is None or _CLAUSE_STOP.search(text, found.end(), cue_start):
        return None
    return found.start()


def _subject(text: str, cue: Cue, lo: int, hi: int | None = None) -> Mention | None:
    """The speaker of a cue: the noun phrase before it, or the clause's subject for "saying",
    "to accuse", "by arguing", "made the following comment:" and "X’s claim that"."""
    word = cue.group().lower()
    pw = _prev_word_space(text[max(lo, cue.start() - 30) : cue.start()])
    p = pw.lower() if pw else ""
    if p.endswith(("’s", "'s")) and word in NOUNY_CUES:
        return mention_before(text, cue.start(), lo)
    if _blank(text, lo, cue.start()) and hi is not None:
        # "Claiming the criticism is unfair, Trump told Fox that ...": the main clause's subject
        return clause_subject(text, lo, hi)
    if word.endswith("ing"):
        # 'the campaign denied it, with Y taking to Twitter to call ...': Y speaks
        m = mention_before(text, cue.start(), lo)
        if (
            m is not None
            and m.kind != "common"
            and _blank(text, m.end, cue.start())
            and _WITH_BEFORE.search(text, max(lo, m.start - 8), m.start)
        ):
            return m
    if word.endswith("ing") or p in _PREP_BEFORE or p in {"and", "but", "then"}:
        return clause_subject(text, lo, cue.start()) or (
            nearest_subject(text, lo, cue.start()) if p in {"and", "then"} else None
        )
    m = mention_before(text, cue.start(), lo)
    rel = _restrictive_who(text, lo, cue.start()) if m is None or m.kind == "common" else None
    if rel is not None:
        # 'An official who spoke anonymously to discuss strategy said': the noun before "who"
        who = mention_before(text, rel, lo)
        if who is not None:
            return who
    if m is not None and m.kind == "common" and word in NOUNY_CUES:
        return clause_subject(text, lo, cue.start())
    return m


def _attr(text: str, cue: Cue, m: Mention, names: NameIndex) -> _Attr:
    spk = resolve(text, m, names)
    if m.kind == "name":
        names.note_speaker(m.start, spk)
    return _Attr(cue.start(), cue.end(), m, spk)


_DASH = re.compile(r"[―—–-]+\s*")
_STOP_PUNCT = re.compile(r"[,;:.!?]")


#: What ends a cue clause right after its verb: '," Viguerie notes.', '," she answers, ...'.
_VERB_END = re.compile(r"\s*(?:[.,;:!?]|$)")


def _verb_after_subject(text: str, cue: Cue, lo: int) -> bool:
    """'"...," Viguerie notes.', '"...," the statement read.': right after a quote, a mention
    and then a word that is as often a noun ("notes", "answers", "reads") is the verb of the cue
    clause."""
    if cue.group().lower() not in NOUNY_CUES or not _VERB_END.match(text, cue.end()):
        return False
    m = mention_before(text, cue.start(), lo)
    return m is not None and _blank(text, lo, m.start)


def _tail_cue(text: str, q_end: int, seg_end: int, names: NameIndex) -> tuple[_Attr, int] | None:
    """A cue right after a quote: ``," said X``, ``," X said``, ``" ― X``, and where the cue's
    clause ends."""
    lim = min(seg_end, q_end + 200)
    j = q_end
    while j < lim and (text[j].isspace() or text[j] in ",;"):
        j += 1
    if j >= lim:
        return None
    dash = _DASH.match(text, j, lim)
    if dash:
        m = mention_after(text, dash.end(), seg_end)
        if m and m.kind == "name":
            spk = resolve(text, m, names)
            names.note_speaker(m.start, spk)
            return _Attr(j, dash.end(), m, spk), m.end
        return None
    stop = lim
    nq = _MARKS_RE.search(text, j, lim)
    if nq:
        stop = nq.start()
    for cue in iter_cues(text, j, stop):
        if cue.start() == j:
            if cue.group().lower() not in INVERTIBLE:
                return None
            m = mention_after(text, cue.end(), seg_end)
            if m:
                return _attr(text, cue, m, names), _clause_end(text, m.end, seg_end)
            return None
        if not _good_cue(text, cue, j) and not _verb_after_subject(text, cue, j):
            continue
        m = mention_before(text, cue.start(), j)
        gap = text[j : m.start] if m and m.start >= j else "x,"
        if _NEW_CLAUSE.match(gap):
            return None  # '"...," and X says ...': a clause of its own, not this quote's cue
        if m and (
            not gap.strip(" ,;:—–-")
            or (_PREMOD.fullmatch(gap) and not set(gap.split()) & FUNCTION_WORDS)
        ):
            return _attr(text, cue, m, names), _clause_end(text, cue.end(), seg_end)
        # '"...," Mr. Morgan of the Sierra Club said': the noun phrase right after the quote
        m2 = mention_after(text, j, cue.start())
        ok2 = m2 is not None and m2.start == j and len(text[m2.end : cue.start()].split()) <= 8
        if m2 is not None and ok2 and m2.kind == "name":
            return _attr(text, cue, m2, names), _clause_end(text, cue.end(), seg_end)
        # '"...," Minister for the Middle East Tobias Ellwood said': a title phrase, then a name
        if (
            m is not None
            and m.kind == "name"
            and m.start >= j
            and len(gap.split()) <= 6
            and not _STOP_PUNCT.search(gap)
        ):
            return _attr(text, cue, m, names), _clause_end(text, cue.end(), seg_end)
        if m2 is not None and ok2:
            return _attr(text, cue, m2, names), _clause_end(text, cue.end(), seg_end)
        return None
    return _any_verb_tail(text, q_end, j, seg_end, names)


_NEW_CLAUSE = re.compile(r"(?:and|but|while|whereas|or|as|because|although|though)\s")
#: A person's mention right after a quote and the lowercase verb after it: 'Trump shot back'.
_TAIL_VERB = re.compile(r"[ \t]+([a-z]+)\b(?![’'\-])")


def _any_verb_tail(
    text: str, q_end: int, j: int, seg_end: int, names: NameIndex
) -> tuple[_Attr, int] | None:
    """'"...," Bennett shot back.': a quote that ends in a comma (or ?/!) inside its marks
    goes on with its attribution, so a name or pronoun and then a verb name the speaker even
    when the verb is in no lexicon."""
    k = q_end - 1
    while k > j - 200 and k > 0 and text[k] in "\"”’'":
        k -= 1
    if text[k] not in ",?!" or k >= q_end - 1 or j > q_end + 3:
        return None
    m = mention_after(text, j, min(seg_end, j + 120))
    if m is None or m.kind == "common" or m.start != j:
        return None
    v = _TAIL_VERB.match(text, m.end, seg_end)
    if v is None or v.group(1) in FUNCTION_WORDS or v.group(1) in _NOT_TAIL_VERBS:
        return None
    spk = resolve(text, m, names)
    if m.kind == "name":
        names.note_speaker(m.start, spk)
    return _Attr(v.start(1), v.end(1), m, spk), _clause_end(text, v.end(1), seg_end)


_NOT_TAIL_VERBS = frozenset(["is", "was", "are", "were", "has", "had", "have", "and", "or"])


#: Lowercase words before a speaker's name: '," panel Chairman Rep. Jason Chaffetz said'.
_PREMOD = re.compile(r"(?:[a-z0-9/\-]+ ){1,3}")


def _according_after(text: str, att: _Attr, pos: int, seg_end: int, names: NameIndex) -> _Attr:
    """'"...," X said, according to Y.': the words reach the reader through Y (a report, an
    account, a paper), so Y is the source the sentence gives; without such a tail, ``att``."""
    for cue in iter_cues(text, pos, min(seg_end, pos + 80)):
        if not cue.group().lower().startswith("according"):
            continue
        # the comma may sit inside the closing mark: '"...," according to Y'
        if _MARKS_RE.search(text, pos, cue.start()) or "," not in text[pos - 2 : cue.start()]:
            return att
        m = mention_after(text, cue.end(), seg_end)
        return _attr(text, cue, m, names) if m is not None else att
    return att


_JOINER = re.compile(r"[\s,;:—–-]*(?:(?:but|and|then)\b[\s,:]*)?")


_CLAUSE_PUNCT = re.compile(r"[,;:]")


def _clause_end(text: str, pos: int, seg_end: int) -> int:
    """Where the cue clause stops: the next comma or the segment end (", adding that ...")."""
    m = _CLAUSE_PUNCT.search(text, pos, seg_end)
    return m.start() if m else seg_end


def _head_cue(text: str, lo: int, hi: int, names: NameIndex) -> _Attr | None:
    """The cue before ``hi`` in the clause: ``X said:``, ``X called Y a "..."``. The outermost
    cue whose speaker is a person (a name or a pronoun) wins ("Trump said Clinton once described
    it as ..." is Trump's), then the outermost with any speaker ("a spokesman")."""
    sub_end = _subordinate_end(text, lo, hi)
    if sub_end > lo:
        # 'While not everything X says is true, Y said Z is "..."': the main clause speaks
        main = _head_cue(text, sub_end, hi, names)
        if main is not None:
            return main
    got = _outer_cue(text, lo, hi, names)
    if got is None:
        return None
    inner = _inner_cue(text, lo, hi, names)
    if inner is not None and inner.cue_start > got.cue_start:
        # the outer cue's clause holds the report; the pronoun at the inner cue said the words
        # ('X said ..., which he called "..."': "he" is most likely X)
        who = got.speaker if got.mention.kind == "name" else inner.speaker
        return _Attr(got.cue_start, got.cue_end, inner.mention, who)
    return got


_NAMING_PARTICIPLES = frozenset(["called", "dubbed", "named", "titled", "labeled", "labelled"])


def _outer_cue(text: str, lo: int, hi: int, names: NameIndex) -> _Attr | None:
    found: list[tuple[Cue, Mention]] = []
    rel: tuple[Cue, Mention] | None = None
    rel_end = lo
    for cue in iter_cues(text, lo, hi):
        word = cue.group().lower()
        m: Mention | None = None
        if cue.start() < rel_end:
            continue
        if (
            _blank(text, lo, cue.start())
            and word.endswith(("ed", "ing"))
            and "," in text[cue.end() : hi]
        ):
            continue  # 'Asked whether he would resign, Johnson said:' opens with an adverbial
        if word.startswith("according"):
            m = mention_after(text, cue.end(), hi)
        elif word != "in a statement" and _good_cue(text, cue, lo):
            m = _subject(text, cue, lo, hi)
            if m is None:
                # "said X: ..." at the head of a clause
                m2 = mention_after(text, cue.end(), hi)
                lead = text[lo : cue.start()].strip(" ,")
                if (
                    m2
                    and m2.kind == "name"
                    and (
                        not lead
                        # 'In other words, explained X: "..."': an adverbial, then the cue
                        or (text[lo : cue.start()].rstrip().endswith(",") and word in INVERTIBLE)
                    )
                ):
                    m = m2
        if (
            m is not None
            and m.kind == "common"
            and word in _NAMING_PARTICIPLES
            and text[m.start : m.end].split()[0].lower() in {"a", "an"}
        ):
            continue  # 'a class called "Perception"': a participle that names, not a report
        if m is not None:
            if m.kind == "pronoun" and rel is None and text[m.start : m.end].lower() == "who":
                c = text.find(",", cue.end(), hi)
                if c >= 0:
                    # 'X, who says ..., tweeted that "..."': the relative clause is aside; the
                    # main clause's cue (its subject is X) gives the quote, if there is one
                    rel, rel_end = (cue, m), c + 1
                    continue
            if m.kind != "common":
                return _attr(text, cue, m, names)
            found.append((cue, m))
    if rel is not None:
        return _attr(text, rel[0], rel[1], names)
    if found:
        return _attr(text, found[0][0], found[0][1], names)
    return None


#: What opens a clause of its own right before a pronoun: 'which he called', ', she said,',
#: 'although he tweeted that'
#: ('whom he called' and 'what he calls' leave the words to the main clause's speaker).
_INNER_OPEN = re.compile(r"(?:\b(?:which|although|though|while|because|but|and|when)|[,;—–])\s*$")
_PERSON_PRONOUN_WORDS = frozenset(["he", "she", "they", "we", "i"])


_PRONOUN_NEAR = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)\b")


def _inner_cue(text: str, lo: int, hi: int, names: NameIndex) -> _Attr | None:
    """'X said the bill, which he called "...", ...': a pronoun and its cue in a clause of their
    own right before the quote report the quoted words themselves."""
    last: Cue | None = None
    for cue in iter_cues(text, max(lo, hi - 60), hi):
        last = cue
    if last is None or len(text[last.end() : hi].split()) > 4 or "." in text[last.end() : hi]:
        return None
    if _PRONOUN_NEAR.search(text, max(lo, last.start() - 40), last.start()) is None:
        return None  # (cheap test first: most cues have no pronoun just before them)
    m = mention_before(text, last.start(), lo)
    if (
        m is None
        or m.kind != "pronoun"
        or text[m.start : m.end].lower() not in _PERSON_PRONOUN_WORDS
        or not _blank(text, m.end, last.start())
        or m.start <= lo
        or _INNER_OPEN.search(text, max(lo, m.start - 12), m.start) is None
        or not _good_cue(text, last, lo)
    ):
        return None
    return _attr(text, last, m, names)


_FIRST_WORD = re.compile(r"[\s“\"‘']*([A-Za-z]+)\b")


def _subordinate_end(text: str, lo: int, hi: int) -> int:
    """Where a leading subordinate clause ('When X spoke, ...') ends: after its comma; ``lo``
    when the clause opens otherwise."""
    m = _FIRST_WORD.match(text, lo, hi)
    if m is None:
        return lo
    w = m.group(1).lower()
    if w not in _SUBORDINATORS and not (w in CUE_WORDS and w.endswith(("ed", "ing"))):
        # ('Asked if he thought so, X responded:': a leading participle's phrase as well)
        return lo
    c = text.find(",", m.end(), hi)
    return c + 1 if c >= 0 else lo


_CLAUSE_JOIN = re.compile(r"(?:,\s*)?\b(?:and|but|while|then)\s+$")


def _second_cue(
    text: str, body: list[_Span], se: int, names: NameIndex, att: _Attr
) -> tuple[int, _Attr, int] | None:
    """In 'X said A "..." and encouraged B to "..."', where the second report starts: the index
    of its first quote, its attribution, and where the first report's content ends."""
    for k in range(1, len(body)):
        lo, hi = body[k - 1].end, body[k].start
        for cue in iter_cues(text, lo, hi):
            if not _good_cue(text, cue, lo) or cue.group().lower() in WEAK_CUES:
                continue
            m = mention_before(text, cue.start(), lo)
            if m is not None and m.kind != "common":
                join = _CLAUSE_JOIN.search(text, lo, m.start)
                if join is None:
                    continue
                return k, _attr(text, cue, m, names), join.start()
            join = _CLAUSE_JOIN.search(text, lo, cue.start())
            if join is not None:
                return k, _Attr(cue.start(), cue.end(), att.mention, att.speaker), join.start()
    return None


#: '"...," he said, adding that "..."': a participle after the cue starts a second report.
_GOES_ON = re.compile(r"[\s,;:—–-]*(?:and\s+|then\s+|before\s+|later\s+)*$")


def _trailing_cue(
    text: str, after: int, seg_end: int, names: NameIndex
) -> tuple[_Attr, int] | None:
    """``..., X said.`` / ``..., said X.`` / ``..., according to X.`` ending the clause.

    Returns the attribution and the comma that ends the content."""
    lo = max(after, seg_end - 220)
    if not has_cue(text, lo, seg_end):
        return None  # no cue after any comma here
    c = seg_end
    while (c := text.rfind(",", lo, c)) >= 0:  # the commas, last first
        j = c + 1
        while j < seg_end and text[j].isspace():
            j += 1
        cue = first_cue(text, j, min(seg_end, j + 160))
        if not cue:
            continue
        rest = text[cue.end() : seg_end]
        if cue.start() == j:
            if _MARKS_RE.search(rest) or (
                cue.group().lower() not in INVERTIBLE
                and not cue.group().lower().startswith("according")
            ):
                continue
            m = mention_after(text, cue.end(), seg_end)
            if m:
                return _attr(text, cue, m, names), c
            continue
        # ', X said.' ends the clause: a short rest, no marks, no "that" (tested first: cheap)
        if len(rest) >= 70 or _MARKS_RE.search(rest) or _THAT_CLAUSE.search(rest):
            continue
        if not _good_cue(text, cue, j) or cue.group().lower() in WEAK_CUES:
            continue
        m = mention_before(text, cue.start(), j)
        if m and m.start >= j and _blank(text, j, m.start):
            return _attr(text, cue, m, names), c
    return None


_THAT_OR_COLON = re.compile(r":|(?<![\w’'])that(?![\w’'])")
#: What may sit between a cue and its "that": adverbials, not another verb or clause.
_BAD_GAP = re.compile(r"[,;]|\w+ing\b|\bto\s+\w+|\bby\b|\bbut\b|\band\b", re.IGNORECASE)


def _that_after(text: str, cue_end: int, limit: int) -> re.Match[str] | None:
    """The "that" or colon that opens a cue's content, if only adverbials come between."""
    hi = min(limit, cue_end + 120)
    # _THAT_OR_COLON.search(text, cue_end, hi), found with str.find (the regex has no literal
    # prefix, so it would be tried at every position)
    k = text.find(":", cue_end, hi)
    if k < 0:
        k = hi
    t = text.find("that", cue_end, k)
    while t >= 0 and not _THAT_OR_COLON.match(text, t, hi):
        t = text.find("that", t + 1, k)
    if t >= 0:
        k = t
    m = _THAT_OR_COLON.match(text, k, hi) if k < hi else None
    if m is None or _BAD_GAP.search(text, cue_end, m.start()):
        return None
    return m


def _content_start(text: str, cue_end: int, first: int) -> int:
    """Where reported content starts after its cue: after "that" or a colon if they come."""
    m = _that_after(text, cue_end, first)
    p = m.end() if m else cue_end
    while p < first and (text[p].isspace() or text[p] in ",:"):
        p += 1
    return p


_THAT_CLAUSE = re.compile(r"(?<![\w’'])that(?![\w’'])")
