"""Canonical entities of an article: countries keep their own entity, answer to their short
forms and demonyms, acronyms and expansions merge, programmes are askable (our own sentences)."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.domain.models import ArticleIn, EntityMention, Role
from bot.nlp.analyzer import Analyzer
from bot.nlp.entities import (
    EntityIndex,
    firms_with_kinds,
    initial_acronyms,
    people_with_titles,
)
from bot.nlp.gazetteer import gazetteer
from bot.nlp.lexicon import COUNTRY_ALIASES, DEMONYMS

pytestmark = pytest.mark.spacy


def _entities(analyzer: Analyzer, text: str) -> dict[str, EntityMention]:
    return {e.name: e for e in analyzer.analyze(ArticleIn(None, "T", text)).entities}


def test_a_country_inside_an_organisation_name_stays_its_own_entity(analyzer: Analyzer) -> None:
    ents = _entities(analyzer, "The Central Bank of Nigeria said the CBN would cut rates. "
                               "Nigeria holds large reserves.")
    assert "Nigeria" not in ents["Central Bank of Nigeria"].aliases
    assert "CBN" in ents["Central Bank of Nigeria"].aliases
    assert ents["Nigeria"].type == "GPE"


def test_demonyms_name_their_country(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(ArticleIn(None, "T", "Swedish lawmakers plan to buy 500 BTC."))
    ents = {e.name: e for e in analysis.entities}
    assert ents["Swedish"].country == "Sweden"
    assert ents["Sweden"].type == "GPE"
    assert [f.subject for f in analysis.figures] == ["Sweden"]


def test_countries_answer_to_their_short_forms(analyzer: Analyzer) -> None:
    ents = _entities(analyzer, "The United States and the United Arab Emirates signed a pact.")
    assert {"US", "U.S.", "USA"} <= set(ents["United States"].aliases)
    assert "UAE" in ents["United Arab Emirates"].aliases


def test_an_acronym_expansion_is_the_act_it_spells(analyzer: Analyzer) -> None:
    ents = _entities(analyzer, "The Senate passed the Guiding and Establishing National "
                               "Innovation for US Stablecoins (GENIUS) Act on Tuesday. The "
                               "GENIUS Act sets reserve rules.")
    act = ents["GENIUS Act"]
    assert act.type == "LAW"
    assert "Guiding and Establishing National Innovation for US Stablecoins" in act.aliases
    assert not {n for n in ents if n.startswith("Guiding")}


def test_programmes_are_askable_entities(analyzer: Analyzer) -> None:
    ents = _entities(analyzer, "Jamaica pays rewards in Jam-Dex, while Nigeria promotes the "
                               "eNaira and China the e-CNY.")
    assert {ents[n].type for n in ("Jam-Dex", "eNaira", "e-CNY")} == {"PRODUCT"}


def test_initial_acronyms_need_exactly_one_long_name() -> None:
    longs = {"Central Bank of Nigeria", "Bank of Ghana"}
    assert initial_acronyms({"CBN", "XYZ"}, longs) == {"CBN": "Central Bank of Nigeria"}
    assert initial_acronyms({"CB"}, {"Central Bank", "Crypto Board"}) == {}


@pytest.mark.parametrize(("form", "country"), [
    ("Russian Federation", "Russia"), ("UAE", "United Arab Emirates"), ("U.K.", "United Kingdom"),
    ("DRC", "Democratic Republic of the Congo"), ("Burma", "Myanmar"), ("US", "United States"),
])
def test_country_aliases_come_from_data(form: str, country: str) -> None:
    assert COUNTRY_ALIASES[form] == country


def test_ambiguous_initials_name_no_country() -> None:
    assert "SA" not in gazetteer().countries  # Saudi Arabia or South Africa


@pytest.mark.parametrize(("word", "country"), [
    ("Swedish", "Sweden"), ("Kazakh", "Kazakhstan"), ("Kazakhstani", "Kazakhstan"),
    ("Nigerians", "Nigeria"), ("Filipino", "Philippines"), ("Chinese", "China"),
    ("Icelanders", "Iceland"), ("South Korean", "South Korea"), ("Swiss", "Switzerland"),
    ("Britons", "United Kingdom"),  # one "Briton" is a person, not the country
])
def test_every_country_has_its_demonyms(word: str, country: str) -> None:
    assert DEMONYMS[word] == country


def test_demonyms_cover_most_countries() -> None:
    assert len(set(DEMONYMS.values())) > 180


def test_a_programme_named_with_a_modifier_or_plural_is_one_entity(analyzer: Analyzer) -> None:
    ents = _entities(analyzer, "The bank will test the retail digital rupee in four cities. "
                               "Users can pay each other in digital rupees.")
    assert ents["digital rupee"].type == "PRODUCT"
    assert "digital rupees" not in ents


def test_an_organisation_holding_only_a_persons_titles_is_a_person() -> None:
    index = EntityIndex(labels={"Kairat Kelimbetov": Counter({"ORG": 2}),
                                "Bit Trade": Counter({"ORG": 1}),
                                "Goldman Sachs": Counter({"ORG": 1})})
    roles = {"Kairat Kelimbetov": [Role("governor", "National Bank of Kazakhstan")],
             "Bit Trade": [Role("operator", "Kraken Australia")],
             "Goldman Sachs": [Role("investment bank", None)]}
    people_with_titles(index, roles)
    assert index.label("Kairat Kelimbetov") == "PERSON"
    assert index.label("Bit Trade") == "ORG"  # an operator may be a firm
    assert index.label("Goldman Sachs") == "ORG"


def test_a_one_word_person_described_only_as_a_firm_is_a_firm() -> None:
    index = EntityIndex(labels={"Dunamu": Counter({"PERSON": 1}),
                                "Paolo": Counter({"PERSON": 1}),
                                "Hines": Counter({"PERSON": 1})})
    roles = {"Dunamu": [Role("operator", "Upbit")],
             "Paolo": [Role("operator", "Upbit")],  # a given name stays a person
             "Hines": [Role("executive director", None)]}
    firms_with_kinds(index, roles)
    assert index.label("Dunamu") == "ORG"
    assert index.label("Paolo") == "PERSON"
    assert index.label("Hines") == "PERSON"


def test_a_share_of_a_people_is_its_country(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=(
        "One in four Britons now holds some crypto, a survey found.")))
    assert [(f.value, f.subject) for f in analysis.figures] == [(25, "United Kingdom")]
