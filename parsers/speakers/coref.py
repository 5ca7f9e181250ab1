"""Resolution: the person a mention names. A surname resolves to the full name seen before it,
"he" and "she" to the last speaker or the person just introduced as a sentence's subject."""

from __future__ import annotations

import bisect
import re

from parsers.speakers.lexicon import _ORG_WORDS, PERSON_PRONOUNS, PRONOUNS
from parsers.speakers.mentions import Mention, mention_before
from parsers.speakers.names import (
    _FULL_NAME_MEMO,
    _FULL_NAME_MEMO_SIZE,
    _NAME_CHAIN,
    _UNSEEN,
    _full_name,
    strip_possessive,
)


def _headline_lines(text: str) -> list[int]:
    """Start and end offsets, flattened, of short lines in Title Case (headlines). (The lines
    are cut with ``str.split`` and the words counted in one loop: a third faster than a regex
    over the lines and a list of their words.)"""
    out: list[int] = []
    pos = 0
    for line in text.split("\n"):
        s = pos
        e = s + len(line)
        pos = e + 1
        if not line or e - s > 160:
            continue
        n = caps = 0
        for w in line.split():
            c = w[:1]
            if c.isalpha():
                n += 1
                if c.isupper():
                    caps += 1
        if n >= 3 and caps >= 0.75 * n:
            out.extend((s, e))
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
