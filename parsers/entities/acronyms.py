"""An acronym defined in parentheses names the organisation before it: after "the Qasr
Veterans Association (QVA)", every "QVA" in the document is that organisation (its type, id and
name), not an unknown body of its own or a person or place by some cue.

The acronym must start with the name's first letter (past an article) and be written in
capitals (a plural "s" allowed). One look after each organisation mention, one pass to relink.
"""

from __future__ import annotations

import re

from parsers.model import EntityMention

__all__ = ["link_defined_acronyms"]

_DEFINED = re.compile(r"[ \t]*\(([A-Z][A-Za-z&]{1,7})\)")


def link_defined_acronyms(text: str, mentions: list[EntityMention]) -> None:
    """Relink, in place, each mention of an acronym defined after an organisation's name."""
    defined: dict[str, EntityMention] = {}
    for m in mentions:
        if m.type != "ORG" or text[m.end : m.end + 1] not in (" ", "\t", "("):
            continue
        d = _DEFINED.match(text, m.end)
        if d is None:
            continue
        acr = d.group(1)
        caps = acr.rstrip("s")
        words = m.text.split()
        if words and words[0] in ("the", "The"):
            words = words[1:]
        if len(caps) < 2 or not caps.isupper() or not words or words[0][:1] != acr[0]:
            continue
        defined.setdefault(acr, m)
    if not defined:
        return
    for m in mentions:
        key = m.text[4:] if m.text.startswith(("the ", "The ")) else m.text
        org = defined.get(key)
        if org is not None and org is not m and m.type in ("ORG", "PERSON", "GPE", "LOC", "NORP"):
            m.type, m.id, m.name = "ORG", org.id, org.name
