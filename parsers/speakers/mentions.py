"""The speaker's mention beside a cue: "X said", "said X", "X, the minister, said", "said its
chairman, Sir John Roe", "according to X", the subject of a clause. Each scan reads a bounded
window, so the cost stays linear in the document."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.speakers.lexicon import (
    _APPOS_SMALL,
    _AUX,
    _CAP_STOP,
    _DETERMINERS,
    _KEEP_DOT,
    _LEAD_ADVERBIAL,
    _NAME_PARTICLES,
    _NP_STOP,
    _ORG_WORDS,
    _PERSON_NOUNS,
    _PREPOSITIONS,
    _SPEAKING_ROLES,
    _TITLE_WORDS,
    CUE_WORDS,
    FUNCTION_WORDS,
    INDEFINITE_SPEAKERS,
    PRONOUNS,
    UPPER_CLASS,
)
from parsers.speakers.names import (
    _TOKEN,
    _bare,
    _full_name,
    _is_cap,
    _looks_like_name,
    _split_title,
    _tokens,
    strip_possessive,
)

_ROLE_CUT = re.compile(
    r",|\.(?:\s|$)|;|\s+(?:who|which|whose|where|when|said|says|told)\b|\s[—–-]\s"
)


@dataclass(slots=True)
class Mention:
    """A speaker's mention: the whole noun phrase, and within it the name and its title."""

    start: int
    end: int
    #: where the name proper sits (a pronoun, a name, or the head noun phrase)
    name_start: int
    name_end: int
    role: str | None = None
    kind: str = "name"  # "name" | "pronoun" | "common"


_LAST_TOKEN = re.compile(r"[\w.’'\-]+$")


def _trim_dot(text: str, m: Mention) -> Mention:
    """ "said Caddell." names Caddell, not "Caddell."; "Jr." and "U.S." keep their dot."""
    if m.end - 1 > m.start and text[m.end - 1] == ".":
        w = _LAST_TOKEN.search(text[m.start : m.end - 1])
        word = w.group() if w else ""
        if len(word) >= 2 and "." not in word and word.lower() not in _KEEP_DOT:
            m.end -= 1
            m.name_end = min(m.name_end, m.end)
    return m


def mention_before(text: str, cue_start: int, floor: int) -> Mention | None:
    """The subject of a cue: the noun phrase ending just before ``cue_start`` ("Jonson said")."""
    m = _mention_before(text, cue_start, floor)
    if (
        m is not None
        and m.role
        and (m.kind == "common" or _OF_BEFORE.search(text, max(0, m.start - 8), m.start))
    ):
        # "the chairman of the committee, Labour MP Jane Doe, said": the person is the apposition
        k = text.rfind(m.role, m.end, cue_start)
        if k >= 0:
            ap = _appositive_name(text, k, k + len(m.role))
            if ap is not None:
                return _trim_dot(text, Mention(m.start, ap[1], ap[0], ap[1], ap[2], "name"))
    return _trim_dot(text, m) if m is not None else None


def _spokesman_for(
    text: str, toks: list[tuple[int, int, str]], j: int, e: int, role: str | None
) -> Mention | None:
    """ "a spokesman for the ministry said": the person who speaks for the organisation, whose
    noun phrase ends at ``toks[j]``, is the mention (not the organisation)."""
    if j < 2 or toks[j - 1][2].lower() not in {"for", "of", "at", "from", "with"}:
        return None
    head = toks[j - 2][2].lower().rstrip(".,")
    if head not in _PERSON_NOUNS or head in _TITLE_WORDS - _SPEAKING_ROLES:
        return None
    k = j - 2
    while k > 0 and j - 2 - k < 3 and toks[k - 1][2][:1].islower():
        k -= 1
        if toks[k][2].lower() in _DETERMINERS:
            break
    return Mention(toks[k][0], e, toks[k][0], e, role, "common")


#: "the head of the IMF, Kristalina Georgieva, said", "an adviser to David Crane, Tom Hale,
#: said": the organisation or the person named first is inside a role.
_OF_BEFORE = re.compile(r"\b(?:of|for|at|to|under)\s+$")


#: A title phrase and then a person's name, alone in an apposition: "Labour MP Jane Doe",
#: "Sir John Roe", "the party's leader, John Roe".
_APPOS_NAME = re.compile(
    r"((?:[\w’'\-.]+\s+){0,6}?)"
    r"("
    + UPPER_CLASS
    + r"[\w’'\-]*\.?(?:\s+(?:(?:de|van|von|der|da|di|du|al|bin)\s+)?"
    + UPPER_CLASS
    + r"[\w’'\-]*\.?){1,3})\s*$"
)


def _appositive_name(text: str, a: int, z: int) -> tuple[int, int, str | None] | None:
    """The person's name that ends the phrase ``text[a:z]`` after its title words ("Labour MP
    Jane Doe" -> "Jane Doe"), with the title, or None when the phrase is no title and name."""
    while a < z and text[a].isspace():
        a += 1
    m = _APPOS_NAME.match(text, a, z)
    if m is None:
        return None
    lead = m.group(1).split()
    if any(w.lower() in _NP_STOP or w.lower() in CUE_WORDS for w in lead):
        return None
    if any(
        w[:1].islower() and _bare(w) not in _TITLE_WORDS and w not in _APPOS_SMALL for w in lead
    ):
        return None
    got = _full_name(m.group(2))
    if got is None or set(got[0].split()) & _ORG_WORDS:
        return None
    ns = m.end(2) - len(got[0]) if m.group(2).endswith(got[0]) else m.start(2)
    role = text[a:ns].strip() or None
    return ns, m.end(2), role


#: After a cue's subject, the rest of its noun phrase up to an apposition's comma.
_TO_APPOS = re.compile(r"[^,.;:!?\"“”\n()]{0,80},\s+")
_APPOS_END = re.compile(r"[^,.;:!?\"“”\n()]{3,80}?(?=\s*(?:[,.;:!?)]|$|\s+(?:who|whose)\b))")


def _mention_before(text: str, cue_start: int, floor: int) -> Mention | None:
    lo = max(floor, cue_start - 260)
    toks = _tokens(text, lo, cue_start)
    i = len(toks) - 1
    # skip auxiliaries and adverbs: "has repeatedly stated", "also told"
    while i >= 0 and (toks[i][2].lower() in _AUX or toks[i][2].lower().endswith("ly")):
        i -= 1
    if i < 0:
        return None
    s, e, t = toks[i]
    low0 = t.lower()
    if low0 in INDEFINITE_SPEAKERS and (i == 0 or toks[i - 1][2].lower() not in _DETERMINERS):
        # '"...," one said', 'another said': somebody, not the person quoted before
        return Mention(s, e, s, e, None, "common")
    if low0 == "who" and i > 0 and toks[i - 1][2] in {",", ")"}:
        # '..., who noted that "..."': the relative pronoun is the mention at the cue
        return Mention(s, e, s, e, None, "pronoun")
    appos_role: str | None = None
    appos_start: int | None = None
    if t == ",":
        # "X, the minister, said" or "X (D-N.C.), head of ..., said": find the name before the
        # apposition's opening comma.
        j = i - 1
        while j >= 0 and toks[j][2] not in {",", ".", ";", ":", "“", '"', "”"}:
            j -= 1
        if j < 0 or toks[j][2] != ",":
            return None
        appos_role = text[toks[j][1] : s].strip() or None
        if appos_role and appos_role.split()[0].lower() in {"who", "which", "that", "whose"}:
            appos_role = None  # "Trump, who spoke in Ohio, said": a clause, not a title
        appos_start = toks[j][1]
        i = j - 1
        if i < 0:
            return None
        s, e, t = toks[i]
    if t == ")":
        j = i
        while j >= 0 and toks[j][2] != "(" and i - j < 12:
            j -= 1
        if j <= 0 or toks[j][2] != "(":
            return None
        i = j - 1
        s, e, t = toks[i]
    low = t.lower()
    if low in PRONOUNS:
        return Mention(s, e, s, e, appos_role, "pronoun")
    if (_is_cap(t) and _bare(strip_possessive(t)) not in _CAP_STOP) or t in {"I"}:
        j = i
        k0 = i
        while k0 > 0 and i - k0 < 6 and _is_cap(toks[k0 - 1][2]):
            k0 -= 1
        if k0 > 0 and _bare(toks[k0 - 1][2]) in {"the", "a", "an"}:
            k0 -= 1
        got = _spokesman_for(text, toks, k0, e, appos_role)
        if got is not None:
            return got
        while j - 1 >= 0:
            pt = toks[j - 1][2]
            pb = _bare(pt)
            if pt in {"’s", "'s"}:
                break
            if (
                (_is_cap(pt) and pb not in _CAP_STOP)
                or (pb in _NAME_PARTICLES and j - 1 > 0)
                or pb in _TITLE_WORDS
            ):
                j -= 1
                continue
            break
        # "The New York Post", "the White House": keep a determiner at the front
        if j - 1 >= 0 and _bare(toks[j - 1][2]) in {"the", "a", "an"}:
            j -= 1
        group = toks[j : i + 1]
        k, role = _split_title(text, group)
        if group and _bare(group[0][2]) in {"the", "a", "an"} and k == 0:
            k = 1
        if k >= len(group):  # no name: "the President said"
            if appos_role and appos_start is not None and _looks_like_name(appos_role):
                # "Foreign Office Minister, Tobias Ellwood, said": the name is the apposition
                ns = appos_start + (len(text[appos_start:]) - len(text[appos_start:].lstrip()))
                return Mention(
                    group[0][0],
                    ns + len(appos_role),
                    ns,
                    ns + len(appos_role),
                    text[group[0][0] : e],
                    "name",
                )
            return Mention(group[0][0], e, group[0][0], e, appos_role, "common")
        if appos_role and role:
            role = role + ", " + appos_role
        elif appos_role:
            role = appos_role
        return Mention(group[0][0], e, group[k][0], e, role, "name")
    if (
        (t[0].islower() or (t[0].isdigit() and "-" in t))
        and low not in FUNCTION_WORDS
        and low not in CUE_WORDS
        and (t.isalpha() or _HYPHENED.fullmatch(t) is not None)
        and low not in _DETERMINERS
    ) or t.endswith(("’s", "'s")):
        # a common noun phrase: "a spokesman", "the ad’s narrator", "sources", "another source"
        j = i
        n = 0
        while j - 1 >= 0 and n < 6:
            pt = toks[j - 1][2]
            pb = pt.lower()
            if pb in _DETERMINERS:
                j -= 1
                break
            if pt in {",", ".", ";", ":", "“", "”", '"', "(", ")", "—", "–"} or pb in _NP_STOP:
                break
            if pb in CUE_WORDS:
                break
            j -= 1
            n += 1
        else:
            pass
        head_start = toks[j][0]
        if _bare(toks[j][2]) not in _DETERMINERS and not _is_cap(toks[j][2]) and j < i:
            head_start = toks[i][0]  # no determiner found: keep the head word only
        return _spokesman_for(text, toks, j, e, appos_role) or Mention(
            head_start, e, head_start, e, appos_role, "common"
        )
    return None


#: A hyphened head noun: "front-runner", "43-year-old", "co-founder".
_HYPHENED = re.compile(r"[^\W_]+(?:-[^\W\d_]+)+")


_AFTER_NAME = re.compile(r"\s*\((?:[^()\n]{1,30})\)")


def mention_after(text: str, pos: int, ceiling: int) -> Mention | None:
    """The speaker after a cue: "said Swedish Defense Minister Pål Jonson", "said a spokesman"."""
    m = _mention_after(text, pos, ceiling)
    if m is None:
        return None
    if m.kind == "common" or (m.role and m.role.split()[-1].lower() in {"of", "the", "for", "at"}):
        # "said its chairman, Sir John Roe", "said the chairman of the Commons health committee,
        # Labour MP Jane Doe": the name in the apposition is who spoke
        to = _TO_APPOS.match(text, m.end, ceiling)
        if to is not None:
            end = _APPOS_END.match(text, to.end(), ceiling)
            if end is not None:
                ap = _appositive_name(text, to.end(), end.end())
                if ap is not None:
                    role = text[m.start : to.start() + to.group().rfind(",")].strip()
                    return _trim_dot(text, Mention(m.start, ap[1], ap[0], ap[1], role, "name"))
    return _trim_dot(text, m)


_PUNCT = frozenset(",.;:()[]“”\"‘’'—–-?!")


def nearest_subject(text: str, lo: int, cue_start: int) -> Mention | None:
    """The closest pronoun or name before a cue in its clause ("I laughed and said")."""
    toks = _tokens(text, max(lo, cue_start - 120), cue_start)
    for s, e, t in reversed(toks[-10:]):
        if t in {",", ";", ":", "“", "”", '"'}:
            break
        low = t.lower()
        if low in PRONOUNS:
            return Mention(s, e, s, e, None, "pronoun")
        if _is_cap(t) and _bare(strip_possessive(t)) not in _CAP_STOP:
            return mention_before(text, e, lo)
    return None


_FIRST_WORD = re.compile(r"\s*([\w’']+)")
#: A leading time adverbial and its comma: "Hours later,", "Eight years ago,", "A month later,".
_TIME_LEAD = re.compile(
    r"\s*(?:[\w’'\-]+\s+){0,4}?(?:ago|later|earlier|before|after|since|years?|months?|weeks?|"
    r"days?|hours?|minutes?|morning|afternoon|evening|night|weekend|\d{4})\s*,",
    re.IGNORECASE,
)
_LEAD_CONJ = re.compile(r"\s*(but|and|so|yet|however)\b,?", re.IGNORECASE)


def clause_subject(text: str, start: int, limit: int) -> Mention | None:
    """The subject of the clause starting at ``start``, past a leading adverbial and its comma
    ("During a speech on Monday, Trump attacked ...")."""
    m = _FIRST_WORD.match(text, start, limit)
    if not m:
        return None
    pos = start
    d = _DATELINE.match(text, start, limit)
    if d is not None:
        # "WASHINGTON — Mrs. Clinton said", "Washington (AFP) – Democrat X has taken ...":
        # a dateline is where, not who
        return clause_subject(text, d.end(), limit)
    first = m.group(1).lower()
    if first in _CONJ_LEAD and m.end() < limit and text[m.end()] in " \t":
        # "And Mr. Hale gloated:", "But she said": the clause after the conjunction
        return clause_subject(text, m.end(), limit)
    lead = _ADVERB_THEN_PRONOUN.match(text, m.end(), limit)
    if lead is not None:
        # "Rather, he said, ...": one word and a comma before a pronoun is an adverb, not a
        # name in apposition ("Hale, the mayor, said")
        return Mention(lead.start(1), lead.end(1), lead.start(1), lead.end(1), None, "pronoun")
    if first not in PRONOUNS and (
        first in _LEAD_ADVERBIAL
        or first in _CAP_STOP
        or first in _PREPOSITIONS
        or first.endswith(("ing", "ed"))
        or _TIME_LEAD.match(text, start, limit)
    ):
        # "At an event in Ames, Iowa, on Sunday, Mrs. Clinton tried ...": an adverbial may hold
        # commas of its own. The subject is the first phrase after one of them that a verb
        # follows; failing that, the phrase after the first comma, as before.
        first_comma = text.find(",", start, min(limit, start + 140))
        if first_comma < 0:
            return None
        fallback = _subject_at(text, first_comma + 1, limit)
        comma = first_comma
        while comma >= 0:
            got = fallback if comma == first_comma else _subject_at(text, comma + 1, limit)
            if got is not None and _VERB_FOLLOWS.match(text, got.end, limit):
                return got
            comma = text.find(",", comma + 1, min(limit, start + 200))
        return fallback
    while pos < limit and text[pos].isspace():
        pos += 1
    return _subject_at(text, pos, limit, conj=False)


_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.]+(?:[ \t][A-Z][A-Z.]+){0,2}(?:,[ \t][A-Za-z.]+)?"
    r"|[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?[ \t]\([A-Z][A-Za-z]+\))[ \t]*[—–-]+[ \t]+"
)
_ADVERB_THEN_PRONOUN = re.compile(r",[ \t]+(he|she|they|we|I)\b(?![’'])")
#: Conjunctions that open a sentence before its subject ("And Mr. Hale said").
_CONJ_LEAD = frozenset(["and", "but", "so", "yet", "or"])
#: A verb (or an adverb and a verb) right after a subject: "Mrs. Clinton tried", "she also said".
_VERB_FOLLOWS = re.compile(r"[ \t]+(?:[a-z]+ly[ \t]+)?[a-z]{2,}\b")


def _subject_at(text: str, pos: int, limit: int, conj: bool = True) -> Mention | None:
    """The name, pronoun or definite phrase opening the text at ``pos`` (after "and", "but")."""
    if conj:
        w = _LEAD_CONJ.match(text, pos, limit)
        if w:
            pos = w.end()
    while pos < limit and text[pos].isspace():
        pos += 1
    got = mention_after(text, pos, limit)
    if got is None or (
        got.kind == "common"
        and text[got.start : got.end].split()[0].lower() not in _SUBJECT_DETERMINERS
    ):
        return None
    return got


#: Determiners that open a common-noun subject: "the campaign", "his office", "its hosts".
_SUBJECT_DETERMINERS = frozenset(
    ["the", "a", "an", "another", "his", "her", "its", "their", "our", "my"]
)
_COMMA_SPACE = re.compile(r",\s+")


def _mention_after(text: str, pos: int, ceiling: int) -> Mention | None:
    hi = min(ceiling, pos + 300)
    toks = _tokens(text, pos, hi)
    if not toks:
        return None
    s, e, t = toks[0]
    if text[pos:s].strip():
        return None
    low = t.lower()
    if low in PRONOUNS:
        return Mention(s, e, s, e, None, "pronoun")
    if low[:-2] in PRONOUNS and low.endswith(("’s", "'s")):
        return Mention(s, e - 2, s, e - 2, None, "pronoun")  # "He’s claiming"
    if low.rstrip(".") in INDEFINITE_SPEAKERS and (len(toks) == 1 or toks[1][2] in _PUNCT):
        return Mention(s, e, s, e, None, "common")  # 'said another.'
    i = 0
    if low in _DETERMINERS and low not in {"that", "this", "these", "those"} and len(toks) > 1:
        i = 1
    group_end = i
    # lowercase words before a name: "conservative talk radio host Rush Limbaugh"
    c = i
    while (
        c < len(toks)
        and c - i < 5
        and not _is_cap(toks[c][2])
        and toks[c][2] not in _PUNCT
        and toks[c][2].lower() not in _NP_STOP
        and toks[c][2].lower() not in _PREPOSITIONS
        and toks[c][2].lower() not in _LEAD_ADVERBIAL
        and toks[c][2].lower() not in CUE_WORDS
    ):
        c += 1
    if c > i and c < len(toks) and _is_cap(toks[c][2]) and _bare(toks[c][2]) not in _CAP_STOP:
        group_end = c
    while group_end < len(toks):
        tt = toks[group_end][2]
        bt = _bare(tt)
        honorific = group_end == i and bt in {"mr", "mrs", "ms"}
        if (
            (_is_cap(tt) and (bt not in _CAP_STOP or honorific))
            or (bt in _TITLE_WORDS and tt[0].isalpha())
            or (bt in _NAME_PARTICLES and group_end > i)
        ):
            group_end += 1
            continue
        break
    if group_end == i:
        if i == 1 and toks[1][2][:1].islower() and toks[1][2].isalpha():
            # "said a spokesman (for the ministry)": determiner + up to 3 lowercase words
            k = 1
            while (
                k + 1 < len(toks)
                and k < 3
                and toks[k + 1][2].isalpha()
                and toks[k + 1][2].lower() not in FUNCTION_WORDS
                and toks[k + 1][2].lower() not in CUE_WORDS
                and not toks[k + 1][2].endswith("ed")
            ):
                k += 1
            return Mention(s, toks[k][1], s, toks[k][1], None, "common")
        return None
    group = toks[i:group_end]
    # a trailing possessive ends the name: "said Trump’s spokesman" is rare; keep it simple
    k, role = _split_title(text, group)
    gs, ge = group[0][0], group[-1][1]
    if i == 1:
        gs = s
    end = ge
    m = _AFTER_NAME.match(text, end)
    if m and m.end() <= hi:
        end = m.end()
    # apposition after the name: ", Director General for ... of the Czech Republic, who ..."
    ap = _COMMA_SPACE.match(text, end, hi)
    if ap and k < len(group):
        rest_start = ap.end()
        nxt = _TOKEN.match(text, rest_start)
        if nxt and (
            nxt.group().lower() in _DETERMINERS
            or _bare(nxt.group()) in _TITLE_WORDS
            or (_is_cap(nxt.group()) and _bare(nxt.group()) not in _CAP_STOP)
        ):
            cut = _ROLE_CUT.search(text, rest_start, min(len(text), rest_start + 200))
            rend = cut.start() if cut else min(len(text), rest_start + 200)
            appos = text[rest_start:rend].strip()
            if any(c in appos for c in '"“”‘’'):
                appos = ""  # content, not a title: "According to X, the vote "will ...""
            stop = cut.group().strip(" ,.\n\t") if cut else ""
            clean_end = (
                not stop
                or stop == ";"
                or stop.split()[0] in {"who", "which", "whose", "where", "when"}
            )
            if appos and len(appos) < 200 and clean_end:
                role = (role + ", " + appos) if role else appos
    if k >= len(group):
        return Mention(gs, ge, gs, ge, role, "common")
    return Mention(gs, ge, group[k][0], ge, role, "name")


def person_like(text: str, m: Mention) -> bool:
    """Does the mention name a person (a name, "he", "a spokesman"), not "a box" or "the report"?"""
    if m.kind != "common":
        return True
    words = text[m.start : m.end].split()
    return bool(words) and words[-1].lower().strip(".,") in _PERSON_NOUNS
