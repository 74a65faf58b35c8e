"""Attribution rules from the facts eval's error classes, on sentences written for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.domain.models import ArticleIn

if TYPE_CHECKING:
    from bot.nlp.analyzer import Analyzer

pytestmark = pytest.mark.spacy


def _subject(analyzer: Analyzer, text: str, surface: str, title: str = "") -> str | None:
    figures = analyzer.analyze(ArticleIn(url=None, title=title, text=text)).figures
    for fig in figures:
        if surface in fig.text:
            return fig.subject
    raise AssertionError(f"no figure {surface!r} in {[f.text for f in figures]}")


def test_a_plural_definite_description_is_not_the_last_organisation(analyzer: Analyzer) -> None:
    text = ("The Ontario Securities Agency opened a review of Northwind Exchange in March. "
            "Since then the agency has audited about half of the registered operators.")
    assert _subject(analyzer, text, "half") == "Ontario Securities Agency"
