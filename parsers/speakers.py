"""Who is speaking: cue verbs, the speaker's mention beside a cue, its role, and name resolution.

Rules, not a model: a lexicon of reporting verbs in all their written forms, and small scans over
the words next to a cue ("X said", "said X", "X, the minister, said", "according to X"). Every scan
looks at a bounded window of text, so the cost stays linear in the document whatever its shape.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

import ahocorasick

# --- characters -----------------------------------------------------------------------------

_UPPER = "".join(chr(c) for c in range(0x2000) if chr(c).isupper())
_LOWER = "".join(chr(c) for c in range(0x2000) if chr(c).islower())
UPPER_CLASS = "[" + re.escape(_UPPER) + "]"
LOWER_CLASS = "[" + re.escape(_LOWER) + "]"

#: A word token: letters, digits, inner apostrophes, dots (initials, "Rep."), hyphens.
_TOKEN = re.compile(r"[\w’'.\-]+|[^\w\s]")

# --- cue lexicon -----------------------------------------------------------------------------

#: Reporting verbs as written. Grouped by base so tests and readers see the coverage.
_CUE_FORMS = """
say says said saying | tell tells told telling | add adds added adding |
warn warns warned warning | state states stated stating | write writes wrote writing |
tweet tweets tweeted tweeting | post posts posted | argue argues argued arguing |
claim claims claimed claiming | insist insists insisted insisting | note notes noted noting |
explain explains explained explaining | ask asks asked asking | urge urges urged urging |
encourage encourages encouraged | exhort exhorts exhorted |
reference references referenced |
declare declares declared declaring | announce announces announced announcing |
acknowledge acknowledges acknowledged acknowledging | admit admits admitted admitting |
concede concedes conceded conceding | continue continues continued | reply replies replied |
respond responds responded | answer answers answered | recall recalls recalled recalling |
complain complains complained complaining | predict predicts predicted predicting |
emphasize emphasizes emphasized emphasise emphasises emphasised | stress stresses stressed |
conclude concludes concluded | contend contends contended | maintain maintains maintained |
assert asserts asserted | allege alleges alleged | charge charges charged |
counter counters countered | caution cautions cautioned | boast boasts boasted |
brag brags bragged | pledge pledges pledged | promise promises promised | vow vows vowed |
suggest suggests suggested | report reports reported | remark remarks remarked |
observe observes observed | joke jokes joked | quip quips quipped | shout shouts shouted |
yell yells yelled | scream screams screamed | cry cries cried | whisper whispers whispered |
mutter mutters muttered | exclaim exclaims exclaimed | lament laments lamented |
call calls called | describe describes described | label labels labeled labelled |
dub dubs dubbed | brand brands branded | deride derides derided | blast blasts blasted |
slam slams slammed | accuse accuses accused | praise praises praised | mock mocks mocked |
criticize criticizes criticized criticise criticises criticised | attack attacks attacked |
dismiss dismisses dismissed | hail hails hailed | tout touts touted | decry decries decried |
condemn condemns condemned | denounce denounces denounced | demand demands demanded |
reiterate reiterates reiterated | affirm affirms affirmed | confirm confirms confirmed |
deny denies denied | reveal reveals revealed | disclose discloses disclosed |
point pointed | testify testifies testified | agree agrees agreed | concur concurs concurred |
believe believes believed | think thinks thought | predict | recount recounts recounted |
describe | characterize characterizes characterized | refer refers referred |
chant chants chanted | sing sings sang | read reads | remind reminds reminded |
comment comments commented | proclaim proclaims proclaimed | liken likens likened |
laud lauds lauded | nickname nicknamed | term terms termed | cite cites cited |
wonder wonders wondered | quote quotes quoted | opine opines opined | muse muses mused |
retort retorts retorted | plead pleads pleaded | insist | assure assures assured |
advise advises advised | recommend recommends recommended | propose proposes proposed |
threaten threatens threatened | scold scolds scolded | chide chides chided |
rebuke rebukes rebuked | scoff scoffs scoffed | gush gushes gushed | rant rants ranted |
rail rails railed | assail assails assailed | bemoan bemoans bemoaned |
interject interjects interjected | email emails emailed | e-mail e-mails e-mailed | texted |
fume fumes fumed | implore implores implored | deflect deflects deflected |
beg begs begged | snap snaps snapped | bark barks barked | sigh sighs sighed |
groan groans groaned | chuckle chuckles chuckled | laugh laughs laughed |
thunder thunders thundered | roar roars roared | growl growls growled |
murmur murmurs murmured | mumble mumbles mumbled | stammer stammers stammered |
sneer sneers sneered | snarl snarls snarled | elaborate elaborates elaborated |
clarify clarifies clarified | echo echoes echoed | grumble grumbles grumbled |
marvel marvels marvelled marveled | enthuse enthuses enthused | rave raves raved |
confide confides confided | venture ventures ventured | interrupt interrupts interrupted |
reason reasons reasoned | query queries queried | inquire inquires inquired |
enquire enquires enquired | demur demurs demurred | protest protests protested |
object objects objected | tease teases teased | taunt taunts taunted |
pronounce pronounces pronounced | underscore underscores underscored |
underline underlines underlined | persist persists persisted | sniff sniffs sniffed |
intone intones intoned | gripe gripes griped | wail wails wailed | lash lashes lashed |
"""
_DOUBLE_FINAL = frozenset(
    [
        "admit",
        "beg",
        "snap",
        "demur",
        "quip",
        "brag",
        "slam",
        "dub",
        "label",
        "refer",
        "concur",
        "blast",
    ]
)


def _ing(base: str) -> str:
    """The -ing form of a base verb: state -> stating, admit -> admitting, say -> saying."""
    if base in _DOUBLE_FINAL:
        return base + base[-1] + "ing"
    if base.endswith("e") and not base.endswith(("ee", "ye")):
        return base[:-1] + "ing"
    return base + "ing"


def _cue_words() -> frozenset[str]:
    words: set[str] = set()
    for group in _CUE_FORMS.split("|"):
        forms = group.split()
        if forms:
            words.update(forms)
            words.add(_ing(forms[0]))
    return frozenset(words)


CUE_WORDS: frozenset[str] = _cue_words()
#: Cues that only report speech with "that" or a colon after them, not alone (too ambiguous).
WEAK_CUES: frozenset[str] = frozenset(
    [
        "continue",
        "continues",
        "continued",
        "point",
        "pointed",
        "believe",
        "believes",
        "believed",
        "think",
        "thinks",
        "thought",
        "agree",
        "agrees",
        "agreed",
        "read",
        "reads",
        "call",
        "calls",
        "called",
        "post",
        "posts",
        "posted",
        "charge",
        "charges",
        "charged",
        "counter",
        "counters",
        "countered",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")
_PHRASE_TAIL = {
    "according": re.compile(r"\s+to\b"),
    "pointed": re.compile(r"\s+out\b"),
    "points": re.compile(r"\s+out\b"),
}


class Cue:
    """A cue as written in the text; ``start()``/``end()``/``group()`` like a regex match."""

    __slots__ = ("_end", "_start", "_word")

    def __init__(self, start: int, end: int, word: str) -> None:
        self._start, self._end, self._word = start, end, word

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._word


def _cue_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for w in CUE_WORDS | _PHRASE_TAIL.keys():
        auto.add_word(w, len(w))
    auto.make_automaton()
    return auto


_CUE_AUTOMATON = _cue_automaton()


def _scan_cues(text: str) -> tuple[list[int], list[Cue]]:
    """Every cue of ``text``: the cue forms are found in the lowercased text in one
    Aho-Corasick pass (in C), and a hit counts only when it is a whole word, a maximal run of
    letters as ``_WORD`` would cut it. Same cues as a word-by-word scan, several times faster."""
    low = text.lower()
    if len(low) != len(text):  # a letter that lowercases to two ("İ"): offsets would drift
        return _scan_words(text)
    cues: list[Cue] = []
    n = len(text)
    tails = _PHRASE_TAIL
    for last, size in _CUE_AUTOMATON.iter(low):
        e = last + 1
        s = e - size
        # inside a longer word ("stated" in "reinstated", "add" in "address")? A letter is what
        # _WORD takes: [^\W\d_], that is alphanumeric but not a decimal digit.
        if s > 0:
            c = text[s - 1]
            if c.isalnum() and not c.isdecimal():
                continue
        if e < n:
            c = text[e]
            if c.isalnum() and not c.isdecimal():
                continue
        w = low[s:e]
        tail = tails.get(w)
        if tail is not None:
            t = tail.match(text, e, min(n, e + 40))
            if t is not None:
                cues.append(Cue(s, t.end(), text[s : t.end()]))
                continue
        if w in CUE_WORDS:
            cues.append(Cue(s, e, text[s:e]))
    return [c._start for c in cues], cues


def _scan_words(text: str) -> tuple[list[int], list[Cue]]:
    """The same scan word by word (for text whose lowercase changes length)."""
    cues: list[Cue] = []
    n = len(text)
    for m in _WORD.finditer(text):
        w = m.group().lower()
        tail = _PHRASE_TAIL.get(w)
        if tail is not None:
            t = tail.match(text, m.end(), min(n, m.end() + 40))
            if t is not None:
                cues.append(Cue(m.start(), t.end(), text[m.start() : t.end()]))
                continue
        if w in CUE_WORDS:
            cues.append(Cue(m.start(), m.end(), m.group()))
    return [c.start() for c in cues], cues


#: The cues of the last document asked about: one word scan per document, then bisects.
_CUE_MEMO: tuple[str, list[int], list[Cue]] = ("", [], [])


def _cues_of(text: str) -> tuple[list[int], list[Cue]]:
    """The cues of ``text``, scanned once and kept for the next call on the same text. Each
    caller works on the tuple it got back, so threads parsing other documents cannot mix
    them up."""
    global _CUE_MEMO
    memo = _CUE_MEMO
    if memo[0] is not text:
        starts, cues = _scan_cues(text)
        memo = (text, starts, cues)
        _CUE_MEMO = memo
    return memo[1], memo[2]


def iter_cues(text: str, lo: int, hi: int) -> Iterator[Cue]:
    """Cue words and phrases ("according to", "pointed out") that start in ``[lo, hi)`` and end
    by ``hi``. The document is scanned once for words and looked up in a set: linear, and far
    faster than one regex alternation of every inflected form."""
    starts, cues = _cues_of(text)
    i = bisect.bisect_left(starts, lo)
    while i < len(cues) and starts[i] < hi:
        c = cues[i]
        if c.end() <= hi:
            yield c
        i += 1


def has_cue(text: str, lo: int, hi: int) -> bool:
    """Any cue word starting in ``[lo, hi)``? (One bisect once the document is scanned.)"""
    starts, _cues = _cues_of(text)
    i = bisect.bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


def first_cue(text: str, lo: int, hi: int) -> Cue | None:
    return next(iter_cues(text, lo, hi), None)


#: Cue words that are as often nouns ("the report", "Republican claims", "mental state"): they
#: count only with a pronoun before them or "that", a colon, a comma or a quote after them.
NOUNY_CUES: frozenset[str] = frozenset(
    [
        "report",
        "reports",
        "state",
        "states",
        "claim",
        "claims",
        "charge",
        "charges",
        "remarks",
        "remark",
        "notes",
        "note",
        "calls",
        "call",
        "attack",
        "attacks",
        "promise",
        "promises",
        "demand",
        "demands",
        "answer",
        "answers",
        "reply",
        "counter",
        "post",
        "posts",
        "tweet",
        "tweets",
        "joke",
        "jokes",
        "label",
        "labels",
        "brand",
        "brands",
        "vow",
        "vows",
        "pledge",
        "pledges",
        "praise",
        "read",
        "reads",
        "cry",
        "stress",
        "dub",
        "deny",
        "point",
        "observe",
        "concur",
        "quip",
        "comment",
        "comments",
        "quote",
        "quotes",
        "term",
        "terms",
        "cite",
        "cites",
        "rant",
        "rants",
        "muse",
        "email",
        "emails",
        "e-mail",
        "e-mails",
        "snap",
        "bark",
        "sigh",
        "laugh",
        "roar",
        "echo",
        "echoes",
        "reason",
        "reasons",
        "query",
        "queries",
        "protest",
        "protests",
        "object",
        "objects",
        "venture",
        "ventures",
        "marvel",
        "marvels",
        "thunder",
        "murmur",
        "taunt",
        "taunts",
        "sniff",
        "gripe",
        "gripes",
        "wail",
        "lash",
        "underscore",
        "underline",
    ]
)

# --- word classes ----------------------------------------------------------------------------

PRONOUNS = frozenset(["he", "she", "they", "we", "i", "it", "you"])
PERSON_PRONOUNS = frozenset(["he", "she"])
_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "another",
        "one",
        "two",
        "three",
        "several",
        "many",
        "some",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "this",
        "that",
        "these",
        "those",
        "other",
        "each",
        "both",
    ]
)
#: Capitalised words that start sentences or clauses, never part of a speaker's name.
_CAP_STOP = frozenset(
    [
        "but",
        "and",
        "or",
        "so",
        "yet",
        "however",
        "meanwhile",
        "still",
        "also",
        "then",
        "now",
        "later",
        "earlier",
        "when",
        "while",
        "after",
        "before",
        "as",
        "if",
        "although",
        "though",
        "because",
        "since",
        "in",
        "on",
        "at",
        "for",
        "from",
        "with",
        "by",
        "of",
        "to",
        "last",
        "this",
        "that",
        "these",
        "those",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "his",
        "her",
        "their",
        "our",
        "my",
        "asked",
        "speaking",
        "today",
        "yesterday",
        "tonight",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "instead",
        "indeed",
        "there",
        "here",
        "what",
        "why",
        "how",
        "where",
        "who",
        "which",
        "not",
        "no",
        "yes",
        "mr",
        "mrs",
        "ms",
    ]
)
_CAP_STOP -= {"mr", "mrs", "ms"}
_CAP_STOP |= {
    "conversely",
    "similarly",
    "additionally",
    "finally",
    "likewise",
    "moreover",
    "furthermore",
    "nevertheless",
    "nonetheless",
    "consequently",
    "accordingly",
    "subsequently",
    "separately",
    "notably",
    "importantly",
    "ultimately",
    "fortunately",
    "unfortunately",
    "interestingly",
    "ironically",
    "instead",
    "otherwise",
    "overall",
    "following",
    "according",
}
#: Words that make a title rather than a name ("Swedish Defense Minister", "press secretary").
_TITLE_WORDS = frozenset(
    [
        "president",
        "vice",
        "minister",
        "prime",
        "secretary",
        "general",
        "director",
        "chief",
        "chairman",
        "chairwoman",
        "chair",
        "leader",
        "senator",
        "governor",
        "mayor",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "commander",
        "admiral",
        "colonel",
        "lieutenant",
        "sergeant",
        "captain",
        "judge",
        "justice",
        "attorney",
        "representative",
        "congressman",
        "congresswoman",
        "speaker",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "rabbi",
        "reverend",
        "bishop",
        "professor",
        "ceo",
        "founder",
        "analyst",
        "editor",
        "correspondent",
        "officer",
        "deputy",
        "assistant",
        "acting",
        "former",
        "foreign",
        "defense",
        "defence",
        "interior",
        "finance",
        "state",
        "commissioner",
        "envoy",
        "adviser",
        "advisor",
        "head",
        "executive",
        "manager",
        "coach",
        "nominee",
        "candidate",
        "candidates",
        "democrat",
        "republican",
        "democratic",
        "presidential",
        "press",
        "campaign",
        "spokesmen",
        "official",
        "officials",
        "strategist",
        "aide",
        "aides",
        "pollster",
        "researcher",
        "economist",
        "lawyer",
        "host",
        "anchor",
        "columnist",
        "reporter",
        "writer",
        "author",
        "chairperson",
        "treasurer",
        "counsel",
        "sheriff",
        "chief-of-staff",
        "secretary-general",
        "rep",
        "sen",
        "gov",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "adm",
        "sgt",
        "capt",
        "prof",
        "rev",
        "pres",
        "amb",
        "sec",
        "supt",
        "insp",
        "cmdr",
        "maj",
        "cpl",
        "pvt",
        "hon",
        "dame",
        "sir",
        "lord",
        "lady",
        "federal",
        "national",
        "party",
        "member",
        "members",
        "activist",
        "activists",
        "journalist",
        "commentator",
        "sens",
        "reps",
        "spc",
        "pfc",
        "cpl",
        "ssgt",
        "msgt",
        "brig",
        "cdr",
        "cpt",
        "ens",
        "pvt",
        "commodore",
        "staff",
        "petty",
        "airman",
        "seaman",
        "specialist",
    ]
)
_NAME_PARTICLES = frozenset(
    [
        "de",
        "van",
        "von",
        "der",
        "den",
        "da",
        "di",
        "du",
        "la",
        "le",
        "al",
        "bin",
        "ibn",
        "del",
        "dos",
        "das",
        "y",
        "st.",
    ]
)
#: Lowercase words that may sit between a determiner and the head of a common-noun speaker.
_NP_STOP = frozenset(
    [
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "and",
        "but",
        "or",
        "because",
        "when",
        "while",
        "if",
        "as",
        "than",
        "then",
        "said",
        "says",
        "told",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "not",
        "no",
        "to",
    ]
)
_AUX = frozenset(
    [
        "has",
        "have",
        "had",
        "also",
        "later",
        "previously",
        "repeatedly",
        "once",
        "then",
        "recently",
        "further",
        "again",
        "already",
        "often",
        "frequently",
        "just",
        "never",
        "ever",
        "would",
        "will",
        "has",
        "had",
        "is",
        "was",
        "were",
        "publicly",
        "privately",
        "separately",
        "still",
        "now",
        "even",
        "first",
        "initially",
        "subsequently",
        "reportedly",
        "allegedly",
        "quickly",
        "flatly",
        "simply",
        "bluntly",
        "angrily",
        "calmly",
        "firmly",
        "sharply",
        "herself",
        "himself",
        "itself",
        "themselves",
    ]
)
_ROLE_CUT = re.compile(
    r",|\.(?:\s|$)|;|\s+(?:who|which|whose|where|when|said|says|told)\b|\s[—–-]\s"
)


def _is_cap(tok: str) -> bool:
    return bool(tok) and tok[0].isupper()


def _bare(tok: str) -> str:
    return tok.lower().rstrip(".").replace("’", "'")


def strip_possessive(name: str) -> str:
    for suf in ("’s", "'s", "’", "'"):
        if name.endswith(suf):
            return name[: -len(suf)]
    return name


@dataclass(slots=True)
class Mention:
    """A speaker's mention: the whole noun phrase, and within it the name and its title."""

    start: int
    end: int
    #: where the name proper sits (a pronoun, a name, or the head noun phrase)
    name_start: int
    name_end: int
    role: str | None = None
    kind: str = "name"  # "name" | "pronoun" | "common"


_KEEP_DOT = frozenset(["jr", "sr", "st", "dr", "mr", "mrs", "ms", "inc", "co", "corp", "ltd"])


_LAST_TOKEN = re.compile(r"[\w.’'\-]+$")


def _trim_dot(text: str, m: Mention) -> Mention:
    """ "said Caddell." names Caddell, not "Caddell."; "Jr." and "U.S." keep their dot."""
    if m.end - 1 > m.start and text[m.end - 1] == ".":
        w = _LAST_TOKEN.search(text[m.start : m.end - 1])
        word = w.group() if w else ""
        if len(word) >= 2 and "." not in word and word.lower() not in _KEEP_DOT:
            m.end -= 1
            m.name_end = min(m.name_end, m.end)
    return m


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


def _looks_like_name(s: str) -> bool:
    """Two to four capitalised words and no title word: "Tobias Ellwood"."""
    words = s.split()
    return 2 <= len(words) <= 4 and all(
        w[:1].isupper() and _bare(w) not in _TITLE_WORDS and _bare(w) not in _CAP_STOP
        for w in words
    )


def _split_title(text: str, toks: list[tuple[int, int, str]]) -> tuple[int, str | None]:
    """Index in ``toks`` where the name starts (after the title words), and the title text."""
    last_title = -1
    for i, (_s, _e, t) in enumerate(toks):
        b = _bare(t)
        if i == 0 and b in {"the", "a", "an"}:
            continue
        if b in _TITLE_WORDS or (not _is_cap(t) and b not in _NAME_PARTICLES):
            last_title = i
        elif t.isupper() and len(t) > 1 and "." not in t and i < len(toks) - 1:
            last_title = i  # an acronym before the name: "NATO Secretary General Mark Rutte"
    if last_title < 0:
        k0 = 1 if toks and _bare(toks[0][2]) in {"the", "a", "an"} else 0
        if len(toks) - k0 > 3 and not any(
            _bare(t).capitalize() in _ORG_WORDS for _s, _e, t in toks[k0:]
        ):
            k = len(toks) - (3 if len(_bare(toks[-2][2])) == 1 else 2)
            return k, text[toks[k0][0] : toks[k - 1][1]]
        return k0, None
    if last_title >= len(toks) - 1:
        return len(toks), None
    if any(_bare(t).capitalize() in _ORG_WORDS for _s, _e, t in toks[last_title + 1 :]):
        return (1 if _bare(toks[0][2]) in {"the", "a", "an"} else 0), None  # an organisation
    k = last_title + 1
    if len(toks) - k > 3:
        # "Minister for the Middle East Tobias Ellwood": a name has two or three words
        k = len(toks) - (3 if len(_bare(toks[-2][2])) == 1 else 2)
        last_title = k - 1
    role = text[toks[0][0] : toks[last_title][1]]
    return k, role


def mention_before(text: str, cue_start: int, floor: int) -> Mention | None:
    """The subject of a cue: the noun phrase ending just before ``cue_start`` ("Jonson said")."""
    m = _mention_before(text, cue_start, floor)
    if (
        m is not None
        and m.role
        and (m.kind == "common" or _OF_BEFORE.search(text, max(0, m.start - 8), m.start))
    ):
        # "the chairman of the committee, Labour MP Jane Doe, said": the person is the apposition
        k = text.rfind(m.role, m.end, cue_start)
        if k >= 0:
            ap = _appositive_name(text, k, k + len(m.role))
            if ap is not None:
                return _trim_dot(text, Mention(m.start, ap[1], ap[0], ap[1], ap[2], "name"))
    return _trim_dot(text, m) if m is not None else None


def _spokesman_for(
    text: str, toks: list[tuple[int, int, str]], j: int, e: int, role: str | None
) -> Mention | None:
    """ "a spokesman for the ministry said": the person who speaks for the organisation, whose
    noun phrase ends at ``toks[j]``, is the mention (not the organisation)."""
    if j < 2 or toks[j - 1][2].lower() not in {"for", "of", "at", "from", "with"}:
        return None
    head = toks[j - 2][2].lower().rstrip(".,")
    if head not in _PERSON_NOUNS or head in _TITLE_WORDS - _SPEAKING_ROLES:
        return None
    k = j - 2
    while k > 0 and j - 2 - k < 3 and toks[k - 1][2][:1].islower():
        k -= 1
        if toks[k][2].lower() in _DETERMINERS:
            break
    return Mention(toks[k][0], e, toks[k][0], e, role, "common")


#: Titles that speak for an organisation ("a spokesman for", "an official at").
_SPEAKING_ROLES = frozenset(
    ["spokesman", "spokeswoman", "spokesperson", "official", "officials", "aide", "aides"]
)


#: "the head of the IMF, Kristalina Georgieva, said": the organisation is inside a role.
_OF_BEFORE = re.compile(r"\b(?:of|for|at)\s+$")


#: Words that speak for an unnamed somebody: '"...," one said', 'said another'.
INDEFINITE_SPEAKERS = frozenset(["one", "another", "others"])

#: A title phrase and then a person's name, alone in an apposition: "Labour MP Jane Doe",
#: "Sir John Roe", "the party's leader, John Roe".
_APPOS_NAME = re.compile(
    r"((?:[\w’'\-.]+\s+){0,6}?)"
    r"("
    + UPPER_CLASS
    + r"[\w’'\-]*\.?(?:\s+(?:(?:de|van|von|der|da|di|du|al|bin)\s+)?"
    + UPPER_CLASS
    + r"[\w’'\-]*\.?){1,3})\s*$"
)


def _appositive_name(text: str, a: int, z: int) -> tuple[int, int, str | None] | None:
    """The person's name that ends the phrase ``text[a:z]`` after its title words ("Labour MP
    Jane Doe" -> "Jane Doe"), with the title, or None when the phrase is no title and name."""
    while a < z and text[a].isspace():
        a += 1
    m = _APPOS_NAME.match(text, a, z)
    if m is None:
        return None
    lead = m.group(1).split()
    if any(w.lower() in _NP_STOP or w.lower() in CUE_WORDS for w in lead):
        return None
    if any(
        w[:1].islower() and _bare(w) not in _TITLE_WORDS and w not in _APPOS_SMALL for w in lead
    ):
        return None
    got = _full_name(m.group(2))
    if got is None or set(got[0].split()) & _ORG_WORDS:
        return None
    ns = m.end(2) - len(got[0]) if m.group(2).endswith(got[0]) else m.start(2)
    role = text[a:ns].strip() or None
    return ns, m.end(2), role


_APPOS_SMALL = frozenset(["of", "the", "for", "and", "on", "in", "its", "his", "her", "their"])
#: After a cue's subject, the rest of its noun phrase up to an apposition's comma.
_TO_APPOS = re.compile(r"[^,.;:!?\"“”\n()]{0,80},\s+")
_APPOS_END = re.compile(r"[^,.;:!?\"“”\n()]{3,80}?(?=\s*(?:[,.;:!?)]|$|\s+(?:who|whose)\b))")


def _mention_before(text: str, cue_start: int, floor: int) -> Mention | None:
    lo = max(floor, cue_start - 260)
    toks = _tokens(text, lo, cue_start)
    i = len(toks) - 1
    # skip auxiliaries and adverbs: "has repeatedly stated", "also told"
    while i >= 0 and (toks[i][2].lower() in _AUX or toks[i][2].lower().endswith("ly")):
        i -= 1
    if i < 0:
        return None
    s, e, t = toks[i]
    low0 = t.lower()
    if low0 in INDEFINITE_SPEAKERS and (i == 0 or toks[i - 1][2].lower() not in _DETERMINERS):
        # '"...," one said', 'another said': somebody, not the person quoted before
        return Mention(s, e, s, e, None, "common")
    if low0 == "who" and i > 0 and toks[i - 1][2] in {",", ")"}:
        # '..., who noted that "..."': the relative pronoun is the mention at the cue
        return Mention(s, e, s, e, None, "pronoun")
    appos_role: str | None = None
    appos_start: int | None = None
    if t == ",":
        # "X, the minister, said" or "X (D-N.C.), head of ..., said": find the name before the
        # apposition's opening comma.
        j = i - 1
        while j >= 0 and toks[j][2] not in {",", ".", ";", ":", "“", '"', "”"}:
            j -= 1
        if j < 0 or toks[j][2] != ",":
            return None
        appos_role = text[toks[j][1] : s].strip() or None
        if appos_role and appos_role.split()[0].lower() in {"who", "which", "that", "whose"}:
            appos_role = None  # "Trump, who spoke in Ohio, said": a clause, not a title
        appos_start = toks[j][1]
        i = j - 1
        if i < 0:
            return None
        s, e, t = toks[i]
    if t == ")":
        j = i
        while j >= 0 and toks[j][2] != "(" and i - j < 12:
            j -= 1
        if j <= 0 or toks[j][2] != "(":
            return None
        i = j - 1
        s, e, t = toks[i]
    low = t.lower()
    if low in PRONOUNS:
        return Mention(s, e, s, e, appos_role, "pronoun")
    if (_is_cap(t) and _bare(strip_possessive(t)) not in _CAP_STOP) or t in {"I"}:
        j = i
        k0 = i
        while k0 > 0 and i - k0 < 6 and _is_cap(toks[k0 - 1][2]):
            k0 -= 1
        if k0 > 0 and _bare(toks[k0 - 1][2]) in {"the", "a", "an"}:
            k0 -= 1
        got = _spokesman_for(text, toks, k0, e, appos_role)
        if got is not None:
            return got
        while j - 1 >= 0:
            pt = toks[j - 1][2]
            pb = _bare(pt)
            if pt in {"’s", "'s"}:
                break
            if (
                (_is_cap(pt) and pb not in _CAP_STOP)
                or (pb in _NAME_PARTICLES and j - 1 > 0)
                or pb in _TITLE_WORDS
            ):
                j -= 1
                continue
            break
        # "The New York Post", "the White House": keep a determiner at the front
        if j - 1 >= 0 and _bare(toks[j - 1][2]) in {"the", "a", "an"}:
            j -= 1
        group = toks[j : i + 1]
        k, role = _split_title(text, group)
        if group and _bare(group[0][2]) in {"the", "a", "an"} and k == 0:
            k = 1
        if k >= len(group):  # no name: "the President said"
            if appos_role and appos_start is not None and _looks_like_name(appos_role):
                # "Foreign Office Minister, Tobias Ellwood, said": the name is the apposition
                ns = appos_start + (len(text[appos_start:]) - len(text[appos_start:].lstrip()))
                return Mention(
                    group[0][0],
                    ns + len(appos_role),
                    ns,
                    ns + len(appos_role),
                    text[group[0][0] : e],
                    "name",
                )
            return Mention(group[0][0], e, group[0][0], e, appos_role, "common")
        if appos_role and role:
            role = role + ", " + appos_role
        elif appos_role:
            role = appos_role
        return Mention(group[0][0], e, group[k][0], e, role, "name")
    if (
        t[0].islower()
        and low not in FUNCTION_WORDS
        and low not in CUE_WORDS
        and t.isalpha()
        and low not in _DETERMINERS
    ) or t.endswith(("’s", "'s")):
        # a common noun phrase: "a spokesman", "the ad’s narrator", "sources", "another source"
        j = i
        n = 0
        while j - 1 >= 0 and n < 6:
            pt = toks[j - 1][2]
            pb = pt.lower()
            if pb in _DETERMINERS:
                j -= 1
                break
            if pt in {",", ".", ";", ":", "“", "”", '"', "(", ")", "—", "–"} or pb in _NP_STOP:
                break
            if pb in CUE_WORDS:
                break
            j -= 1
            n += 1
        else:
            pass
        head_start = toks[j][0]
        if _bare(toks[j][2]) not in _DETERMINERS and not _is_cap(toks[j][2]) and j < i:
            head_start = toks[i][0]  # no determiner found: keep the head word only
        return _spokesman_for(text, toks, j, e, appos_role) or Mention(
            head_start, e, head_start, e, appos_role, "common"
        )
    return None


_AFTER_NAME = re.compile(r"\s*\((?:[^()\n]{1,30})\)")


def mention_after(text: str, pos: int, ceiling: int) -> Mention | None:
    """The speaker after a cue: "said Swedish Defense Minister Pål Jonson", "said a spokesman"."""
    m = _mention_after(text, pos, ceiling)
    if m is None:
        return None
    if m.kind == "common" or (m.role and m.role.split()[-1].lower() in {"of", "the", "for", "at"}):
        # "said its chairman, Sir John Roe", "said the chairman of the Commons health committee,
        # Labour MP Jane Doe": the name in the apposition is who spoke
        to = _TO_APPOS.match(text, m.end, ceiling)
        if to is not None:
            end = _APPOS_END.match(text, to.end(), ceiling)
            if end is not None:
                ap = _appositive_name(text, to.end(), end.end())
                if ap is not None:
                    role = text[m.start : to.start() + to.group().rfind(",")].strip()
                    return _trim_dot(text, Mention(m.start, ap[1], ap[0], ap[1], role, "name"))
    return _trim_dot(text, m)


_PUNCT = frozenset(",.;:()[]“”\"‘’'—–-?!")
_LEAD_ADVERBIAL = frozenset(
    [
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "following",
        "speaking",
        "giving",
        "asked",
        "according",
        "while",
        "when",
        "as",
        "since",
        "despite",
        "with",
        "without",
        "for",
        "from",
        "by",
        "under",
        "over",
        "earlier",
        "later",
        "last",
        "this",
        "yesterday",
        "today",
        "tonight",
        "also",
        "but",
        "and",
        "so",
        "yet",
        "however",
        "meanwhile",
        "still",
        "then",
        "now",
        "addition",
    ]
)


_PREPOSITIONS = frozenset(
    [
        "amid",
        "amidst",
        "among",
        "across",
        "against",
        "around",
        "despite",
        "throughout",
        "toward",
        "towards",
        "via",
        "within",
        "without",
        "upon",
        "unlike",
        "like",
        "given",
        "once",
        "until",
        "unless",
        "whether",
        "about",
        "above",
        "below",
        "beneath",
        "beside",
        "besides",
        "between",
        "beyond",
        "inside",
        "near",
        "outside",
        "past",
        "through",
        "into",
        "onto",
    ]
)


def nearest_subject(text: str, lo: int, cue_start: int) -> Mention | None:
    """The closest pronoun or name before a cue in its clause ("I laughed and said")."""
    toks = _tokens(text, max(lo, cue_start - 120), cue_start)
    for s, e, t in reversed(toks[-10:]):
        if t in {",", ";", ":", "“", "”", '"'}:
            break
        low = t.lower()
        if low in PRONOUNS:
            return Mention(s, e, s, e, None, "pronoun")
        if _is_cap(t) and _bare(strip_possessive(t)) not in _CAP_STOP:
            return mention_before(text, e, lo)
    return None


#: Words that never head a speaker's noun phrase.
FUNCTION_WORDS: frozenset[str] = (
    _NP_STOP
    | _PREPOSITIONS
    | _LEAD_ADVERBIAL
    | frozenset(
        [
            "of",
            "in",
            "on",
            "at",
            "to",
            "by",
            "for",
            "from",
            "with",
            "as",
            "into",
            "than",
            "what",
            "why",
            "how",
            "where",
            "whom",
            # never the head of a speaker: object pronouns and times ("this month said" is a clause)
            "him",
            "them",
            "us",
            "me",
            "day",
            "week",
            "month",
            "year",
            "morning",
            "afternoon",
            "evening",
            "night",
            "weekend",
            "time",
        ]
    )
)


_FIRST_WORD = re.compile(r"\s*([\w’']+)")
#: A leading time adverbial and its comma: "Hours later,", "Eight years ago,", "A month later,".
_TIME_LEAD = re.compile(
    r"\s*(?:[\w’'\-]+\s+){0,4}?(?:ago|later|earlier|before|after|since|years?|months?|weeks?|"
    r"days?|hours?|minutes?|morning|afternoon|evening|night|weekend|\d{4})\s*,",
    re.IGNORECASE,
)
_LEAD_CONJ = re.compile(r"\s*(but|and|so|yet|however)\b,?", re.IGNORECASE)


def clause_subject(text: str, start: int, limit: int) -> Mention | None:
    """The subject of the clause starting at ``start``, past a leading adverbial and its comma
    ("During a speech on Monday, Trump attacked ...")."""
    m = _FIRST_WORD.match(text, start, limit)
    if not m:
        return None
    pos = start
    first = m.group(1).lower()
    if first not in PRONOUNS and (
        first in _LEAD_ADVERBIAL
        or first in _CAP_STOP
        or first in _PREPOSITIONS
        or first.endswith(("ing", "ed"))
        or _TIME_LEAD.match(text, start, limit)
    ):
        comma = text.find(",", start, min(limit, start + 140))
        if comma < 0:
            return None
        pos = comma + 1
        w = _LEAD_CONJ.match(text, pos, limit)
        if w:
            pos = w.end()
    while pos < limit and text[pos].isspace():
        pos += 1
    got = mention_after(text, pos, limit)
    if got is None or (
        got.kind == "common"
        and text[got.start : got.end].split()[0].lower() not in {"the", "a", "an", "another"}
    ):
        return None
    return got


_COMMA_SPACE = re.compile(r",\s+")


def _mention_after(text: str, pos: int, ceiling: int) -> Mention | None:
    hi = min(ceiling, pos + 300)
    toks = _tokens(text, pos, hi)
    if not toks:
        return None
    s, e, t = toks[0]
    if text[pos:s].strip():
        return None
    low = t.lower()
    if low in PRONOUNS:
        return Mention(s, e, s, e, None, "pronoun")
    if low[:-2] in PRONOUNS and low.endswith(("’s", "'s")):
        return Mention(s, e - 2, s, e - 2, None, "pronoun")  # "He’s claiming"
    if low.rstrip(".") in INDEFINITE_SPEAKERS and (len(toks) == 1 or toks[1][2] in _PUNCT):
        return Mention(s, e, s, e, None, "common")  # 'said another.'
    i = 0
    if low in _DETERMINERS and low not in {"that", "this", "these", "those"} and len(toks) > 1:
        i = 1
    group_end = i
    # lowercase words before a name: "conservative talk radio host Rush Limbaugh"
    c = i
    while (
        c < len(toks)
        and c - i < 5
        and not _is_cap(toks[c][2])
        and toks[c][2] not in _PUNCT
        and toks[c][2].lower() not in _NP_STOP
        and toks[c][2].lower() not in _PREPOSITIONS
        and toks[c][2].lower() not in _LEAD_ADVERBIAL
        and toks[c][2].lower() not in CUE_WORDS
    ):
        c += 1
    if c > i and c < len(toks) and _is_cap(toks[c][2]) and _bare(toks[c][2]) not in _CAP_STOP:
        group_end = c
    while group_end < len(toks):
        tt = toks[group_end][2]
        bt = _bare(tt)
        honorific = group_end == i and bt in {"mr", "mrs", "ms"}
        if (
            (_is_cap(tt) and (bt not in _CAP_STOP or honorific))
            or (bt in _TITLE_WORDS and tt[0].isalpha())
            or (bt in _NAME_PARTICLES and group_end > i)
        ):
            group_end += 1
            continue
        break
    if group_end == i:
        if i == 1 and toks[1][2][:1].islower() and toks[1][2].isalpha():
            # "said a spokesman (for the ministry)": determiner + up to 3 lowercase words
            k = 1
            while (
                k + 1 < len(toks)
                and k < 3
                and toks[k + 1][2].isalpha()
                and toks[k + 1][2].lower() not in FUNCTION_WORDS
                and toks[k + 1][2].lower() not in CUE_WORDS
                and not toks[k + 1][2].endswith("ed")
            ):
                k += 1
            return Mention(s, toks[k][1], s, toks[k][1], None, "common")
        return None
    group = toks[i:group_end]
    # a trailing possessive ends the name: "said Trump’s spokesman" is rare; keep it simple
    k, role = _split_title(text, group)
    gs, ge = group[0][0], group[-1][1]
    if i == 1:
        gs = s
    end = ge
    m = _AFTER_NAME.match(text, end)
    if m and m.end() <= hi:
        end = m.end()
    # apposition after the name: ", Director General for ... of the Czech Republic, who ..."
    ap = _COMMA_SPACE.match(text, end, hi)
    if ap and k < len(group):
        rest_start = ap.end()
        nxt = _TOKEN.match(text, rest_start)
        if nxt and (
            nxt.group().lower() in _DETERMINERS
            or _bare(nxt.group()) in _TITLE_WORDS
            or (_is_cap(nxt.group()) and _bare(nxt.group()) not in _CAP_STOP)
        ):
            cut = _ROLE_CUT.search(text, rest_start, min(len(text), rest_start + 200))
            rend = cut.start() if cut else min(len(text), rest_start + 200)
            appos = text[rest_start:rend].strip()
            if any(c in appos for c in '"“”‘’'):
                appos = ""  # content, not a title: "According to X, the vote "will ...""
            stop = cut.group().strip(" ,.\n\t") if cut else ""
            clean_end = (
                not stop
                or stop == ";"
                or stop.split()[0] in {"who", "which", "whose", "where", "when"}
            )
            if appos and len(appos) < 200 and clean_end:
                role = (role + ", " + appos) if role else appos
    if k >= len(group):
        return Mention(gs, ge, gs, ge, role, "common")
    return Mention(gs, ge, group[k][0], ge, role, "name")


# --- resolution ------------------------------------------------------------------------------

#: A capitalised word, "J." or "Mr.". The word is read once and never given back (``*+``):
#: what follows it is a space or the end of the chain, so a shorter word could never match, and
#: backtracking over every capitalised word made this scan twice as slow.
_NAME_TOKEN = UPPER_CLASS + r"(?:\.|[\w’'\-]*+(?:(?<=\b(?:Mr|Ms|Dr|Jr|Sr|St|Lt))\.)?)"
_NAME_CHAIN = re.compile(
    _NAME_TOKEN
    + r"(?:[ \t]+(?:(?:de|van|von|der|da|di|du|la|le|al|bin|ibn)[ \t]+)?"
    + _NAME_TOKEN
    + r"){1,3}"
)


#: Words that make a capitalised chain an organisation or place rather than a person.
_ORG_WORDS = frozenset(
    [
        "Post",
        "Times",
        "News",
        "House",
        "Department",
        "Council",
        "Party",
        "Committee",
        "University",
        "Court",
        "Congress",
        "Senate",
        "Union",
        "Agency",
        "Institute",
        "Association",
        "Bank",
        "Company",
        "Corp",
        "Inc",
        "Group",
        "Office",
        "Ministry",
        "Army",
        "Force",
        "Forces",
        "Guard",
        "Police",
        "Street",
        "Journal",
        "Review",
        "Press",
        "Network",
        "Center",
        "Centre",
        "Foundation",
        "States",
        "Kingdom",
        "Republic",
        "Nations",
        "Coalition",
        "Campaign",
        "Club",
        "Service",
        "Security",
        "Intelligence",
        "Fund",
        "Organization",
        "Organisation",
        "Commission",
        "Board",
        "Bureau",
        "City",
        "County",
        "State",
        "Times",
        "Tribune",
        "Herald",
        "Daily",
        "Weekly",
        "Media",
        "TV",
        "Radio",
        "Airport",
        "Square",
        "Hall",
        "Park",
        "Church",
        "School",
        "College",
    ]
)


_LINE = re.compile(r"[^\n]+")


def _headline_lines(text: str) -> list[int]:
    """Start and end offsets, flattened, of short lines in Title Case (headlines)."""
    out: list[int] = []
    for m in _LINE.finditer(text):
        if m.end() - m.start() > 160:
            continue
        words = [w for w in m.group().split() if w[:1].isalpha()]
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words):
            out.extend((m.start(), m.end()))
    return out


#: What follows a sentence's subject: a verb or an auxiliary ("Mr Roe is", "Jane Doe has").
_SUBJECT_AFTER = re.compile(
    r"\s+(?:(?:also|then|now|later|once|has|had|have|is|was|will|would|could|can|may)\s+)*"
    r"(?:is|was|has|had|will|would|could|can|may|became|becomes|served|serves|led|leads|"
    r"took|takes|made|makes|met|meets|joined|joins|ran|runs|won|wins|lost|loses|[a-z]+ed)\b"
)
_HONORIFIC_NAME = re.compile(r"(?:Mr|Mrs|Ms|Dr|Sir|Dame|Lord|Lady)\.?\s+([A-Z][\w’'\-]+)")
#: At most three words (a title: "Party leader") between a sentence start and a name.
_LEAD_TITLE = re.compile(r"(?:^|[.!?][\"”’]?\s+|\n\s*)(?:[\w’'\-]+\s+){0,3}$")


def _starts_sentence(text: str, pos: int) -> bool:
    """Is ``pos`` the first word of a sentence, or after a short title ("Party leader X")?"""
    return _LEAD_TITLE.search(text, max(0, pos - 60), pos) is not None


def _full_name(chain: str) -> tuple[str, str] | None:
    """The full name a chain of capitalised words gives ("Defense Minister Pål Jonson's" ->
    "Pål Jonson") and its surname, or None when it names no person."""
    words = [
        w if len(w) == 2 and w.endswith(".") else strip_possessive(w).rstrip(".")
        for w in chain.split()
    ]
    cut = 0
    for k, w in enumerate(words):
        if _bare(w) in _CAP_STOP or _bare(w) in _TITLE_WORDS or w in {"The", "A", "An"}:
            cut = k + 1
    words = words[cut:]
    if len(words) > 3:
        words = words[-2:]
    if len(words) < 2 or any(w.isupper() and len(w) > 2 for w in words):
        return None
    return " ".join(words), words[-1]


#: Chains seen before, across documents (the same names recur): chain -> _full_name(chain).
_FULL_NAME_MEMO: dict[str, tuple[str, str] | None] = {}
_FULL_NAME_MEMO_SIZE = 50_000
_UNSEEN: tuple[str, str] = ("", "")


class NameIndex:
    """Full names seen so far in a document, to resolve "Jonson", "he" and "she"."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._by_last: dict[str, list[tuple[int, str]]] | None = None
        self.speakers: list[tuple[int, str]] = []  # (position, full name) of resolved speakers
        self._people: list[tuple[int, str]] | None = None
        #: people named as the subject at the start of a sentence ("Mr Roe is a teacher.")
        self._subjects: list[tuple[int, str]] = []

    def _build(self) -> dict[str, list[tuple[int, str]]]:
        idx: dict[str, list[tuple[int, str]]] = {}
        headings = _headline_lines(self.text)
        memo = _FULL_NAME_MEMO
        text = self.text
        titled: list[tuple[int, str]] = []
        subjects: list[tuple[int, str]] = []
        for m in _NAME_CHAIN.finditer(text):
            j = bisect.bisect_right(headings, m.start()) - 1
            if j >= 0 and j % 2 == 0:
                continue  # a headline in Title Case: its capitals name nobody in particular
            chain = m.group()
            got = memo.get(chain, _UNSEEN)
            if got is _UNSEEN:
                got = _full_name(chain)
                if len(memo) >= _FULL_NAME_MEMO_SIZE:
                    memo.clear()
                memo[chain] = got
            subject = _SUBJECT_AFTER.match(text, m.end()) is not None and _starts_sentence(
                text, m.start()
            )
            if got is not None:
                idx.setdefault(got[1], []).append((m.start(), got[0]))
                if subject and not set(got[0].split()) & _ORG_WORDS:
                    subjects.append((m.start(), got[0]))
            elif subject:
                h = _HONORIFIC_NAME.fullmatch(chain)
                if h is not None:
                    titled.append((m.start(), h.group(1)))
        for pos, surname in titled:  # "Mr Roe is ...": the full name seen before, or "Roe"
            cands = idx.get(surname)
            i = bisect.bisect_left(cands, (pos, "")) - 1 if cands else -1
            subjects.append((pos, cands[i][1] if cands and i >= 0 else surname))
        subjects.sort()
        self._subjects = subjects
        return idx

    def note_speaker(self, pos: int, name: str) -> None:
        """Remember a person who spoke (organisations and pronouns are left out)."""
        if (
            name
            and name[0].isupper()
            and name.lower() not in PRONOUNS
            and not set(name.split()) & _ORG_WORDS
            and name.split()[0] not in {"The", "A"}
        ):
            if self.speakers and self.speakers[-1][0] > pos:
                bisect.insort(self.speakers, (pos, name))
            else:
                self.speakers.append((pos, name))

    def resolve_surname(self, surname: str, pos: int) -> str | None:
        if self._by_last is None:
            self._by_last = self._build()
        cands = self._by_last.get(surname)
        if not cands:
            return None
        i = bisect.bisect_left(cands, (pos, "")) - 1
        return cands[i][1] if i >= 0 else cands[0][1]

    def last_person(self, pos: int) -> str | None:
        """The person "he" or "she" most likely names: the last speaker or full name before."""
        i = bisect.bisect_left(self.speakers, (pos, "")) - 1
        best = self.speakers[i] if i >= 0 else None
        if self._people is None:
            if self._by_last is None:
                self._by_last = self._build()
            self._people = sorted(
                (p, n)
                for lst in self._by_last.values()
                for p, n in lst
                if len(n.split()) <= 3 and not set(n.split()) & _ORG_WORDS
            )
        j = bisect.bisect_left(self._people, (pos, "")) - 1
        recent = best is not None and pos - best[0] < 1500
        if j >= 0 and (best is None or (self._people[j][0] > best[0] and not recent)):
            best = self._people[j]
        # a person introduced as a sentence's subject after the last speaker, just before the
        # pronoun ("Party leader John Roe is expected to ... Mr Roe is ... He said:")
        k = bisect.bisect_left(self._subjects, (pos, "")) - 1
        if k >= 0:
            sp, sname = self._subjects[k]
            if pos - sp < 400 and (best is None or sp > best[0]):
                best = (sp, sname)
        return best[1] if best else None


#: Heads of common noun phrases that name people ("a spokesman", "sources", "the narrator").
_PERSON_NOUNS = _TITLE_WORDS | frozenset(
    [
        "source",
        "sources",
        "witness",
        "witnesses",
        "resident",
        "residents",
        "narrator",
        "voter",
        "voters",
        "supporter",
        "supporters",
        "critic",
        "critics",
        "expert",
        "experts",
        "doctor",
        "man",
        "woman",
        "people",
        "person",
        "friend",
        "father",
        "mother",
        "wife",
        "husband",
        "protesters",
        "lawmakers",
        "lawmaker",
        "leaders",
        "observers",
        "students",
        "parents",
        "one",
        "another",
        "others",
        "spokesman",
        "spokeswoman",
        "spokesperson",
    ]
)


def person_like(text: str, m: Mention) -> bool:
    """Does the mention name a person (a name, "he", "a spokesman"), not "a box" or "the report"?"""
    if m.kind != "common":
        return True
    words = text[m.start : m.end].split()
    return bool(words) and words[-1].lower().strip(".,") in _PERSON_NOUNS


def resolve(text: str, m: Mention, names: NameIndex) -> str:
    """The person a mention names: full name for a surname, the last speaker for he/she."""
    raw = text[m.name_start : m.name_end]
    if m.kind == "pronoun":
        if raw.lower() in PERSON_PRONOUNS:
            return names.last_person(m.start) or raw
        if raw.lower() == "who":
            # the noun phrase before ", who": "said Jane Doe, who added ..."
            k = m.start
            while k > 0 and (text[k - 1].isspace() or text[k - 1] in ",)"):
                k -= 1
            ante = mention_before(text, k, max(0, k - 200))
            if ante is not None and ante.kind != "pronoun":
                return resolve(text, ante, names)
        return raw
    if m.kind == "common":
        return text[m.start : m.end]
    name = strip_possessive(raw)
    words = name.split()
    if len(words) == 1:
        full = names.resolve_surname(words[0].rstrip("."), m.start)
        if full:
            return full
    return name
