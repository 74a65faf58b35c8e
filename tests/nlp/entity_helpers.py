"""Shared helper of the entity tests: the entities a short article stores, by name."""

from __future__ import annotations

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer


def types_of(analyzer: Analyzer, text: str) -> dict[str, str]:
    """{entity name: its type} for a short article with no title."""
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    return {e.name: e.type for e in analysis.entities}
