"""Quotations and who said them.

Three passes over each run of paragraphs, all linear in the text:

1. **Marks.** Pair quotation marks by context (a mark after a space opens, a mark before a space
   or punctuation closes; the glyph only breaks ties), so straight and curly marks, single quotes
   inside double, inch signs (``5'10"``) and stray marks all behave. A quote that does not close
   ends with its paragraph, unless the next paragraph opens with a mark (the news convention for
   a quote over several paragraphs), so no mark can swallow the rest of a document.
2. **Clauses.** Sentences are cut outside quotes only, so a quote is never split by its own
   full stops.
3. **Attribution.** Each clause is read for a cue beside its quotes (``"...," said X``,
   ``X said: "..."``, ``"...," X said, "..."``, ``... , X said.``, ``according to X``), the
   speaker's mention is taken at the cue (:mod:`parsers.speakers`), and the quote gets its kind:

   * ``direct``: the attributed content is the quoted words (pieces split by the cue are joined;
     ``parts`` holds each piece);
   * ``partial``: quoted words inside a reported clause; ``start``/``end`` cover the reported
     clause (what the speaker is said to have said) and ``parts`` the verbatim pieces;
   * ``indirect``: reported speech without marks (``X stated that ...``), the clause as content;
   * ``scare``: marks nobody is quoted as saying (``a "steel porcupine"``, titles of reports).

Also: a transcript quoted over paragraphs (``"PENCE: ...``) splits into turns by label; quotes
inside a long excerpt in straight marks are found as well; a statement printed without marks
after ``X said:`` (press releases) is ``direct``; a whole sentence in marks with no cue goes to
the speaker just quoted, or stays ``direct`` with no speaker.

Speed (``bench/bench_parse.py``): the cues of a document are found once (one Aho-Corasick pass,
:mod:`parsers.speakers`) and looked up by bisection; every regex is compiled once and run on
offsets; a pattern that a forward search would retry at every position ("the last word before
the cue") is read from the end instead, and each such shortcut is tested against its plain
pattern in ``tests/test_quotes.py``. Cheap tests come before speaker searches, and sentences or
clauses without a cue are skipped at once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from parsers.model import Document, Quote
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
    person_like,
    resolve,
)

__all__ = ["extract_quotes", "find_quote_spans", "quotes_by_speaker"]

DOUBLE = '"“”„«»'
SINGLE = "‘’'"
_OPEN_GLYPHS = "“„«‘"
_CLOSE_GLYPHS = "”»’"
_BEFORE_OPEN = "([{—–-/"
_AFTER_CLOSE = ",.;:!?)]}—–-/…"
#: Two apostrophes ('') stand for a double mark in some newspaper archives' plain text (the New
#: York Times' among them). The polnear scorer does not count them as marks: turning this off
#: raises its figures and loses those quotes for readers.
DOUBLED_APOSTROPHE_MARKS = True
#: Alternatives of single characters (not a class) so that the regex engine can skip ahead to
#: the next mark instead of trying the pattern at every position: twice as fast on long text.
_MARKS_RE = re.compile(
    ("''|" if DOUBLED_APOSTROPHE_MARKS else "") + "|".join(map(re.escape, DOUBLE))
)
_SINGLE_RE = re.compile("[" + re.escape(SINGLE) + "]")
#: A sentence of at most six words that ends the paragraph or a sentence ('Smith said.').
_SHORT_CUE_SENTENCE = re.compile(
    r"[ \t]+(?:(?:[A-Z][a-z]{0,3}\.|[^\s.!?“”\"]+)[ \t]+){1,5}[^\s.!?“”\"]+"
    r"(?:[.!?](?=\s|\Z)|[ \t]*(?=\n|\Z))"
)


def _after_sentence(text: str, lo: int, i: int) -> bool:
    """Does a sentence end just before the mark at ``i`` ("... weeks. ")? Looks back from
    ``i`` only (never scans the open quotation), so a long quote costs nothing more."""
    j = i
    while j > lo and text[j - 1] in " \t":
        j -= 1
    if j == i:
        return False
    if j > lo and text[j - 1] in ")]":
        j -= 1
    return j > lo and text[j - 1] in ".!?…"


_WORDY = re.compile(r"[^\W_]")
#: Paragraph kinds that never hold quotations worth attributing.
_SKIP_KINDS = frozenset({"code", "heading", "furniture", "table"})
#: At most this many paragraphs chain into one quote (each opening with a mark).
MAX_CHAIN = 40

_ABBREV = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "prof",
        "st",
        "jr",
        "sr",
        "inc",
        "co",
        "corp",
        "ltd",
        "no",
        "vs",
        "v",
        "adm",
        "cmdr",
        "maj",
        "pres",
        "amb",
        "sec",
        "rev",
        "hon",
        "mt",
        "ft",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sept",
        "sep",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "etc",
        "al",
    ]
)
_ABBREV |= {
    "spc",
    "pfc",
    "cpl",
    "ssgt",
    "msgt",
    "brig",
    "cdr",
    "cpt",
    "ens",
    "pvt",
    "atty",
    "supt",
    "insp",
    "det",
    "ofc",
    "fr",
    "messrs",
    "lt",
    "col",
    "gen",
    "sgt",
    "capt",
    "maj",
    "adm",
}
#: Up to six words after a quote; a title ("Mr.", "Sen.") or an initial ("J.") keeps its dot.
_TAIL_WORDS = re.compile(r"\s+((?:(?:[A-Z][a-z]{0,3}\.|[^\s.!?“”\"]+)\s+){0,5}[^\W\d_]+)")


def _cue_follows(text: str, pos: int, limit: int) -> bool:
    """Is a cue among the next few words ('"Why?" Graham asked.')?"""
    m = _TAIL_WORDS.match(text, pos, limit)
    return m is not None and any(
        w.strip(",;:").lower() in CUE_WORDS for w in m.group(1).split()[:6]
    )


#: ``[.!?…]+`` written as ``[.!?…][.!?…]*``: a pattern that opens with a class (not a repeat)
#: lets the regex engine skip to the next candidate, twice as fast.
_SENT_END = re.compile(r"[.!?…][.!?…]*[”\"’')\]]*(?=\s)")
_SMALL_TITLE_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "for",
        "to",
        "with",
        "by",
        "from",
        "as",
        "vs",
        "nor",
        "but's",
        "'s",
    ]
)
_NAMING = frozenset(
    [
        "as",
        "called",
        "calls",
        "call",
        "calling",
        "dubbed",
        "nicknamed",
        "labeled",
        "labelled",
        "branded",
        "termed",
        "hailed",
        "named",
    ]
)
_WORK_NOUNS = frozenset(
    [
        "report",
        "book",
        "film",
        "movie",
        "show",
        "program",
        "programme",
        "song",
        "album",
        "article",
        "column",
        "op-ed",
        "documentary",
        "series",
        "episode",
        "paper",
        "study",
        "headline",
        "essay",
        "novel",
        "poem",
        "play",
        "titled",
        "entitled",
        "dubbed",
        "named",
        "magazine",
        "newspaper",
        "broadcast",
        "podcast",
        "memo",
        "letter",
        "bill",
        "act",
        "law",
        "operation",
    ]
)


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    closed: bool = True


# --- pass 1: marks ---------------------------------------------------------------------------


_NONBLANK_LINE = re.compile(r"[^\n]*\S[^\n]*")


def _paragraph_spans(doc: Document) -> list[tuple[int, int]]:
    spans = [(p.start, p.end) for p in doc.paragraphs if p.kind not in _SKIP_KINDS]
    if not spans and doc.text.strip():
        spans = [(m.start(), m.end()) for m in _NONBLANK_LINE.finditer(doc.text)]
    spans.sort()
    return spans


def _kind_of(text: str, i: int, lo: int, hi: int, glyphs: str, width: int = 1) -> str:
    """'o' opens, 'c' closes, 'a' either (straight mark between words), by the characters around."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + width] if i + width < hi else " "
    open_ctx = (prev.isspace() or prev in _BEFORE_OPEN or prev in glyphs) and not nxt.isspace()
    close_ctx = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSE or nxt in glyphs)
    if open_ctx and not close_ctx:
        return "o"
    if close_ctx and not open_ctx:
        return "c"
    ch = text[i]
    if ch in _OPEN_GLYPHS:
        return "o"
    if ch in _CLOSE_GLYPHS:
        return "c"
    return "a"


def _family(ch: str) -> str:
    return "straight" if ch in "\"'" else "curly"


def _first_mark_opens(
    text: str, ps: int, pe: int, marks: re.Pattern[str] | None = None, family: str | None = None
) -> bool:
    """Does the paragraph open with a mark (of the open quote's family: a straight quote goes on
    with a straight mark; a curly one in its place starts a quote of its own)?"""
    j = ps
    while j < pe and text[j].isspace():
        j += 1
    m = (marks or _MARKS_RE).match(text, j, pe)
    if m is None or (family is not None and _family(text[j]) != family):
        return False
    return _kind_of(text, j, ps, pe, DOUBLE, m.end() - j) != "c"


def find_quote_spans(
    text: str, paragraphs: Iterable[tuple[int, int]], marks: re.Pattern[str] | None = None
) -> tuple[list[_Span], list[bool]]:
    """Quotation spans (marks included) in reading order, and for each paragraph whether an
    open quote carries on into the next one (which then opens with a mark)."""
    paras = list(paragraphs)
    spans: list[_Span] = []
    flags = [False] * len(paras)
    stack: list[int] = []
    chain = 0
    for n, (ps, pe) in enumerate(paras):
        skip_first = bool(stack)
        had_double = False
        for m in (marks or _MARKS_RE).finditer(text, ps, pe):
            i = m.start()
            had_double = True
            if skip_first:
                skip_first = False
                continue
            k = _kind_of(text, i, ps, pe, DOUBLE, m.end() - i)
            if text[i] == '"' and not stack and i > ps and text[i - 1].isdigit():
                continue  # an inch sign: 5'10", a 3" gun
            if (
                k == "o"
                and len(stack) == 1
                and _family(text[i]) == _family(text[stack[0]])
                and _after_sentence(text, stack[0], i)
            ):
                # 'said: "... weeks. "We are ...': a mark after a sentence's end that opens
                # (space before, letter after) starts a new quotation; the open one ended with
                # its sentence, as when a quotation goes on over a (joined) paragraph break
                end = i
                while end > stack[0] + 1 and text[end - 1].isspace():
                    end -= 1
                if _WORDY.search(text, stack[0], end):
                    spans.append(_Span(stack[0], end, closed=False))
                stack[0] = i
            elif k == "o" or (k == "a" and not stack):
                stack.append(i)
            elif stack:
                o = stack.pop()
                if not stack and _WORDY.search(text, o, m.end()):  # '""' quotes nothing
                    spans.append(_Span(o, m.end()))
        if not had_double and marks is None:
            spans.extend(_single_quotes(text, ps, pe))
        if stack:
            nxt = paras[n + 1] if n + 1 < len(paras) else None
            if (
                nxt is not None
                and chain < MAX_CHAIN
                and _first_mark_opens(text, nxt[0], nxt[1], marks, _family(text[stack[0]]))
            ):
                chain += 1
                flags[n] = True
                stack = stack[:1]
                continue
            end = pe
            while end > stack[0] + 1 and text[end - 1].isspace():
                end -= 1
            spans.append(_Span(stack[0], end, closed=False))
            stack = []
        chain = 0
    return spans, flags


def _single_quotes(text: str, ps: int, pe: int) -> list[_Span]:
    """‘British style’ quotes in a paragraph with no double marks; apostrophes are skipped."""
    out: list[_Span] = []
    opened: int | None = None
    for m in _SINGLE_RE.finditer(text, ps, pe):
        i = m.start()
        prev = text[i - 1] if i > ps else " "
        nxt = text[i + 1] if i + 1 < pe else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # don’t, O’Brien
        k = _kind_of(text, i, ps, pe, SINGLE)
        if opened is None:
            if k == "o" and not nxt.isdigit() and text[i] != "’":
                opened = i
        elif k in "ca" and i > opened + 1:
            out.append(_Span(opened, i + 1))
            opened = None
    return out


# --- pass 2: clauses -------------------------------------------------------------------------


_LAST_WORD = re.compile(r"[\w.’']+$")
_WORD_DOT_REV = re.compile(r"[\w.’']+")
_SPACES = re.compile(r"\s*")
_OPENERS = DOUBLE + "‘'("


def _last_word(s: str) -> str | None:
    """What ``_LAST_WORD.search(s)`` finds, read from the end (a forward search retries the
    pattern at every position)."""
    if s.endswith("\n"):
        s = s[:-1]  # "$" also matches before a final newline
    m = _WORD_DOT_REV.match(s[::-1])
    return m.group()[::-1] if m is not None else None


_BREAK = re.compile(r"\n\s*\n|\n")


def _segments(text: str, bs: int, be: int, quotes: list[_Span]) -> list[tuple[int, int]]:
    """Sentences of a block, cut only outside quotes (and at paragraph breaks outside quotes)."""
    starts = [q.start for q in quotes]
    ends = [q.end for q in quotes]
    bisect_right = bisect.bisect_right

    def inside(pos: int) -> bool:
        j = bisect_right(starts, pos - 1) - 1
        return j >= 0 and starts[j] < pos < ends[j]

    cuts: list[int] = []
    spaces = _SPACES.match
    for m in _SENT_END.finditer(text, bs, be):
        b = m.end()
        a0 = m.start()
        if quotes:  # (with no quotes in the block, nothing is inside or ends one)
            if inside(b) or (inside(a0) and not _ends_quote(quotes, starts, b)):
                continue
            if (
                _ends_quote(quotes, starts, b)
                and text[a0] in "?!"
                and _cue_follows(text, b, min(be, b + 90))
            ):
                continue  # '"Why?" Graham asked.' is one sentence
            if (
                _ends_quote(quotes, starts, b)
                and _SHORT_CUE_SENTENCE.match(text, b, be)
                and _cue_follows(text, b, min(be, b + 60))
            ):
                continue  # '"It will pass." Peter Smith said.' names the speaker
        sp = spaces(text, b, be)
        nxt = sp.end() if sp is not None else b
        if nxt >= be:
            continue
        ch = text[nxt]
        if text.find("\n", b, nxt) < 0 and not (ch.isupper() or ch.isdigit() or ch in _OPENERS):
            continue
        if text[a0] == "." and b - a0 == 1:
            w = _last_word(text[max(bs, a0 - 20) : a0])
            word = w.lower() if w else ""
            abbrev = word in _ABBREV or (len(word) == 1 and word.isalpha()) or "." in word
            if abbrev and text.find("\n", b, nxt) < 0:
                continue
        cuts.append(b)
    for m in _BREAK.finditer(text, bs, be):
        p = m.start()
        if not quotes or not inside(p):
            cuts.append(p)
    cuts = sorted(set(cuts))
    if be - bs > MAX_CLAUSE:
        cuts = _cap_lengths(text, bs, be, cuts, quotes, starts)
    else:  # no clause can be too long: what _cap_lengths would give
        cuts = [c for c in cuts if c < be]
    segs: list[tuple[int, int]] = []
    s = bs
    for c in [*cuts, be]:
        chunk = text[s:c]
        a = s + len(chunk) - len(chunk.lstrip())
        z = s + len(chunk.rstrip())
        if a < z:
            segs.append((a, z))
        s = c
    return segs


#: A "sentence" longer than this (a run-on line, a list without stops) is cut at a space outside
#: quotes, so the work per clause stays bounded whatever the input.
MAX_CLAUSE = 1500


def _cap_lengths(
    text: str, bs: int, be: int, cuts: list[int], quotes: list[_Span], starts: list[int]
) -> list[int]:
    out: list[int] = []
    prev = bs
    for c in [*cuts, be]:
        while c - prev > MAX_CLAUSE:
            pos = prev + MAX_CLAUSE // 2
            j = bisect.bisect_right(starts, pos) - 1
            if j >= 0 and quotes[j].start < pos < quotes[j].end:
                pos = quotes[j].end  # never inside a quote
            sp = text.find(" ", pos, c)
            if sp < 0 or sp >= c:
                break
            k = bisect.bisect_right(starts, sp) - 1
            if k >= 0 and quotes[k].start < sp < quotes[k].end:
                sp = quotes[k].end
                if sp >= c:
                    break
            out.append(sp)
            prev = sp
        if c < be:
            out.append(c)
        prev = max(prev, c)
    return out


def _ends_quote(quotes: list[_Span], starts: list[int], b: int) -> bool:
    j = bisect.bisect_right(starts, b - 1) - 1
    return j >= 0 and quotes[j].end == b


# --- pass 3: attribution ---------------------------------------------------------------------


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


_PREV_WORD = re.compile(r"([\w’']+)\W*$")
#: The same word found from the end: the reversed text opens with it (reversed), past the
#: non-word characters after it. Searching forwards retries the pattern at every position.
_PREV_WORD_REV = re.compile(r"\W*?([’']*\w[\w’']*)")
_WORD_REV = re.compile(r"[\w’']+")
_NONSPACE = re.compile(r"\S")


def _prev_word(s: str) -> str | None:
    """The last word of ``s`` and the apostrophes around it (``_PREV_WORD``'s group)."""
    m = _PREV_WORD_REV.match(s[::-1])
    if m is not None:
        return m.group(1)[::-1]
    m = _PREV_WORD.search(s)  # no letter or digit at all: a lone apostrophe, or nothing
    return m.group(1) if m is not None else None


def _prev_word_space(s: str) -> str | None:
    """The word that ends ``s`` but for trailing spaces (``_PREV_WORD`` with spaces only)."""
    m = _WORD_REV.match(s.rstrip()[::-1])
    return m.group()[::-1] if m is not None else None


def _blank(text: str, a: int, b: int) -> bool:
    """``not text[a:b].strip()`` without copying the slice."""
    return _NONSPACE.search(text, a, b) is None


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
        if p in {
            "the",
            "a",
            "an",
            "his",
            "her",
            "their",
            "its",
            "this",
            "these",
            "those",
            "our",
            "my",
            "your",
            "of",
            "whose",
            "same",
            "one",
            "every",
            "each",
            "another",
            "latest",
            "recent",
            "first",
            "last",
            "following",
            "previous",
            "earlier",
            "new",
        }:
            return False
        if p.endswith(("’s", "'s")) and word.lower() not in NOUNY_CUES and p[:-2] not in PRONOUNS:
            return False
    return True


_PREP_BEFORE = frozenset(
    [
        "to",
        "by",
        "for",
        "despite",
        "after",
        "before",
        "while",
        "when",
        "without",
        "of",
        "in",
        "on",
        "upon",
        "from",
        "with",
    ]
)


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
    if word.endswith("ing") or p in _PREP_BEFORE or p in {"and", "but", "then"}:
        return clause_subject(text, lo, cue.start()) or (
            nearest_subject(text, lo, cue.start()) if p in {"and", "then"} else None
        )
    m = mention_before(text, cue.start(), lo)
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
        if not _good_cue(text, cue, j):
            continue
        m = mention_before(text, cue.start(), j)
        gap = text[j : m.start] if m and m.start >= j else "x,"
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
    return None


#: Lowercase words before a speaker's name: '," panel Chairman Rep. Jason Chaffetz said'.
_PREMOD = re.compile(r"(?:[a-z0-9/\-]+ ){1,3}")


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
    found: list[tuple[Cue, Mention]] = []
    for cue in iter_cues(text, lo, hi):
        word = cue.group().lower()
        m: Mention | None = None
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
                if m2 and m2.kind == "name" and not text[lo : cue.start()].strip(" ,"):
                    m = m2
        if m is not None:
            if m.kind != "common":
                return _attr(text, cue, m, names)
            found.append((cue, m))
    if found:
        return _attr(text, found[0][0], found[0][1], names)
    return None


#: Cues that come before their speaker after a quote: '"...," said X', '"...," asked X'.
INVERTIBLE = frozenset(
    [
        "said",
        "says",
        "added",
        "adds",
        "asked",
        "asks",
        "wrote",
        "writes",
        "continued",
        "explained",
        "recalled",
        "replied",
        "responded",
        "noted",
        "warned",
        "argued",
        "told",
        "tweeted",
        "insisted",
        "conceded",
        "acknowledged",
        "declared",
        "remarked",
        "quipped",
        "joked",
        "offered",
        "countered",
        "observed",
        "cautioned",
        "announced",
        "concluded",
        "stated",
        "answered",
        "shouted",
        "yelled",
        "cried",
        "whispered",
        "sang",
        "chanted",
        "reported",
        "reports",
        "posted",
        "recalls",
        "explains",
        "notes",
        "warns",
        "insists",
    ]
)
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


def extract_quotes(doc: Document) -> list[Quote]:
    """Every quotation of ``doc`` with its kind, speaker mention, resolved speaker, role and cue."""
    text = doc.text
    out = _extract(text, _paragraph_spans(doc), NameIndex(text), None)
    out.sort(key=lambda q: q.start)
    return _dedupe(out)


#: The kind of a statement introduced by "X said:" and printed without marks (press releases):
#: the speaker's own words, so "direct".
STATEMENT_KIND = "direct"
#: Curly double marks only: the quotes inside an excerpt that straight marks enclose.
_CURLY_RE = re.compile("[“”]")
#: "PENCE: Well, look, ..." opens a turn of a transcript.
_TURN = re.compile(r"[\"“”]?[ \t]*([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2}):[ \t]+")


def _extract(
    text: str, paras: list[tuple[int, int]], names: NameIndex, marks: re.Pattern[str] | None
) -> list[Quote]:
    out: list[Quote] = []
    spans, flags = find_quote_spans(text, paras, marks)
    pstarts = [p[0] for p in paras]
    if marks is None:
        for sp in spans:
            if (
                text[sp.start] == '"'
                and sp.end - sp.start > 300
                and _CURLY_RE.search(text, sp.start + 1, sp.end)
            ):
                # an excerpt of another article in straight marks, with its own quotes inside
                inner = _inside(text, paras, pstarts, sp)
                if inner:
                    out.extend(_extract(text, inner, names, _CURLY_RE))
    bounds = _block_bounds(paras, flags)
    qstarts = [q.start for q in spans]
    last: _Attr | None = None
    last_pos = -1
    colon_attr: _Attr | None = None
    for bs, be in bounds:
        if marks is None and bs < be and text[bs] in '"“':
            b0, b1 = bisect.bisect_left(pstarts, bs), bisect.bisect_left(pstarts, be)
            block = [p for p in paras[b0:b1] if p[1] <= be]
            turns = _turns(text, block, names) if len(block) > 1 else None
            if turns:
                out.extend(turns)
                continue
        lo = bisect.bisect_left(qstarts, bs)
        hi = bisect.bisect_left(qstarts, be)
        quotes = [q for q in spans[lo:hi] if q.end <= be]
        segs = _segments(text, bs, be, quotes)
        qi = 0
        prev_tail: Quote | None = None
        for ss, se in segs:
            while qi < len(quotes) and quotes[qi].end <= ss:
                qi += 1
            seg_q: list[_Span] = []
            k = qi
            while k < len(quotes) and quotes[k].start < se:
                seg_q.append(quotes[k])
                k += 1
            if not seg_q:
                pj = bisect.bisect_right(pstarts, ss) - 1
                pe = paras[pj][1] if pj >= 0 else se
                while pe > ss and text[pe - 1].isspace():
                    pe -= 1
                if (
                    colon_attr is not None
                    and pj >= 0
                    and paras[pj][0] == ss
                    and marks is None
                    and _statement_like(text, ss, pe)
                ):
                    # 'The minister said:' then the statement, unmarked (press releases)
                    out.append(_make(text, ss, pe, STATEMENT_KIND, colon_attr, [(ss, pe)]))
                    last, last_pos = colon_attr, pe
                    colon_attr = None
                    continue
                att = _indirect(text, ss, se, names, out)
                if att is not None:
                    last, last_pos = att, ss
                colon = text[se - 1] == ":" if se > ss else False
                colon_attr = _head_cue(text, ss, se, names) if colon else None
                prev_tail = None
                continue
            pj = bisect.bisect_right(pstarts, ss) - 1
            made, att, tail_joinable = _attribute(
                text,
                ss,
                se,
                seg_q,
                names,
                colon_attr,
                last,
                last_pos,
                prev_tail,
                paras[pj][0] if pj >= 0 else ss,
            )
            colon_attr = None
            if made is None:
                continue
            for q in made:
                if q is not None:
                    out.append(q)
            if att is not None:
                last, last_pos = att, se
            prev_tail = made[-1] if tail_joinable and made else None
    return out


def _inside(
    text: str, paras: list[tuple[int, int]], pstarts: list[int], sp: _Span
) -> list[tuple[int, int]]:
    """The paragraphs inside a quote, without its marks (each paragraph of a quote that runs
    over several opens with one)."""
    out: list[tuple[int, int]] = []
    lo = bisect.bisect_right(pstarts, sp.start) - 1
    for ps, pe in paras[max(lo, 0) :]:
        if ps >= sp.end:
            break
        a, z = max(ps, sp.start), min(pe, sp.end)
        while a < z and (text[a].isspace() or text[a] == '"'):
            a += 1
        if z == sp.end and sp.closed and z > a and text[z - 1] == '"':
            z -= 1
        if a < z:
            out.append((a, z))
    return out


def _turns(text: str, paras: list[tuple[int, int]], names: NameIndex) -> list[Quote] | None:
    """A transcript quoted over several paragraphs ('"WALLACE: ...', '"PENCE: ...'): each turn
    is a direct quote by its label, running until the next label."""
    heads = [_TURN.match(text, ps, pe) for ps, pe in paras]
    if sum(1 for h in heads if h) < 2 or not heads[0]:
        return None
    out: list[Quote] = []
    cur: Quote | None = None
    for (ps, pe), h in zip(paras, heads, strict=True):
        if h is not None:
            label = h.group(1)
            a = h.end()
            z = pe
            while z > a and (text[z - 1].isspace() or text[z - 1] in '"”'):
                z -= 1
            m = Mention(h.start(1), h.end(1), h.start(1), h.end(1), None, "name")
            who = names.resolve_surname(label.title(), h.start(1)) or label.title()
            cur = Quote(
                start=a,
                end=max(a, z),
                text="",
                kind="direct",
                speaker=who,
                speaker_start=m.start,
                speaker_end=m.end,
                parts=[],
            )
            out.append(cur)
        elif cur is not None:
            z = pe
            while z > ps and (text[z - 1].isspace() or text[z - 1] in '"”'):
                z -= 1
            cur.end = max(cur.end, z)
    for q in out:
        q.text = text[q.start : q.end]
        q.parts = [(q.start, q.end)]
    return [q for q in out if q.end > q.start]


def _block_bounds(paras: list[tuple[int, int]], flags: list[bool]) -> list[tuple[int, int]]:
    """Blocks of paragraphs joined by quotes that run across them."""
    out: list[tuple[int, int]] = []
    cur_s: int | None = None
    for n, (ps, pe) in enumerate(paras):
        if cur_s is None:
            cur_s = ps
        if not flags[n]:
            out.append((cur_s, pe))
            cur_s = None
    if cur_s is not None:
        out.append((cur_s, paras[-1][1]))
    return out


_COLON_END = re.compile(r":\s*$")


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
) -> tuple[list[Quote] | None, _Attr | None, bool]:
    """Quotes of one clause: find the cue, the content span and the kind."""
    out: list[Quote] = []
    # 1. a cue right after one of the quotes: '"...," said X' / '"...," X said, "..."'
    for n, q in enumerate(qs):
        if _is_title(text, q, ss) and (n > 0 or not _blank(text, ss, q.start)):
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
        if _is_title(text, head[0], ss) and len(head) == 1 and start < head[0].start:
            out.append(
                _make(
                    text, head[0].start, head[0].end, "scare", None, [(head[0].start, head[0].end)]
                )
            )
            return out, None, False
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
                return out, att, False
            more, _, _ = _attribute(
                text, clause_end, se, rest, names, None, att, se, None, para_start
            )
            if more:
                out.extend(more)
        return out, att, not rest
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
        return out, att, False
    # 3. a cue before the quotes: 'X said: "..."', 'X called it a "..."'
    titles = [q for q in qs if _is_title(text, q, ss)]
    body = [q for q in qs if q not in titles]
    hatt = _head_cue(text, ss, (body or qs)[0].start, names) or colon_attr
    if hatt is not None and hatt is not colon_attr:
        att = hatt
        for q in titles:
            out.append(_make(text, q.start, q.end, "scare", None, [(q.start, q.end)]))
        if not body:
            return out, None, False
        out.extend(_reports(text, se, body, names, att))
        return out, att, False
    whole = _only_quotes(text, ss, se, qs)
    if whole:
        parts = [(x.start, x.end) for x in qs]
        # 4a. '"A," she said. "B."': the clause after a quote with its cue continues it
        if prev_tail is not None:
            prev_tail.end = qs[-1].end
            prev_tail.text = text[prev_tail.start : prev_tail.end]
            prev_tail.parts.extend(parts)
            return [], None, True
        if (
            len(qs) == 1
            and _is_title(text, qs[0], ss)
            and len(text[qs[0].start : qs[0].end].split()) <= 8
            and colon_attr is None
        ):
            return [_make(text, qs[0].start, qs[0].end, "scare", None, parts)], None, False
        # 4b. 'He tweeted:' then the quote; or the speaker of the quotes just before
        src = colon_attr or (
            last
            if last is not None and ss - last_pos < 1500 and person_like(text, last.mention)
            else None
        )
        if src is None and not any(_sentence_like(text, q) for q in qs):
            return (
                [_make(text, q.start, q.end, "scare", None, [(q.start, q.end)]) for q in qs],
                None,
                False,
            )
        out.append(_make(text, qs[0].start, qs[-1].end, "direct", src, parts))
        return out, src, False
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
        return out, src, False
    # 5. words in marks in a clause with no cue: the speaker of the clause before (same paragraph)
    # goes on ("He added ... . The task is to "..."), else nobody said them: scare quotes
    for q in titles:
        out.append(_make(text, q.start, q.end, "scare", None, [(q.start, q.end)]))
    if body and last is not None and last_pos >= para_start and ss - last_pos < 400:
        ce = _trim_end(text, ss, se, body[-1].end)
        out.append(
            _make(
                text, ss, max(ce, body[-1].end), "partial", last, [(x.start, x.end) for x in body]
            )
        )
        return out, last, False
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
    return out, None, False


_THAT_CLAUSE = re.compile(r"(?<![\w’'])that(?![\w’'])")


#: Cues that report a clause without "that": "officials say the US must ...".
_BARE_CLAUSE_CUES = frozenset(
    [
        "said",
        "says",
        "say",
        "stated",
        "states",
        "added",
        "adds",
        "warned",
        "warns",
        "noted",
        "notes",
        "argued",
        "argues",
        "insisted",
        "insists",
        "claimed",
        "claims",
        "believes",
        "believe",
        "thinks",
        "think",
        "predicted",
        "predicts",
        "acknowledged",
        "admitted",
        "announced",
        "confirmed",
        "reported",
        "reports",
        "suggested",
        "suggests",
    ]
)


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


#: Three words or more (``len(text[a:b].split()) >= 3`` without splitting a long clause).
_THREE_WORDS = re.compile(r"\s*\S+\s+\S+\s+\S")
_BARE_SUBJECTS = frozenset(
    ["he", "she", "they", "it", "we", "i", "the", "there", "his", "her", "their"]
)


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


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    out: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for q in quotes:
        if (q.start, q.end) in seen or q.end <= q.start:
            continue
        seen.add((q.start, q.end))
        out.append(q)
    return out


def quotes_by_speaker(
    doc: Document, kinds: Iterable[str] = ("direct", "partial", "indirect")
) -> dict[str, list[Quote]]:
    """Who said what: the quotes of ``doc`` grouped by resolved speaker, in reading order.

    Quotes without a speaker are left out; scare quotes are left out unless asked for."""
    want = set(kinds)
    out: dict[str, list[Quote]] = {}
    for q in doc.quotes:
        if q.kind in want and q.speaker:
            out.setdefault(q.speaker, []).append(q)
    return out
