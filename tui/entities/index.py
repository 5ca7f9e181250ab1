"""Entities across the library: which documents mention an entity, and merges. No Textual.

Why a separate index: the sidebar's library view must answer "which documents mention X"
over 10,000 documents without holding them (the counts and cross-references it lists come
from :class:`tui.entities.table.EntityTable`, the one summary model). :class:`LibraryEntities`
takes each parsed document once (:meth:`LibraryEntities.add`) and keeps only integers: per
document, the entity numbers, offsets and paragraph numbers of its mentions (a few bytes a
mention). Spellings are merged three ways, applied everywhere the index answers:

1. by the parser: one id for "US", "U.S.", "United States" (``gpe:united-states``);
2. across documents, automatically, when rapidfuzz says two names are close and their context
   agrees (``person:putin`` from a document that only says "Putin" joins
   ``person:vladimir-putin`` when both documents also mention Russia, say);
3. by hand: :class:`Overrides` keeps a user's merges and splits in the data dir
   (``entity-overrides.json``) and wins over (2).

The user's own gazetteer (config dir, ``entities.tsv``, format in
:mod:`parsers.entities.gazetteer`) is read by :func:`user_gazetteer` and passed to the parser.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from parsers.entities import GazetteerEntry, fold, given_names_differ, id_label, parse_gazetteer
from parsers.model import Document, EntityMention
from tui.core import paths as app_paths
from tui.entities.gazetteer_file import USER_GAZETTEER_FILE
from tui.entities.gazetteer_file import gazetteer_fingerprint as gazetteer_fingerprint
from tui.entities.table import NAMED_TYPES

OVERRIDES_FILE = "entity-overrides.json"


# -- one document -----------------------------------------------------------------------------


def countable_mentions(mentions: list[EntityMention]) -> Iterator[EntityMention]:
    """Mentions to count: a nested mention with its container's id is the same mention
    ("UK" inside "the UK", "Iraqi" inside "Iraqi forces"), so it counts once. Anything that
    counts mentions should count these."""
    outer: EntityMention | None = None
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if outer is not None and m.end <= outer.end and m.id == outer.id:
            continue
        if outer is None or m.start >= outer.end:
            outer = m
        yield m


# -- user merges and splits -------------------------------------------------------------------


@dataclass
class Overrides:
    """A user's merges ("these two ids are one entity") and splits ("never merge these").

    Stored as JSON: ``{"merge": [[a, b], ...], "split": [[a, b], ...], "names": {id: name}}``.
    A merge joins ``b`` into ``a`` (``a`` stays the id shown); a split of two ids undoes any
    merge between them, manual or automatic, and keeps them apart from then on.
    """

    merges: list[tuple[str, str]] = field(default_factory=list)
    splits: list[tuple[str, str]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    _parent: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._rebuild()

    # Storage.
    @classmethod
    def load(cls, path: Path | None = None) -> Overrides:
        """Read the overrides file (default: the data dir's); a missing or corrupt file
        gives empty overrides, never an error."""
        p = path or app_paths.data_dir() / OVERRIDES_FILE
        try:
            data = json.loads(p.read_text("utf-8"))
        except (OSError, ValueError):
            return cls(path=p)
        if not isinstance(data, dict):
            return cls(path=p)

        def pairs(key: str) -> list[tuple[str, str]]:
            out = []
            for item in data.get(key) or []:
                if (
                    isinstance(item, list)
                    and len(item) == 2
                    and all(isinstance(x, str) for x in item)
                ):
                    out.append((item[0], item[1]))
            return out

        names = data.get("names") if isinstance(data.get("names"), dict) else {}
        return cls(
            pairs("merge"),
            pairs("split"),
            {str(k): str(v) for k, v in (names or {}).items()},
            path=p,
        )

    def save(self) -> None:
        """Write atomically (a temporary file renamed over the old one)."""
        p = self.path or app_paths.data_dir() / OVERRIDES_FILE
        p.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "merge": [list(m) for m in self.merges],
            "split": [list(s) for s in self.splits],
            "names": self.names,
        }
        fd, tmp = tempfile.mkstemp(prefix=".overrides-", dir=str(p.parent))
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=1)
            os.replace(tmp, p)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    # Edits.
    def merge(self, keep: str, other: str) -> None:
        """``other`` becomes ``keep`` everywhere."""
        if keep == other:
            return
        pair = tuple(sorted((keep, other)))
        self.splits = [s for s in self.splits if tuple(sorted(s)) != pair]
        self.merges.append((keep, other))
        self._rebuild()

    def split(self, a: str, b: str) -> None:
        """``a`` and ``b`` are different entities, whatever merged them."""
        pair = tuple(sorted((a, b)))
        self.merges = [m for m in self.merges if tuple(sorted(m)) != pair]
        if pair not in {tuple(sorted(s)) for s in self.splits}:
            self.splits.append((a, b))
        self._rebuild()

    def rename(self, entity_id: str, name: str) -> None:
        self.names[entity_id] = name

    # Queries.
    def _rebuild(self) -> None:
        self._parent = {}
        for keep, other in self.merges:
            root_keep, root_other = self.resolve(keep), self.resolve(other)
            if root_keep != root_other and not self.kept_apart(root_keep, root_other):
                self._parent[root_other] = root_keep

    def resolve(self, entity_id: str) -> str:
        seen = 0
        while entity_id in self._parent and seen < 64:
            entity_id = self._parent[entity_id]
            seen += 1
        return entity_id

    def kept_apart(self, a: str, b: str) -> bool:
        return any({a, b} == {x, y} for x, y in self.splits)

    def name(self, entity_id: str) -> str | None:
        return self.names.get(entity_id)

    def apply(self, doc: Document) -> Document:
        """Rewrite ``doc``'s entity and quote ids in place with the merges (for views that
        read documents directly, such as the document-level sidebar)."""
        if not self._parent and not self.names:
            return doc
        for m in doc.entities:
            root = self.resolve(m.id)
            if root != m.id:
                m.id = root
            if root in self.names:
                m.name = self.names[root]
        for q in doc.quotes:
            if q.entity_id:
                q.entity_id = self.resolve(q.entity_id)
        return doc


# -- the library ------------------------------------------------------------------------------


@dataclass(slots=True)
class _DocIndex:
    """One document's mentions as integers: entity numbers, offsets, paragraph numbers."""

    path: str
    title: str
    ents: array  # entity number per mention
    starts: array
    ends: array
    units: array  # paragraph number per mention


class LibraryEntities:
    """Every document's entities, added one at a time; answers the sidebar's library view.

    Memory: per mention three ``int32`` and one ``int32`` entity number; per entity its id,
    counts and a few spellings. 10,000 documents of 100 mentions each take about 20 MB.
    """

    def __init__(self, overrides: Overrides | None = None, auto_merge: bool = True) -> None:
        self.overrides = overrides if overrides is not None else Overrides()
        self.auto_merge = auto_merge
        self._ids: list[str] = []
        self._num: dict[str, int] = {}
        self._count: list[int] = []
        self._docs_of: list[set[int]] = []  # entity number -> document numbers
        self._names: list[Counter[str]] = []
        self._docs: list[_DocIndex] = []
        self._doc_num: dict[str, int] = {}
        self._auto: dict[str, str] | None = None
        self._cache_key: tuple[int, int, int, int] | None = None
        self._members_cache: dict[str, list[int]] = {}
        self._version = 0

    def __len__(self) -> int:
        return len(self._docs)

    # Building.
    def _entity(self, eid: str) -> int:
        n = self._num.get(eid)
        if n is None:
            n = len(self._ids)
            self._num[eid] = n
            self._ids.append(eid)
            self._count.append(0)
            self._docs_of.append(set())
            self._names.append(Counter())
        return n

    def add(self, doc: Document) -> None:
        """Index ``doc`` (a document already indexed under its path is replaced)."""
        if doc.path in self._doc_num:
            self.remove(doc.path)
        number = len(self._docs)
        unit_starts = sorted(p.start for p in doc.paragraphs) or [0]
        ents, starts, ends, units = array("i"), array("i"), array("i"), array("i")
        seen: Counter[tuple[str, str]] = Counter()
        for m in countable_mentions(doc.entities):
            seen[(m.id, m.name)] += 1
            n = self._num.get(m.id)
            ents.append(self._entity(m.id) if n is None else n)
            starts.append(m.start)
            ends.append(m.end)
            units.append(max(0, bisect_right(unit_starts, m.start) - 1))
        # Per distinct name, not per mention: most mentions repeat a few names.
        for (eid, name), k in seen.items():
            n = self._num[eid]
            self._count[n] += k
            self._docs_of[n].add(number)
            self._names[n][name] += k
        self._docs.append(_DocIndex(doc.path, doc.title, ents, starts, ends, units))
        self._doc_num[doc.path] = number
        self._auto = None
        self._version += 1

    def add_all(self, docs: Iterable[Document]) -> None:
        for d in docs:
            self.add(d)

    def remove(self, path: str) -> None:
        """Forget a document (its slot stays, empty, so other numbers do not move)."""
        number = self._doc_num.pop(path, None)
        if number is None:
            return
        d = self._docs[number]
        for n in d.ents:
            self._count[n] -= 1
            self._docs_of[n].discard(number)
        self._docs[number] = _DocIndex(
            path, d.title, array("i"), array("i"), array("i"), array("i")
        )
        self._auto = None
        self._version += 1

    # Merging.
    def canonical(self, entity_id: str) -> str:
        """The id an entity is shown under: user merges first, then automatic ones."""
        root = self.overrides.resolve(entity_id)
        if self.auto_merge:
            auto = self._auto_merges()
            seen = 0
            while root in auto and seen < 16:
                nxt = auto[root]
                if self.overrides.kept_apart(root, nxt):
                    break
                root = self.overrides.resolve(nxt)
                seen += 1
        return root

    def _fresh(self) -> bool:
        """Drop cached answers when documents or the user's overrides changed."""
        key = (
            self._version,
            id(self.overrides),
            len(self.overrides.merges),
            len(self.overrides.splits),
        )
        if key != self._cache_key:
            self._cache_key = key
            self._members_cache = {}
            return False
        return True

    def _members(self) -> dict[str, list[int]]:
        if self._fresh() and self._members_cache:
            return self._members_cache
        out: dict[str, list[int]] = defaultdict(list)
        for n, eid in enumerate(self._ids):
            if self._count[n] > 0:
                out[self.canonical(eid)].append(n)
        self._members_cache = dict(out)
        return self._members_cache

    def _context(self, n: int, limit: int = 20) -> set[int]:
        """Named entities in the first ``limit`` documents that mention entity ``n``."""
        out: set[int] = set()
        for d in sorted(self._docs_of[n])[:limit]:
            for m in self._docs[d].ents:
                if m != n and id_label(self._ids[m]) in NAMED_TYPES:
                    out.add(m)
        return out

    def _auto_merges(self) -> dict[str, str]:
        """Cross-document merges: close names (rapidfuzz) whose documents share context.

        People: a surname-only id ("person:putin") joins the one full name ending in that
        surname; close spellings ("Zelensky"/"Zelenskyy") join when their ratio is >= 90,
        never two full names whose given names differ ("John Smith"/"Joan Smith").
        Other named types: ratio >= 92 on the folded names. Either way the two entities'
        documents must share at least one other named entity; a split by the user wins.
        """
        if self._auto is not None:
            return self._auto
        auto: dict[str, str] = {}
        blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
        names: dict[int, str] = {}
        for n, eid in enumerate(self._ids):
            label = id_label(eid)
            if self._count[n] <= 0 or label not in NAMED_TYPES or label == "NORP":
                continue
            name = fold(self._names[n].most_common(1)[0][0]) if self._names[n] else eid
            names[n] = name
            words = name.replace("-", " ").split()
            if not words:
                continue
            key = words[-1] if label == "PERSON" else words[0][:4]
            blocks[(label, key)].append(n)
        for (label, _key), members in blocks.items():
            if len(members) < 2 or len(members) > 200:
                continue
            members.sort(key=lambda n: (-self._count[n], self._ids[n]))
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    if self._ids[b] in auto or self._ids[a] in auto:
                        continue
                    if not self._close(label, names[a], names[b], members):
                        continue
                    if self.overrides.kept_apart(self._ids[a], self._ids[b]):
                        continue
                    if self._context(a) & self._context(b):
                        # The fuller name is the one kept ("Putin" joins "Vladimir Putin").
                        keep, join = (
                            (a, b) if len(names[a].split()) >= len(names[b].split()) else (b, a)
                        )
                        auto[self._ids[join]] = self._ids[keep]
        self._auto = auto
        return auto

    def _close(self, label: str, a: str, b: str, block: list[int]) -> bool:
        from rapidfuzz import fuzz  # only when merging: `parse` never pays for the import

        if label == "PERSON":
            wa, wb = a.split(), b.split()
            short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
            if len(short) == 1 and len(long_) > 1 and long_[-1] == short[0]:
                # The one full name with this surname in the block, or no merge.
                fulls = {
                    names_
                    for names_ in (self._name_of(n) for n in block)
                    if len(names_.split()) > 1
                }
                return len(fulls) == 1
            if given_names_differ(a, b):
                return False  # "john smith" and "joan smith": two people, however close
            return fuzz.ratio(a, b) >= 90
        return fuzz.ratio(a, b) >= 92

    def _name_of(self, n: int) -> str:
        return fold(self._names[n].most_common(1)[0][0]) if self._names[n] else self._ids[n]

    def _numbers(self, entity_id: str) -> set[int]:
        return set(self._members().get(self.canonical(entity_id), ()))

    def documents_for(self, entity_id: str) -> list[tuple[str, int]]:
        """(path, mentions) of every document mentioning the entity, most mentions first."""
        nums = self._numbers(entity_id)
        counts: Counter[int] = Counter()
        for n in nums:
            for d in self._docs_of[n]:
                counts[d] += sum(1 for e in self._docs[d].ents if e == n)
        return [
            (self._docs[d].path, c)
            for d, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]


# -- the user's gazetteer ---------------------------------------------------------------------


def user_gazetteer(path: Path | None = None) -> tuple[GazetteerEntry, ...]:
    """Entries from the config dir's ``entities.tsv`` (empty when there is none or it is
    unreadable). Pass them to :func:`parsers.entities.extract_entities`."""
    p = path or app_paths.config_dir() / USER_GAZETTEER_FILE
    try:
        return tuple(parse_gazetteer(p.read_text("utf-8", errors="replace"), str(p)))
    except OSError:
        return ()


def personalise(
    doc: Document,
    entries: tuple[GazetteerEntry, ...] | None = None,
    overrides: Overrides | None = None,
) -> Document:
    """Apply the user's gazetteer and merges to a freshly parsed document, in place.

    With no user gazetteer this costs nothing; with one, entities are extracted again with
    the extra entries (about 5 ms for a 1,000-word article). Callers that cache parses should
    put :func:`gazetteer_fingerprint` in the cache key.
    """
    apply_user_gazetteer(doc, entries)
    (overrides if overrides is not None else Overrides.load()).apply(doc)
    return doc


def apply_user_gazetteer(
    doc: Document, entries: tuple[GazetteerEntry, ...] | None = None
) -> Document:
    """Extract ``doc``'s entities again with the user's own names added (no-op without any)."""
    from parsers.entities import extract_entities

    extra = user_gazetteer() if entries is None else entries
    if extra:
        for q in doc.quotes:
            q.entity_id = None
        doc.entities = extract_entities(doc, extra)
    return doc
