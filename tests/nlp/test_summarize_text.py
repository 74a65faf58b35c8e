"""Summary scoring on plain sentences (no spaCy)."""

from __future__ import annotations

import pytest

from bot.nlp.summarize import (
    DEFAULT_WEIGHTS,
    Weights,
    centrality,
    is_fragment,
    near_duplicate,
    summarize_sentences,
)

SENTENCES = [
    "The central bank of the country announced new rules for crypto exchanges on Monday.",
    "Exchanges must register with the central bank and report large crypto transfers.",
    "Weather was sunny.",
    "Analysts said the crypto rules would push exchanges to improve compliance programmes.",
    "A local football team won its match over the weekend after a long losing streak.",
]


def test_summary_keeps_article_order_and_size() -> None:
    summary = summarize_sentences(SENTENCES, 2)
    assert len(summary) == 2
    assert summary == sorted(summary, key=SENTENCES.index)


def test_off_topic_and_short_sentences_are_not_chosen() -> None:
    summary = summarize_sentences(SENTENCES, 3)
    assert "Weather was sunny." not in summary
    assert SENTENCES[4] not in summary


def test_centrality_prefers_on_topic_sentences() -> None:
    scores = centrality(SENTENCES)
    assert scores[1] > scores[4]


def test_degenerate_inputs() -> None:
    assert summarize_sentences([], 3) == []
    assert summarize_sentences(SENTENCES, 0) == []
    assert summarize_sentences(SENTENCES[:2], 5) == SENTENCES[:2]


def test_lead_sentence_is_always_kept() -> None:
    sentences = ["Short opening line of the story today here.", *SENTENCES[1:]]
    assert summarize_sentences(sentences, 2)[0] == sentences[0]


def test_fragments_and_captions_are_not_chosen() -> None:
    sentences = [
        "By Staff Reporter .",
        "The finance ministry proposed a crypto licensing law for exchanges on Tuesday.",
        "Exchanges would need a licence from the ministry before serving local users.",
        "Pictured: the ministry building in the capital city after the announcement",
        "\u201cThe licensing law protects users of crypto exchanges, the minister said.",
        "Officials expect the crypto licensing law to pass before the end of the year.",
    ]
    assert is_fragment(sentences[0]) and is_fragment(sentences[3]) and is_fragment(sentences[4])
    summary = summarize_sentences(sentences, 3)
    assert summary == [sentences[1], sentences[2], sentences[5]]


def test_redundancy_penalty_prefers_new_content() -> None:
    sentences = [
        "The central bank approved a bitcoin reserve law for the state on Monday.",
        "The central bank will report on the reserve to the state parliament every year.",
        "Miners will pay a new electricity tariff set by the energy regulator next year.",
    ]
    plain = summarize_sentences(sentences, 2, weights=Weights(redundancy=0.0, centrality=0.0))
    mmr = summarize_sentences(sentences, 2, weights=Weights(redundancy=5.0, centrality=0.0))
    assert plain == sentences[:2]
    assert mmr == [sentences[0], sentences[2]]


def test_a_reworded_repeat_is_skipped_even_without_the_penalty() -> None:
    sentences = [
        "The central bank approved a bitcoin reserve law for the state on Monday.",
        "On Monday the central bank approved a bitcoin reserve law for the state.",
        "Miners will pay a new electricity tariff set by the energy regulator next year.",
    ]
    plain = summarize_sentences(sentences, 2, weights=Weights(redundancy=0.0, centrality=0.0))
    assert plain == [sentences[0], sentences[2]]


@pytest.mark.parametrize("sentence", [
    # photo captions: a present-tense action verb right before the place or event
    "The finance minister speaks at a news conference in the capital on Tuesday.",
    "A senior regulator gestures during a hearing of the banking committee.",
    "Two delegates pose with a model of the new mining site before the summit.",
    "Supporters are seen outside the parliament building after the vote.",
    # credits and bylines
    "(Photo: Central bank press office)",
    "Photo by Jane Doe for the agency.",
    "Editorial credit: Jane Doe / Example Images.",
    "Edited by Jane Doe.",
    "(With inputs from agencies)",
    "By Jane Doe, Staff Reporter.",
    "Jane Doe | Senior Reporter.",
    "March 3, 2024.",
    "Monday, 4 March 2024, 10:15 am.",
    # feed and page boilerplate
    "The post Miners Move North appeared first on Example News.",
    "Read more about the reserve plan on our website.",
    "Subscribe to our daily briefing for more stories like this.",
    "Disclaimer: nothing in this article is financial advice.",
    "Sign up for the weekly newsletter to get the latest policy news.",
    "Featured image from Example Images, chart from Example Charts.",
    "This article was originally published on Example Daily.",
    "The views expressed here are the author's own and not investment advice.",
    "Copyright 2025 Example Media Group.",
    "Posted on June 3, 2025 by Jane Doe.",
    "(L-R) The governor, the minister and the mayor at the opening of the new plant.",
    "Photograph: Jane Doe/Example Agency.",
    "File image of the central bank headquarters in the capital.",
    "Representational image of a crypto mining rig.",
    "Story continues below this advertisement.",
    # the reader addressed directly, outside quotes; shouting headings
    "With our secure app, you decide how to store your coins.",
    "ARE YOU READY FOR THE NEW MiCA RULES?",
    # a subheading that asks; a headline run into the next sentence
    "What will change for the exchanges under the new law?",
    "The state will fund a coin reserve Coin Reserve Bill Is Now Law The treasurer will run it.",
])
def test_captions_bylines_and_boilerplate_are_fragments(sentence: str) -> None:
    assert is_fragment(sentence)


@pytest.mark.parametrize("sentence", [
    "The finance minister spoke at a news conference in the capital on Tuesday.",
    "The central bank says it holds 500 coins in its reserve.",
    "“You cannot ignore this market any longer,” the minister told reporters.",
    "Inflation stands at 3 percent, the statistics office said on Friday.",
    "The decision arrives at a time when miners face higher power prices.",
    "By March, the regulator had approved 12 new exchange licences.",
    "The governor said the bank would publish its first report in May 2024.",
    "“Why would we sell our coins now?” the president asked.",
    "The Bank of America and the Department of Justice reached a deal on Friday.",
    "The new copyright law covers images made by software, the ministry said.",
    "The bill is seen as a step toward clear rules for stablecoin issuers.",
    "The rules give investors more certainty in the city.[2]",
])
def test_news_sentences_are_not_fragments(sentence: str) -> None:
    assert not is_fragment(sentence)


def test_a_caption_never_opens_the_summary() -> None:
    sentences = [
        "The finance minister speaks at a news conference in the capital on Tuesday.",
        "The finance minister announced a tax on crypto trading profits on Tuesday.",
        "The tax of 15 percent would apply to gains made on local exchanges from next year.",
        "Exchanges said they would need several months to update their reporting systems.",
    ]
    assert summarize_sentences(sentences, 3) == sentences[1:]


def test_feed_boilerplate_never_enters_the_summary() -> None:
    sentences = [
        "The state treasury bought its first bitcoin for a new reserve fund on Monday.",
        "The purchase was worth 5 million dollars, the treasurer said in a statement.",
        "The post State Treasury Buys Bitcoin appeared first on Example News.",
        "Subscribe to our newsletter for daily updates on crypto policy.",
        "Lawmakers will review the reserve fund every two years.",
    ]
    summary = summarize_sentences(sentences, 3)
    assert summary == [sentences[0], sentences[1], sentences[4]]


NEAR_COPIES = [
    # a standfirst that the opening paragraph restates
    ("The securities regulator plans to punish unlicensed crypto platforms after granting "
     "its first two licences.",
     "The national securities regulator plans to punish unlicensed crypto platforms and the "
     "people who run them."),
    # a caption that repeats the lead's long appositive
    ("Jane Roe, the country's minister for digital assets and head of the crypto council, "
     "talks about the reserve plan in the capital on May 3, 2025.",
     "Jane Roe, the country's minister for digital assets and head of the crypto council, "
     "unveiled the reserve plan, her office said on Thursday."),
    # one sentence said twice with a tense change
    ("In June, the exchange registered with the watchdog as it sought to resume operations.",
     "In June, the exchange had registered with the watchdog as it sought to resume its "
     "operations in the country."),
]


@pytest.mark.parametrize(("first", "second"), NEAR_COPIES)
def test_near_duplicates_are_recognised(first: str, second: str) -> None:
    others = [
        "Mining companies moved their machines to the north of the country last year.",
        "The parliament will vote on the budget for the energy ministry next month.",
        "Analysts expect tax revenue from crypto trading to double within three years.",
    ]
    assert near_duplicate(first, second, [first, second, *others])


def test_same_pattern_with_different_figures_is_not_a_duplicate() -> None:
    first = "The watchdog fined the exchange 2 million dollars in May for breaking the rules."
    second = "A second watchdog fined the exchange 4 million dollars in June for the same rules."
    assert not near_duplicate(first, second, [first, second, SENTENCES[0], SENTENCES[3]])


@pytest.mark.parametrize(("first", "second"), NEAR_COPIES)
def test_near_duplicates_are_never_both_chosen(first: str, second: str) -> None:
    sentences = [
        first, second,
        "Mining companies moved their machines to the north of the country last year.",
        "Analysts expect tax revenue from crypto trading to double within three years.",
        "The parliament will vote on the budget for the energy ministry next month.",
    ]
    for weights in (DEFAULT_WEIGHTS, Weights(redundancy=0.0)):
        summary = summarize_sentences(sentences, 3, weights=weights)
        assert len(summary) == 3
        assert not (first in summary and second in summary)


def test_parse_flags_mark_more_fragments() -> None:
    sentences = [
        "Capitol dome detail with a waving flag.",
        "The senate passed the stablecoin bill on Tuesday after a long debate.",
        "The bill sets reserve rules for every issuer of payment stablecoins.",
        "Issuers will have one year to meet the new reserve rules, officials said.",
    ]
    parsed = summarize_sentences(sentences, 3, fragments=[True, False, False, False])
    assert parsed == sentences[1:]


def test_short_articles_get_fewer_sentences_not_boilerplate() -> None:
    sentences = [
        "Editorial credit: Jane Doe / Example Images.",
        "The senate approved the stablecoin law on Tuesday after a long debate.",
        "\u201cThe law protects users of stablecoins, the senator said after the vote.",
        "Subscribe to our newsletter for daily updates on crypto policy.",
    ]
    assert summarize_sentences(sentences, 3) == [sentences[1], sentences[2]]
