"""Pass 3: people after titles ("Defense Minister Pål Jonson", "Gen. Joseph Votel"), and the
offices that are never people ("Director General for Security", :func:`not_a_name`).

Titles are tried only at tokens that start as some title starts (a set lookup on two
characters before the pattern); both patterns hold their titles as a prefix tree
(:func:`parsers.charclass.alternation`), where a token that starts no title fails at once."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from parsers.charclass import alternation
from parsers.entities.candidate import PERSON_HIT, Cand
from parsers.entities.cues import NICKNAME
from parsers.entities.gazetteer import titles
from parsers.entities.lexicon import (
    EVENT_HEADS,
    HONORIFICS,
    ORG_HEADS,
    RANK_ABBREV,
    STOP,
    SUFFIXES,
    TITLE_MODIFIERS,
)
from parsers.entities.names import fold, make_id
from parsers.entities.tokens import UP

if TYPE_CHECKING:
    from parsers.entities.extract import Extractor


def _title_regex() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    """The title pattern, the ranks, and the first two characters of every title (a set
    lookup that rules out most tokens before the long alternation is tried)."""
    civil, rank = titles()
    alts = sorted((*civil, *rank), key=len, reverse=True)
    # "Deputy Secretary of State", "Shadow Home Secretary": the modifier is the title's own.
    # Never before a form of address ("Under Mrs. Hallam" is a preposition, no title), and
    # "Under" modifies only "Secretary" ("Under Chancellor Erik Vandt": a preposition).
    modifiers = sorted(TITLE_MODIFIERS)
    address = "|".join(re.escape(h.rstrip(".")) for h in sorted(HONORIFICS))
    pattern = re.compile(
        r"(?<![\w.])(?:(?:"
        + "|".join(m if m != "Under" else r"Under(?=[ -]Secretary)" for m in modifiers)
        + r")[ -](?!(?:"
        + address
        + r")\b))?"
        + alternation(alts)
        + r"(?=[ \t\u200e\u200f]+"
        + UP
        + r")"
    )
    heads = {t[:2] for t in (*alts, *modifiers)}
    for t in alts:
        if len(t) < 2:  # a one-letter title: the space the pattern wants after it
            heads.update(t + c for c in " \t\u200e\u200f")
    return pattern, frozenset(rank), frozenset(heads)


_TITLE_RE, _RANKS, TITLE_HEADS = _title_regex()


#: First and last words of offices ("Director General", "Defence Secretary"): a run that
#: starts or ends with one is a title, not a name ("Director General for Security").
OFFICE_FIRST = frozenset(t.split()[0] for t in titles()[0] if t[0].isupper()) - HONORIFICS
OFFICE_LAST = (
    frozenset(t.split()[-1] for t in (*titles()[0], *titles()[1]) if t[0].isupper())
    - HONORIFICS
    - {"Europe", "Africa", "East", "State", "Forces", "War"}
)


def not_a_name(words: list[str]) -> bool:
    """A run of capitalised words that names an office, an event or a body, never a person."""
    return bool(words) and (
        words[0] in OFFICE_FIRST
        or words[-1] in OFFICE_LAST
        or words[-1] in EVENT_HEADS
        or words[-1] in ORG_HEADS
    )


ROLE_TITLES = [
    t
    for t in sorted(titles()[0], key=len, reverse=True)
    if t[0].isupper()
    and not t.endswith(".")
    and t not in ("Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Lord", "Lady")
]
ROLE_RE = re.compile(
    r"(?P<role>(?:" + UP + r"[\w.-]*[ \t]+)?" + alternation(ROLE_TITLES) + r")(?![\w-])"
)


def person_title_cands(
    ex: Extractor, text: str, tokens_at: dict[int, int], token_list: list[tuple[int, int, bool]]
) -> list[Cand]:
    out: list[Cand] = []
    for ts, _te, _p in token_list:
        if text[ts : ts + 2] not in TITLE_HEADS:
            continue
        m = _TITLE_RE.match(text, ts)
        if m is None:
            continue
        title = m.group(0)
        if title in HONORIFICS and _after_given_name(ex, text, ts):
            continue  # "Tom King Jr.", "Stephen King": a surname, not a king
        j = m.end()
        while j < len(text) and text[j] in " \t\u200e\u200f":
            j += 1
        k = tokens_at.get(j)
        if k is None:
            continue
        name_toks: list[tuple[int, int, bool]] = []
        while k < len(token_list) and len(name_toks) < 4:
            s, e, poss = token_list[k]
            word = text[s:e]
            if name_toks:
                gap = text[name_toks[-1][1] : s]
                if (
                    gap in (' "', " “", " '", " ‘")
                    and len(name_toks) == 1
                    and NICKNAME.match(text, name_toks[-1][1])
                ):
                    k += 1  # the nickname itself: skipped, the surname follows
                    continue
                if gap not in (
                    " ",
                    " al-",
                    " bin ",
                    " ibn ",
                    " van ",
                    " von ",
                    " de ",
                    " da ",
                    " al ",
                    " el-",
                    " du ",
                    " der ",
                ) and not NICKNAME.fullmatch(gap):
                    break
            if (
                word in ex.gaz.names
                and ex.gaz.names[word].type != "PERSON"
                and not name_toks
                and word not in ex.given
            ):
                break  # "President Trump" yes; "Minister Ukraine" no
            if not name_toks and (
                (title not in _RANKS and (word in _RANKS or word.rstrip(".") in RANK_ABBREV))
                or word in ("Sir", "Dame", "Lord", "Lady", "Dr", "Dr.")
            ):
                # "Chief of Staff Gen. Randy George", "Admiral Sir Tony Radakin": a rank or
                # an honorific after the title is no name.
                k += 1
                continue
            if fold(word) in STOP and not name_toks:
                break
            name_toks.append((s, e, poss))
            k += 1
            if poss:
                break
        if not name_toks or all(text[a:b] in SUFFIXES for a, b, _ in name_toks):
            continue  # ("King Jr.": a suffix is no name)
        if len(name_toks) == 1 and text[name_toks[0][0] : name_toks[0][1]] in ORG_HEADS:
            continue  # "the Justice Department": a body's name, no judge
        # Drop a trailing listed non-person ("Gen. Votel Iraq").
        while (
            len(name_toks) > 1
            and ex.gaz.names.get(text[name_toks[-1][0] : name_toks[-1][1]], PERSON_HIT).type
            != "PERSON"
        ):
            name_toks.pop()
        ns, ne = name_toks[0][0], name_toks[-1][1]
        name = NICKNAME.sub(" ", text[ns:ne])  # "Richard \"Tex\" Coe" is Richard Coe
        if len(name_toks) == 1 and len(name) <= 1:
            continue
        if (
            len(name_toks) == 1
            and title in _RANKS
            and (name in EVENT_HEADS or name in ORG_HEADS or _lower_elsewhere(text, name))
        ):
            continue  # "General Election", "Major Incident": a rank that is an adjective
        start = m.start()
        listed = ex.gaz.names.get(name)
        if listed is not None and listed.type == "PERSON":
            # "President Trump": the listed person, whatever part of the name is written.
            out.append(Cand(start, ne, "PERSON", listed.id, listed.name, 5, False, ns))
        else:
            out.append(Cand(start, ne, "PERSON", make_id("PERSON", name), name, 5, False, ns))
    return out


def _lower_elsewhere(text: str, word: str) -> bool:
    """Is the word written in lower case in the text ("the election")? Then, capitalised
    after a rank, it is a heading's title case, not a surname."""
    low = word.lower()
    return low != word and re.search(r"\b" + re.escape(low) + r"\b", text) is not None


def _after_given_name(ex: Extractor, text: str, pos: int) -> bool:
    """Does a given name stand right before ``pos`` ("Tom King", "Stephen King")?"""
    j = pos - 1
    if j < 1 or text[j] != " ":
        return False
    k = j
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    return text[k:j] in ex.given
