"""The rule engine: gazetteer hits, patterns, people after titles, capitalised sequences.

Order of work, each step cheap and linear in the text:

1. the automaton finds every listed name (countries, organisations, places, weapons);
2. patterns find money, percentages, quantities and dates;
3. title rules find people ("Defense Minister Pål Jonson", "Gen. Joseph Votel");
4. capitalised sequences nobody claimed are typed by their head word ("... Ministry",
   "... Air Base"), by a cue ("near X", "X said") or by a given name ("Tobias Ellwood");
5. unknown names are known by their company: places listed with a known place after a place
   cue ("near Tapa, Rakvere and Paldiski"), hometowns ("42, of Leeds"), full names beside a
   known person's; a state body joins its country ("the Ministry of Defence of Ukraine",
   "Russia's defence ministry") under one id per country and body;
6. overlaps resolve longest first; surnames and role titles resolve to the full names seen in
   the document; a few re3d-style conventions apply (an article before an organisation is part
   of it; "the UK" acting as a government and "U.S. forces" are organisations; a titled
   person's bare name nests inside the titled mention).

Offices and events ("Director General for Security", "IISS Prague Defense Summit") are never
people, whoever hands them over (see :func:`not_a_name`).

Speed (the pipeline's largest cost): patterns open with a look-ahead at their first character
(the look-behind and alternation run only where a match can start); patterns whose literal
words are absent from the text are not run; titles and roles are tried only at tokens that
start as some title starts; one-word runs skip the checks that need two words. Each shortcut
is a necessary condition of the slow path it spares, so the output is unchanged.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from operator import attrgetter

from parsers.entities.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    Hit,
    gazetteer,
    given_names,
    titles,
)
from parsers.entities.names import fold, make_id, slug
from parsers.entities.patterns import (
    DURATION,
    PERCENT,
    QUANTITY,
    TIME,
    find_dates,
    find_money,
    finditer_in,
    segments,
)
from parsers.model import Document, EntityMention

_UPPER = "".join(c for c in map(chr, range(0x2000)) if c.isupper())
_UP = "[" + re.escape(_UPPER) + "]"

#: A capitalised token: an abbreviation with dots ("U.S.", "J."), or a word that may carry
#: hyphens, slashes and apostrophes ("F-16", "SAMP/T", "O'Brien", "Stromšíková").
TOKEN = re.compile(  # the look-ahead first: a cheap test that fails at most positions
    r"(?=" + _UP + r")(?<![\w'’.])(?:(?:" + _UP + r"\.){2,}|" + _UP + r"(?:[\w]|[-'’/](?=\w))*\.?)"
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
        " on ",
        "-",
    }
)
_OF_JOINERS = frozenset({" of ", " for ", " of the ", " for the ", " on "})


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


ORG_HEADS = _words("""
Component Components Detachment Flotilla Task
Ministry Ministries Department Office Command Council Agency Agencies Force Forces Army Navy
Corps Brigade Brigades Division Regiment Battalion Group Committee Commission Institute
Institution University College School Party Front Alliance Organisation Organization Union Bank
Company Corporation Corp Inc Ltd Plc LLC Association Service Services Guard Guards Wing
Squadron Fleet Government Parliament Assembly Court Police Unit Units Centre Center Foundation
Fund Network Movement Authority Bureau Directorate Secretariat Cabinet Administration
Federation Consortium Systems Industries Technologies Aerospace Dynamics Airlines Airways Times
Post News Press Herald Journal Tribune Telegraph Agency Staff Marines Airmen Committee Caucus
Coalition League Society Trust Programme Program Team Headquarters HQ Embassy Mission Taskforce
Legion Militia Militias Mujahideen Brotherhood Jihad Junta Council Club Clubs Institute Labs
""")
#: Heads that start an organisation's name ("Ministry of Defence", "University of Oxford").
ORG_PREFIXES = _words("""
Ministry Department Office Bank University Institute Council Agency Committee Commission Court
House Embassy Government Secretariat Federation Organisation Organization Directorate Union
College School Board Chamber Academy League Congress Army Navy
""")
#: Last words of events and of the subjects in an office's name: never a person's name
#: ("IISS Prague Defense Summit", "Director General for Security and Multilateral Relations").
EVENT_HEADS = _words("""
Summit Conference Forum Dialogue Talks Meeting Congress Convention Symposium Games Olympics
Championship Cup Festival Exhibition Expo Show Week Day Year Award Prize Relations Affairs
Security Defence Defense Policy Strategy Cooperation Co-operation Development Operations
Intelligence Matters Review Report Plan Programme Program Initiative Agreement Accord Treaty
Declaration Deal Act Bill Law Resolution Protocol Charter Doctrine War Crisis Campaign
""")

LOC_HEADS = {
    "Airfield": "FAC",
    "Air Base": "FAC",
    "Airbase": "FAC",
    "Base": "FAC",
    "Dam": "FAC",
    "Airport": "FAC",
    "Bridge": "FAC",
    "Port": "FAC",
    "Harbour": "FAC",
    "Harbor": "FAC",
    "Camp": "FAC",
    "Barracks": "FAC",
    "Prison": "FAC",
    "Palace": "FAC",
    "Plant": "FAC",
    "Refinery": "FAC",
    "Hospital": "FAC",
    "Stadium": "FAC",
    "Square": "FAC",
    "Street": "FAC",
    "Road": "FAC",
    "Highway": "FAC",
    "Station": "FAC",
    "Mosque": "FAC",
    "Cathedral": "FAC",
    "Crossing": "FAC",
    "Checkpoint": "FAC",
    "Complex": "FAC",
    "Facility": "FAC",
    "Province": "LOC",
    "Governorate": "LOC",
    "District": "LOC",
    "Region": "LOC",
    "Oblast": "LOC",
    "County": "LOC",
    "City": "GPE",
    "Sea": "LOC",
    "Gulf": "LOC",
    "Strait": "LOC",
    "Straits": "LOC",
    "Island": "LOC",
    "Islands": "LOC",
    "Valley": "LOC",
    "River": "LOC",
    "Mountains": "LOC",
    "Mountain": "LOC",
    "Mount": "LOC",
    "Desert": "LOC",
    "Lake": "LOC",
    "Peninsula": "LOC",
    "Coast": "LOC",
    "Bay": "LOC",
    "Ocean": "LOC",
    "Canal": "LOC",
    "Plain": "LOC",
    "Plains": "LOC",
    "Hills": "LOC",
    "Heights": "LOC",
    "Oasis": "LOC",
}
LOC_PREFIXES = {
    "Mount": "LOC",
    "Lake": "LOC",
    "Camp": "FAC",
    "Fort": "FAC",
    "Port": "GPE",
    "Gulf": "LOC",
    "Strait": "LOC",
    "Bay": "LOC",
    "Isle": "LOC",
    "Cape": "LOC",
}

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
_ALL_CAPS_WORDS = frozenset(
    {
        "US",
        "IS",
        "WHO",
        "AP",
        "AU",
        "EC",
        "FT",
        "SIS",
        "IT",
        "AQ",
        "SCO",
        "DIA",
        "ISW",
        "RAND",
        "CFR",
        "PLA",
        "LET",
        "SDB",
        "CAMM",
    }
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
_SHIP_RE = re.compile(
    r"(?:HMS|USS|HMCS|HMAS|FS|INS|RFS|KRI|ARA|TCG)[ \t]+" + _UP + r"[\w'-]*"
    r"(?:[ \t]+(?:(?:of|de|the|du|la)[ \t]+)?" + _UP + r"[\w'-]*){0,3}"
)
#: Combining forms before a hyphen ("Franco-Italian", "Sino-Russian"): the country's NORP.
_COMBINING = {
    "Franco": "France",
    "Anglo": "United Kingdom",
    "Sino": "China",
    "Russo": "Russia",
    "Italo": "Italy",
    "Germano": "Germany",
    "Indo": "India",
    "Austro": "Austria",
    "Turco": "Turkey",
    "Greco": "Greece",
    "Hispano": "Spain",
    "Luso": "Portugal",
    "Serbo": "Serbia",
    "Nippo": "Japan",
}
#: The last letter of each form and its hyphen ("o-"): a literal scan rules most texts out.
_COMBINING_TAILS = frozenset(k[-1] + "-" for k in _COMBINING)
_COMBINING_RE = re.compile(
    r"(?=[A-Z][a-z]+-)(?<![\w-])(" + "|".join(_COMBINING) + r")-(?=" + _UP + r")"
)
#: A model number glued to a listed weapon: "-19" in "Hwasong-19", " 2A8" in "Leopard 2A8".
_VARIANT_RE = re.compile(r"(?:-[0-9][0-9A-Za-z]*|-[A-Z]{1,3}\b|[ \t][0-9]+[A-Z][0-9A-Z]*)(?![\w-])")
_AL_PREFIXES = ("al-", "el-", "ad-", "ar-", "as-", "an-", "at-", "az-")  # "ash-" has "as-"
_AL_PLACE_RE = re.compile(
    r"(?=[ae][a-z]{1,2}-)(?<![\w-])(?:al|el|ad|ar|as|an|at|az|ash)-[A-Z][a-z]+(?![\w'’-])"
)
_ALLIANCE_RE = re.compile(r"(?<![\w])[Tt]he (Alliance)(?![\w'’-])")
_HULL_RE = re.compile(r"[ \t]*\(([A-Z]{1,4}[ -]?\d{1,4})\)")
#: The heads _UNIT_RE ends in ("Force" covers "Forces"); a test keeps the two in step.
_UNIT_HEADS = (
    "Battalion",
    "Brigade",
    "Division",
    "Regiment",
    "Fleet",
    "Group",
    "Wing",
    "Squadron",
    "Corps",
    "Army",
    "Company",
    "Battery",
    "Command",
    "Force",
    "Unit",
    "Flotilla",
    "Detachment",
)
_UNIT_RE = re.compile(
    r"(?=\d)(?<![\w])\d+(?:st|nd|rd|th)[ \t]+(?:" + _UP + r"[\w-]*[ \t]+){0,5}?"
    r"(?:Battalion|Brigade|"
    r"Division|Regiment|Fleet|Group|Wing|Squadron|Corps|Army|Company|Battery|Command|Force|"
    r"Forces|Unit|Flotilla|Detachment)\b"
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
_NICKNAME = re.compile(r" [\"“'‘]" + _UP + r"[\w.' -]{0,15}[\"”'’] ")
_PARTY_TOKEN = re.compile(r"[RDI]-[A-Z]{1,2}")
#: "Jane Roe, who ...": "who" follows people, "which" organisations and places.
_WHO = re.compile(r",[ \t]+who(?:se|m)?\b")
_ROLE_BEFORE = _words("""
spokesman spokeswoman spokesperson minister secretary president commander envoy ambassador
leader chief analyst researcher professor director chairman chairwoman lawmaker senator
governor mayor general colonel admiral captain lieutenant sergeant dr mr mrs ms
""")
SINGLE_PERSON = re.compile(
    r"[ \t]+(?:(?:special|military|navy|army|air force|coalition)[ \t]+)?(?:service ?member|"
    r"soldier|serviceman|servicewoman|sailor|marine|airman|pilot|officer|official|diplomat|"
    r"contractor|journalist|citizen|national|hostage|veteran)\b(?!-)"
)
REGIME = re.compile(r"[ \t]+(?:regime|government|administration)\b")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]*(?:-[A-Z0-9]+)*s?$")
_NOT_ACRONYMS = frozenset(
    {
        "I",
        "A",
        "OK",
        "TV",
        "PM",
        "AM",
        "GMT",
        "UTC",
        "CEO",
        "II",
        "III",
        "IV",
        "VI",
        "VII",
        "VIII",
        "IX",
        "XI",
        "XII",
        "PDF",
        "URL",
        "FAQ",
        "Q",
        "NB",
        "PS",
        "BST",
        "CET",
        "EST",
        "EDT",
        "PST",
        "UPDATE",
        "NEW",
        "BREAKING",
        "AND",
        "THE",
        "OF",
        "IN",
        "TO",
        "FOR",
        "ON",
        "BY",
        "GDP",
        "GNP",
        "CFO",
        "COO",
        "AI",
        "IT",
        "ID",
        "PR",
        "PhD",
        "MP",
        "MPs",
        "MEP",
        "MEPs",
        "USD",
        "EUR",
        "GBP",
        "COVID",
        "COVID-19",
        "HIV",
        "AIDS",
        "DNA",
        "CCTV",
        "VIP",
        "FYI",
        "ETA",
        "LIVE",
        "WATCH",
        "READ",
        "NOTE",
        "EXCLUSIVE",
        "ANALYSIS",
        "OPINION",
        "PHOTO",
        "VIDEO",
        "MBA",
        "BA",
        "MA",
        "MSc",
        "LLB",
        "OBE",
        "MBE",
        "CBE",
        "KBE",
        "QC",
        "KC",
        "TBC",
        "TBA",
        "ASAP",
        "RIP",
        "OMG",
        "LOL",
    }
)


#: Function words: never the first word of a name.
_FUNCTION = _words("""
a an the this that these those there here it its it's he she we they i you his her their our my
your him them us me who whom whose which what when where why how all any both each every few
more most other some such no nor not only own same so than too very can will just should now
and but or if while as at by for from in into of off on onto out over to under up with about
after again against before below between during through until above also although because
however meanwhile moreover therefore thus yet still already even though since once instead
according among amid despite including regarding following given many much several one two
three four five six seven eight nine ten first second third last next new another today
yesterday tomorrow tonight then later earlier recently currently finally furthermore
additionally indeed perhaps please thank thanks yes dear near nearly across around outside
inside within without along toward towards upon do does did is are was were be been has have
had may might must would could shall
""")
#: Common words that start sentences or describe people; not names on their own.
_STOP = _FUNCTION | _words("""
mr mrs ms dr sir madam speaking asked told said says say photo image video read watch see god
update updated editor's note source sources report reports officials analysts experts people
critics western eastern northern southern central local national international global foreign
military defence defense security state government public private senior former acting chief
deputy head general major minister president secretary director commander spokesman
spokesperson ambassador prime soldiers troops forces ministers leaders allies partners
statement press release news
""")

_PRONOUNS = frozenset(
    {
        "i",
        "me",
        "he",
        "him",
        "she",
        "her",
        "we",
        "us",
        "they",
        "them",
        "you",
        "it",
        "who",
        "one",
        "this",
        "that",
        "his",
        "their",
        "our",
    }
)


@dataclass(slots=True)
class Cand:
    start: int
    end: int
    type: str
    id: str
    name: str
    prio: int  # higher wins among equal lengths
    listed: bool = False  # a gazetteer name: a fixed name, nothing nests inside it
    name_start: int = -1  # where the name begins in a titled person mention


def _title_regex() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    """The title pattern, the ranks, and the first two characters of every title (a set
    lookup that rules out most tokens before the long alternation is tried)."""
    civil, rank = titles()
    alts = sorted((*civil, *rank), key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w.])(?:"
        + "|".join(re.escape(t) for t in alts)
        + r")(?=[ \t\u200e\u200f]+"
        + _UP
        + r")"
    )
    heads = {t[:2] for t in alts}
    for t in alts:
        if len(t) < 2:  # a one-letter title: the space the pattern wants after it
            heads.update(t + c for c in " \t\u200e\u200f")
    return pattern, frozenset(rank), frozenset(heads)


_TITLE_RE, _RANKS, _TITLE_HEADS = _title_regex()
_HONORIFICS = frozenset(
    {
        "Mr",
        "Mr.",
        "Mrs",
        "Mrs.",
        "Ms",
        "Ms.",
        "Dr",
        "Dr.",
        "Sir",
        "Dame",
        "Lord",
        "Lady",
        "King",
        "Queen",
        "Prince",
        "Princess",
        "Sheikh",
        "Emir",
        "Sultan",
        "Pope",
        "Baroness",
        "Judge",
        "Justice",
        "Prof.",
        "Professor",
    }
)
#: First and last words of offices ("Director General", "Defence Secretary"): a run that
#: starts or ends with one is a title, not a name ("Director General for Security").
OFFICE_FIRST = frozenset(t.split()[0] for t in titles()[0] if t[0].isupper()) - _HONORIFICS
OFFICE_LAST = (
    frozenset(t.split()[-1] for t in (*titles()[0], *titles()[1]) if t[0].isupper())
    - _HONORIFICS
    - {"Europe", "Africa", "East", "State", "Forces", "War"}
)


#: Words that start the name of an office, not of a body: "Chief of the Defence Staff".
_OFFICE_HEADS = _words("""
Chief Director Secretary Minister Commander Head President Chairman Chairwoman Chair Governor
Ambassador Envoy Spokesman Spokesperson Spokeswoman Undersecretary Commissioner Mayor Speaker
Representative Adviser Advisor Inspector Chancellor
""")


def not_a_name(words: list[str]) -> bool:
    """A run of capitalised words that names an office, an event or a body, never a person."""
    return bool(words) and (
        words[0] in OFFICE_FIRST
        or words[-1] in OFFICE_LAST
        or words[-1] in EVENT_HEADS
        or words[-1] in ORG_HEADS
    )


_CIVIL = frozenset(titles()[0])
_ROLE_TITLES = [
    t
    for t in sorted(titles()[0], key=len, reverse=True)
    if t[0].isupper()
    and not t.endswith(".")
    and t not in ("Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Lord", "Lady")
]
_ROLE_RE = re.compile(
    r"(?P<role>(?:"
    + _UP
    + r"[\w.-]*[ \t]+)?(?:"
    + "|".join(re.escape(t) for t in _ROLE_TITLES)
    + r"))(?![\w-])"
)
#: A role's title starts at the token or after its first word: the first two characters of
#: every title, and that first word, let a set lookup rule out most tokens before _ROLE_RE.
_ROLE_HEADS = frozenset(t[:2] for t in _ROLE_TITLES)
_ROLE_WORD = re.compile(_UP + r"[\w.-]*[ \t]+")


def _is_sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"“‘'([*#>-–—•":
        i -= 1
    return i < 0 or text[i] in "\n.!?:;…"


_LOC_WORDS = frozenset(
    {"in", "near", "at", "outside", "around", "across", "into", "towards", "toward"}
)
#: Weaker cues: a place only after a word in lower case and with no article ("aid to Madaya",
#: "left from Tinker"; not "Tools to Fight Terrorism", "from the Teamsters").
_WEAK_LOC_WORDS = frozenset({"to", "from"})
#: "talks to DuVernay", "a letter from Hammond": after these, a person more likely than a place.
_TALK_WORDS = _words("""
talk talks talked talking speak speaks spoke speaking said says say write writes wrote
written reply replies replied respond responds responded according listen listens listened
letter letters call calls called message messages email emails answer answered married
belonged belongs belong far sold
""")
_COMPASS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
)
_SAID_WORDS = frozenset({"said", "says", "told", "added", "wrote", "stated", "asked"})


_SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})


def _namey(word: str, i: int, n: int) -> bool:
    """Could this word be part of a person's name? ("H." and "IV" in "Charles H. Keating IV")."""
    if not word[:1].isupper():
        return False
    if len(word) == 2 and word[1] == "." and 0 < i < n - 1:
        return True  # a middle initial
    if i == n - 1 and i > 0 and word in _SUFFIXES:
        return True
    return not word.isupper() and (word.isalpha() or "-" in word or "'" in word or "’" in word)


def _loc_cue(before: str) -> bool:
    """Does the text before end in a place cue ("near", "in the", "north of")?"""
    raw = before.split()[-3:]
    words = [w.lower() for w in raw]
    if len(raw) >= 2 and raw[-1] in _WEAK_LOC_WORDS and before[-1:] in " \t":
        return raw[-2].islower() and raw[-2].isalpha() and raw[-2] not in _TALK_WORDS
    if words and words[-1] == "the":
        words.pop()
    if not words:
        return False
    if words[-1] == "of":
        return len(words) > 1 and (words[-2] in _COMPASS or words[-2] == "out")
    return words[-1] in _LOC_WORDS and before[-1:] in " \t"


def _role_before(before: str) -> bool:
    """ "... said spokesman" + name: a lower-case role word right before a name."""
    if before[-1:] not in " \t":
        return False
    words = before.split()[-1:]
    return bool(words) and words[0] in _ROLE_BEFORE


def _said_before(before: str) -> bool:
    words = before.split()[-2:]
    if not words or before[-1:] not in " \t":
        return False
    return words[-1] in _SAID_WORDS or words == ["according", "to"]


def _article(text: str, start: int) -> int | None:
    """Where "the " right before ``start`` begins, if it is there."""
    if (
        start >= 4
        and text[start - 4 : start] in ("the ", "The ")
        and (start == 4 or not text[start - 5].isalnum())
    ):
        return start - 4
    return None


def _has_lowercase_nearby(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 40) : start] + text[end : end + 40]
    return any(c.islower() for c in window)


def _military_context(text: str, start: int, end: int) -> bool:
    return _MILITARY.search(text, max(0, start - 80), min(len(text), end + 80)) is not None


class _LowerWords:
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


class Extractor:
    """Finds entity mentions in one document's text."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.given = given_names()

    # -- candidates ----------------------------------------------------------------------

    def gazetteer_cands(self, text: str) -> list[Cand]:
        out: list[Cand] = []
        confirmed: set[str] = set()
        pending: list[tuple[int, int, Hit]] = []
        for start, end, hit in self.gaz.find(text):
            surface = text[start:end]
            if surface in _ALL_CAPS_WORDS and not _has_lowercase_nearby(text, start, end):
                continue  # a shouted headline: "LET US PRAY"
            if hit.ctx:
                before = text[max(0, start - 8) : start].lower().split()
                if before and before[-1] in ("a", "an", "every", "true", "proud"):
                    continue  # "a patriot"
                if not _military_context(text, start, end):
                    pending.append((start, end, hit))
                    continue
                confirmed.add(hit.id)
            if (
                hit.type == "WEAPON"
                and (v := _VARIANT_RE.match(text, end)) is not None
                and text[start : v.end()] not in self.gaz.names
            ):
                # "Hwasong-19", "Leopard 2A8": a model the list does not name is its own.
                name = text[start : v.end()]
                out.append(Cand(start, v.end(), "WEAPON", make_id("WEAPON", name), name, 2, True))
                continue
            out.append(Cand(start, end, hit.type, hit.id, hit.name, 2, True))
        for start, end, hit in pending:  # "Patriot" once confirmed in the document
            if hit.id in confirmed:
                out.append(Cand(start, end, hit.type, hit.id, hit.name, 2, True))
        return out

    def pattern_cands(self, text: str) -> list[Cand]:
        segs = segments(text)
        out = [Cand(s, e, "MONEY", i, text[s:e], 4) for s, e, i in find_money(text, segs)]
        out += [Cand(s, e, "DATE", i, text[s:e], 3) for s, e, i in find_dates(text, segs)]
        for m in finditer_in(DURATION, text, segs):
            out.append(Cand(m.start(), m.end(), "DATE", "date:" + slug(m.group()), m.group(), 2))
        for m in finditer_in(TIME, text, segs):
            out.append(Cand(m.start(), m.end(), "TIME", "time:" + slug(m.group()), m.group(), 3))
        percent = "%" in text or "percent" in text or "per cent" in text
        for m in finditer_in(PERCENT, text, segs if percent else []):
            out.append(
                Cand(m.start(), m.end(), "PERCENT", "percent:" + slug(m.group()), m.group(), 3)
            )
        for m in finditer_in(QUANTITY, text, segs):
            out.append(
                Cand(m.start(), m.end(), "QUANTITY", "quantity:" + slug(m.group()), m.group(), 3)
            )
        unit = any(h in text for h in _UNIT_HEADS)  # a literal scan rules most texts out
        for m in finditer_in(_UNIT_RE, text, segs if unit else []):
            out.append(Cand(m.start(), m.end(), "ORG", make_id("ORG", m.group()), m.group(), 4))
        al_place = any(p in text for p in _AL_PREFIXES)  # a literal scan rules most out
        for m in _AL_PLACE_RE.finditer(text) if al_place else ():
            # "in al-Hilla", "near al-Qaim": an Arabic place name after a place cue.
            if _loc_cue(text[max(0, m.start() - 40) : m.start()]):
                name = m.group()
                out.append(Cand(m.start(), m.end(), "GPE", make_id("GPE", name), name, 0))
        combining = any(t in text for t in _COMBINING_TAILS)
        for m in _COMBINING_RE.finditer(text) if combining else ():
            country = _COMBINING[m.group(1)]
            out.append(Cand(m.start(1), m.end(1), "NORP", make_id("GPE", country), country, 1))
        for m in _SHIP_RE.finditer(text):
            s, e = m.start(), m.end()
            if s > 0 and text[s - 1].isalnum():
                continue
            while e > s and text[e - 1] in " \t":
                e -= 1
            ship = Cand(s, e, "WEAPON", "weapon:" + slug(text[s:e]), text[s:e], 4)
            out.append(ship)
            hull = _HULL_RE.match(text, e)  # "USS Mahan (DDG 72)": the hull number names it too
            if hull is not None:
                out.append(Cand(hull.start(1), hull.end(1), "WEAPON", ship.id, ship.name, 4))
        return out

    # -- capitalised sequences -----------------------------------------------------------

    def sequences(self, text: str) -> list[list[tuple[int, int, bool]]]:
        """Runs of capitalised tokens: [(start, end, possessive)], joined by _JOINERS."""
        seqs: list[list[tuple[int, int, bool]]] = []
        cur: list[tuple[int, int, bool]] = []
        of_used = False
        prev_e, prev_poss = 0, False  # cur[-1]'s end and possessive, kept at hand
        joiners, of_joiners = _JOINERS, _OF_JOINERS
        for m in TOKEN.finditer(text):
            s, e = m.span()
            tok = m.group()
            if tok.endswith(".") and not (
                len(tok) <= 3 or tok.count(".") > 1 or tok[:-1] in _RANK_ABBREV
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

    def person_title_cands(
        self, text: str, tokens_at: dict[int, int], token_list: list[tuple[int, int, bool]]
    ) -> list[Cand]:
        out: list[Cand] = []
        for ts, _te, _p in token_list:
            if text[ts : ts + 2] not in _TITLE_HEADS:
                continue
            m = _TITLE_RE.match(text, ts)
            if m is None:
                continue
            title = m.group(0)
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
                        and _NICKNAME.match(text, name_toks[-1][1])
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
                    ) and not _NICKNAME.fullmatch(gap):
                        break
                if (
                    word in self.gaz.names
                    and self.gaz.names[word].type != "PERSON"
                    and not name_toks
                    and word not in self.given
                ):
                    break  # "President Trump" yes; "Minister Ukraine" no
                if not name_toks and (
                    (title not in _RANKS and (word in _RANKS or word.rstrip(".") in _RANK_ABBREV))
                    or word in ("Sir", "Dame", "Lord", "Lady", "Dr", "Dr.")
                ):
                    # "Chief of Staff Gen. Randy George", "Admiral Sir Tony Radakin": a rank or
                    # an honorific after the title is no name.
                    k += 1
                    continue
                if fold(word) in _STOP and not name_toks:
                    break
                name_toks.append((s, e, poss))
                k += 1
                if poss:
                    break
            if not name_toks:
                continue
            # Drop a trailing listed non-person ("Gen. Votel Iraq").
            while (
                len(name_toks) > 1
                and self.gaz.names.get(text[name_toks[-1][0] : name_toks[-1][1]], _PERSON_HIT).type
                != "PERSON"
            ):
                name_toks.pop()
            ns, ne = name_toks[0][0], name_toks[-1][1]
            name = _NICKNAME.sub(" ", text[ns:ne])  # "Richard \"Tex\" Coe" is Richard Coe
            if len(name_toks) == 1 and len(name) <= 1:
                continue
            start = m.start()
            listed = self.gaz.names.get(name)
            if listed is not None and listed.type == "PERSON":
                # "President Trump": the listed person, whatever part of the name is written.
                out.append(Cand(start, ne, "PERSON", listed.id, listed.name, 5, False, ns))
            else:
                out.append(Cand(start, ne, "PERSON", make_id("PERSON", name), name, 5, False, ns))
        return out

    def _split_of(
        self,
        text: str,
        toks: list[tuple[int, int, bool]],
        words: list[str],
        lowered: _LowerWords,
        whole: bool,
    ) -> Cand | None:
        """ "Hofstra University on Long Island", "Lester Holt of NBC News": two names joined by
        "of"/"on", each complete, are two, not one typed by the last word."""
        if len(toks) < 4:
            return None  # each side needs two words
        k = next(
            (i for i in range(1, len(toks)) if text[toks[i - 1][1] : toks[i][0]] in _OF_JOINERS), 0
        )
        if k < 2 or len(toks) - k < 2:
            return None
        left, right = words[:k], words[k:]

        def headed(ws: list[str]) -> bool:
            return ws[-1] in ORG_HEADS or ws[-1] in LOC_HEADS or " ".join(ws[-2:]) in LOC_HEADS

        if not headed(right) or left[0] in ORG_PREFIXES or left[0] in LOC_PREFIXES:
            return None
        if headed(left):
            part = toks[:k]
        elif all(_namey(w, i, k) for i, w in enumerate(left)):
            part = toks[k:]
        else:
            return None
        return self.classify(text, part, lowered, whole)

    def classify(
        self, text: str, toks: list[tuple[int, int, bool]], lowered: _LowerWords, whole: bool
    ) -> Cand | None:
        """Type an unclaimed run of capitalised tokens, or None to leave it."""
        if not whole and len(toks) == 1 and text[toks[0][0] : toks[0][1]] != "Coalition":
            return None  # one word inside a whole run: only a lone head names a body
        # Trim a sentence-initial common word ("However", "Officials") and edge joiners.
        while toks:
            s, e, _ = toks[0]
            w = text[s:e]
            lw = fold(w)
            if lw in _FUNCTION or (
                _is_sentence_start(text, s) and not w.isupper() and (lw in lowered or lw in _STOP)
            ):
                toks = toks[1:]
                continue
            break
        if not toks:
            return None
        s0, e_last = toks[0][0], toks[-1][1]
        surface = text[s0:e_last]
        n = len(toks)
        if n == 1:
            # One word: of the headed names below, only a lone "Coalition" names a body.
            if surface == "Coalition" and surface in ORG_HEADS:
                return Cand(s0, e_last, "ORG", make_id("ORG", surface), surface, 1)
            if not whole:
                return None
            words = [surface]
            first = last = surface
        else:
            words = [text[s:e] for s, e, _ in toks]
            first, last = words[0], words[-1]
            # Headed names; an office is none ("Chief of the Defence Staff").
            if first in _OFFICE_HEADS and text[toks[0][1] : toks[1][0]] in _OF_JOINERS:
                return None
            split = self._split_of(text, toks, words, lowered, whole)
            if split is not None:
                return split
            if any(text[a[1] : b[0]] == " & " for a, b in pairwise(toks)):
                # "Bailey & Glasser", "Johnson & Johnson": a firm.
                return Cand(s0, e_last, "ORG", make_id("ORG", surface), surface, 1)
            if last in ORG_HEADS:
                return Cand(s0, e_last, "ORG", make_id("ORG", surface), surface, 1)
            if first in ORG_PREFIXES and text[toks[0][1] : toks[1][0]] in _OF_JOINERS:
                return Cand(s0, e_last, "ORG", make_id("ORG", surface), surface, 1)
            if first in ("Operation", "Exercise"):
                return Cand(s0, e_last, "ORG", make_id("ORG", surface), surface, 1)
            two = " ".join(words[-2:])
            if two in LOC_HEADS or last in LOC_HEADS:
                t = LOC_HEADS.get(two) or LOC_HEADS[last]
                return Cand(s0, e_last, t, make_id(t, surface), surface, 1)
            if first in LOC_PREFIXES:
                t = LOC_PREFIXES[first]
                return Cand(s0, e_last, t, make_id(t, surface), surface, 1)
        before = text[max(0, s0 - 40) : s0]
        after = text[e_last : e_last + 40]
        if not whole:
            # "said Chad Bown", "Jordan Hale, a lawyer": a country that is a given name too,
            # before an unlisted surname, with a person's cue.
            if (
                n == 2
                and first in self.given
                and first in self.gaz.names
                and last not in self.gaz.names
                and _namey(last, 1, 2)
                and not not_a_name(words)
                and last not in LOC_HEADS
                and fold(last) not in lowered
                and (
                    SPEECH.match(after)
                    or _said_before(before)
                    or _role_before(before)
                    or APPOSITIVE.match(after)
                )
            ):
                return Cand(s0, e_last, "PERSON", make_id("PERSON", surface), surface, 3)
            # "Michael Jordan": a given name before a listed word makes a person.
            for i in range(n - 1):
                w0, rest = words[i], words[i + 1 : i + 4]
                if (
                    w0 in self.given
                    and w0 not in self.gaz.names
                    and all(
                        w[:1].isupper() and not w.isupper() and fold(w) not in _STOP for w in rest
                    )
                    and all(
                        self.gaz.names.get(w, _PERSON_HIT).type in ("PERSON", "GPE", "LOC")
                        or w in self.given
                        for w in rest
                    )
                    and any(w in self.gaz.names for w in rest)
                ):
                    ps, pe = toks[i][0], toks[i + len(rest)][1]
                    name = text[ps:pe]
                    return Cand(ps, pe, "PERSON", make_id("PERSON", name), name, 3)
            return None
        if surface in self.gaz.names:
            return None  # a listed name refused by its own checks
        # People: "X said", "said X", a given name.
        is_namey = all(_namey(w, i, n) for i, w in enumerate(words)) and not not_a_name(words)
        if (
            is_namey
            and n <= 4
            and (
                SPEECH.match(after)
                or _said_before(before)
                or (
                    n <= 3
                    and (
                        _role_before(before)
                        or PARTY.match(after)
                        or (n >= 2 and (APPOSITIVE.match(after) or _WHO.match(after)))
                    )
                )
            )
        ):
            return Cand(s0, e_last, "PERSON", make_id("PERSON", surface), surface, 1)
        if (
            is_namey
            and 2 <= n <= 4
            and (first in self.given or (n == 2 and first in ("Abu", "Umm")))
        ):
            return Cand(s0, e_last, "PERSON", make_id("PERSON", surface), surface, 1)
        if n == 1 and _ACRONYM.match(first) and first not in _NOT_ACRONYMS and len(first) >= 2:
            # "THEY LOSE, WE WIN": a shouted word written in lower case elsewhere is a word;
            # "(R-S.C.)" a party and a state.
            if (
                _has_lowercase_nearby(text, s0, e_last)
                and fold(first) not in lowered
                and not _PARTY_TOKEN.fullmatch(first)
            ):
                return Cand(s0, e_last, "ORG", make_id("ORG", first), first, 1)
            return None
        if (
            is_namey
            and n <= 3
            and _loc_cue(before)
            and not _is_sentence_start(text, s0)
            and not any(fold(w) in _STOP for w in words)
        ):
            return Cand(s0, e_last, "GPE", make_id("GPE", surface), surface, 0)
        return None


_PERSON_HIT = Hit("PERSON", "", "", False, False)
_RANK_ABBREV = frozenset(
    {
        "Gen",
        "Lt",
        "Col",
        "Maj",
        "Capt",
        "Sgt",
        "Brig",
        "Adm",
        "Cmdr",
        "Cpl",
        "Pvt",
        "Pfc",
        "Spc",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Sen",
        "Rep",
        "Gov",
        "Prof",
        "St",
        "Amb",
        "Tech",
        "Lt Col",
        "Vice Adm",
    }
)


_START = attrgetter("start")


def _resolve(cands: list[Cand]) -> list[Cand]:
    """Longest first, then priority; the survivors do not overlap."""
    cands.sort(key=lambda c: (-(c.end - c.start), -c.prio, c.start))
    taken: list[tuple[int, int]] = []
    out: list[Cand] = []
    for c in cands:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        out.append(c)
    out.sort(key=_START)
    return out


def _resolve_fast(cands: list[Cand], n: int) -> list[Cand]:
    """As :func:`_resolve` with an occupancy array (linear in the text, not quadratic)."""
    cands.sort(key=lambda c: (-(c.end - c.start), -c.prio, c.start))
    used = bytearray(n + 1)
    out: list[Cand] = []
    for c in cands:
        if c.end <= c.start or used.find(1, c.start, c.end) >= 0:
            continue
        used[c.start : c.end] = b"\x01" * (c.end - c.start)
        out.append(c)
    out.sort(key=_START)
    return out


def extract(doc: Document, extra: Iterable[GazetteerEntry] = ()) -> list[EntityMention]:
    # Many small objects, no cycles: the cyclic collector only costs time here (3x on a
    # 5 MB document, where it rescans the growing heap again and again).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _extract(doc, extra)
    finally:
        if was_enabled:
            gc.enable()


def _extract(doc: Document, extra: Iterable[GazetteerEntry]) -> list[EntityMention]:
    text = doc.text
    if not text.strip():
        return []
    gaz = gazetteer(tuple(extra))
    ex = Extractor(gaz)
    lowered = _LowerWords(text)

    cands = ex.gazetteer_cands(text)
    cands += ex.pattern_cands(text)
    token_list: list[tuple[int, int, bool]] = []
    seqs = ex.sequences(text)
    for seq in seqs:
        token_list.extend(seq)
    tokens_at = {s: i for i, (s, _e, _p) in enumerate(token_list)}
    cands += ex.person_title_cands(text, tokens_at, token_list)

    # Headed names over a whole run beat the listed names inside them ("Jordan Armed Forces").
    for seq in seqs:
        if len(seq) == 1 and text[seq[0][0] : seq[0][1]] != "Coalition":
            continue  # what classify would say at once, without the call
        c = ex.classify(text, seq, lowered, whole=False)
        if c is not None:
            cands.append(c)
    chosen = _resolve_fast(cands, len(text))

    # Runs nobody claimed.
    used = bytearray(len(text) + 1)
    for c in chosen:
        used[c.start : c.end] = b"\x01" * (c.end - c.start)
    extras: list[Cand] = []
    leftover: list[list[tuple[int, int, bool]]] = []
    runs: list[list[tuple[int, int, bool]]] = []
    for seq in seqs:
        run: list[tuple[int, int, bool]] = []
        for tok in seq:
            if used.find(1, tok[0], tok[1]) >= 0:
                if run:
                    runs.append(run)
                    run = []
            else:
                run.append(tok)
        if run:
            runs.append(run)
    for run in runs:
        c = ex.classify(text, run, lowered, whole=True)
        if c is not None:
            extras.append(c)
        else:
            leftover.append(run)
    top = _resolve_fast(chosen + extras, len(text))
    if leftover:
        places = _by_company(text, top, leftover, lowered)
        if places:
            extras += places
            top = _resolve_fast(top + places, len(text))
    top = _merge_of_place(text, top, gaz)
    return _finish(text, top, _nested(top, cands + extras), ex, token_list)


_LIST_SEP = (", ", " and ", ", and ", " or ", ", or ")
_HOME_RE = re.compile(r"(?:\b\d{1,3}, of|\bnative of|\bhometown of|\bborn in) $")
_PLACE_TYPES = frozenset({"GPE", "LOC"})


def _by_company(
    text: str, top: list[Cand], leftover: list[list[tuple[int, int, bool]]], lowered: _LowerWords
) -> list[Cand]:
    """Unknown names known by the company they keep: in a list of places after a place cue
    ("near Tapa, Rakvere and Paldiski"), before a known state or country ("of Woodbridge,
    Virginia"), after an age ("42, of Leeds"), or in a list of people's full names."""
    unknown: list[tuple[int, int, str | None]] = []
    for run in leftover:
        # Cheap test first: a list separator or a hometown cue must touch the run.
        rs, re_ = run[0][0], run[-1][1]
        if not (
            text[re_ : re_ + 5].startswith((", ", " and ", " or "))
            or text[max(0, rs - 8) : rs].endswith((", ", " and ", " or ", "of ", "born in "))
        ):
            continue
        while run and (
            fold(text[run[0][0] : run[0][1]]) in _FUNCTION
            or (
                _is_sentence_start(text, run[0][0]) and fold(text[run[0][0] : run[0][1]]) in lowered
            )
        ):
            run = run[1:]
        if not run:
            continue
        words = [text[s:e] for s, e, _ in run]
        s0 = run[0][0]
        if len(words) > 3 or not all(_namey(w, i, len(words)) for i, w in enumerate(words)):
            continue
        if any(fold(w) in _STOP for w in words) or not_a_name(words):
            continue
        if _is_sentence_start(text, s0) and fold(words[0]) in lowered:
            continue
        unknown.append((s0, run[-1][1], None))
    if not unknown:
        return []
    items: list[tuple[int, int, str | None]] = [(c.start, c.end, c.type) for c in top]
    items += unknown
    items.sort()
    full_names = {(c.start, c.end) for c in top if c.type == "PERSON" and " " in c.name}
    out: list[Cand] = []

    def joined(a: tuple[int, int, str | None], b: tuple[int, int, str | None]) -> bool:
        return text[a[1] : b[0]] in _LIST_SEP

    i = 0
    while i < len(items):
        # A chain of items joined by list separators.
        j = i
        while j + 1 < len(items) and joined(items[j], items[j + 1]):
            j += 1
        chain = items[i : j + 1]
        i = j + 1
        if all(t is not None for _, _, t in chain):
            continue
        known = [t for _, _, t in chain if t is not None]
        if known and all(t == "PERSON" for t in known):
            # "Matteo Salvucci and Inés Ortega": a full name beside a person's full name, no
            # word of it written in lower case anywhere in the text.
            if not any((s, e) in full_names for s, e, _ in chain):
                continue
            for s, e, t in chain:
                words = text[s:e].split()
                if (
                    t is None
                    and 2 <= len(words) <= 3
                    and not any(fold(w) in lowered for w in words)
                ):
                    name = text[s:e]
                    out.append(Cand(s, e, "PERSON", make_id("PERSON", name), name, 0))
            continue
        if any(t not in _PLACE_TYPES for t in known):
            continue
        if not known:
            # Alone, only a hometown after an age or "native of": "Jane Roe, 42, of Leeds".
            s, e, _ = chain[0]
            if len(chain) == 1 and _HOME_RE.search(text, max(0, s - 24), s) is not None:
                out.append(Cand(s, e, "GPE", make_id("GPE", text[s:e]), text[s:e], 0))
            continue
        head = chain[0][0]
        cue = _loc_cue(text[max(0, head - 40) : head])
        # "of Woodbridge, Virginia": a town before its state or country.
        town = (
            len(chain) == 2
            and chain[0][2] is None
            and text[chain[0][1] : chain[1][0]] == ", "
            and text[max(0, head - 4) : head] in (" of ", " in ", "near")
        )
        home = _HOME_RE.search(text, max(0, head - 24), head) is not None
        if not (cue or town or home):
            continue
        label = "GPE" if "GPE" in known else "LOC"
        for s, e, t in chain:
            if t is None:
                name = text[s:e]
                out.append(Cand(s, e, label, make_id(label, name), name, 0))
    return out


_OF_PLACE = re.compile(r" of (?:the )?")
#: A state body written in lower case after its country: "Russia's defence ministry", "the
#: Ukrainian air force", "Poland's general staff".
BODY_NOUNS = re.compile(
    r"(?:'s|’s)?[ \t]+(?P<body>(?:defen[cs]e|foreign|interior|finance|justice|health|"
    r"emergencies|emergency situations|economy|energy) ministry|ministry of (?:defen[cs]e|"
    r"foreign affairs|the interior|interior|finance|justice|health)|general staff|air force|"
    r"coast guard|border guards?|border service|national guard|(?:state |foreign )?security "
    r"service|(?:foreign |military )?intelligence (?:service|agency)|foreign office|"
    r"state department|defen[cs]e department|central bank|parliament)\b(?![ \t]+[A-Z])"
)
_BODY_WORDS = {"defense": "defence", "foreign": "foreign affairs", "the interior": "interior"}
_BODY_ORDER = re.compile(r"^(?P<what>[a-z ]+?) (?P<head>ministry|department)$")


def _normal_body(body: str) -> str:
    """ "Defense Ministry", "ministry of defence" -> "ministry of defence": one id a body."""
    b = body.lower().replace("defense", "defence")
    m = _BODY_ORDER.match(b)
    if m is not None and m.group("what") not in ("state",):
        what = m.group("what")
        b = f"{m.group('head')} of {_BODY_WORDS.get(what, what)}"
    elif b.startswith("ministry of the "):
        b = "ministry of " + b[16:]
    return b


_POSSESSIVE_GAP = frozenset({" ", "'s ", "’s "})


def _merge_of_place(text: str, top: list[Cand], gaz: Gazetteer) -> list[Cand]:
    """A state body and its country are one organisation whose id names the country, so two
    countries' ministries are two entities and each spelling of one meets: "the Ministry of
    Foreign Affairs of the Czech Republic", "the Ukrainian Ministry of Defence", "Russia's
    Defence Ministry". The country nests inside."""
    if len(top) < 2:
        return top
    out: list[Cand] = []
    i = 0
    while i < len(top):
        c = top[i]
        nxt = top[i + 1] if i + 1 < len(top) else None
        if (
            nxt is not None
            and c.type == "ORG"
            and nxt.type == "GPE"
            and _headed_org(text[c.start : c.end])
            and not _country_body(c, nxt.id, gaz)
        ):
            m = _OF_PLACE.match(text, c.end)
            if m is not None and m.end() == nxt.start:
                name = text[c.start : nxt.end]
                out.append(
                    Cand(
                        c.start,
                        nxt.end,
                        "ORG",
                        _body_id(nxt.id, text[c.start : c.end]),
                        name,
                        c.prio,
                    )
                )
                i += 2
                continue
        if (
            nxt is not None
            and c.type in ("NORP", "GPE")
            and c.id.startswith("gpe:")
            and nxt.type == "ORG"
            and text[c.end : nxt.start] in _POSSESSIVE_GAP
            and _headed_org(text[nxt.start : nxt.end])
            and not _country_body(nxt, c.id, gaz)
        ):
            name = text[c.start : nxt.end]
            out.append(
                Cand(
                    c.start,
                    nxt.end,
                    "ORG",
                    _body_id(c.id, text[nxt.start : nxt.end]),
                    name,
                    nxt.prio,
                )
            )
            i += 2
            continue
        out.append(c)
        i += 1
    return out


def _body_id(country_id: str, body: str) -> str:
    """``org:ukraine-ministry-of-defence`` for every spelling that names that country's body."""
    if body[:4] in ("the ", "The "):
        body = body[4:]
    return f"org:{country_id.partition(':')[2]}-{slug(_normal_body(body))}"


def _country_body(org: Cand, country_id: str, gaz: Gazetteer) -> bool:
    """Is this listed body already that country's ("US" + "Department of Defense": the
    Pentagon), or one with no country in its name? Then the listed id stands."""
    if not org.listed:
        return False
    named = {
        h.id
        for w in org.name.replace("'s", "").split()
        if (h := gaz.names.get(w)) is not None and h.id.startswith("gpe:")
    }
    return not named or country_id in named


def _headed_org(name: str) -> bool:
    """ "Ministry of Defence", "Foreign Ministry", "Armed Forces": a body that belongs to a
    state; not "NATO" or "Bloomberg"."""
    words = name.split()
    return len(words) > 1 and (words[-1] in ORG_HEADS or any(w in ORG_PREFIXES for w in words))


def _nested(top: list[Cand], cands: list[Cand]) -> list[Cand]:
    """Strong candidates wholly inside a chosen mention ("Iraq" in "Government of Iraq")."""
    if not top:
        return []
    starts = [c.start for c in top]
    chosen_ids = {id(c) for c in top}
    inner: list[Cand] = []
    for c in cands:
        if id(c) in chosen_ids or c.prio < 2 or c.type in ("DATE", "TIME", "QUANTITY", "PERCENT"):
            continue
        i = bisect_right(starts, c.start) - 1
        if i < 0:
            continue
        outer = top[i]
        if (
            outer.start <= c.start
            and c.end <= outer.end
            and (c.start, c.end) != (outer.start, outer.end)
            and outer.type != c.type
            and outer.id != c.id
            and outer.type != "WEAPON"
            and (not outer.listed or (c.type == "NORP" and c.id.startswith("gpe:")))
        ):
            if outer.type == "PERSON" and c.end > outer.end - len(outer.name):
                continue  # part of the name itself ("Jordan" in "Michael Jordan")
            inner.append(c)
    return _resolve_fast(inner, max((c.end for c in inner), default=0))


def _finish(
    text: str,
    chosen: list[Cand],
    nested: list[Cand],
    ex: Extractor,
    token_list: list[tuple[int, int, bool]],
) -> list[EntityMention]:
    # "Defense Minister Pål Jonson": the name inside a titled mention is a mention too (the
    # quote speaker's span, what a search for the name should land on).
    titled: list[tuple[Cand, int]] = []
    for c in chosen:
        if c.type != "PERSON":
            continue
        if c.start < c.name_start < c.end:
            titled.append((c, c.name_start))
        elif (
            c.start < c.end - len(c.name)
            and text.endswith(c.name, c.start, c.end)
            and text[c.end - len(c.name) - 1] in " \t"
        ):
            titled.append((c, c.end - len(c.name)))
    # People: full names register their surnames; single names resolve to them. Two people
    # who share a surname stay two: a bare surname is the nearest full name before it.
    by_surname: dict[str, Cand] = {}
    all_by_surname: dict[str, list[Cand]] = {}
    firsts: dict[str, list[Cand]] = {}
    for c in chosen:
        if c.type == "PERSON" and " " in c.name:
            key = fold(_surname(c.name))
            by_surname.setdefault(key, c)
            all_by_surname.setdefault(key, []).append(c)
            firsts.setdefault(fold(c.name.split()[0]), []).append(c)

    def nearest(key: str, pos: int) -> Cand | None:
        cands = all_by_surname.get(key)
        if not cands:
            return None
        best = cands[0]
        for c in cands:
            if c.start < pos:
                best = c
        return best

    by_role: dict[str, Cand] = {}
    for c in chosen:
        if c.type == "PERSON":
            key = fold(_surname(c.name)) if " " not in c.name else ""
            full = nearest(key, c.start) if key else None
            if full is not None and full.id != c.id:
                c.id, c.name = full.id, full.name
            # The title part of "Secretary of State John Kerry" / "Secretary Kerry": what
            # comes before the first word of the name. "the Secretary" later means him.
            words = text[c.start : c.end].split()
            name_words = {fold(w) for w in c.name.split()}
            k = 0
            while k < len(words) and fold(words[k]) not in name_words:
                k += 1
            if 0 < k < len(words):
                role = " ".join(words[:k])
                by_role.setdefault(fold(role), c)
                by_role.setdefault(fold(words[k - 1]), c)  # "Foreign Secretary"
                by_role.setdefault(fold(words[0]), c)  # "Secretary of State"
    used = bytearray(len(text) + 1)
    for c in chosen:
        used[c.start : c.end] = b"\x01" * (c.end - c.start)
    added: list[Cand] = []
    used_added = bytearray(len(text) + 1)
    # Surnames anywhere else in the text ("Putin", "Jonson") and listed words they shadow.
    if by_surname:
        taken = {(c.start, c.end): c for c in chosen}
        for s, e, _poss in token_list:
            if e - s < 3:
                continue
            full = nearest(fold(text[s:e]), s)
            if full is None:
                continue
            word = text[s:e]
            prev = taken.get((s, e))
            if (
                prev is not None
                and prev.type in ("GPE", "NORP", "ORG", "LOC")
                and (prev.prio <= 0 or (prev.name == word and word in ex.given))
            ):
                prev.type, prev.id, prev.name = "PERSON", full.id, full.name
                continue
            if used.find(1, s, e) < 0:
                added.append(Cand(s, e, "PERSON", full.id, full.name, 1))
                used[s:e] = b"\x01" * (e - s)
                used_added[s:e] = b"\x01" * (e - s)
    # A given name alone after the full name ("Karim" after "Karim Sadiq"), when one person
    # of the document has it and nobody has it as a surname.
    given_only = {
        key: people[0]
        for key, people in firsts.items()
        if len({p.id for p in people}) == 1 and key not in all_by_surname and len(key) >= 3
    }
    if given_only:
        for s, e, _poss in token_list:
            if not text[s].isupper():
                continue
            full = given_only.get(fold(text[s:e]))
            if full is not None and s > full.start and used.find(1, s, e) < 0:
                added.append(Cand(s, e, "PERSON", full.id, full.name, 1))
                used[s:e] = b"\x01" * (e - s)
                used_added[s:e] = b"\x01" * (e - s)
    # Role titles standing for a person ("the Foreign Secretary").
    # "the Alliance" where the document names NATO (and only then).
    allied = [c for c in chosen if c.id in ex.gaz.alliance]
    if allied:
        target = allied[0]
        for am in _ALLIANCE_RE.finditer(text) if "Alliance" in text else ():
            s, e = am.start(1), am.end(1)
            if used.find(1, s, e) < 0:
                added.append(Cand(s, e, "ORG", target.id, target.name, 1))
                used[s:e] = b"\x01" * (e - s)
                used_added[s:e] = b"\x01" * (e - s)
    dropped: set[int] = set()
    skip_to = -1
    chosen_by_end = sorted(chosen, key=lambda c: c.end)
    chosen_ends = [c.end for c in chosen_by_end]
    for ts, _te, _p in token_list:
        if ts < skip_to or text[ts:_te] in ("The", "THE"):
            continue
        if text[ts : ts + 2] not in _ROLE_HEADS:
            w = _ROLE_WORD.match(text, ts)
            if w is None or text[w.end() : w.end() + 2] not in _ROLE_HEADS:
                continue
        m = _ROLE_RE.match(text, ts)
        if m is None:
            continue
        s, e = m.start(), m.end()
        skip_to = e
        role = m.group("role")
        art = _article(text, s)
        if art is not None:
            s = art
        elif not (" " in role and _is_sentence_start(text, s)):
            continue
        nxt = text[e : e + 3].lstrip()
        if nxt[:1].isupper() or used_added.find(1, s, e) >= 0:
            continue
        lo = bisect_right(chosen_ends, s)
        inside = [c for c in chosen_by_end[lo : lo + 64] if c.start < e and s < c.end]
        if any(
            c.type not in ("NORP", "GPE", "ORG", "LOC") or c.start < s or c.end > e for c in inside
        ):
            continue
        dropped.update(id(c) for c in inside)
        nested.extend(inside)
        _first, _, rest = role.partition(" ")
        holder = by_role.get(fold(role)) or (by_role.get(fold(rest)) if rest else None)
        if holder is not None:
            added.append(Cand(s, e, "PERSON", holder.id, holder.name, 1))
        else:
            added.append(Cand(s, e, "PERSON", make_id("PERSON", role), role, 1))
        used_added[s:e] = b"\x01" * (e - s)
    chosen = [c for c in chosen if id(c) not in dropped]
    chosen = sorted(chosen + added, key=lambda c: c.start)
    out: list[EntityMention] = []
    for c in chosen:
        out.extend(_convention(text, c))
    for c in nested:
        out.append(EntityMention(c.start, c.end, text[c.start : c.end], c.type, c.id, c.name))
    for c, name_start in titled:
        if c.type == "PERSON":
            out.append(
                EntityMention(name_start, c.end, text[name_start : c.end], "PERSON", c.id, c.name)
            )
    _link_appositive_roles(text, out)
    # Dedupe (a convention may re-emit a nested mention) and order outer before inner.
    seen: set[tuple[int, int, str]] = set()
    final: list[EntityMention] = []
    for mention in sorted(out, key=lambda x: (x.start, -x.end)):
        span_key = (mention.start, mention.end, mention.type)
        if span_key not in seen:
            seen.add(span_key)
            final.append(mention)
    return final


_PARTICLES = frozenset(
    {
        "bin",
        "ibn",
        "van",
        "von",
        "de",
        "da",
        "der",
        "du",
        "al",
        "el",
        "di",
        "la",
        "le",
        "del",
        "dos",
        "das",
    }
)


def _is_role(m: EntityMention) -> bool:
    """ "the Kremlin spokesman", "The Chief of the Defence Staff" (a role standing for a
    person, not yet linked to one), not "Dmitry Peskov"."""
    name = m.name
    for art in ("the ", "The ", "a ", "A ", "an ", "An "):
        if name.startswith(art):
            name = name[len(art) :]
            break
    if m.id != make_id("PERSON", name) or not name:
        return False
    words = name.split()
    return (
        words[0] in _OFFICE_HEADS
        or words[0] in OFFICE_FIRST
        or any(w.islower() and w not in _PARTICLES for w in words)
    )


def _link_appositive_roles(text: str, mentions: list[EntityMention]) -> None:
    """ "Dmitry Peskov, the Kremlin spokesman": the role mention is that person."""
    people = sorted((m for m in mentions if m.type == "PERSON"), key=lambda m: m.start)
    for prev, m in pairwise(people):
        gap = text[prev.end : m.start]
        # "White House spokeswoman Karine Jean-Pierre": the role right before a name is hers;
        # "The Chief of the Defence Staff, Admiral Sir Tony Radakin, said": the same.
        if (gap == " " or gap == ", ") and prev.id != m.id and _is_role(prev) and not _is_role(m):
            prev.id, prev.name = m.id, m.name
            continue
        if m.id == prev.id or m.name != m.text:
            continue  # a named person, or already linked
        if gap.strip() == "," and len(gap) <= 3 and any(c.islower() for c in m.text):
            m.id, m.name = prev.id, prev.name


_CONVENTION_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _convention(text: str, c: Cand) -> list[EntityMention]:
    """Article and group conventions (re3d and news usage): the mention, and the original
    one nested inside when a convention widens it ("Iraqi" inside "Iraqi forces")."""
    start, end, typ = c.start, c.end, c.type
    plain = EntityMention(start, end, text[start:end], typ, c.id, c.name)
    if typ not in _CONVENTION_TYPES:
        return [plain]  # dates, sums, places, weapons: no convention widens them
    art = _article(text, start)
    # Every pattern below starts with a space or a tab ("'s" too for bodies): a character
    # test spares the calls on most names.
    nxt = text[end : end + 1]
    spaced = nxt in (" ", "\t")
    if typ == "PERSON":
        r = REGIME.match(text, end) if spaced else None
        if r is not None:
            end, typ = r.end(), "ORG"
    elif typ == "ORG" and spaced and ROLE_NOUNS.match(text, end):
        r = ROLE_NOUNS.match(text, end)
        assert r is not None
        if art is not None:
            start = art
        span = text[start : r.end()]
        bare = span[4:] if art is not None and start == art else span
        return [EntityMention(start, r.end(), span, "PERSON", make_id("PERSON", bare), span), plain]
    if typ in ("NORP", "GPE") and spaced and (sp := SINGLE_PERSON.match(text, end)) is not None:
        ps = art if art is not None else start
        span = text[ps : sp.end()]
        ident = make_id("PERSON", span[4:] if art is not None else span)
        return [EntityMention(ps, sp.end(), span, "PERSON", ident, span), plain]
    if (
        typ in ("NORP", "GPE")
        and (spaced or nxt in ("'", "’"))
        and c.id.startswith("gpe:")
        and (b := BODY_NOUNS.match(text, end)) is not None
    ):
        # "Russia's defence ministry", "the Ukrainian air force": that country's body.
        bs = art if art is not None else start
        span = text[bs : b.end()]
        ident = _body_id(c.id, b.group("body"))
        return [EntityMention(bs, b.end(), span, "ORG", ident, text[start : b.end()]), plain]
    if typ == "NORP" and text[start:end].endswith("s") and text[start:end] != "Swiss":
        typ = "ORG"  # "the Iraqis", "30 Britons": a group of people
    elif typ in ("GPE", "NORP", "ORG"):
        spaced = text[end : end + 1] in (" ", "\t")  # end may have moved ("regime")
        g = GROUP_NOUNS.match(text, end) if spaced else None
        p = PLATFORM_NOUNS.match(text, end) if g is None and spaced else None
        if g is not None:
            end, typ = g.end(), "ORG"
            if plain.type != "NORP":  # "Iraqi" nests in "Iraqi forces"; "U.S." in "U.S. forces" not
                return [
                    EntityMention(
                        _org_start(text, start, art, end),
                        end,
                        text[_org_start(text, start, art, end) : end],
                        typ,
                        c.id,
                        c.name,
                    )
                ]
        elif p is not None:
            end, typ = p.end(), "WEAPON"
        elif typ == "GPE" and art is not None and _takes_article(c) and _article_belongs(text, end):
            typ = "ORG"  # "the UK", "the United States": the state as an actor (re3d usage)
    if (
        typ == "ORG"
        and art is not None
        and (
            _article_belongs(text, end)
            or (_headed_org(text[start:end]) and not text[end : end + 2].strip()[:1].isupper())
        )
    ):
        start = art  # "the Ukrainian Ministry of Defence spoke": a body's article is its own
    if (start, end, typ) == (plain.start, plain.end, plain.type):
        return [plain]
    widened = EntityMention(start, end, text[start:end], typ, c.id, c.name)
    if end == plain.end and (start == plain.start or typ == plain.type):
        # Only the type changed ("Iraqis" ORG) or only an article added: one mention, never
        # two of the same words.
        return [widened]
    return [widened, plain]


def _org_start(text: str, start: int, art: int | None, end: int) -> int:
    return art if art is not None and _article_belongs(text, end) else start


def _takes_article(c: Cand) -> bool:
    return c.id in _ARTICLE_IDS


_ARTICLE_IDS = frozenset(
    {
        "gpe:united-states",
        "gpe:united-kingdom",
        "gpe:netherlands",
        "gpe:philippines",
        "gpe:united-arab-emirates",
    }
)


_NEXT_WORD = re.compile(r"[ \t]*([A-Za-z]+)")


#: Words after "the UK" that make it act ("the UK has", "the US must"): a government.
_AUX = _words("""
has have had is was were will would must can could should may might says said does did
remains continues wants plans believes stands supports welcomes condemns calls urges
""")


def _article_belongs(text: str, end: int) -> bool:
    """ "the SDF has ..." yes; "the NATO summit" no (the article is the summit's), nor
    "the IISS Prague Defense Summit" (the article is the whole name's)."""
    m = _NEXT_WORD.match(text, end)
    if m is None or m.start(1) == end:
        return True
    word = m.group(1)
    if word[0].isupper():
        return m.start(1) - end != 1 or text[end] != " "
    return word in _FUNCTION or word.endswith("ed") or _acts(text, end)


def _acts(text: str, end: int) -> bool:
    """Does a verb follow the name ("the UK has", "the US provides", "the UK welcomed")?"""
    m = _NEXT_WORD.match(text, end)
    if m is None or m.start(1) == end or text[end] != " ":
        return False
    word = m.group(1)
    if word in _AUX or (word[0].islower() and word.endswith("ed") and word not in _FUNCTION):
        return True
    # "the US provides most of": a verb in -s, told from a plural ("the CJTF releases,") by
    # the function word after it.
    if word[0].islower() and word.endswith(("es", "ts", "ns", "ds")):
        after = _NEXT_WORD.match(text, m.end())
        return after is not None and text[m.end()] == " " and after.group(1) in _FUNCTION
    return False


def _surname(name: str) -> str:
    last = name.split()[-1]
    return re.sub(r"^(?:al|el|bin|ibn|Al|El)[-‐]", "", last)
