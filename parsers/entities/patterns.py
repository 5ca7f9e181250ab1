"""Patterns for sums of money, percentages, quantities and dates, with normalised ids."""

from __future__ import annotations

import re
from collections.abc import Iterator

from parsers.entities.names import slug

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"trillion|billion|million|thousand|tn|bn|mn|m|k"
_WORD_SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_SYMBOL = {
    "$": "USD",
    "US$": "USD",
    "U.S.$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "A$": "AUD",
    "C$": "CAD",
    "NZ$": "NZD",
    "₴": "UAH",
    "₽": "RUB",
}
_CURRENCY_WORD = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "hryvnias'": "UAH",
    "yuan": "CNY",
    "yen": "JPY",
    "francs": "CHF",
    "riyals": "SAR",
    "dinars": "IQD",
    "shekels": "ILS",
    "rupees": "INR",
    "USD": "USD",
    "EUR": "EUR",
    "GBP": "GBP",
    "UAH": "UAH",
    "RUB": "RUB",
}

#: Guards: the first two characters of every alternative of the pattern after it, a
#: necessary condition tested before the alternation, so that it runs at the few word starts
#: that can open a match rather than at every one its first look-ahead lets through (about
#: half of the time these patterns took). A test checks each against its pattern without it.
_MONEY_STARTS = r"(?=\d|[$£€¥₴₽]|U[S.A]|[AC]\$|NZ|EU|GB|RU|te|hu)"
#: (a number, a number word, "a few", "a couple of", "several")
_COUNT_STARTS = r"(?=\d|on|tw|th|f[oi]|s[ie]|e[il]|ni|te|a\s)"

MONEY = re.compile(
    r"(?=[\dUACN$£€¥₴₽EGRth])(?<![\w$£€])"
    + _MONEY_STARTS
    + r"(?:(?P<sym>US\$|U\.S\.\$|A\$|C\$|NZ\$|[$£€¥₴₽])\s?(?P<n1>"
    + _NUM
    + r")"
    r"(?:[\s-]?(?P<s1>" + _SCALE + r")\b)?"
    r"|(?P<code>USD|EUR|GBP|UAH|RUB)\s?(?P<n2>" + _NUM + r")(?:\s(?P<s2>" + _SCALE + r")\b)?"
    r"|(?P<n3>" + _NUM + r")(?:\s?(?P<s3>" + _SCALE + r"))?\s(?P<cur>(?:US |U\.S\. )?dollars|"
    r"euros?|pounds(?: sterling)?|roubles|rubles|hryvnias?|yuan|yen|Swiss francs|riyals|dinars|"
    r"shekels|rupees)\b"
    r"|(?P<vague>(?:tens|hundreds) of (?:millions|billions|thousands) of "
    r"(?:dollars|euros|pounds))\b)"
)

PERCENT = re.compile(
    r"(?=\d)(?<![\w.])(?:" + _NUM + r")(?:\s?%|\s?per ?cent\b|\spercent\b|\spercentage points?\b)"
)

_UNIT = (
    r"square (?:kilometers|kilometres|miles|meters|metres)|km2|sq km|kilometers|kilometres|"
    r"km|miles|nautical miles|metres|meters|m|feet|ft|tonnes|tons|kilograms|kg|pounds|lbs|"
    r"litres|liters|gallons|barrels|megawatts|MW|gigawatts|GW|knots|hectares|acres|mm|cm"
)
QUANTITY = re.compile(
    r"(?=[\dotfsena])(?<![\w.$£€])"
    + _COUNT_STARTS
    + r"(?:"
    + _NUM
    + r"|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)"
    r"(?:[\s-](?:million|thousand|hundred))?[\s-](?:" + _UNIT + r")\b"
)

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|"
    r"Dec\.?)"
)
_MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)"
)
_DAYNAME = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAYRANGE = _DAY + r"(?:\s?[-–]\s?" + _DAY + r")?"

#: (a month, a weekday, a digit, a word of the relative forms)
_DATE_STARTS = (
    r"(?=\d|J[au]|Fe|Ma|A[pu]|Se|Oc|No|De|Mo|Tu|We|Th|Fr|S[au]|[lp]a|ne|co|pr|fo|th|ea|mi|"
    r"s[pu]|au|fa|wi|in)"
)
DATE = re.compile(
    r"(?=[\dADFJMNOSTWacefilmnpstw])(?<![\w-])" + _DATE_STARTS + r"(?:"
    r"(?P<iso>" + _YEAR + r"-[01]\d-[0-3]\d)"
    r"|(?:(?P<wd1>" + _DAYNAME + r"),?\s)?(?P<md>" + _MONTH + r")\s?(?P<mdd>" + _DAYRANGE + r")"
    r"(?:,?\s(?P<mdy>" + _YEAR + r"))?(?![\w])"
    r"|(?:(?P<wd2>" + _DAYNAME + r"),?\s)?(?P<dm>" + _DAYRANGE + r")\s(?P<dmm>" + _MONTH + r")"
    r"(?:,?\s(?P<dmy>" + _YEAR + r"))?(?![\w])"
    r"|(?P<my>" + _MONTH + r")\s(?P<myy>" + _YEAR + r")\b"
    r"|(?P<lm>(?:last|next|this|early|late|mid-)\s?" + _MONTH_FULL + r")(?![\w])"
    r"|(?P<season>(?:the\s)?(?:spring|summer|autumn|fall|winter)\sof\s" + _YEAR + r")\b"
    r"|(?P<rel>(?:(?:the\s)?(?:last|past|next|coming|previous|following)\s(?:\d+(?:-plus)?\s|"
    r"few\s|several\s|two\s|three\s)?(?:days?|weeks?|months?|years?|decades?|hours?)"
    r"|(?:this|last|next)\s(?:week|month|year|weekend|spring|summer|autumn|fall|winter)"
    r"|(?:earlier|later)\sthis\s(?:week|month|year)"
    r"|in\srecent\s(?:days|weeks|months|years)))(?![\w])"
    r"|(?P<wd3>(?:(?:early|late)\s)?" + _DAYNAME + r"(?:\s(?:morning|afternoon|evening|night))?)"
    r"|(?P<year>(?:mid-|early\s|late\s)?" + _YEAR + r"s?)(?![\w,.]\d)"
    r"|(?P<mon>January|February|March|April|June|July|August|September|October|November|"
    r"December)(?![\w])"
    r")"
)

_COUNT = (
    r"(?:\d{1,3}(?:,\d{3})*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|a\sfew|several|a\scouple\sof)"
)
#: A stretch of time: "12 months", "two years", "three decades" (OntoNotes DATE).
DURATION = re.compile(
    r"(?=[\dotfsea])(?<![\w.,-])"
    + _COUNT_STARTS
    + _COUNT
    + r"[\s-](?:days|weeks|months|years|decades|day|week|month|year)"
    r"(?![\w-])(?![\s-]old\b)"
)
#: A time of day or a stretch of hours: "10 a.m.", "14:30 GMT", "45 minutes" (OntoNotes TIME).
TIME = re.compile(
    r"(?=[\dotfsea])(?<![\w.:])"
    + _COUNT_STARTS
    + r"(?:\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)"
    r"(?:\s(?:GMT|UTC|BST|CET|EST|EDT|PST|local\stime))?"
    r"|[012]?\d:[0-5]\d(?:\s(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|local\stime)\b)?"
    r"|" + _COUNT + r"[\s-](?:minutes|hours|seconds)\b)"
)

#: Words before a bare month or year that make it a date ("in June", "since 2014").
_DATE_CUES = frozenset(
    {
        "in",
        "since",
        "until",
        "till",
        "by",
        "from",
        "of",
        "last",
        "next",
        "early",
        "late",
        "mid",
        "this",
        "during",
        "before",
        "after",
        "on",
        "through",
        "between",
        "and",
        "to",
        "throughout",
        "end",
        "beginning",
    }
)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def money_id(m: re.Match[str]) -> str:
    if m.group("vague"):
        return "money:" + slug(m.group("vague"))
    if m.group("sym"):
        cur, n, s = _SYMBOL.get(m.group("sym"), "XXX"), m.group("n1"), m.group("s1")
    elif m.group("code"):
        cur, n, s = m.group("code"), m.group("n2"), m.group("s2")
    else:
        word = m.group("cur").split()[-1]
        cur, n, s = _CURRENCY_WORD.get(word, "XXX"), m.group("n3"), m.group("s3")
    value = _number(n) * _WORD_SCALE.get((s or "").lower(), 1.0)
    amount = f"{value:.0f}" if value >= 1 else f"{value:g}"
    return f"money:{cur.lower()}-{amount}"


def money_name(m: re.Match[str]) -> str:
    return m.group(0)


def find_money(
    text: str, segs: list[tuple[int, int]] | None = None
) -> Iterator[tuple[int, int, str]]:
    for m in finditer_in(MONEY, text, segs if segs is not None else [(0, len(text))]):
        yield m.start(), m.end(), money_id(m)


_DIGITS = re.compile(r"\d+")


def date_id(m: re.Match[str]) -> str | None:
    """An ISO-like id where the text pins a date down, else a slug of the words."""
    g = m.group
    if g("iso"):
        return "date:" + g("iso")
    if g("md") or g("dm"):
        month = _MONTHS.get((g("md") or g("dmm")).rstrip(".").lower(), 0)
        day = _DIGITS.match(g("mdd") or g("dm"))
        year = g("mdy") or g("dmy")
        d = int(day.group(0)) if day else 0
        if month and 1 <= d <= 31:
            return f"date:{year + '-' if year else ''}{month:02d}-{d:02d}"
    if g("lm") or g("season"):
        return None
    if g("my"):
        month = _MONTHS.get(g("my").rstrip(".").lower(), 0)
        return f"date:{g('myy')}-{month:02d}"
    return None


def find_dates(
    text: str, segs: list[tuple[int, int]] | None = None
) -> Iterator[tuple[int, int, str]]:
    for m in finditer_in(DATE, text, segs if segs is not None else [(0, len(text))]):
        start, end = m.start(), m.end()
        if m.group("mon") or m.group("year"):
            # A bare month or year is a date after a cue word ("in June", "since 2014").
            before = text[max(0, start - 12) : start].split()
            if not before or before[-1].lower().rstrip(",") not in _DATE_CUES:
                if m.group("mon"):
                    continue
                # A year alone: only if no unit follows ("2016 troops" is a count).
                after = text[end : end + 12].lstrip()
                if after[:1].islower() or after[:1].isdigit():
                    continue
        ident = date_id(m) or "date:" + slug(m.group(0))
        yield start, end, ident


#: Each pattern above opens with a look-ahead at the characters its first token can start with:
#: a cheap test that spares the look-behind and the alternation at most positions.
_NUMERIC = re.compile(r"[\d$£€¥₴₽]+")
#: Date words, grouped by first letter (the same words, in the same order within a letter, as
#: one alternative each: a third less time, where each letter tries its few words only).
_WORDY = re.compile(
    r"M(?:onday|ar|ay)|T(?:uesday|hursday)|Wednesday|F(?:riday|eb)|S(?:aturday|unday|ep)|"
    r"J(?:an|un|ul)|A(?:pr|ug)|Oct|Nov|Dec|w(?:eek|inter)|m(?:onth|inute)|year|h(?:our|undreds)|"
    r"d(?:ecade|ays)|s(?:pring|ummer|econd)|a(?:utumn|\.m\.)|fall|tens of|p\.m\."
)


def segments(text: str) -> list[tuple[int, int]]:
    """Windows of the text around digits and date words: the only places these patterns can
    match. Cheap literal scans find them, so the slow patterns run over a few percent of it."""
    # Each scan's matches come in order and the two never overlap (digits and symbols against
    # letters), so sorting the spans orders the windows as it would their bounds.
    hits = [m.span() for m in _NUMERIC.finditer(text)]
    hits += [m.span() for m in _WORDY.finditer(text)]
    if not hits:
        return []
    hits.sort()
    out: list[tuple[int, int]] = []
    lo, hi = max(0, hits[0][0] - 40), hits[0][1] + 60
    for s, e in hits:
        s -= 40
        e += 60
        if s <= hi:
            if e > hi:
                hi = e
        else:
            out.append((lo, hi))
            lo, hi = s, e  # (s > hi >= 0 here)
    out.append((lo, hi))
    n = len(text)
    return [(s, min(e, n)) for s, e in out]


def finditer_in(
    pattern: re.Pattern[str], text: str, segs: list[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    for s, e in segs:
        yield from pattern.finditer(text, s, e)
