"""Shared helper of the role tests: roles per entity of a short article."""

from __future__ import annotations

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer


def roles_of(analyzer: Analyzer, text: str) -> dict[str, set[tuple[str, str | None]]]:
    """{entity name: {(role text, org)}} for the entities of `text` that have roles."""
    analysis = analyzer.analyze(ArticleIn(url=None, title="Test article", text=text))
    return {e.name: {(r.text, r.org) for r in e.roles} for e in analysis.entities if e.roles}
