"""Who a figure is about: the parse, light coreference and the article's main subject."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.domain.models import ArticleIn, Figure

if TYPE_CHECKING:
    from bot.nlp.analyzer import Analyzer

pytestmark = pytest.mark.spacy


def _figures(analyzer: Analyzer, text: str, title: str = "") -> list[Figure]:
    return list(analyzer.analyze(ArticleIn(url=None, title=title, text=text)).figures)


def _subject(analyzer: Analyzer, text: str, surface: str, title: str = "") -> str | None:
    for fig in _figures(analyzer, text, title):
        if surface in fig.text:
            return fig.subject
    raise AssertionError(f"no figure {surface!r} in {[f.text for f in _figures(analyzer, text)]}")


def test_a_bracketed_figure_belongs_to_the_name_before_it(analyzer: Analyzer) -> None:
    text = ("Norway ranks third in the hash-rate table, after Canada (12%) and Germany (9%), "
            "according to the study.")
    assert _subject(analyzer, text, "12%") == "Canada"
    assert _subject(analyzer, text, "9%") == "Germany"


def test_the_country_and_its_point_back(analyzer: Analyzer) -> None:
    text = ("Estonia approved a law on mining last week. The finance ministry of Latvia "
            "said nothing. The country now holds 3,100 BTC in its treasury.")
    assert _subject(analyzer, text, "3,100 BTC", "Estonia passes mining law") == "Estonia"


def test_its_inside_an_apposition_is_bound_by_the_clause_subject(analyzer: Analyzer) -> None:
    text = ("Estonia created the Estonia Digital Asset Board, a regulator set up to watch "
            "its $12 billion crypto market.")
    assert _subject(analyzer, text, "$12 billion") == "Estonia"


def test_a_quoted_official_does_not_take_the_countrys_figure(analyzer: Analyzer) -> None:
    text = ("Estonia's Energy Minister Tomas Varga spoke on Monday. The mining sector will "
            "attract investments of $400 million next year, Varga said.")
    assert _subject(analyzer, text, "$400 million") == "Estonia"


def test_a_persons_own_holdings_stay_with_the_person(analyzer: Analyzer) -> None:
    text = "A court approved the sale of Tomas Varga's 120 bitcoin seized last year."
    assert _subject(analyzer, text, "120 bitcoin") == "Tomas Varga"


def test_the_payer_of_a_fine_and_who_imposed_it(analyzer: Analyzer) -> None:
    figs = _figures(analyzer, "The Financial Conduct Authority fined Coinvault Ltd £2 million "
                              "on Tuesday.")
    fine = next(f for f in figs if f.unit == "GBP")
    assert fine.subject == "Coinvault Ltd"
    assert ("Financial Conduct Authority", "imposer") in fine.also


def test_a_relative_clause_takes_the_noun_it_describes(analyzer: Analyzer) -> None:
    text = ("The auction will be run by the Estonian Marshals Service, which sold 9,000 "
            "bitcoins in 2019.")
    assert _subject(analyzer, text, "9,000 bitcoins") == "Estonian Marshals Service"


def test_members_of_a_counted_list_are_not_the_owner(analyzer: Analyzer) -> None:
    text = ("The Central Bank of Estonia runs the pilot. It starts with three banks — "
            "Alpha Bank, Beta Bank and Gamma Bank.")
    subject = _subject(analyzer, text, "three banks", "Central Bank of Estonia pilot")
    assert subject == "Central Bank of Estonia"


def test_an_organisations_figure_is_also_listed_under_its_country(analyzer: Analyzer) -> None:
    figs = _figures(analyzer, "Estonia is growing fast. The Central Bank of Estonia "
                              "minted 500 million coins in March.")
    minted = next(f for f in figs if f.value == 500e6)
    assert minted.subject == "Central Bank of Estonia"
    assert ("Estonia", "country") in minted.also


def test_a_bracketed_conversion_shares_the_subject(analyzer: Analyzer) -> None:
    figs = _figures(analyzer, "Estonia will spend 300 billion tenge ($600 million) on "
                              "new power lines.")
    assert {f.subject for f in figs} == {"Estonia"}
    assert len(figs) == 2


@pytest.mark.parametrize(("text", "surface", "expected"), [
    ("Estonia set aside 2,000 MW of surplus electricity for mining.", "2,000 MW",
     "surplus electricity"),
    ("Latvia approved a $3 billion budget.", "$3 billion", "budget"),
    ("The regulator imposed a fine of £2 million on the exchange.", "£2 million", "fine"),
    ("The refi rate will be raised to 3.5 percent next week.", "3.5 percent", "refi rate"),
    ("Latvia holds 1,200 BTC in cold storage.", "1,200 BTC", "BTC holdings"),
    ("Interest rates rose by 0.5 percentage points in Latvia.", "0.5 percentage points",
     "Interest rates"),
    ("China issued 7 billion yuan of e-CNY last year.", "7 billion yuan", "issued"),
    ("India said e-rupee circulation rose to Rs 1,016 crore.", "Rs 1,016 crore",
     "circulation"),
    ("Inflation in Latvia hit 22 percent in May.", "22 percent", "Inflation"),
    ("Latvia's reserves reached a record high of $40 billion.", "$40 billion", "reserves"),
])
def test_measures_name_what_is_measured(analyzer: Analyzer, text: str, surface: str,
                                        expected: str) -> None:
    fig = next(f for f in _figures(analyzer, text) if surface in f.text)
    assert fig.measure == expected


def test_an_assets_market_price_is_the_assets_not_a_countrys(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=(
        "Estonia holds 240 BTC, which is now valued at $25 million. Bitcoin's price fell to "
        "$60,000 on Monday, and analysts expect it to hit $90,000.")))
    subjects = {f.text: f.subject for f in analysis.figures}
    assert subjects["$60,000"] == "Bitcoin"
    assert subjects["240 BTC"] == subjects["$25 million"] == "Estonia"
    bitcoin = next(e for e in analysis.entities if e.name == "Bitcoin")
    assert (bitcoin.type, bitcoin.aliases) == ("PRODUCT", ("BTC",))


def test_an_asset_only_mentioned_is_no_entity(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=(
        "Estonia bought 240 BTC for its Bitcoin reserve.")))
    assert "Bitcoin" not in {e.name for e in analysis.entities}


def test_a_persons_salary_or_fine_stays_with_the_person(analyzer: Analyzer) -> None:
    text = ("Estonia's Finance Minister Tomas Varga earns a salary of $90,000. Varga agreed to "
            "pay a $10,000 fine last year.")
    assert _subject(analyzer, text, "$90,000") == "Tomas Varga"
    assert _subject(analyzer, text, "$10,000") == "Tomas Varga"


@pytest.mark.parametrize(("text", "surface", "subject"), [
    ("Jane Doe, a managing director at Acme Capital, earned $510,000 last year.", "$510,000",
     "Jane Doe"),
    ("John Roe, chief executive of Acme, donated $2 million to the campaign.", "$2 million",
     "John Roe"),
    ("Michael Saylor, executive chairman of Strategy, said the company bought 10,000 BTC.",
     "10,000 BTC", "Strategy"),
])
def test_what_a_person_earns_or_gives_is_theirs_not_their_employers(
        analyzer: Analyzer, text: str, surface: str, subject: str) -> None:
    assert _subject(analyzer, text, surface) == subject


def test_a_vote_belongs_to_the_chamber_that_voted(analyzer: Analyzer) -> None:
    text = "The bill cleared the Arizona House last month in a 34-22 vote."
    figs = [f for f in _figures(analyzer, text) if f.unit == "votes"]
    assert {f.subject for f in figs} == {"Arizona House"}


def test_the_bank_and_an_acronym_the_model_missed_point_to_their_entity(
        analyzer: Analyzer) -> None:
    text = ("The Central Bank of Estonia (CBE) runs the pilot. He said 500 million coins have "
            "been minted by the Bank. The CBE has 22% of its portfolio in equities.")
    assert _subject(analyzer, text, "500 million") == "Central Bank of Estonia"
    assert _subject(analyzer, text, "22%") == "Central Bank of Estonia"


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The immigrant population of Latvia could reach a record high of 51million by 2030.",
     51e6, "immigrants"),
    ("The population of Latvia could grow to 4million by 2050.", 4e6, "people"),
])
def test_a_headcount_counts_who_the_population_is(analyzer: Analyzer, text: str, value: float,
                                                  unit: str) -> None:
    assert [(f.value, f.unit) for f in _figures(analyzer, text)] == [(value, unit)]
