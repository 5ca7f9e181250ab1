"""Context cues around a name: speech verbs, appositives, party tags, place cues, group nouns.

Each is a cheap test on the few characters before or after a candidate; the rules in
:mod:`.classify`, :mod:`.company` and :mod:`.conventions` ask them."""

from __future__ import annotations

import re

from parsers.charclass import alternation
from parsers.entities.lexicon import (
    COMPASS,
    LOC_WORDS,
    NOT_ACRONYMS,
    ROLE_BEFORE,
    SAID_WORDS,
    SUFFIXES,
    TALK_WORDS,
    WEAK_LOC_WORDS,
)
from parsers.entities.tokens import UP

SPEECH = re.compile(
    r"[ \t]*,?[ \t]+(?:said|says|told|added|stated|explained|noted|warned|announced|wrote|"
    r"tweeted|argued|insisted|declared|confirmed|commented|recalled|acknowledged|claimed)\b"
)
_MILITARY = re.compile(
    r"(?i)\b(?:missiles?|systems?|batter(?:y|ies)|launchers?|interceptors?|air[- ]defen[cs]e|"
    r"jets?|fighters?|aircraft|helicopters?|drones?|tanks?|warships?|frigates?|destroyers?|"
    r"submarines?|munitions?|strikes?|bombers?|squadrons?|deploy\w*|deliver\w*|weapons?|armou?r"
    r"\w*|howitzers?|rockets?|RAF|navy|artillery|sorties?|airstrikes?|flew|fired|shot down|"
    r"procure\w*|cruise|ballistic|warheads?|combat|military|arms|air force)\b"
)


GROUP_NOUNS = re.compile(
    r"[ \t]+(?:(?:ground|special|armed|security|military|coalition|partner|allied|naval|air|"
    r"regular|elite|government|opposition|local|tribal|counter-?terrorism|border|defen[cs]e|"
    r"intelligence|peacekeeping|expeditionary)[ \t]+)?"
    r"(?:forces|troops|soldiers|service ?members|servicemen|personnel|fighters|militants|"
    r"military|army|navy|government|officials|diplomats|authorities|partners|allies|businesses|"
    r"companies|pilots|sailors|marines|airmen|units|leaders|delegation|regime|opposition|rebels|"
    r"police|people|citizens|nationals|civilians|veterans|commanders|officers|contingent|"
    r"militias?|insurgents|terrorists|parties|ministers|negotiators|firms)\b"
)
PLATFORM_NOUNS = re.compile(
    r"[ \t]+(?:(?:fighter|combat|military|attack|unmanned|surveillance)[ \t]+)?"
    r"(?:aircraft|jets|warplanes|bombers|drones|helicopters|warships|ships|vessels|tanks|"
    r"submarines|frigates|destroyers)\b"
)


ROLE_NOUNS = re.compile(
    r"[ \t]+(?:commander|spokesman|spokeswoman|spokesperson|commanding general|press secretary|"
    r"chief of staff)\b"
)
_ROLE_WORDS = (
    r"minister|secretary|president|spokes(?:man|woman|person)|commander|chief|head|"
    r"director|leader|envoy|ambassador|general|officer|analyst|professor|founder|"
    r"chairman|chairwoman|chair|member|adviser|advisor|researcher|fellow|editor|"
    r"correspondent|lawmaker|senator|governor|mayor|deputy|official|colonel|captain"
)
#: "Tobias Ellwood, the minister", "Jane Roe, 42, of Leeds": an appositive marks a person.
APPOSITIVE = re.compile(
    r",[ \t]+(?:\d{1,3},|(?:the|a|an|who|whose)[ \t]+(?:[\w'’-]+[ \t]+){0,3}?(?:"
    + _ROLE_WORDS
    + r")\b|(?:[A-Z][\w.'’-]*[ \t]+){0,3}(?:"
    + _ROLE_WORDS
    + r")\b(?![ \t]+[A-Z]))",
    re.IGNORECASE,
)
#: "Sen. Jane Roe (D-Mass.)", "Jim Roe, R-Ky.,": a party and state mark a politician.
PARTY = re.compile(
    r"[ \t]*\((?:[RDI]|[RDI]-[A-Z][A-Za-z.]{0,5})\)|,[ \t]+[RDI]-[A-Z][a-z]{1,4}\.?,"
)
#: A nickname in quotation marks inside a name: Richard "Tex" Coe, John “J.D.” Dorrian.
NICKNAME = re.compile(r" [\"“'‘]" + UP + r"[\w.' -]{0,15}[\"”'’] ")
#: Company cues before a name: "shares in X", "chief executive of X", "owned by X", "the firm X".
COMPANY_CUES_BEFORE = (
    *(f"{w} in" for w in ("shares", "stake", "stakes", "investor", "investors", "investment")),
    "shares of",
    "chief executive of",
    "chief executive officer of",
    *(
        f"{w} of"
        for w in (
            "boss",
            "owner",
            "owners",
            "shareholder",
            "shareholders",
            "subsidiary",
            "takeover",
            "acquisition",
            "parent company",
            "chairman",
            "chairwoman",
            "founder",
            "co-founder",
        )
    ),
    "owned by",
    "merger with",
    *(
        f"the {w}"
        for w in (
            "firm",
            "company",
            "retailer",
            "carmaker",
            "lender",
            "airline",
            "conglomerate",
            "supermarket",
            "insurer",
            "manufacturer",
        )
    ),
)
COMPANY_BEFORE = re.compile(r"(?i:\b" + alternation(COMPANY_CUES_BEFORE) + r")[ \t]+$")
_COMPANY_CUE_LONGEST = max(map(len, COMPANY_CUES_BEFORE))


def company_before(before: str) -> bool:
    """Does ``before`` end in a company cue and a space ("... shares in ")? The search starts
    where the longest cue would begin before the closing spaces, not at each of the 40
    characters (a cue matches letter for letter, whatever the case)."""
    start = len(before.rstrip(" \t\n")) - _COMPANY_CUE_LONGEST
    return COMPANY_BEFORE.search(before, max(0, start)) is not None


#: Company cues after a name: "X's shares", "X owns", "X plc", "X, the search company",
#: "X said its profits" (a person says "his" or "her").
COMPANY_AFTER = re.compile(
    r"(?:'s|’s)?[ \t]+(?:shares|share price|stock|chief executive|profits?|revenues?|"
    r"shareholders|subsidiary|customers)\b|[ \t]+(?:owns|plc|PLC|Inc|Ltd|LLC|Corp)\b|"
    r",[ \t]+(?:the|a|an)[ \t]+(?:(?!of\b)[\w-]+[ \t]+){0,3}?(?:company|firm|group|giant|retailer|"
    r"carmaker|lender|airline|conglomerate|supermarket|insurer|manufacturer)\b(?![ \t]+(?:owner|"
    r"boss|executive|chief|founder|director|worker|employee|analyst|spokes\w+))|"
    r"[ \t]*,?[ \t]+(?:said|says|added)"
    r"[ \t]+its\b"
)
PARTY_TOKEN = re.compile(r"[RDI]-[A-Z]{1,2}")
#: "Jane Roe, who ...": "who" follows people, "which" organisations and places.
WHO = re.compile(r",[ \t]+who(?:se|m)?\b")


SINGLE_PERSON = re.compile(
    r"[ \t]+(?:(?:special|military|navy|army|air force|coalition)[ \t]+)?(?:service ?member|"
    r"soldier|serviceman|servicewoman|sailor|marine|airman|pilot|officer|official|diplomat|"
    r"contractor|journalist|citizen|national|hostage|veteran)\b(?!-)"
)
REGIME = re.compile(r"[ \t]+(?:regime|government|administration)\b")
#: "Assad's regime", "Roe's brutal regime": a leader's possessive before the body he heads.
POSSESSIVE_REGIME = re.compile(
    r"['’]s[ \t]+(?:[a-z]+[ \t]+)?(?:regime|government|administration)\b"
)
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]*(?:-[A-Z0-9]+)*s?$")


def is_sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"“‘'([*#>-–—•":
        i -= 1
    return i < 0 or text[i] in "\n.!?:;…"


def namey(word: str, i: int, n: int) -> bool:
    """Could this word be part of a person's name? ("H." and "IV" in "Charles H. Keating IV")."""
    if not word[:1].isupper() or word in NOT_ACRONYMS:
        return False  # "MPs", "PhD": never part of a person's name
    if len(word) == 2 and word[1] == "." and 0 < i < n - 1:
        return True  # a middle initial
    if i == n - 1 and i > 0 and word in SUFFIXES:
        return True
    return not word.isupper() and (word.isalpha() or "-" in word or "'" in word or "’" in word)


def loc_cue(before: str) -> bool:
    """Does the text before end in a place cue ("near", "in the", "north of")?"""
    raw = before.split()[-3:]
    words = [w.lower() for w in raw]
    if len(raw) >= 2 and raw[-1] in WEAK_LOC_WORDS and before[-1:] in " \t":
        return raw[-2].islower() and raw[-2].isalpha() and raw[-2] not in TALK_WORDS
    if words and words[-1] == "the":
        words.pop()
    if not words:
        return False
    if words[-1] == "of":
        return len(words) > 1 and (words[-2] in COMPASS or words[-2] == "out")
    return words[-1] in LOC_WORDS and before[-1:] in " \t"


def role_before(before: str) -> bool:
    """ "... said spokesman" + name: a lower-case role word right before a name."""
    if before[-1:] not in " \t":
        return False
    words = before.split()[-1:]
    return bool(words) and words[0] in ROLE_BEFORE


def said_before(before: str) -> bool:
    words = before.split()[-2:]
    if not words or before[-1:] not in " \t":
        return False
    return words[-1] in SAID_WORDS or words == ["according", "to"]


def article(text: str, start: int) -> int | None:
    """Where "the " right before ``start`` begins, if it is there."""
    if (
        start >= 4
        and text[start - 4 : start] in ("the ", "The ")
        and (start == 4 or not text[start - 5].isalnum())
    ):
        return start - 4
    return None


def has_lowercase_nearby(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 40) : start] + text[end : end + 40]
    return any(c.islower() for c in window)


def military_context(text: str, start: int, end: int) -> bool:
    return _MILITARY.search(text, max(0, start - 80), min(len(text), end + 80)) is not None


class LowerWords:
    """Is this word written in lower case somewhere in the text? ("However" vs "Hammond")."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cache: dict[str, bool] = {}
        self.all: set[str] | None = None
        if len(text) > 300_000:  # many lookups on a long text: one pass is cheaper
            self.all = set(re.findall(r"\b[a-z][a-z]+\b", text))

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if self.all is not None:
            return word in self.all
        hit = self.cache.get(word)
        if hit is None:
            hit = False
            text, n, i = self.text, len(word), self.text.find(word)
            while i >= 0:
                if (i == 0 or not text[i - 1].isalnum()) and not text[i + n : i + n + 1].isalnum():
                    hit = True
                    break
                i = text.find(word, i + 1)
            self.cache[word] = hit
        return hit
