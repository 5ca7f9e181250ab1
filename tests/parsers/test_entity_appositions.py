"""An apposition that names a company types the name before it; one that names a person's
place in a group does not (issue 10: people typed as organisations). Sentences written for these
tests, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from parsers import parse_text


def typed(text: str) -> set[tuple[str, str]]:
    return {(e.text, e.type) for e in parse_text(f"Notes.\n\n{text}\n", "t.txt").entities}


@pytest.mark.parametrize(
    "paragraph",
    [
        "Osman Kaya, a commander of the group, was captured.",
        "Osman Kaya, the head of the firm, resigned.",
        "Osman Kaya, a founder of the company, spoke.",
    ],
)
def test_a_person_of_a_group_is_a_person(paragraph: str) -> None:
    found = typed(paragraph)
    assert ("Osman Kaya", "PERSON") in found
    assert ("Osman Kaya", "ORG") not in found


def test_a_company_apposition_still_types_a_company() -> None:
    assert ("Zentrova", "ORG") in typed("Zentrova, the mining group, cut jobs.")


def test_a_leaders_possessive_regime_is_an_organisation() -> None:
    found = typed("Envoys met Vladimir Putin on Monday. Putin's brutal regime denied it.")
    assert ("Putin's brutal regime", "ORG") in found
    assert ("Putin", "PERSON") in found


def test_a_leaders_possessive_policy_is_no_organisation() -> None:
    found = typed("Envoys met Vladimir Putin on Monday. Putin's new policy was praised.")
    assert not any(text.startswith("Putin's") for text, _ in found)
