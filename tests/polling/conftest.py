"""Fixtures for the polling tests: a mutable feed host and the runtime on tmp SQLite, built by
`bot.app.build` with the test's clock and fakes (its FeedPoller is the one under test)."""

from __future__ import annotations

import random
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # lets `tests.fakes` import without a tests/__init__.py
    sys.path.insert(0, str(ROOT))

from bot.app import Runtime, build  # noqa: E402
from bot.config_loader import load_config  # noqa: E402
from bot.ingest.polling import FeedPoller  # noqa: E402
from bot.ingest.service import Understands  # noqa: E402
from bot.settings import ChannelConfig, FeedConfig, FetchConfig  # noqa: E402
from tests.fakes import feed_fixtures as fx  # noqa: E402
from tests.polling.feedhost import FeedHost  # noqa: E402

NOW = datetime(2024, 5, 14, 12, 0, tzinfo=UTC)
_SYLLABLES = ("ka", "lo", "mi", "ru", "te", "san", "vor", "pel", "dun", "qui", "zor", "bex",
              "nal", "tri", "gos", "fen", "hau", "jip", "wel", "cor")


def rfc822(when: datetime) -> str:
    """An RSS pubDate."""
    return when.strftime("%a, %d %b %Y %H:%M:%S GMT")


def filler(seed: int, words: int = 40) -> str:
    """Made-up words, different for every seed, so unrelated stories never cluster."""
    rng = random.Random(seed)
    return " ".join("".join(rng.choice(_SYLLABLES) for _ in range(3)) for _ in range(words))


def news_text(i: int) -> str:
    """A regulators-topic article body unique to `i`."""
    return (f"The central bank of Region{i} said its crypto regulator will license "
            f"stablecoin issuers under a new licensing framework. {filler(i)}.")


def news_item(i: int, when: datetime | None, *, guid: str | None = "auto",
              link: str | None = None, desc: str | None = None) -> str:
    """One RSS item about story `i`."""
    link = link or f"https://news.example/story-{i}"
    g = f"story-{i}" if guid == "auto" else guid
    date = f"<pubDate>{rfc822(when)}</pubDate>" if when else ""
    gtag = f'<guid isPermaLink="false">{g}</guid>' if g else ""
    return (f"<item><title>Regulator move number {i}</title><link>{link}</link>{gtag}{date}"
            f"<description>{desc or news_text(i)}</description></item>")


# One story told by three outlets in their own words (written for these tests).
OUTLETS = {
    "north": ("Ruritania's regulator licenses first stablecoin issuers under new law",
              "The financial regulator of Ruritania granted licences to three stablecoin issuers"
              " on Tuesday, the first under the stablecoin law passed in March. The central bank"
              " will hold the reserves of each issuer, and the regulator said wallets must check"
              " the identity of every customer."),
    "south": ("First stablecoin licences granted in Ruritania under stablecoin law",
              "Ruritania's financial regulator on Tuesday granted three stablecoin issuers their"
              " licences, the first since the stablecoin law passed in March. Reserves of each"
              " issuer will be held by the central bank, and wallets must check customer"
              " identity, the regulator said."),
    "east": ("Ruritania regulator grants three stablecoin licences",
             "Three stablecoin issuers received licences from the financial regulator of"
             " Ruritania on Tuesday, the first granted under the March stablecoin law. The"
             " central bank holds each issuer's reserves, and the regulator said wallets must"
             " check the identity of customers."),
}


def outlet_feed(outlet: str, other: int) -> str:
    """An outlet's feed: the shared story plus one unrelated story of its own."""
    title, text = OUTLETS[outlet]
    story = (f"<item><title>{title}</title><link>https://{outlet}.example/licences</link>"
             f"<guid>{outlet}-licences</guid><pubDate>{rfc822(NOW - timedelta(hours=2))}"
             f"</pubDate><description>{text}</description></item>")
    return fx.rss(f"{outlet.title()} Times", [story, news_item(other, NOW - timedelta(hours=1))])


def feed_xml(title: str, items: list[str]) -> str:
    """An RSS 2.0 document."""
    return fx.rss(title, items)


@dataclass
class Clock:
    """A clock the test moves by hand."""

    now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        self.now += timedelta(seconds=seconds)


@dataclass
class Notifier:
    """The admin notices a pause sends, recorded (text and key); while `down`, a send fails
    as in a chat outage (its key is still recorded)."""

    texts: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    down: bool = False

    async def __call__(self, text: str, key: str) -> None:
        self.keys.append(key)
        if self.down:
            raise ConnectionError("chat is down")
        self.texts.append(text)


@dataclass
class Rig:
    """What a polling test works with."""

    app: Runtime
    host: FeedHost
    poller: FeedPoller
    clock: Clock
    feeds: list[FeedConfig]
    notifier: Notifier = field(default_factory=Notifier)

    @property
    def notices(self) -> list[str]:
        """The texts of the admin notices sent."""
        return self.notifier.texts

    @property
    def notice_keys(self) -> list[str]:
        """The keys of the admin notices tried, sent or not."""
        return self.notifier.keys

    async def deliveries(self) -> list[dict]:
        """Every outbox row."""
        rows = await self.app.store.db.fetchall("SELECT * FROM deliveries ORDER BY id")
        return [dict(r) for r in rows]

    async def articles(self) -> list[dict]:
        """Every stored article."""
        rows = await self.app.store.db.fetchall("SELECT * FROM articles ORDER BY id")
        return [dict(r) for r in rows]

    def add_feed(self, slug: str, xml: str, **options: object) -> FeedConfig:
        """Publish a feed on the host and configure it (in the running config, as a reload
        would)."""
        feed = FeedConfig(url=self.host.set(slug, xml), **options)  # type: ignore[arg-type]
        self.feeds.append(feed)
        self.app.live.swap(self.app.config.model_copy(update={"feeds": list(self.feeds)}))
        return feed


@pytest.fixture
def fetch_config() -> FetchConfig:
    """Loopback allowed, three failures before a pause, small timeouts."""
    return FetchConfig(allow_loopback=True, max_failures=3, backoff_base=60, backoff_max=3600,
                       total_timeout=5, connect_timeout=2, max_item_age_days=7)


@pytest.fixture
def rig_nlp() -> Understands | None:
    """The analyzer the rig's runtime is built with; None: its own (thread) pool. A test
    module overrides this fixture to pass in a wrapper."""
    return None


@pytest.fixture
async def rig(tmp_path: Path, fetch_config: FetchConfig,
              rig_nlp: Understands | None) -> AsyncIterator[Rig]:
    """The runtime (thread NLP, or `rig_nlp`) subscribed on the console to every topic, with
    the test's fetch limits, clock, random source and admin-notice recorder passed to
    `build`; a host."""
    config = load_config(ROOT / "config" / "policywire.yaml")
    config = config.model_copy(update={"fetch": fetch_config, "feeds": [], "channels": [
        ChannelConfig(platform="console", id="console", topics=config.topic_names())]})
    clock = Clock()
    notifier = Notifier()

    async with FeedHost() as host, await build(
            config, {}, config_path=ROOT / "config" / "policywire.yaml",
            db_path=tmp_path / "pw.db", executor="thread", nlp=rig_nlp, clock=clock,
            rng=random.Random(7), feed_paused=notifier) as app:
        await app.fetcher()
        await app.poller.start()
        yield Rig(app=app, host=host, poller=app.poller, clock=clock, feeds=[],
                  notifier=notifier)


Factory = Callable[..., str]
