"""Acceptance: entities and roles on both seed articles (the original and our rewrite)."""

from __future__ import annotations

import pytest

from bot.domain.models import Analysis, ArticleIn, EntityMention
from bot.nlp.analyzer import Analyzer

pytestmark = pytest.mark.spacy


def _entity(analysis: Analysis, name: str) -> EntityMention:
    found = {e.name: e for e in analysis.entities}
    assert name in found, f"{name!r} not in {sorted(found)}"
    return found[name]


@pytest.mark.parametrize(
    ("name", "label", "alias"),
    [
        ("Nayib Bukele", "PERSON", "Bukele"),
        ("Bilal Bin Saqib", "PERSON", "Saqib"),
        ("Memorandum of Understanding", "LAW", "MoU"),
        ("Pakistan Crypto Council", "ORG", None),
        ("Bloomberg", "ORG", None),
        ("El Salvador", "GPE", None),
        ("Pakistan", "GPE", None),
    ],
)
def test_canonical_entities(seed_analysis: Analysis, name: str, label: str,
                            alias: str | None) -> None:
    entity = _entity(seed_analysis, name)
    assert entity.type == label
    if alias:
        assert alias in entity.aliases


def test_short_names_merge_into_full_names(seed_analysis: Analysis) -> None:
    names = {e.name for e in seed_analysis.entities}
    assert not names & {"Bukele", "Saqib", "Mirroring El Salvador", "El Salvador’s",
                        "El Salvador's", "the Pakistan Crypto Council"}
    assert _entity(seed_analysis, "Nayib Bukele").mentions >= 3


def test_crypto_terms_and_boilerplate_are_not_entities(seed_analysis: Analysis) -> None:
    names = {e.name for e in seed_analysis.entities}
    assert not names & {"Bitcoin", "BTC", "AI", "#Bitcoin", "Elizabeth Warren"}


@pytest.mark.parametrize(("name", "country"), [("Pakistani", "Pakistan"),
                                               ("Salvadoran", "El Salvador")])
def test_demonyms_point_to_countries(seed_analysis: Analysis, name: str, country: str) -> None:
    entity = _entity(seed_analysis, name)
    assert (entity.type, entity.country) == ("NORP", country)


def test_roles_of_saqib(seed_analysis: Analysis) -> None:
    roles = {(r.text, r.org) for r in _entity(seed_analysis, "Bilal Bin Saqib").roles}
    assert ("CEO", "Pakistan Crypto Council") in roles
    assert ("special assistant to the Prime Minister on blockchain policy", None) in roles


def test_role_of_bukele(seed_analysis: Analysis) -> None:
    roles = {(r.text, r.org) for r in _entity(seed_analysis, "Nayib Bukele").roles}
    assert roles == {("President", "El Salvador")}


def test_role_of_lopez(seed_analysis: Analysis) -> None:
    roles = [r.text for r in _entity(seed_analysis, "Josue Lopez").roles]
    assert roles == ["Salvadoran government advisor"]


def test_defined_acronym_becomes_alias(analyzer: Analyzer, our_seed: ArticleIn) -> None:
    analysis = analyzer.analyze(our_seed)
    assert "PDAA" in _entity(analysis, "Pakistan Digital Asset Authority").aliases
