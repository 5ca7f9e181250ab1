"""An acronym defined in parentheses is the organisation before it, wherever it appears in the
document (issue 10). Sentences written for these tests, not taken from any evaluation set."""

from __future__ import annotations

from parsers import parse_text
from parsers.model import EntityMention


def ents(text: str) -> list[EntityMention]:
    return parse_text(f"Notes.\n\n{text}\n", "t.txt").entities


def test_a_defined_acronym_shares_the_organisations_id() -> None:
    found = ents(
        "The Orchard Growers Federation (OGF) wrote to ministers. Later, OGF said it would sue."
    )
    full = next(e for e in found if e.text.endswith("Orchard Growers Federation"))
    short = [e for e in found if e.text == "OGF"]
    assert len(short) == 2
    assert all((e.type, e.id, e.name) == ("ORG", full.id, full.name) for e in short)


def test_an_acronym_with_another_first_letter_is_not_linked() -> None:
    found = ents("The Orchard Growers Federation (NYSE) rose. NYSE traders left.")
    full = next(e for e in found if e.text.endswith("Orchard Growers Federation"))
    assert not any(e.text == "NYSE" and e.id == full.id for e in found)
