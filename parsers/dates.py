"""Dates as news pages write them, normalised to ISO ``YYYY-MM-DD``.

"2025-09-06", "Sept. 6, 2025", "September 6th, 2025", "6 September 2025", "06.09.2025",
"9/6/2025" when unambiguous. Used for document dates (datelines, front matter, "Published" lines).
"""

from __future__ import annotations

import datetime as _dt
import re

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MONTH = (
    r"(?P<{name}>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?"
)
_DAY = r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{name}>(?:19|20)\d\d)"

DATE_PATTERN = (
    r"(?:"
    + rf"{_YEAR.format(name='y1')}-(?P<m1>[01]?\d)-(?P<d1>[0-3]?\d)(?![\d])"
    + rf"|{_YEAR.format(name='y2')}/(?P<m2>[01]?\d)/(?P<d2>[0-3]?\d)(?![\d])"
    + rf"|{_MONTH.format(name='mon3')}\s+{_DAY.format(name='d3')},?\s+{_YEAR.format(name='y3')}"
    + rf"|{_DAY.format(name='d4')}\s+(?:of\s+)?{_MONTH.format(name='mon4')},?\s+"
    + _YEAR.format(name="y4")
    + rf"|(?P<d5>[0-3]?\d)\.(?P<m5>[01]?\d)\.{_YEAR.format(name='y5')}"
    + rf"|(?P<a6>[01]?\d|[0-3]\d)/(?P<b6>[0-3]?\d)/{_YEAR.format(name='y6')}"
    + r")"
)
DATE_RE = re.compile(rf"(?<![\w/.-]){DATE_PATTERN}(?![\w])", re.IGNORECASE)


def date_from_match(m: re.Match[str]) -> str | None:
    """ISO date for a :data:`DATE_RE` match, or None when it names no real day."""
    g = m.groupdict()
    try:
        if g["y1"]:
            y, mo, d = int(g["y1"]), int(g["m1"]), int(g["d1"])
        elif g["y2"]:
            y, mo, d = int(g["y2"]), int(g["m2"]), int(g["d2"])
        elif g["y3"]:
            y, mo, d = int(g["y3"]), MONTHS[g["mon3"].lower()], int(g["d3"])
        elif g["y4"]:
            y, mo, d = int(g["y4"]), MONTHS[g["mon4"].lower()], int(g["d4"])
        elif g["y5"]:
            y, mo, d = int(g["y5"]), int(g["m5"]), int(g["d5"])
        else:
            y, a, b = int(g["y6"]), int(g["a6"]), int(g["b6"])
            if a > 12 >= b:
                mo, d = b, a
            elif b > 12 >= a:
                mo, d = a, b
            else:
                return None  # 06/09/2025: June or September? Do not guess.
        return _dt.date(y, mo, d).isoformat()
    except (ValueError, KeyError):
        return None


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO, or None; a bare ISO value is returned as is."""
    m = DATE_RE.search(text)
    return date_from_match(m) if m else None
