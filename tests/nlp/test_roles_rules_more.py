"""More role and entity rules: the organisation a possessor owns, and others (sentences
written for these tests)."""

from __future__ import annotations

import pytest

from bot.nlp.analyzer import Analyzer
from tests.nlp.roles_helpers import roles_of

pytestmark = pytest.mark.spacy


def test_possessed_organisation_is_the_org(analyzer: Analyzer) -> None:
    text = "Kenji Sato, the head of Japan's Financial Services Agency, said the rule would apply."
    assert ("head", "Financial Services Agency") in roles_of(analyzer, text)["Kenji Sato"]


def test_possessor_stays_the_org_of_a_plain_noun(analyzer: Analyzer) -> None:
    text = "Laura Brandt, the manager of Coinbase's listing team, left the company last week."
    assert ("manager", "Coinbase") in roles_of(analyzer, text)["Laura Brandt"]


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Emeka Obi, the director-general of the Lagos Port Authority, spoke on Monday.",
     "Emeka Obi", ("director-general", "Lagos Port Authority")),
    ("Bo Hines, executive director of the Strategic Reserve Council, spoke first.",
     "Bo Hines", ("executive director", "Strategic Reserve Council")),
])
def test_untagged_person_before_a_title(analyzer: Analyzer, text: str, name: str,
                                        role: tuple[str, str | None]) -> None:
    assert role in roles_of(analyzer, text)[name]


@pytest.mark.parametrize("text", [
    "Green Valley, the largest town in the region, voted for the plan.",
    "Last Friday, the chief executive resigned.",
    "The Central Bank Governor, the deputy governor and two directors met.",
])
def test_no_person_without_a_name_before_a_title(analyzer: Analyzer, text: str) -> None:
    from bot.nlp.spans import titled_people

    doc = analyzer.nlp(text)
    assert titled_people(doc, set()) == []
