"""NLP fixtures: one Analyzer per session, and both seed articles (the original and ours)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.domain.models import Analysis, ArticleIn

if TYPE_CHECKING:
    from bot.nlp.analyzer import Analyzer

REPO = Path(__file__).resolve().parents[2]
OUR_SEED = REPO / "seeds" / "articles" / "pakistan-el-salvador-bitcoin.md"
ORIGINAL_SEED = REPO.parent / "shared" / "data" / "seed" / "seed-article.txt"


def read_our_seed() -> ArticleIn:
    """Our own-words seed article, front matter parsed."""
    _, front, body = OUR_SEED.read_text(encoding="utf-8").split("---", 2)
    meta = dict(line.split(": ", 1) for line in front.strip().splitlines())
    return ArticleIn(url=None, title=meta["title"], text=body.strip(), source=meta["source"])


def read_original_seed() -> ArticleIn:
    """The original seed (test input only); skips when ../shared/data is absent."""
    if not ORIGINAL_SEED.exists():
        pytest.skip("original seed article is absent")
    return ArticleIn(url=None, title="Pakistan and El Salvador", text=ORIGINAL_SEED.read_text(
        encoding="utf-8"))


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    """The real Analyzer with the real spaCy model: the one thread-mode pools of this test
    process use too, so spaCy is loaded once per process."""
    from bot.nlp.pool import shared_analyzer

    return shared_analyzer()


@pytest.fixture(scope="session")
def our_seed() -> ArticleIn:
    """Our own-words seed article."""
    return read_our_seed()


@pytest.fixture(scope="session", params=["original", "ours"])
def seed_article(request: pytest.FixtureRequest) -> ArticleIn:
    """Each seed article in turn: the pipeline must give the same answers on both."""
    return read_original_seed() if request.param == "original" else read_our_seed()


@pytest.fixture(scope="session")
def seed_analysis(analyzer: Analyzer, seed_article: ArticleIn) -> Analysis:
    """The analysis of the current seed article."""
    return analyzer.analyze(seed_article)
