"""Who is speaking: cue verbs, the speaker's mention beside a cue, its role, and name resolution.

Rules, not a model: a lexicon of reporting verbs in all their written forms (``data/*.txt``), and
small scans over the words next to a cue ("X said", "said X", "X, the minister, said",
"according to X"). Every scan looks at a bounded window of text, so the cost stays linear in the
document whatever its shape. The passes, one module each:

* :mod:`.lexicon`: the word lists, read once from ``data/``;
* :mod:`.cues`: every cue of a document found in one Aho-Corasick pass, then looked up by bisection;
* :mod:`.names`: tokens, capitalised chains, titles before a name, the full name a chain gives;
* :mod:`.mentions`: the speaker's mention at a cue (before it, after it, in an apposition, the
  clause's subject);
* :mod:`.coref`: resolution of a mention to a person (surname -> full name, he/she -> the person
  last named or just introduced).
"""

from __future__ import annotations

from parsers.speakers.coref import NameIndex, resolve
from parsers.speakers.cues import Cue, first_cue, has_cue, iter_cues
from parsers.speakers.lexicon import (
    CUE_WORDS,
    FUNCTION_WORDS,
    INDEFINITE_SPEAKERS,
    LOWER_CLASS,
    NOUNY_CUES,
    PERSON_PRONOUNS,
    PRONOUNS,
    UPPER_CLASS,
    WEAK_CUES,
)
from parsers.speakers.mentions import (
    Mention,
    clause_subject,
    mention_after,
    mention_before,
    nearest_subject,
    person_like,
)
from parsers.speakers.names import strip_possessive

__all__ = [
    "CUE_WORDS",
    "FUNCTION_WORDS",
    "INDEFINITE_SPEAKERS",
    "LOWER_CLASS",
    "NOUNY_CUES",
    "PERSON_PRONOUNS",
    "PRONOUNS",
    "UPPER_CLASS",
    "WEAK_CUES",
    "Cue",
    "Mention",
    "NameIndex",
    "clause_subject",
    "first_cue",
    "has_cue",
    "iter_cues",
    "mention_after",
    "mention_before",
    "nearest_subject",
    "person_like",
    "resolve",
    "strip_possessive",
]
