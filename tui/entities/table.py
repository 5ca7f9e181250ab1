"""What the entity sidebar shows, computed from documents, without Textual.

An :class:`EntityTable` over one document (the document view) or many (the library view) answers
the sidebar's questions: which entities, grouped by type and sorted by salience; where every
mention of one is (for highlighting and ``n``/``N``); which documents mention it; which entities
it most often appears with. Pure and cheap: one pass over the mentions when built, the rest on
demand. The widget draws; this module only counts.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from parsers.model import ENTITY_LABELS, Document, EntityMention
from tui.core.text import one_line

#: Group order in the sidebar: who, then where and what, then numbers and dates.
TYPE_ORDER: tuple[str, ...] = (
    "PERSON",
    "ORG",
    "GPE",
    "NORP",
    "LOC",
    "FAC",
    "WEAPON",
    "WORK_OF_ART",
    "MONEY",
    "QUANTITY",
    "PERCENT",
    "DATE",
    "TIME",
)
#: Group headings, for people rather than for OntoNotes.
TYPE_NAMES: dict[str, str] = {
    "PERSON": "People",
    "ORG": "Organisations",
    "GPE": "Countries and cities",
    "NORP": "Nationalities and groups",
    "LOC": "Places",
    "FAC": "Facilities",
    "WEAPON": "Weapons and platforms",
    "WORK_OF_ART": "Works (films, books, songs)",
    "MONEY": "Money",
    "QUANTITY": "Quantities",
    "PERCENT": "Percentages",
    "DATE": "Dates",
    "TIME": "Times",
}
#: One character per type, so the type reads without colour (NO_COLOR terminals).
TYPE_MARKERS: dict[str, str] = {
    "PERSON": "@",
    "ORG": "#",
    "GPE": "*",
    "NORP": "&",
    "LOC": "^",
    "FAC": "=",
    "WEAPON": "!",
    "WORK_OF_ART": '"',
    "MONEY": "$",
    "QUANTITY": "~",
    "PERCENT": "%",
    "DATE": "+",
    "TIME": ":",
}
#: Types that count as cross-references (numbers and dates co-occur with everything).
NAMED_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "WEAPON", "WORK_OF_ART"})


assert set(TYPE_ORDER) == set(ENTITY_LABELS)


def type_rank(label: str) -> int:
    """Position of a type in :data:`TYPE_ORDER` (unknown labels go last)."""
    try:
        return TYPE_ORDER.index(label)
    except ValueError:
        return len(TYPE_ORDER)


class MentionRef(NamedTuple):
    """One mention: ``text[start:end]`` of the document at ``path``."""

    path: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """One entity in a table: how often, in how many documents, and how early it appears."""

    id: str
    name: str
    type: str
    count: int
    documents: int
    #: (document index in the table, offset) of the first mention: earlier is more salient.
    first: tuple[int, int]
    #: The spellings seen ("US", "U.S.", "United States"), most frequent first.
    spellings: tuple[str, ...]

    @property
    def salience(self) -> tuple[int, int, int, int]:
        """Sort key, most salient first: more mentions, more documents, earlier first mention."""
        return (-self.count, -self.documents, self.first[0], self.first[1])


class DocCount(NamedTuple):
    """A document that mentions an entity, and how often."""

    path: str
    title: str
    mentions: int


class Related(NamedTuple):
    """An entity that appears in the same paragraphs, and in how many of them."""

    id: str
    name: str
    type: str
    #: How many paragraphs the two share.
    shared: int


def _entity_type(entity_id: str, types: dict[str, int]) -> str:
    """The entity's type: its id's prefix when that is a label ("gpe:united-states" is a GPE
    even where "US" means the government or "American" is a NORP), else the commonest type
    of its mentions (ties to the earlier-listed type)."""
    prefix = entity_id.partition(":")[0].upper()
    if prefix in ENTITY_LABELS:
        return prefix
    return min(types, key=lambda t: (-types[t], type_rank(t)))


def _units(doc: Document) -> list[int]:
    """Starts of the co-occurrence units of ``doc``: paragraphs, else sentences, else whole."""
    spans = doc.paragraphs or doc.sentences
    return sorted(p.start for p in spans) if spans else [0]


class EntityTable:
    """The entities of ``docs`` (one document, or the library), indexed once.

    Args:
        docs: The documents, in the order the library lists them (it orders "first mention").
        canonical: Maps a mention's id to the id it is shown under, so merges made across
            the library (``tui.entities.index.LibraryEntities.canonical``: automatic ones and
            the user's) hold here too. Default: ids as the parser gave them.
        rename: A name the user gave an id, if any (``Overrides.name``).
    """

    def __init__(
        self,
        docs: Iterable[Document],
        canonical: Callable[[str], str] | None = None,
        rename: Callable[[str], str | None] | None = None,
    ) -> None:
        self.docs: list[Document] = list(docs)
        self._rename = rename
        self._by_id: dict[str, list[tuple[int, EntityMention]]] = defaultdict(list)
        #: Per document: paragraph number -> the ids mentioned in it (for cross-references).
        self._units: list[dict[int, list[str]]] = []
        #: Per entity: the (document, paragraph) pairs it is mentioned in.
        self._places: dict[str, set[tuple[int, int]]] = defaultdict(set)
        ids: dict[str, str] = {}
        for index, doc in enumerate(self.docs):
            units: dict[int, list[str]] = defaultdict(list)
            starts = _units(doc)
            outer: EntityMention | None = None
            for mention in sorted(doc.entities, key=lambda m: (m.start, -m.end)):
                if not mention.id:
                    continue
                eid = ids.get(mention.id)
                if eid is None:
                    eid = ids[mention.id] = canonical(mention.id) if canonical else mention.id
                if outer is not None and mention.end <= outer.end and eid == ids[outer.id]:
                    continue  # "UK" inside "the UK": one mention, not two
                if outer is None or mention.start >= outer.end:
                    outer = mention
                unit = bisect.bisect_right(starts, mention.start) - 1
                units[unit].append(eid)
                self._places[eid].add((index, unit))
                self._by_id[eid].append((index, mention))
            self._units.append(units)
        self._summaries: dict[str, EntitySummary] | None = None
        self._groups: list[tuple[str, list[EntitySummary]]] | None = None
        self._related: dict[str, list[Related]] = {}

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    @property
    def paths(self) -> list[str]:
        return [doc.path for doc in self.docs]

    def summaries(self) -> dict[str, EntitySummary]:
        """Every entity by id (plain dicts, not Counters: a library has many thousand)."""
        if self._summaries is None:
            out: dict[str, EntitySummary] = {}
            cleaned: dict[str, str] = {}
            for entity_id, mentions in self._by_id.items():
                types: dict[str, int] = {}
                names: dict[str, int] = {}
                spellings: dict[str, int] = {}
                docs: set[int] = set()
                for index, m in mentions:
                    docs.add(index)
                    types[m.type] = types.get(m.type, 0) + 1
                    if m.name:
                        names[m.name] = names.get(m.name, 0) + 1
                    spelling = cleaned.get(m.text)
                    if spelling is None:
                        spelling = cleaned[m.text] = one_line(m.text)
                    spellings[spelling] = spellings.get(spelling, 0) + 1
                first_index, first = mentions[0]
                own = {m.name for _, m in mentions if m.id == entity_id and m.name}
                given = self._rename(entity_id) if self._rename else None
                if given:
                    name = one_line(given)
                elif names:
                    # The merged-into entity's own name first ("Vladimir Putin", not "Putin").
                    name = one_line(max(names, key=lambda k: (k in own, names[k])))
                else:
                    name = one_line(first.text)
                out[entity_id] = EntitySummary(
                    id=entity_id,
                    name=name or entity_id,
                    type=_entity_type(entity_id, types),
                    count=len(mentions),
                    documents=len(docs),
                    first=(first_index, first.start),
                    spellings=tuple(
                        sp for sp in sorted(spellings, key=lambda k: -spellings[k]) if sp
                    ),
                )
            self._summaries = out
        return self._summaries

    def summary(self, entity_id: str) -> EntitySummary | None:
        return self.summaries().get(entity_id)

    def groups(self) -> list[tuple[str, list[EntitySummary]]]:
        """Entities grouped by type (in :data:`TYPE_ORDER`), each group by salience."""
        if self._groups is None:
            by_type: dict[str, list[EntitySummary]] = defaultdict(list)
            for summary in self.summaries().values():
                by_type[summary.type].append(summary)
            self._groups = [
                (label, sorted(by_type[label], key=lambda s: s.salience))
                for label in sorted(by_type, key=lambda t: (type_rank(t), t))
            ]
        return self._groups

    def mentions(self, entity_id: str) -> list[MentionRef]:
        """Every mention of the entity, document by document, in reading order."""
        return [
            MentionRef(self.docs[i].path, m.start, m.end) for i, m in self._by_id.get(entity_id, [])
        ]

    def documents_for(self, entity_id: str) -> list[DocCount]:
        """The documents that mention the entity, most mentions first (then library order)."""
        counts: Counter[int] = Counter(i for i, _ in self._by_id.get(entity_id, []))
        ordered = sorted(counts, key=lambda i: (-counts[i], i))
        return [
            DocCount(
                self.docs[i].path,
                one_line(self.docs[i].title) or one_line(self.docs[i].path),
                counts[i],
            )
            for i in ordered
        ]

    def related(self, entity_id: str, limit: int = 8) -> list[Related]:
        """Named entities sharing paragraphs with this one, most shared paragraphs first.

        Only the paragraphs that mention the entity are read (indexed when the table was
        built), so a popular entity in a big library still answers at once.
        """
        cached = self._related.get(entity_id)
        if cached is not None:
            return cached[:limit]
        together: Counter[str] = Counter()
        for index, unit in self._places.get(entity_id, ()):
            for eid in set(self._units[index][unit]):
                if eid != entity_id:
                    together[eid] += 1
        summaries = self.summaries()
        ranked = sorted(
            (eid for eid in together if summaries[eid].type in NAMED_TYPES),
            key=lambda eid: (-together[eid], summaries[eid].salience),
        )
        out = [
            Related(eid, summaries[eid].name, summaries[eid].type, together[eid]) for eid in ranked
        ]
        self._related[entity_id] = out
        return out[:limit]


def table_for(
    docs: Sequence[Document],
    canonical: Callable[[str], str] | None = None,
    rename: Callable[[str], str | None] | None = None,
) -> EntityTable:
    """An :class:`EntityTable` over ``docs`` (kept as a function so callers need not care how)."""
    return EntityTable(docs, canonical, rename)
