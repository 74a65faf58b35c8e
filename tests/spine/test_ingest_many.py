"""Batches are understood through `analyze_many` (one pool hop) and stored as `ingest` stores
one article: same URL or same text stored once, stories linked in order, a bad article fails
alone. Through the real CLI and Runtime, real spaCy, a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest

from bot.app import Runtime, build
from bot.domain.models import Analysis, ArticleIn, TopicSpec
from bot.nlp.pool import AnalyzerPool
from bot.settings import Config
from tests.spine.conftest import console_config
from tests.spine.test_cli import policywire
from tests.spine.test_story_files import STORY

pytestmark = pytest.mark.spacy

OTHER = ("Estonia's central bank said on Monday it would test a digital euro wallet with three "
         "commercial banks. The pilot covers about 5,000 customers and runs for six months.")
THIRD = "Lithuania's regulator fined a crypto exchange $5 million for weak money-laundering checks."


def _rows() -> list[dict[str, str]]:
    return [
        {"url": "https://outlet-one.example/pk-mining", "title": "Pakistan sets aside power",
         "source": "Outlet One", "text": STORY},
        {"title": "Estonia tests a digital euro", "text": OTHER},
        {"url": "https://outlet-two.example/news/123", "title": "Pakistan offers surplus power",
         "source": "Outlet Two",
         "text": STORY.replace("officials said on Tuesday", "officials told reporters")},
        {"url": "https://outlet-one.example/pk-mining", "title": "Pakistan sets aside power",
         "source": "Outlet One", "text": STORY},  # same URL again
        {"title": "Estonia tests a digital euro", "text": OTHER},  # same text again, no URL
    ]


@pytest.mark.slow
def test_cli_batch_stores_once_and_links_stories(repo_root: Path, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in _rows()) + "\n", encoding="utf-8")
    db = tmp_path / "pw.db"
    result = policywire(repo_root, "--db", str(db), "ingest", str(batch))
    assert result.returncode == 0, result.stderr
    states = [line.split(": ", 1)[0].split(" ", 1)[1] for line in result.stdout.splitlines()
              if line.startswith("#")]
    assert states == ["stored"] * 3 + ["unchanged (already stored)"] * 2
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, title, story_id, summary FROM articles ORDER BY id"
                            ).fetchall()
    assert [r[1] for r in rows] == ["Pakistan sets aside power", "Estonia tests a digital euro",
                                    "Pakistan offers surplus power"]
    assert rows[2][2] == rows[0][0] and rows[1][2] is None
    assert all(json.loads(r[3]) for r in rows)  # each stored with its analysis
    again = policywire(repo_root, "--db", str(db), "ingest", str(batch))
    assert again.returncode == 0
    assert again.stdout.count("unchanged (already stored)") == 5


class CountingPool:
    """The app's real AnalyzerPool, counting hops; `poison` titles fail as a broken article
    would (a fault injected in front of the real pool: no real input makes spaCy fail)."""

    def __init__(self, real: AnalyzerPool, poison: str = "") -> None:
        self.real, self.poison = real, poison
        self.many: list[int] = []
        self.single = 0

    def _check(self, article: ArticleIn) -> None:
        if self.poison and article.title == self.poison:
            raise ValueError(f"cannot understand {article.title!r}")

    async def analyze(self, article: ArticleIn, topics: Sequence[TopicSpec] = ()) -> Analysis:
        self.single += 1
        self._check(article)
        return await self.real.analyze(article, topics)

    async def analyze_many(self, articles: Sequence[ArticleIn],
                           topics: Sequence[TopicSpec] = ()) -> list[Analysis]:
        self.many.append(len(articles))
        for a in articles:
            self._check(a)
        return await self.real.analyze_many(articles, topics)


def _articles() -> list[ArticleIn]:
    return [ArticleIn(url=r.get("url"), title=r["title"], text=r["text"],
                      source=r.get("source")) for r in _rows()]


def thread_pool(config: Config) -> AnalyzerPool:
    """A real AnalyzerPool in a thread, made from `config` as `build` makes its own."""
    return AnalyzerPool(config.nlp.model, summary_sentences=config.nlp.summary_sentences,
                        executor="thread", batch_size=config.nlp.batch_size,
                        workers=config.nlp.workers)


@pytest.fixture
async def counted(repo_root: Path, tmp_path: Path
                  ) -> AsyncIterator[tuple[Runtime, CountingPool]]:
    """A Runtime as the `app` fixture makes it, built with a hop-counting real pool."""
    config = console_config(repo_root)
    real = thread_pool(config)
    pool = CountingPool(real)
    try:
        async with await build(config, config_path=repo_root / "config" / "policywire.yaml",
                               db_path=tmp_path / "pw.db", env={}, nlp=pool) as app:
            yield app, pool
    finally:
        await real.close()  # build does not close a pool passed in


async def test_one_pool_hop_per_batch(counted: tuple[Runtime, CountingPool]) -> None:
    app, pool = counted
    outcomes = await app.ingest_articles(_articles())
    assert pool.many == [3] and pool.single == 0  # repeats are not analysed
    assert [o.created for o in outcomes] == [True, True, True, False, False]
    assert outcomes[3].article_id == outcomes[0].article_id
    assert outcomes[4].article_id == outcomes[1].article_id
    linked = await app.store.articles.get(outcomes[2].article_id)
    assert linked is not None and linked.story_id == outcomes[0].article_id
    again = await app.ingest_articles(_articles())
    assert pool.many == [3] and [o.created for o in again] == [False] * 5


async def test_a_bad_article_fails_alone(counted: tuple[Runtime, CountingPool]) -> None:
    app, pool = counted
    pool.poison = "Estonia tests a digital euro"
    third = ArticleIn(url="https://e.org/lt", title="Lithuania fines an exchange", text=THIRD)
    batch = await app.ingest_batch([*_articles()[:3], third])
    assert [o.title for o in batch.outcomes] == ["Pakistan sets aside power",
                                                 "Pakistan offers surplus power",
                                                 "Lithuania fines an exchange"]
    assert all(o.created for o in batch.outcomes)
    assert [(f.what, f.reason) for f in batch.failed] == [
        ("Estonia tests a digital euro",
         "ValueError: cannot understand 'Estonia tests a digital euro'")]
    assert pool.many == [4] and pool.single == 4  # the failed chunk, one by one
    found = await app.store.articles.get(batch.outcomes[2].article_id)
    assert found is not None and found.title == "Lithuania fines an exchange"
    with pytest.raises(ValueError, match="cannot understand"):
        await app.ingest_articles(_articles()[1:2])  # the Runtime's list API raises after storing
