"""The seed topics, loaded through the real config loader, on short stories written for these
tests: the kinds of story the issue names match, side matters and unrelated news do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config_loader import load_config, topic_specs
from bot.domain.models import TopicSpec
from bot.nlp.topics import match_topics

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seeds() -> list[TopicSpec]:
    return topic_specs(load_config(ROOT / "config" / "policywire.yaml"))


STORIES: list[tuple[str, str, str, set[str]]] = [
    ("central bank weighs bitcoin reserves",
     "Central bank board to study bitcoin as a reserve asset",
     "The governor said the bank could put a small share of its reserves into bitcoin. Board "
     "members will review a test portfolio of BTC next month.", {"reserves"}),
    ("a state crypto reserve",
     "Kazakhstan plans state crypto reserve",
     "The national bank will build the reserve from confiscated digital assets and from "
     "state mining operations, its chairman said.", {"reserves"}),
    ("a stablecoin law",
     "Senate passes stablecoin bill",
     "Senators voted 68 to 30 for the act, which sets federal rules for payment stablecoin "
     "issuers and requires full reserves. The House takes it up next.", {"regulators"}),
    ("a crypto bill named in the title, its topic words said once",
     "US Senate passes GENIUS Act",
     "The Senate passed the GENIUS Act by 68 to 30, setting the first federal rules for "
     "payment stablecoins. The bill now goes to the House.", {"regulators"}),
    ("a crypto tax",
     "Parties agree to postpone tax on crypto gains",
     "Parliament agreed to delay the tax on cryptocurrency gains by two years. Traders would "
     "have paid 20 percent on profits from crypto assets.", {"regulators"}),
    ("a fine against an exchange",
     "Exchange fined by financial intelligence unit",
     "The crypto exchange must pay a penalty for failing anti-money laundering checks, the "
     "regulator said on Tuesday.", {"regulators"}),
    ("a seized bitcoin sale",
     "Customs to sell seized bitcoin",
     "The agency will auction 1,200 BTC taken from a drug ring, in several lots.", {"reserves"}),
    ("a cbdc named by its currency",
     "Nigeria widens eNaira pilot",
     "The central bank said more banks will offer the eNaira wallet to customers.", {"cbdc"}),
    ("a digital euro",
     "",
     "The European Central Bank will decide in the autumn whether to move the digital euro "
     "project to its next phase, a board member said. A central bank digital currency would "
     "sit beside cash, not replace it.", {"cbdc"}),
    ("a mining ban is mining-energy, not regulators",
     "Province bans crypto mining to save power",
     "Bitcoin miners must shut their farms by June, as the grid cannot meet winter demand. "
     "Mining used 8 percent of the region's electricity last year.", {"mining-energy"}),
    ("an interest rate decision is no topic",
     "Central bank raises rates",
     "The reserve bank lifted its key rate by half a point and said foreign reserves were "
     "stable. Inflation was 6 percent.", set()),
    ("gold mining is no topic",
     "Gold mining output rises",
     "Mining companies said power costs rose, and the regulator approved a new licence.",
     set()),
]


@pytest.mark.parametrize(("title", "text", "want"), [s[1:] for s in STORIES],
                         ids=[s[0] for s in STORIES])
def test_seed_topics_on_short_stories(seeds: list[TopicSpec], title: str, text: str,
                                      want: set[str]) -> None:
    found = match_topics(text, (), seeds, title=title)
    assert {m.topic for m in found} == want, [(m.topic, m.score, m.terms) for m in found]


def test_a_passing_mention_of_mining_in_a_reserve_story_is_not_alerted(
        seeds: list[TopicSpec]) -> None:
    text = ("The finance ministry will hold the bitcoin it already owns in a strategic reserve "
            "and buy more each quarter. Officials said the plan is the first of its kind in "
            "the region. A separate plan for bitcoin mining is not decided.")
    found = match_topics(text, (), seeds, title="Ministry creates a national bitcoin reserve")
    assert [m.topic for m in found] == ["reserves"]
