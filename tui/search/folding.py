"""Folding: the one normalisation used for indexing, querying and highlighting.

Lower case, no diacritics, British spellings mapped to American, "U.S." -> "us"; a word's
trigrams feed the typo-tolerant vocabulary lookup.
"""

from __future__ import annotations

import re
from itertools import accumulate, compress

from tui.core.text import fold

#: Words: dotted abbreviations ("U.S.", single letters each followed by a dot) or runs of word
#: characters joined by apostrophes. Written to start with ``\w`` (the dotted form checked by
#: a look-behind once a letter is in) so the regex engine skips to the next word character
#: quickly: about a third faster than the two alternatives side by side, same words.
_TOKEN = re.compile(r"\w(?:(?<=[^\W\d_])\.(?:[^\W\d_]\.)+|\w*(?:['’]\w+)*)")
#: The same, capturing, for ``split``: separators and words alternate in its result.
_SPLIT = re.compile(f"({_TOKEN.pattern})")

#: A text's words as three columns: index terms, start offsets, end offsets.
Tokens = tuple[list[str], list[int], list[int]]


def _words(s: str) -> list[str]:
    return s.split()


STOPWORDS = frozenset(
    _words(
        "a an and are as at be but by for from had has have he her his i in is it its not of on or "
        "she that the their they this to was we were will with would you"
    )
)


def _spelling_table() -> dict[str, str]:
    """British -> American spellings, so "air defence" finds "air defense" (and back)."""
    table: dict[str, str] = {}
    direct = {
        "defence": "defense",
        "defences": "defenses",
        "offence": "offense",
        "offences": "offenses",
        "licence": "license",
        "licences": "licenses",
        "pretence": "pretense",
        "centre": "center",
        "centres": "centers",
        "centred": "centered",
        "metre": "meter",
        "metres": "meters",
        "kilometre": "kilometer",
        "kilometres": "kilometers",
        "theatre": "theater",
        "theatres": "theaters",
        "calibre": "caliber",
        "fibre": "fiber",
        "manoeuvre": "maneuver",
        "manoeuvres": "maneuvers",
        "manoeuvring": "maneuvering",
        "programme": "program",
        "programmes": "programs",
        "catalogue": "catalog",
        "catalogues": "catalogs",
        "dialogue": "dialog",
        "dialogues": "dialogs",
        "analogue": "analog",
        "grey": "gray",
        "aluminium": "aluminum",
        "sceptic": "skeptic",
        "sceptical": "skeptical",
        "artefact": "artifact",
        "artefacts": "artifacts",
        "judgement": "judgment",
        "ageing": "aging",
        "fulfil": "fulfill",
        "enrol": "enroll",
        "jewellery": "jewelry",
        "mould": "mold",
        "plough": "plow",
        "tyre": "tire",
        "tyres": "tires",
    }
    table.update(direct)
    for stem in _words(
        "armour behaviour colour endeavour favour harbour honour humour labour neighbour "
        "rumour saviour valour vigour odour rigour tumour vapour fervour ardour clamour "
        "splendour parlour"
    ):
        us = stem[:-2] + "or"
        for suf in (
            "",
            "s",
            "ed",
            "ing",
            "able",
            "ably",
            "ite",
            "ites",
            "er",
            "ers",
            "hood",
            "hoods",
            "ly",
            "less",
            "ful",
        ):
            table[stem + suf] = us + suf
    for stem in _words(
        "organis recognis realis mobilis demobilis authoris criticis prioritis stabilis "
        "destabilis modernis normalis militaris demilitaris legitimis apologis characteris "
        "minimis maximis summaris utilis finalis jeopardis neutralis industrialis centralis "
        "decentralis privatis nationalis harmonis subsidis civilis capitalis categoris "
        "symbolis scrutinis sympathis emphasis energis optimis synchronis standardis "
        "specialis visualis formalis globalis liberalis marginalis memorialis monopolis "
        "polaris radicalis rationalis revitalis sanitis terroris theoris weaponis immobilis "
        "hospitalis incentivis digitalis criminalis colonis dramatis familiaris galvanis "
        "itemis localis materialis mechanis memoris mesmeris moralis motoris penalis "
        "personalis popularis publicis politicis randomis reorganis satiris stigmatis "
        "sterilis tantalis urbanis vandalis vaporis annualis antagonis agonis"
    ):
        us = stem[:-1] + "z"
        for suf in ("e", "es", "ed", "ing", "ation", "ations", "er", "ers"):
            table[stem + suf] = us + suf
    for stem in ("analys", "paralys", "catalys"):
        us = stem[:-1] + "z"
        for suf in ("e", "es", "ed", "ing", "er", "ers"):
            table[stem + suf] = us + suf
    for stem in (
        "travel",
        "cancel",
        "label",
        "model",
        "fuel",
        "signal",
        "channel",
        "level",
        "total",
        "counsel",
        "marshal",
        "tunnel",
        "duel",
        "dial",
        "equal",
    ):
        for suf in ("led", "ling", "ler", "lers"):
            table[stem + suf] = stem + suf[1:]
    return table


SPELLING = _spelling_table()


_MEMO: dict[str, str] = {}


def term_of(word: str) -> str:
    """The index term for one word as written (memoised: words repeat)."""
    t = _MEMO.get(word)
    if t is not None:
        return t
    if len(_MEMO) > 500_000:
        _MEMO.clear()
    t = _MEMO[word] = _term_of(word)
    return t


def _term_of(word: str) -> str:
    t = fold(word)
    if "." in t:
        t = t.replace(".", "")
    if "'" in t:
        if t.endswith("'s"):
            t = t[:-2]
        t = t.replace("'", "")
    return SPELLING.get(t, t)


def token_columns(text: str, pos: int = 0, endpos: int | None = None) -> Tokens:
    """The words of ``text[pos:endpos]`` as (terms, starts, ends); offsets are into ``text``.

    Why columns: search tokenises every unit it scores, per keystroke. ``split`` and
    ``accumulate`` walk the words in C (no Python step per word), and a scorer can find the
    words it wants with ``map`` over the terms alone.
    """
    if pos or (endpos is not None and endpos < len(text)):
        parts = _SPLIT.split(text[pos:endpos])
    else:
        parts = _SPLIT.split(text)
    if len(parts) == 1:
        return [], [], []
    words = parts[1::2]
    # parts = [sep0, word0, sep1, word1, ..., sepN]: running lengths give every boundary.
    cum = list(accumulate(map(len, parts), initial=pos))
    starts, ends = cum[1:-1:2], cum[2::2]
    found = list(map(_MEMO.get, words))
    if None in found:
        found = [t if t is not None else term_of(w) for t, w in zip(found, words, strict=True)]
    out: list[str] = found  # type: ignore[assignment]  # no None left
    if "" in out:  # a word with no term: not a word
        keep = list(map(bool, out))
        return list(compress(out, keep)), list(compress(starts, keep)), list(compress(ends, keep))
    return out, starts, ends


def tokenize(text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[str, int, int]]:
    """(term, start, end) for every word of ``text[pos:endpos]``; offsets are into ``text``."""
    return list(zip(*token_columns(text, pos, endpos), strict=True))


_TERMS_MEMO: dict[str, list[str]] = {}


def terms(text: str) -> list[str]:
    """The index terms of a short text (names and their spellings repeat: memoised)."""
    got = _TERMS_MEMO.get(text)
    if got is None:
        if len(_TERMS_MEMO) > 100_000:
            _TERMS_MEMO.clear()
        got = _TERMS_MEMO[text] = token_columns(text)[0]
    return got


def trigrams(t: str) -> list[str]:
    p = f"^{t}$"
    return [p[i : i + 3] for i in range(len(p) - 2)]
