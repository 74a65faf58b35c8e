"""The entity ruler's patterns: names the small model may miss, from data (demonyms, documents,
known organisations, every country's names, US states, programme and CBDC names)."""

from __future__ import annotations

from bot.nlp.gazetteer import gazetteer
from bot.nlp.lexicon import (
    COUNTRY_ALIASES,
    DEMONYMS,
    DOCUMENT_NAMES,
    KNOWN_ORGS,
    PROGRAMME_NAMES,
)


def ruler_patterns() -> list[dict[str, object]]:
    """Names the model may miss: demonyms, documents, outlets, every country's names (ISO,
    CLDR, countryinfo), US states and programme (CBDC) names."""
    g = gazetteer()
    patterns: list[dict[str, object]] = []
    for word in DEMONYMS:
        patterns.append({"label": "NORP", "pattern": word})
    for name in DOCUMENT_NAMES:
        patterns.append({"label": "LAW", "pattern": name})
    for name in KNOWN_ORGS:
        patterns.append({"label": "ORG", "pattern": name})
    for name in {*g.countries, *COUNTRY_ALIASES}:
        if not name.startswith("the "):
            patterns.append({"label": "GPE", "pattern": name})
    for name, country in g.subdivisions.items():
        if country == "United States":
            patterns.append({"label": "GPE", "pattern": name})
    for name in PROGRAMME_NAMES:
        patterns.append({"label": "PRODUCT", "pattern": name})
    words = sorted(g.currency_words)
    patterns.append({"label": "PRODUCT", "pattern": [{"LOWER": "e"}, {"ORTH": "-"},
                                                     {"LOWER": {"IN": words}}]})
    patterns.append({"label": "PRODUCT", "pattern": [{"LOWER": "e"}, {"ORTH": "-"},
                                                     {"ORTH": {"IN": sorted(g.currency_codes)}}]})
    patterns.append({"label": "PRODUCT", "pattern": [{"LOWER": "digital"},
                                                     {"LOWER": {"IN": words}}]})
    return patterns
