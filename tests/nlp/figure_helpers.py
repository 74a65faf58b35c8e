"""Shared helpers of the attribution tests: the subjects a short article gives its figures."""

from __future__ import annotations

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer


def subject_of(analyzer: Analyzer, text: str, surface: str, title: str = "") -> str | None:
    """The subject of the first figure whose text contains `surface`; fails when none does."""
    figures = analyzer.analyze(ArticleIn(url=None, title=title, text=text)).figures
    for fig in figures:
        if surface in fig.text:
            return fig.subject
    raise AssertionError(f"no figure {surface!r} in {[f.text for f in figures]}")


def subjects_by_text(analyzer: Analyzer, text: str) -> dict[str, str | None]:
    """{figure text: its subject} for every figure of a short article."""
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    return {f.text: f.subject for f in analysis.figures}
