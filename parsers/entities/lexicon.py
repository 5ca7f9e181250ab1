"""The word lists the rules consult, read once from ``data/`` (a user can read and extend them
without touching code): heads that type a name, cue words, words that are never names.

Formats: ``words.txt`` holds ``[section]`` lists of space-separated words;
``place_heads.tsv`` is ``word<TAB>TYPE<TAB>last|first``; ``combining_forms.tsv`` is
``form<TAB>country``. ``#`` starts a comment line in each.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _read(name: str) -> str:
    return resources.files("parsers.entities").joinpath("data", name).read_text("utf-8")


@cache
def _sections() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    current: set[str] | None = None
    for raw in _read("words.txt").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = out.setdefault(line[1:-1], set())
            continue
        if current is None:
            raise ValueError(f"words.txt: a word before any [section]: {line!r}")
        current.update(line.split())
    return {k: frozenset(v) for k, v in out.items()}


def words(section: str) -> frozenset[str]:
    """One ``[section]`` of ``data/words.txt``."""
    return _sections()[section]


def _tsv(name: str) -> list[list[str]]:
    rows = []
    for raw in _read(name).splitlines():
        if raw.strip() and not raw.lstrip().startswith("#"):
            rows.append([c.strip() for c in raw.split("\t")])
    return rows


#: Last words of a company's name ("Stanmore Energy"): the name before it is the company too.
COMPANY_HEADS = words("company_heads")
ORG_HEADS = words("org_heads") | COMPANY_HEADS
#: Heads that start an organisation's name ("Ministry of Defence", "University of Oxford").
ORG_PREFIXES = words("org_prefixes")
#: Last words of events and of the subjects in an office's name: never a person's name
#: ("IISS Prague Defense Summit", "Director General for Security and Multilateral Relations").
EVENT_HEADS = words("event_heads")
#: Words that start the name of an office, not of a body: "Chief of the Defence Staff".
OFFICE_HEADS = words("office_heads")
HONORIFICS = words("honorifics")
RANK_ABBREV = words("rank_abbreviations")
SUFFIXES = words("name_suffixes")
PARTICLES = words("name_particles")
#: Function words: never the first word of a name.
FUNCTION = words("function_words")
#: Common words that start sentences or describe people; not names on their own.
STOP = FUNCTION | words("stop_words")
ROLE_BEFORE = words("role_before")
SAID_WORDS = words("said_words")
#: "talks to DuVernay", "a letter from Hammond": after these, a person more likely than a place.
TALK_WORDS = words("talk_words")
LOC_WORDS = words("place_cue_words")
#: Weaker cues: a place only after a word in lower case and with no article ("aid to Madaya",
#: "left from Tinker"; not "Tools to Fight Terrorism", "from the Teamsters").
WEAK_LOC_WORDS = words("weak_place_cue_words")
COMPASS = words("compass")
ALL_CAPS_WORDS = words("all_caps_words")
NOT_ACRONYMS = words("not_acronyms")
#: Words after "the UK" that make it act ("the UK has", "the US must"): a government.
AUX = words("auxiliaries")
ARTICLE_IDS = words("article_countries")
#: Words that make a title another office: a "Deputy Director" is not "the Director".
RANK_MODIFIERS = words("rank_modifiers")
#: Words before any title that belong to it ("Deputy Secretary of State").
TITLE_MODIFIERS = words("title_modifiers")

#: Last words that make a run a date: "Labor Day", "Christmas Eve".
DAY_HEADS = words("day_heads")
#: "Super Tuesday", "Good Friday": these before a weekday make one named day.
DAY_MODIFIERS = words("day_modifiers")
#: Endings of abstract nouns: a capitalised one names an idea, not a person or a place
#: ("Islamophobia", "Thatcherism").
ABSTRACT_SUFFIXES = tuple(sorted(words("abstract_suffixes")))

#: Days and months, lower case: never a surname ("Joe Monday").
CALENDAR = words("calendar_words")
#: Capitalised inside a long run, a headline's title case: "... Will Run Ads To ...".
HEADLINE_WORDS = words("headline_words")
#: Words before a place that name a region of it: "Western Kenya", "East Aleppo".
REGION_WORDS = words("region_words")
#: Arabic articles written apart, part of the place's name: "Ar Ramadi".
PLACE_ARTICLES = words("place_articles")

_PLACES = _tsv("place_heads.tsv")
#: "... Air Base" (FAC), "... Province" (LOC): the last word or two types a place.
LOC_HEADS = {r[0]: r[1] for r in _PLACES if r[2] == "last"}
#: "Mount ...", "Camp ...": the first word types a place.
LOC_PREFIXES = {r[0]: r[1] for r in _PLACES if r[2] == "first"}
#: Combining forms before a hyphen ("Franco-Italian", "Sino-Russian"): the country's NORP.
COMBINING = {r[0]: r[1] for r in _tsv("combining_forms.tsv")}
