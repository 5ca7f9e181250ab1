"""The quote finder's word lists, read once from ``data/*.txt``."""

from __future__ import annotations

from parsers.wordlists import data_words

_PKG = "parsers.quotes"

#: Abbreviations whose dot ends no sentence ("Mr.", "Sept.").
_ABBREV = data_words(_PKG, "abbreviations.txt")
_SMALL_TITLE_WORDS = data_words(_PKG, "title_small_words.txt")
#: 'hailed Trump as "The Comeback Kid"': a name someone gave, not a title.
_NAMING = data_words(_PKG, "naming_words.txt")
#: 'the report "..."': a quote in Title Case after these is the title of a work.
_WORK_NOUNS = data_words(_PKG, "work_nouns.txt")
#: 'by arguing', 'to accuse': the speaker of a cue after these is the clause's subject.
_PREP_BEFORE = data_words(_PKG, "prepositions_before_cue.txt")
#: 'the report', 'his remarks': a cue word after these is a noun.
_NOT_BEFORE_CUE = data_words(_PKG, "not_before_cue.txt")
#: Cues that come before their speaker after a quote: '"...," said X', '"...," asked X'.
INVERTIBLE = data_words(_PKG, "invertible_cues.txt")
#: Cues that report a clause without "that": "officials say the US must ...".
_BARE_CLAUSE_CUES = data_words(_PKG, "bare_clause_cues.txt")
_BARE_SUBJECTS = data_words(_PKG, "bare_subjects.txt")
#: "When X said ..., Y shouted": a cue in a leading clause opened by these gives way to the
#: main clause's cue.
_SUBORDINATORS = data_words(_PKG, "subordinators.txt")
