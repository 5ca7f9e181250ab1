"""Pass 4's raw material: capitalised tokens ("U.S.", "F-16", "O'Brien") and the runs they
form, joined by the small words a name may hold ("Bosnia and Herzegovina" is listed whole;
"Ministry of Defence", "Osama bin Laden" are runs)."""

from __future__ import annotations

import re

from parsers.charclass import char_class
from parsers.entities.lexicon import RANK_ABBREV

UP = char_class(c for c in map(chr, range(0x2000)) if c.isupper())

#: A capitalised token: an abbreviation with dots ("U.S.", "J."), or a word that may carry
#: hyphens, slashes and apostrophes ("F-16", "SAMP/T", "O'Brien", "Stromšíková").
TOKEN = re.compile(  # the look-ahead first: a cheap test that fails at most positions
    r"(?=" + UP + r")(?<![\w'’.])(?:(?:" + UP + r"\.){2,}|" + UP + r"(?:[\w]|[-'’/](?=\w))*\.?)"
)

#: What may sit between two tokens of one name ("Bosnia and Herzegovina" is listed whole).
_JOINERS = frozenset(
    {
        " ",
        " of ",
        " for ",
        " of the ",
        " for the ",
        " de ",
        " al-",
        " el-",
        " bin ",
        " ibn ",
        " van ",
        " von ",
        " der ",
        " da ",
        " di ",
        " du ",
        " & ",
        " al ",
        " az ",  # Arabic articles inside place and family names: "Dayr az Zawr",
        " ash ",  # "Jisr ash Shughur", "Ras ar Ra'i" (no English word among them)
        " ar ",
        " on ",
        "-",
    }
)
OF_JOINERS = frozenset({" of ", " for ", " of the ", " for the ", " on "})


def sequences(text: str) -> list[list[tuple[int, int, bool]]]:
    """Runs of capitalised tokens: [(start, end, possessive)], joined by _JOINERS."""
    seqs: list[list[tuple[int, int, bool]]] = []
    cur: list[tuple[int, int, bool]] = []
    of_used = False
    prev_e, prev_poss = 0, False  # cur[-1]'s end and possessive, kept at hand
    joiners, of_joiners = _JOINERS, OF_JOINERS
    for m in TOKEN.finditer(text):
        s, e = m.span()
        tok = m.group()
        if tok.endswith(".") and not (
            len(tok) <= 3 or tok.count(".") > 1 or tok[:-1] in RANK_ABBREV
        ):
            e -= 1  # sentence full stop after a word
            tok = tok[:-1]
        poss = False
        if len(tok) > 2:
            last = tok[-1]
            if last in "'’s" and (last != "s" or tok[-2] in "'’"):
                e -= 2 if last == "s" else 1
                poss = True
        if e <= s:
            continue
        if cur:
            joined = False
            if not prev_poss:
                gap = text[prev_e:s]
                if "\u200e" in gap or "\u200f" in gap:
                    gap = gap.replace("\u200e", "").replace("\u200f", "")
                joined = gap in joiners
                if joined and gap in of_joiners:
                    joined = not of_used
                    of_used = True
            if not joined:
                seqs.append(cur)
                cur = []
                of_used = False
        cur.append((s, e, poss))
        prev_e, prev_poss = e, poss
    if cur:
        seqs.append(cur)
    return seqs
