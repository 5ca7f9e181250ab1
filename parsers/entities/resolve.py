"""Pass 6: what nests inside a chosen mention, and the document-level links: surnames and
given names resolve to the full names seen before, role titles ("the Foreign Secretary") to
their holder, "the Alliance" to NATO, an appositive role to its person."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise
from typing import TYPE_CHECKING

from parsers.entities.acronyms import link_defined_acronyms
from parsers.entities.candidate import Cand, resolve_fast
from parsers.entities.conventions import convention
from parsers.entities.cues import article, is_sentence_start, namey
from parsers.entities.lexicon import OFFICE_HEADS, PARTICLES, RANK_MODIFIERS, STOP, SUFFIXES
from parsers.entities.names import fold, given_names_differ, make_id
from parsers.entities.people import OFFICE_FIRST, ROLE_RE
from parsers.entities.titled import titles_whole
from parsers.model import EntityMention

if TYPE_CHECKING:
    from parsers.entities.extract import Extractor


_ALLIANCE_RE = re.compile(r"(?<![\w])[Tt]he (Alliance)(?![\w'’-])")


def nested_inside(top: list[Cand], cands: list[Cand]) -> list[Cand]:
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
            and outer.type not in ("WEAPON", "WORK_OF_ART")
            and (not outer.listed or (c.type == "NORP" and c.id.startswith("gpe:")))
        ):
            if outer.type == "PERSON" and c.end > outer.end - len(outer.name):
                continue  # part of the name itself ("Jordan" in "Michael Jordan")
            inner.append(c)
    return resolve_fast(inner, max((c.end for c in inner), default=0))


def finish(
    text: str,
    chosen: list[Cand],
    nested: list[Cand],
    ex: Extractor,
    token_list: list[tuple[int, int, bool]],
) -> list[EntityMention]:
    qualifiers = titles_whole(text, chosen)
    if qualifiers:
        chosen = [c for c in chosen if all(c is not q for q in qualifiers)]
        nested = nested + qualifiers
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
                if not any(w in RANK_MODIFIERS for w in words[:k]):
                    # "Foreign Secretary" is "the Secretary"; a "Prime Minister" is not "the
                    # Minister", nor a "Deputy Director" "the Director".
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
        # A quick test spares most tokens the fold: an ASCII first letter that starts no
        # surname ("U.S.", "Monday") cannot fold to one.
        heads = {k[:1] for k in all_by_surname}
        for i, (s, e, _poss) in enumerate(token_list):
            if e - s < 3:
                continue
            first = text[s]
            if first < "\x80" and first.lower() not in heads:
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
                other = _other_given_name(text, token_list, i, used, full, ex.given)
                if other is not None:
                    s = other  # "Joan Smith" beside "John Smith": another person, one name
                    name = text[s:e]
                    added.append(Cand(s, e, "PERSON", make_id("PERSON", name), name, 1))
                else:
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
        by_span = {(c.start, c.end): c for c in chosen}
        given_heads = {k[:1] for k in given_only}
        for s, e, _poss in token_list:
            first = text[s]
            if not first.isupper() or (first < "\x80" and first.lower() not in given_heads):
                continue
            full = given_only.get(fold(text[s:e]))
            if full is None or s <= full.start:
                continue
            if used.find(1, s, e) < 0:
                added.append(Cand(s, e, "PERSON", full.id, full.name, 1))
                used[s:e] = b"\x01" * (e - s)
                used_added[s:e] = b"\x01" * (e - s)
            elif (
                (alone := by_span.get((s, e))) is not None
                and alone.type == "PERSON"
                and alone.id == make_id("PERSON", alone.name)  # "Karim said": typed, unlinked
            ):
                alone.id, alone.name = full.id, full.name
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
    role_at = ROLE_RE.match  # (its titles a prefix tree: cheaper than any test before it)
    for ts, _te, _p in token_list:
        if ts < skip_to or text[ts:_te] in ("The", "THE"):
            continue
        m = role_at(text, ts)
        if m is None:
            continue
        s, e = m.start(), m.end()
        skip_to = e
        role = m.group("role")
        art = article(text, s)
        if art is not None:
            s = art
        elif not (" " in role and is_sentence_start(text, s)):
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
        first, _, rest = role.partition(" ")
        holder = by_role.get(fold(role)) or (
            by_role.get(fold(rest)) if rest and first not in RANK_MODIFIERS else None
        )  # "the Deputy Prime Minister" is not the Prime Minister
        if holder is not None:
            added.append(Cand(s, e, "PERSON", holder.id, holder.name, 1))
        else:
            added.append(Cand(s, e, "PERSON", make_id("PERSON", role), role, 1))
        used_added[s:e] = b"\x01" * (e - s)
    chosen = [c for c in chosen if id(c) not in dropped]
    chosen = sorted(chosen + added, key=lambda c: c.start)
    out: list[EntityMention] = []
    for c in chosen:
        out.extend(convention(text, c))
    for c in nested:
        out.append(EntityMention(c.start, c.end, text[c.start : c.end], c.type, c.id, c.name))
    for c, name_start in titled:
        if c.type == "PERSON":
            out.append(
                EntityMention(name_start, c.end, text[name_start : c.end], "PERSON", c.id, c.name)
            )
    link_defined_acronyms(text, out)
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


def _other_given_name(
    text: str,
    token_list: list[tuple[int, int, bool]],
    i: int,
    used: bytearray,
    full: Cand,
    given: frozenset[str],
) -> int | None:
    """Where another person's given name starts right before this surname ("Joan" in "Joan
    Smith" where the document's Smith is John Smith), or None."""
    if i == 0:
        return None
    ps, pe, poss = token_list[i - 1]
    s = token_list[i][0]
    if poss or text[pe:s] != " " or used.find(1, ps, pe) >= 0:
        return None
    word = text[ps:pe]
    if not namey(word, 0, 2) or fold(word) in STOP:
        return None
    e = token_list[i][1]
    if i + 1 < len(token_list) and text[e : token_list[i + 1][0]] == " ":
        return None  # inside a longer capitalised run: a headline, not a name
    if word in given:
        return ps
    if (
        is_sentence_start(text, ps)
        or re.search(r"\b" + re.escape(word.lower()) + r"\b", text) is not None
    ):
        return None  # "Injecting Smith's ...": a sentence start, or a word written in lower case
    return ps if given_names_differ(f"{word} x", full.name) else None


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
        words[0] in OFFICE_HEADS
        or words[0] in OFFICE_FIRST
        or any(w.islower() and w not in PARTICLES for w in words)
    )


#: A role's portfolio between it and its holder: "the Shadow Secretary of State for Health,
#: Jane Doe", "the Minister for the Middle East, Tom Hale".
_PORTFOLIO = re.compile(
    r" (?:for|of) (?:the )?[A-Z][\w'’-]*(?: (?:and |of |the )*[A-Z][\w'’-]*)*, "
)


def _link_appositive_roles(text: str, mentions: list[EntityMention]) -> None:
    """ "Dmitry Peskov, the Kremlin spokesman": the role mention is that person."""
    people = sorted((m for m in mentions if m.type == "PERSON"), key=lambda m: m.start)
    for prev, m in pairwise(people):
        gap = text[prev.end : m.start]
        # "White House spokeswoman Karine Jean-Pierre": the role right before a name is hers;
        # "The Chief of the Defence Staff, Admiral Sir Tony Radakin, said": the same.
        if (
            (gap == " " or gap == ", " or _PORTFOLIO.fullmatch(gap) is not None)
            and prev.id != m.id
            and _is_role(prev)
            and not _is_role(m)
        ):
            prev.id, prev.name = m.id, m.name
            continue
        if m.id == prev.id or m.name != m.text:
            continue  # a named person, or already linked
        # "Dmitry Peskov, the Kremlin spokesman": a role after a name is that person; a name
        # after a name is another person ("adviser to David Crane, Tom Hale,").
        if gap.strip() == "," and len(gap) <= 3 and _is_role(m) and not _is_role(prev):
            m.id, m.name = prev.id, prev.name


#: "al-Baghdadi" is Baghdadi: compiled once, not looked up in re's cache at every name.
_FAMILY_PREFIX = re.compile(r"^(?:al|el|bin|ibn|Al|El)[-‐]")


def _surname(name: str) -> str:
    words = name.split()
    while len(words) > 2 and words[-1].rstrip(",") in SUFFIXES:
        words.pop()  # "Charles H. Keeling IV" is Keeling
    last = words[-1]
    return _FAMILY_PREFIX.sub("", last)
