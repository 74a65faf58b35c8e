"""What a definite description refers to when it owns a figure: "the stock" is the company
last named; "the country" said before any place is named is the story's country. Sentences of
our own."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer
from tests.nlp.figure_helpers import subjects_by_text

pytestmark = pytest.mark.spacy


def test_the_stock_is_the_last_company_named(analyzer: Analyzer) -> None:
    found = subjects_by_text(analyzer, (
        "IBM fell 1% on Monday. The biggest gain was The Home Depot Inc. (NYSE: HD), which "
        "traded up 0.87%. The stock's 52-week range is $73.96 to $104.80."))
    assert found.get("$73.96 to $104.80") == "Home Depot Inc."


def test_the_country_before_any_place_is_named_is_the_storys_country(
        analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(ArticleIn(
        url=None, title="El Salvador: agreement with the IMF to amend the Bitcoin Law",
        text=("The Central American country secures a $1.4 billion loan in exchange for "
              "revisions to the law.\nThe government of El Salvador reached an agreement with "
              "the International Monetary Fund (IMF) on Friday.")))
    assert {f.text: f.subject for f in analysis.figures}.get("$1.4 billion") == "El Salvador"


@pytest.mark.parametrize(("text", "figure", "member"), [
    ("The Reserve Bank of India will pilot the digital rupee. The first phase will start "
     "with four banks — State Bank of India, ICICI Bank and IDFC First Bank — in four "
     "different cities.", "four different cities", "IDFC First Bank"),
    ("The Bank of Russia has set the rules. In the first wave, 17 banks — including the "
     "behemoth Sberbank — will join the trial.", "17 banks", "Sberbank"),
])
def test_a_name_listed_as_an_example_owns_no_count(
        analyzer: Analyzer, text: str, figure: str, member: str) -> None:
    found = subjects_by_text(analyzer, text)
    assert figure in found and found[figure] != member


def test_an_unowned_figure_follows_who_acted_just_before(analyzer: Analyzer) -> None:
    found = subjects_by_text(analyzer, (
        "InfoNation tracks car sales. InfoNation publishes a monthly report on them. "
        "Houston dealers sold 30,154 cars in October. Sales were down 5 percent."))
    assert found.get("5 percent") == "Houston"


def test_a_speaker_just_before_does_not_take_the_next_figure(analyzer: Analyzer) -> None:
    found = subjects_by_text(analyzer, (
        "Ghana will sell bonds this year. Ghana wants to cut its debt. "
        "Acme Capital said the plan was sound. Yields were about 9 percent."))
    assert found.get("about 9 percent") != "Acme Capital"


@pytest.mark.parametrize(("text", "figure", "subject"), [
    ("Arizona Governor Katie Hobbs vetoed the bill. She rejected two Senate bills that would "
     "have permitted state treasurers to allocate up to 10% of public funds into Bitcoin.",
     "up to 10%", "Arizona"),
    ("China reported growth of 5.2% last year. Chinese state media said exports rose 8%.",
     "8%", "China"),
])
def test_a_bare_state_before_a_noun_is_the_storys_state(analyzer: Analyzer, text: str,
                                                        figure: str, subject: str) -> None:
    assert subjects_by_text(analyzer, text).get(figure) == subject


def test_an_economys_figure_is_the_countrys_not_the_last_actors(analyzer: Analyzer) -> None:
    found = subjects_by_text(analyzer, (
        "India's central bank cut its rate. The PNB had cut deposit rates by 30 basis points on "
        "Monday. Core liquidity has increased from Rs 33,200 crore in August to Rs 48,700 crore "
        "in September."))
    assert found.get("Rs 33,200 crore") == "India"
    assert found.get("30 basis points") == "PNB"


def test_a_firms_figure_after_it_acted_stays_the_firms(analyzer: Analyzer) -> None:
    found = subjects_by_text(analyzer, (
        "India's central bank cut its rate. Acme Motors cut its prices on Monday. Sales rose "
        "5% in September."))
    assert found.get("5%") == "Acme Motors"


@pytest.mark.parametrize(("text", "figure"), [
    ("Nigeria's SEC fined the exchange 5 million naira on Monday.", "5 million naira"),
    ("Ghana's SEC fined the broker 3 million cedis after an audit.", "3 million cedis"),
])
def test_a_fines_currency_does_not_make_its_payer_the_issuing_country(
        analyzer: Analyzer, text: str, figure: str) -> None:
    """The parse puts the amount in apposition to the unnamed payer; the payer is not
    resolved through the amount's own currency (naira -> Nigeria), so the fine stays with
    the regulator that imposed it."""
    assert subjects_by_text(analyzer, text).get(figure) == "SEC"


def test_a_body_that_acted_in_a_sentence_parsed_as_one_noun_phrase_owns_the_count(
        analyzer: Analyzer) -> None:
    """The small model parses "Argentina's CNV registered 70 providers" as one noun phrase
    (providers as its root, "registered" an adjective): the regulator registered them."""
    assert subjects_by_text(analyzer, "Argentina's CNV registered 70 providers.").get(
        "70 providers") == "CNV"
