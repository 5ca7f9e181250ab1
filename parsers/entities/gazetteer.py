"""Curated name lists (``data/*.tsv``) compiled into one Aho-Corasick automaton.

Why an automaton: one pass over the text finds every listed name at C speed, however long
the lists grow. Matching is case-sensitive ("US" the country, never "us"); word boundaries and
context checks are left to :mod:`parsers.entities.extract`.

User gazetteer format (the same as ``data/organisations.tsv``): one entry a line,
tab-separated, ``#`` starts a comment::

    TYPE<TAB>Canonical name<TAB>alias|alias|...<TAB>flags

``TYPE`` is one of PERSON NORP ORG GPE LOC FAC WEAPON. Aliases and flags are optional. Flags
(comma-separated): ``ctx`` = only in a military context (for names that are ordinary words too);
``id=<id>`` = use this id instead of one made from the name (links a NORP to its country,
``id=gpe:ukraine``, or merges an alias into an existing entity).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import ahocorasick

from parsers.entities.lexicon import words
from parsers.entities.names import make_id

LABELS = frozenset(
    {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "WEAPON", "DATE", "MONEY", "EVENT"}
)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One entity and the spellings that name it."""

    type: str
    name: str
    aliases: tuple[str, ...] = ()
    flags: frozenset[str] = field(default_factory=frozenset)
    id: str | None = None

    @property
    def entity_id(self) -> str:
        return self.id or make_id(self.type, self.name)


@dataclass(frozen=True, slots=True)
class Hit:
    """What a matched spelling means."""

    type: str
    id: str
    name: str
    ctx: bool
    article: bool  # a country usually written with "the" (the UK, the United States)


def parse_gazetteer(text: str, source: str = "<gazetteer>") -> list[GazetteerEntry]:
    """Read the ``TYPE<TAB>name<TAB>aliases<TAB>flags`` format; bad lines are skipped."""
    out: list[GazetteerEntry] = []
    for raw in text.splitlines():
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < 2 or cols[0].upper() not in LABELS or not cols[1]:
            continue
        aliases = tuple(a.strip() for a in cols[2].split("|") if a.strip()) if len(cols) > 2 else ()
        flags: set[str] = set()
        ident: str | None = None
        if len(cols) > 3:
            for f in cols[3].split(","):
                f = f.strip()
                if f.startswith("id="):
                    ident = f[3:].strip() or None
                elif f:
                    flags.add(f)
        out.append(GazetteerEntry(cols[0].upper(), cols[1], aliases, frozenset(flags), ident))
    return out


def _read(name: str) -> str:
    return resources.files("parsers.entities").joinpath("data", name).read_text("utf-8")


def _countries() -> list[GazetteerEntry]:
    out: list[GazetteerEntry] = []
    for raw in _read("countries.tsv").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = [*raw.split("\t"), "", "", "", ""][:4]
        name, aliases, demonyms, cities = (c.strip() for c in cols)
        gid = make_id("GPE", name)
        al = tuple(a for a in aliases.split("|") if a)
        flags = {"article"} if name in _ARTICLE_COUNTRIES else set()
        out.append(GazetteerEntry("GPE", name, al, frozenset(flags), gid))
        dem = tuple(d for d in demonyms.split("|") if d)
        if dem:
            out.append(GazetteerEntry("NORP", name, dem, frozenset(), gid))
        for city in cities.split("|"):
            if city:
                out.append(GazetteerEntry("GPE", city))
    return out


#: Countries whose name takes "the": "the UK" acting as a government is typed ORG in context.
_ARTICLE_COUNTRIES = frozenset(
    {
        "United States",
        "United Kingdom",
        "Netherlands",
        "Philippines",
        "United Arab Emirates",
        "Czech Republic",
        "Democratic Republic of the Congo",
        "Central African Republic",
        "Dominican Republic",
    }
)


def _weapons() -> list[GazetteerEntry]:
    out: list[GazetteerEntry] = []
    for raw in _read("weapons.tsv").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = [*raw.split("\t"), "", ""][:3]
        name = cols[0].strip()
        aliases = tuple(a.strip() for a in cols[1].split("|") if a.strip())
        flags = frozenset(f.strip() for f in cols[2].split(",") if f.strip())
        out.append(GazetteerEntry("WEAPON", name, aliases, flags))
    return out


@lru_cache(maxsize=1)
def default_entries() -> tuple[GazetteerEntry, ...]:
    """Every bundled entry: countries, organisations and places, weapons."""
    org = parse_gazetteer(_read("organisations.tsv"), "organisations.tsv")
    people = parse_gazetteer(_read("people.tsv"), "people.tsv")
    return tuple(_countries() + org + people + _weapons())


def _variants(alias: str) -> Iterator[str]:
    if alias.startswith(("the ", "The ")) and alias not in ("The Hague", "The Economist"):
        alias = alias[4:]
    yield alias
    if "–" in alias:
        yield alias.replace(" – ", "-").replace("–", "-")
        yield alias.replace("–", "-")
    if "’" in alias:
        yield alias.replace("’", "'")
    if "'" in alias:
        yield alias.replace("'", "’")


#: The hit of a word that is no name but a cue another pass wants found in the same scan
#: (the kind of a work: "film", "novel"; see :mod:`parsers.entities.works`).
KIND = Hit("KIND", "", "", False, False)


class Gazetteer:
    """All spellings of all entries, matched in one pass; and the cue words (``kinds``) found
    in the same pass, yielded with the :data:`KIND` hit."""

    def __init__(self, entries: Iterable[GazetteerEntry], kinds: Iterable[str] = ()) -> None:
        self.automaton = ahocorasick.Automaton()
        self.names: dict[str, Hit] = {}
        #: Ids that "the Alliance" names in a document that names them (NATO).
        self.alliance: dict[str, str] = {}
        for e in entries:
            if "alliance" in e.flags:
                self.alliance[e.entity_id] = e.name
            hit = Hit(e.type, e.entity_id, e.name, "ctx" in e.flags, "article" in e.flags)
            spellings = (e.name, *e.aliases) if e.type != "NORP" else e.aliases
            for spelling in spellings:
                for v in _variants(spelling.strip()):
                    if v:
                        self.names[v] = hit
                        if e.type == "GPE" and v.isalpha() and len(v) > 3:
                            self.names.setdefault(v.upper(), hit)
        for key, hit in self.names.items():
            self.automaton.add_word(key, (len(key), hit))
        for word in kinds:
            if word not in self.names:
                self.automaton.add_word(word, (len(word), KIND))
        if self.names:
            self.automaton.make_automaton()
        #: Single words that are both a listed name and a given name ("Jordan", "Georgia").
        self.single_words = frozenset(k for k in self.names if k.isalpha())

    def find(self, text: str) -> Iterator[tuple[int, int, Hit]]:
        """Every listed spelling in ``text`` at word boundaries (overlaps included)."""
        if not self.names:
            return
        n = len(text)
        for end_idx, (length, hit) in self.automaton.iter(text):
            end = end_idx + 1
            start = end - length
            if start > 0:
                c = text[start - 1]
                if (
                    c.isalnum()
                    or c in "_/"
                    or (c == "." and start > 1 and text[start - 2].isalpha())
                ):
                    continue
            if end < n:
                c = text[end]
                if (
                    c.isalnum()
                    or c == "_"
                    or (c == "/" and end + 1 < n and text[end + 1].isalnum())
                ):
                    continue
            yield start, end, hit


@lru_cache(maxsize=8)
def _build(extra: tuple[GazetteerEntry, ...]) -> Gazetteer:
    return Gazetteer((*default_entries(), *extra), words("work_kinds") | words("work_naming"))


def gazetteer(extra: Iterable[GazetteerEntry] = ()) -> Gazetteer:
    """The bundled lists plus ``extra`` (a user's own entries win on a clash)."""
    return _build(tuple(extra))


@lru_cache(maxsize=1)
def titles() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(civil titles, military ranks), longest first."""
    civil: list[str] = []
    rank: list[str] = []
    for raw in _read("titles.tsv").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, _, title = raw.partition("\t")
        (civil if kind.strip() == "civil" else rank).append(title.strip())
    key = len
    return tuple(sorted(civil, key=key, reverse=True)), tuple(sorted(rank, key=key, reverse=True))


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    words: set[str] = set()
    for raw in _read("given_names.txt").splitlines():
        if raw.startswith("#"):
            continue
        words.update(raw.split())
    return frozenset(words)
