"""Topic queries on text: NEAR, regex terms through RE2, prefixes, NOT, and title/lead weighting
(no spaCy)."""

from __future__ import annotations

import pytest

from bot.domain.models import TopicSpec
from bot.domain.query import parse_query
from bot.nlp.query_match import TextIndex, evaluate
from bot.nlp.topics import W_LEAD, W_TITLE, match_topics

BODY = ("Officials met on Monday. The finance ministry said the country would keep its gold, "
        "and later added that a reserve of bitcoin was under study by a small working group.")


def hits(query: str, text: str, title: str = "") -> bool:
    return evaluate(parse_query(query), TextIndex(text, title)).matched


@pytest.mark.parametrize(("query", "found"), [
    ("bitcoin NEAR/2 reserve", True),  # "reserve of bitcoin": one word between, either order
    ("bitcoin NEAR/1 reserve", True),
    ("gold NEAR/3 bitcoin", False),  # far apart
    ("(gold OR bitcoin) NEAR/3 reserve", True),
    ("finance ministry NEAR/6 gold", True),  # a phrase on one side
    ("finance ministry NEAR/5 gold", False),
    ("bitcoin NEAR/5 (reserve OR treasury) NEAR/20 ministry", True),
])
def test_near_counts_the_words_between(query: str, found: bool) -> None:
    assert hits(query, BODY) is found


def test_near_does_not_count_punctuation_as_words() -> None:
    assert hits("bitcoin NEAR/1 reserve", "Bitcoin -- a reserve?")
    assert not hits("bitcoin NEAR/1 reserve", "Bitcoin was up; the central reserve bank")


def test_regex_terms_run_on_re2_case_insensitive() -> None:
    assert hits(r"/\be-?naira\b/", "The ENaira pilot and the e-Naira app.")
    assert not hits(r"/\be-?naira\b/", "The naira fell.")
    # A pattern that backtracks forever in a backtracking engine is linear in RE2.
    assert not hits("/(a+)+$/", "a" * 20000 + "!")


def test_prefix_exact_and_plural_forms() -> None:
    assert hits("crypto regulat*", "new crypto regulations")
    assert hits("stablecoin", "stablecoins")
    assert not hits('"stablecoin"', "stablecoins")
    assert hits('"stablecoin"', "a Stablecoin")


def test_and_or_not() -> None:
    text = "Opinion: why the stablecoin bill matters"
    assert hits("stablecoin AND bill", text)
    assert not hits("stablecoin AND NOT opinion", text)
    assert hits("(tether OR stablecoin) AND NOT editorial", text)
    assert hits("NOT editorial", text)


def test_query_gates_a_topic_and_is_its_evidence_when_alone() -> None:
    topic = TopicSpec("cbdc", query=r'"digital euro" OR /\be-?cny\b/', min_score=1)
    (match,) = match_topics("The e-CNY trial grew.", (), [topic])
    assert match.terms == ("e-CNY",)
    assert not match_topics("The yuan fell.", (), [topic])


def test_query_filters_keyword_topics() -> None:
    topic = TopicSpec("reg", keywords=("licence",), query="crypto AND NOT football", min_score=1)
    assert match_topics("A crypto licence was granted.", (), [topic])
    assert not match_topics("A crypto licence for a football club.", (), [topic])
    assert not match_topics("A licence was granted.", (), [topic])


def test_keywords_required_and_excluded_may_be_expressions() -> None:
    topic = TopicSpec("res", keywords=("bitcoin NEAR/3 reserve",), required=("/\\bbtc\\b/",),
                      excluded=('"fan token"',), min_score=1)
    assert match_topics("A BTC reserve: bitcoin in a reserve fund.", (), [topic])
    assert not match_topics("A BTC reserve: bitcoin in a reserve fund; fan token.", (), [topic])
    assert not match_topics("Bitcoin in a reserve fund.", (), [topic])


def test_title_and_lead_weigh_more_than_the_body() -> None:
    topic = TopicSpec("m", keywords=("mining",), min_score=0.1)
    filler = "Nothing happened here today at all. " * 20

    def score(text: str, title: str = "") -> float:
        (match,) = match_topics(text, (), [topic], title=title)
        return match.score

    in_body = score(filler + "Mining grew.")
    in_lead = score("Mining grew. " + filler)
    in_title = score(filler, title="Mining grows")
    assert in_body == pytest.approx(1.0)
    assert in_lead == pytest.approx(W_LEAD)
    assert in_title == pytest.approx(W_TITLE)
    assert in_title > in_lead > in_body


def test_default_threshold_needs_more_than_one_passing_mention() -> None:
    topic = TopicSpec("m", keywords=("bitcoin mining", "hashrate"))
    filler = "The minister spoke about many things at length. " * 10
    assert not match_topics(filler + "Bitcoin mining came up once.", (), [topic])
    assert match_topics(filler, (), [topic], title="Bitcoin mining ban")


def test_a_number_with_separators_is_one_word_for_near() -> None:
    assert hits("owns NEAR/3 btc", "The state owns more than 6,240 BTC.")
    assert not hits("owns NEAR/2 btc", "The state owns more than 6,240 BTC.")
