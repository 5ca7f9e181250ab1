"""The speakers' word lists and character classes, read once from ``data/*.txt``.

Cue verbs in all their written forms, pronouns, determiners, title words, organisation words:
rules, not a model, and the lists are data so that a reader can see and extend the coverage.
"""

from __future__ import annotations

from parsers.charclass import char_class
from parsers.wordlists import data_lines, data_words

_PKG = "parsers.speakers"

# --- characters -----------------------------------------------------------------------------

UPPER_CLASS = char_class(chr(c) for c in range(0x2000) if chr(c).isupper())
LOWER_CLASS = char_class(chr(c) for c in range(0x2000) if chr(c).islower())

# --- cue lexicon -----------------------------------------------------------------------------

#: Verbs that double their last letter before -ing.
_DOUBLE_FINAL = data_words(_PKG, "double_final.txt")


def _ing(base: str) -> str:
    """The -ing form of a base verb: state -> stating, admit -> admitting, say -> saying."""
    if base in _DOUBLE_FINAL:
        return base + base[-1] + "ing"
    if base.endswith("e") and not base.endswith(("ee", "ye")):
        return base[:-1] + "ing"
    return base + "ing"


def _cue_words() -> frozenset[str]:
    """Reporting verbs as written: each line of cue_verbs.txt is a base and its forms."""
    words: set[str] = set()
    for group in data_lines(_PKG, "cue_verbs.txt"):
        forms = group.split()
        words.update(forms)
        words.add(_ing(forms[0]))
    return frozenset(words)


CUE_WORDS: frozenset[str] = _cue_words()
#: Cues that only report speech with "that" or a colon after them, not alone (too ambiguous).
WEAK_CUES: frozenset[str] = data_words(_PKG, "weak_cues.txt")
#: Cue words that are as often nouns ("the report", "Republican claims", "mental state"): they
#: count only with a pronoun before them or "that", a colon, a comma or a quote after them.
NOUNY_CUES: frozenset[str] = data_words(_PKG, "nouny_cues.txt")

# --- word classes ----------------------------------------------------------------------------

PRONOUNS = data_words(_PKG, "pronouns.txt")
PERSON_PRONOUNS = data_words(_PKG, "person_pronouns.txt")
_DETERMINERS = data_words(_PKG, "determiners.txt")
#: Capitalised words that start sentences or clauses, never part of a speaker's name.
_CAP_STOP = data_words(_PKG, "cap_stop.txt")
#: Words that make a title rather than a name ("Swedish Defense Minister", "press secretary").
_TITLE_WORDS = data_words(_PKG, "title_words.txt")
_NAME_PARTICLES = data_words(_PKG, "name_particles.txt")
#: Lowercase words that may sit between a determiner and the head of a common-noun speaker.
_NP_STOP = data_words(_PKG, "np_stop.txt")
_AUX = data_words(_PKG, "auxiliaries.txt")
_KEEP_DOT = data_words(_PKG, "keep_dot.txt")
#: Titles that speak for an organisation ("a spokesman for", "an official at").
_SPEAKING_ROLES = data_words(_PKG, "speaking_roles.txt")
#: Words that speak for an unnamed somebody: '"...," one said', 'said another'.
INDEFINITE_SPEAKERS = data_words(_PKG, "indefinite_speakers.txt")
_APPOS_SMALL = data_words(_PKG, "apposition_small_words.txt")
_LEAD_ADVERBIAL = data_words(_PKG, "lead_adverbials.txt")
_PREPOSITIONS = data_words(_PKG, "prepositions.txt")
#: Words that never head a speaker's noun phrase.
FUNCTION_WORDS: frozenset[str] = (
    _NP_STOP | _PREPOSITIONS | _LEAD_ADVERBIAL | data_words(_PKG, "function_words.txt")
)
#: Words that make a capitalised chain an organisation or place rather than a person.
_ORG_WORDS = data_words(_PKG, "org_words.txt")
#: Heads of common noun phrases that name people ("a spokesman", "sources", "the narrator").
_PERSON_NOUNS = _TITLE_WORDS | data_words(_PKG, "person_nouns.txt")
