"""Untagged organisation names known by the appositive that follows them."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer
from tests.nlp.roles_helpers import roles_of


def _types(analyzer: Analyzer, text: str) -> dict[str, str]:
    analysis = analyzer.analyze(ArticleIn(url=None, title="Test article", text=text))
    return {e.name: e.type for e in analysis.entities}


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Ofgem, the energy regulator, fined the supplier on Tuesday.", "Ofgem", "energy regulator"),
    ("Users said Bitvane, the crypto exchange, froze their accounts.", "Bitvane",
     "crypto exchange"),
    ("Ripple, the San Francisco-based blockchain company, settled with the SEC.", "Ripple",
     "blockchain company"),
    ("Chivo, the government-run bitcoin wallet, had 4 million users.", "Chivo",
     "government-run bitcoin wallet"),
    ("Metaplanet, a Tokyo-listed hotel operator, now holds 5,000 BTC.", "Metaplanet",
     "hotel operator"),
    # an English word opening the sentence, when the kind is described further
    ("Strategy, the company led by Michael Saylor, now holds 640,031 bitcoin.", "Strategy",
     "company"),
    # or when the appositive closes with its comma
    ("Strategy, the software company, now holds 640,031 bitcoin.", "Strategy",
     "software company"),
])
def test_a_name_before_an_organisation_appositive_is_that_organisation(
        analyzer: Analyzer, text: str, name: str, role: str) -> None:
    assert _types(analyzer, text).get(name) == "ORG"
    assert role in {t for t, _ in roles_of(analyzer, text).get(name, set())}


@pytest.mark.parametrize("text", [
    "On Monday, the company said it would appeal.",
    "Meanwhile, the bank cut its rates again.",
    "Water, the utility's main product, ran short.",  # an English noun opening the sentence
    "Growth, the company said, was slow.",  # the kind is the subject of a report
    "Inflation, the central bank said on Monday, will ease.",
])
def test_weekdays_and_openers_before_a_comma_are_no_names(analyzer: Analyzer,
                                                          text: str) -> None:
    assert not any(t == "ORG" for t in _types(analyzer, text).values())


def test_another_body_described_later_is_not_the_firms_role(analyzer: Analyzer) -> None:
    text = "Bitso, a Mexican crypto exchange, partnered with the central bank."
    assert not {r for r in roles_of(analyzer, text).get("Bitso", set()) if "bank" in r[0]}


def test_an_unknown_place_described_as_a_firm_is_one(analyzer: Analyzer) -> None:
    # the model may type an unknown one-word firm a place; no gazetteer knows it
    text = "Nigeria's SEC has licensed two exchanges, Busha and Quidax, and fined three others."
    types = _types(analyzer, text)
    assert types.get("Busha") == "ORG" and types.get("Nigeria") == "GPE"
