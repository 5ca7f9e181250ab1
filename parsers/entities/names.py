"""Entity ids: stable across documents and spellings ("Stromšíková" == "Stromsikova")."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: The id prefix for each label. NORP demonyms that name a country use the country's ``gpe:`` id.
ID_PREFIX = {
    "PERSON": "person",
    "NORP": "norp",
    "ORG": "org",
    "GPE": "gpe",
    "LOC": "loc",
    "FAC": "fac",
    "DATE": "date",
    "TIME": "time",
    "MONEY": "money",
    "QUANTITY": "quantity",
    "PERCENT": "percent",
    "WEAPON": "weapon",
    "WORK_OF_ART": "work",
}

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_FOLD_EXTRA = str.maketrans(
    {"ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "þ": "th", "œ": "oe", "’": "'"}
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without diacritics: the key two spellings of one name share."""
    if text.isascii():
        return text.lower()  # (what the steps below make of ASCII: no diacritics, no extras)
    lowered = text.lower().translate(_FOLD_EXTRA)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """``"Vladimir Putin"`` -> ``"vladimir-putin"``; ``"U.S."`` -> ``"u-s"``."""
    return _NON_ALNUM.sub("-", fold(text).replace("'", "")).strip("-") or "x"


def make_id(label: str, name: str) -> str:
    return f"{ID_PREFIX.get(label, label.lower())}:{slug(name)}"


def id_label(entity_id: str) -> str:
    """The label an id belongs to (``gpe:france`` -> ``GPE``), for grouping in the sidebar."""
    prefix = entity_id.split(":", 1)[0]
    for label, p in ID_PREFIX.items():
        if p == prefix:
            return label
    return prefix.upper()


def given_names_differ(a: str, b: str) -> bool:
    """Two full names whose given names differ ("John Smith", "Joan Smith"; "J. Smith" and
    "Joan Smith" agree): two people, whatever their surnames share. A name of one word has no
    given name to differ."""
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wb) < 2:
        return False
    x, y = fold(wa[0]).rstrip("."), fold(wb[0]).rstrip(".")
    if x == y:
        return False
    if len(x) == 1 or len(y) == 1:
        return x[:1] != y[:1]
    return True
