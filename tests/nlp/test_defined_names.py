"""Names an article defines with a bracketed acronym, when the model tagged neither."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer
from tests.nlp.entity_support import fixed_entities


@pytest.fixture(scope="module")
def nlp(analyzer: Analyzer) -> Language:
    return analyzer.nlp


@pytest.mark.parametrize(("text", "preset", "name", "label"), [
    ("Transport for London (TfL) said it would cut costs.", [], "Transport for London", "ORG"),
    ("Transport for London (TfL) said it would cut costs.", [("London", "GPE")],
     "Transport for London", "ORG"),
    ("The Harbour Levy Act (HLA) passed on Friday.", [], "Harbour Levy Act", "LAW"),
    ("Officials of the Department of Port Works (DPW) met.", [], "Department of Port Works",
     "ORG"),
    ("The Vardan Markets Authority (VMA) issued a warning.", [], "Vardan Markets Authority",
     "ORG"),
])
def test_a_defined_long_form_becomes_an_entity(nlp: Language, text: str,
                                               preset: list[tuple[str, str]], name: str,
                                               label: str) -> None:
    ents = fixed_entities(nlp, text, preset)
    assert ents.get(name) == label
    assert "London" not in ents  # the longer name swallowed the place


def test_later_bare_acronym_is_the_same_kind(nlp: Language) -> None:
    ents = fixed_entities(nlp, "Transport for London (TfL) said so. Later TfL said more.", [])
    assert ents.get("TfL") == "ORG"


@pytest.mark.parametrize("text", [
    "Gross Domestic Product (GDP) fell.",
    "The new Chief Executive Officer (CEO) spoke.",
    "It runs on Distributed Ledger Technology (DLT) rails.",
    "A Strategic Bitcoin Reserve (SBR) was proposed.",
    "Each Bank Verification Number (BVN) is checked.",
    "A Special Purpose Acquisition Company (SPAC) listed.",
    "She was a Member of the European Parliament (MEP) then.",
])
def test_common_nouns_in_capitals_are_no_names(nlp: Language, text: str) -> None:
    ents = fixed_entities(nlp, text, [])
    assert not any(len(name.split()) > 1 for name in ents), ents


def test_figures_of_the_defined_body_are_its_own(analyzer: Analyzer) -> None:
    text = ("Two stations will be the first to change. Transport for London (TfL) said it "
            "would save £50m a year.")
    figures = analyzer.analyze(ArticleIn(url=None, title="", text=text)).figures
    money = [(f.value, f.subject) for f in figures if f.unit == "GBP"]
    assert money == [(50_000_000, "Transport for London")]


def test_a_repeated_definition_is_read_once_and_stays_linear(nlp: Language) -> None:
    from bot.nlp.defined_names import defined_names
    with nlp.select_pipes(disable=["ner", "pw_entity_ruler", "pw_entity_fixes"]):
        doc = nlp("Harbour Authority (HA) HA HA HA. " * 200)
    spans = defined_names(doc, [])
    assert len(spans) <= len(doc)  # one span per token at most, not one per definition
    assert len({(s.start, s.end) for s in spans}) == len(spans)
