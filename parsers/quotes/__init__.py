"""Quotations and who said them.

Three passes over each run of paragraphs, all linear in the text, one module each:

1. **Marks** (:mod:`.marks`). Pair quotation marks by context (a mark after a space opens, a mark
   before a space or punctuation closes; the glyph only breaks ties), so straight and curly
   marks, single quotes inside double, inch signs (``5'10"``) and stray marks all behave. A quote
   that does not close ends with its paragraph, unless the next paragraph opens with a mark (the
   news convention for a quote over several paragraphs), so no mark can swallow the rest of a
   document.
2. **Clauses** (:mod:`.clauses`). Sentences are cut outside quotes only, so a quote is never
   split by its own full stops.
3. **Attribution** (:mod:`.attribution`, with :mod:`.cues` and :mod:`.content`). Each clause is
   read for a cue beside its quotes (``"...," said X``, ``X said: "..."``, ``"...," X said,
   "..."``, ``... , X said.``, ``according to X``), the speaker's mention is taken at the cue
   (:mod:`parsers.speakers`), and the quote gets its kind. The source is the one the sentence
   gives: a main clause beats a leading subordinate or participle clause and a relative clause
   aside ("X, who says ..., tweeted"); "according to Y" after the cue clause and a leading
   "In a ... poll," name Y and the poll; a pronoun with its cue in a clause of their own before
   the quote ("which he called") is the mention; a quote alone after a sentence about a person
   (its subject and verb) is that person's; a paragraph "- Jane Doe." signs the quote before it:

   * ``direct``: the attributed content is the quoted words (pieces split by the cue are joined;
     ``parts`` holds each piece);
   * ``partial``: quoted words inside a reported clause; ``start``/``end`` cover the reported
     clause (what the speaker is said to have said) and ``parts`` the verbatim pieces;
   * ``indirect`` (:mod:`.indirect`): reported speech without marks (``X stated that ...``), the
     clause as content;
   * ``scare``: marks nobody is quoted as saying (``a "steel porcupine"``, titles of reports).

The document pass (:mod:`.document`): a transcript quoted over paragraphs (``"PENCE: ...``)
splits into turns by label; quotes inside a long excerpt in straight marks are found as well; a
statement printed without marks after ``X said:`` (press releases) is ``direct``; a whole
sentence in marks with no cue goes to the speaker just quoted, or stays ``direct`` with no
speaker. Once the entities are known, :mod:`.checks` applies the document-level checks (an
organisation or place speaks only through an organisational cue; the same quoted words never
have two speakers). Word lists live in ``data/*.txt`` (:mod:`.lexicon`).

Speed (``bench/bench_parse.py``): the cues of a document are found once (one Aho-Corasick pass,
:mod:`parsers.speakers`) and looked up by bisection; every regex is compiled once and run on
offsets; a pattern that a forward search would retry at every position ("the last word before
the cue") is read from the end instead (:mod:`.words`), and each such shortcut is tested against
its plain pattern in ``tests/parsers/test_quotes.py``. Cheap tests come before speaker searches,
and sentences or clauses without a cue are skipped at once.
"""

from __future__ import annotations

from parsers.quotes.checks import check_speakers
from parsers.quotes.document import STATEMENT_KIND, extract_quotes, quotes_by_speaker
from parsers.quotes.marks import DOUBLED_APOSTROPHE_MARKS, find_quote_spans

__all__ = [
    "DOUBLED_APOSTROPHE_MARKS",
    "STATEMENT_KIND",
    "check_speakers",
    "extract_quotes",
    "find_quote_spans",
    "quotes_by_speaker",
]
