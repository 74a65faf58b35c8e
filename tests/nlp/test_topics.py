"""Topic matching (no spaCy)."""

from __future__ import annotations

import pytest

from bot.domain.models import EntityMention, TopicSpec
from bot.nlp.topics import W_ENTITY, W_LEAD, W_REPEAT, count_term, match_topics

TEXT = ("Pakistan is weighing a national Bitcoin reserve. Stablecoins and mining policies were "
        "discussed; the reserve would hold bitcoin.")
ENTITIES = (EntityMention("Nayib Bukele", "PERSON", ("Bukele", "President Bukele")),
            EntityMention("Pakistan", "GPE"))


@pytest.mark.parametrize(("term", "text", "count"), [
    ("stablecoin", "New stablecoins rules", 1),
    ("policy", "crypto policies", 1),
    ("bitcoin reserve", "a national Bitcoin reserves plan", 1),
    ("ETF", "spot ETFs", 1),
    ("AI", "the senator said", 0),
    ("mining", "Bitcoin mining.", 1),
    ("tax", "the taxonomy", 0),
])
def test_whole_word_plural_matching(term: str, text: str, count: int) -> None:
    assert count_term(text, term) == count


def test_match_lists_terms_entities_and_score() -> None:
    topic = TopicSpec("reserves", keywords=("bitcoin reserve", "reserve", "stablecoin"),
                      entities=("Bukele", "Pakistan"), min_score=2.0)
    (match,) = match_topics(TEXT, ENTITIES, [topic])
    assert match.terms == ("bitcoin reserve", "reserve", "stablecoins")  # TEXT has the plural
    assert match.entities == ("Bukele", "Pakistan")
    # All in the lead: each keyword weighs W_LEAD, "reserve" is there twice.
    assert match.score == pytest.approx(3 * W_LEAD + W_REPEAT + 2 * W_ENTITY)
    assert "terms: bitcoin reserve" in match.reason


@pytest.mark.parametrize(("topic", "matches"), [
    (TopicSpec("req", keywords=("reserve",), required=("etf",), min_score=1), False),
    (TopicSpec("req2", keywords=("reserve",), required=("mining",), min_score=1), True),
    (TopicSpec("veto", keywords=("reserve",), excluded=("stablecoin",), min_score=1), False),
    (TopicSpec("low", keywords=("mining",), min_score=W_LEAD + 0.5), False),
])
def test_required_excluded_and_threshold(topic: TopicSpec, matches: bool) -> None:
    assert bool(match_topics(TEXT, ENTITIES, [topic])) is matches


def test_results_sorted_by_score() -> None:
    topics = [TopicSpec("a", keywords=("mining",), min_score=1),
              TopicSpec("b", keywords=("reserve", "bitcoin"), min_score=1)]
    assert [m.topic for m in match_topics(TEXT, (), topics)] == ["b", "a"]


def test_a_topic_far_below_the_main_one_is_a_side_matter() -> None:
    """With min_share 0.75, "mining" (one mention) is dropped beside the reserve story; the
    default (0) keeps every topic that reaches its min_score."""
    topics = [TopicSpec("a", keywords=("mining",), min_score=1, min_share=0.75),
              TopicSpec("b", keywords=("reserve", "bitcoin"), min_score=1),
              TopicSpec("c", keywords=("reserve", "bitcoin reserve"), min_score=1,
                        min_share=0.75)]
    scores = {m.topic: m.score for m in match_topics(TEXT, (), topics)}
    assert set(scores) == {"b", "c"}  # c has more than 0.75 of b's score, a has less
    assert scores["c"] >= 0.75 * scores["b"]
    keep_all = [TopicSpec("a", keywords=("mining",), min_score=1), topics[1]]
    assert {m.topic for m in match_topics(TEXT, (), keep_all)} == {"a", "b"}
