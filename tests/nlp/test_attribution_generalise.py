"""Attribution and figure rules meant to hold on unseen policy news, on sentences written for
them (not taken from any article)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.attribution.context import table_row
from bot.nlp.attribution.resolver import unit_like
from bot.nlp.figures import find_figures
from tests.nlp.figure_helpers import subject_of

if TYPE_CHECKING:
    from bot.nlp.analyzer import Analyzer


def _values(text: str) -> list[tuple[float, float | None, str]]:
    return [(f.value, f.value_high, f.unit) for f in find_figures(text)]


# -- figures -------------------------------------------------------------------------------
def test_a_lower_second_end_is_a_change_not_a_range() -> None:
    assert _values("The levy drops from 4% to 2.5% next year.") == [
        (4, None, "%"), (2.5, None, "%")]
    assert _values("The cap was cut from $9 million to $6 million.") == [
        (9e6, None, "USD"), (6e6, None, "USD")]


def test_a_verb_of_change_splits_from_x_to_y() -> None:
    assert _values("Unemployment climbed from 6% to 8% in a year.") == [
        (6, None, "%"), (8, None, "%")]


def test_a_plain_range_stays_one_figure() -> None:
    assert _values("Penalties range from 2% to 6% of turnover.") == [(2, 6, "%")]
    assert _values("Fees of R$ 200 to R$ 1.200 apply.")[0][0] == 200  # a dot grouping thousands


def test_crowns_follow_the_country_named() -> None:
    text = "Denmark's pension funds hold 40 billion crowns in bonds."
    assert [f.unit for f in find_figures(text, countries=("DK",))] == ["DKK"]
    assert find_figures("The queen wore three crowns.") == []


def test_a_count_may_have_four_modifiers() -> None:
    assert [f.unit for f in find_figures("Oslo has 14 licensed digital asset custody firms.")] \
        == ["firms"]


# -- names that are units ------------------------------------------------------------------
@pytest.mark.parametrize("name", ["MW", "AED", "NIS 500", "TWh", "EUR"])
def test_units_and_codes_are_not_owners(name: str) -> None:
    assert unit_like(name)


@pytest.mark.parametrize("name", ["Binance", "IMF", "Bitcoin", "USDT", "UAE", "Texas"])
def test_real_names_are_owners(name: str) -> None:
    assert not unit_like(name)


# -- attribution ---------------------------------------------------------------------------
@pytest.mark.spacy
def test_a_loan_to_a_country_is_the_borrowers(analyzer: Analyzer) -> None:
    text = "The World Bank approved a $700 million loan to Ghana on Friday."
    assert subject_of(analyzer, text, "$700 million") == "Ghana"


@pytest.mark.spacy
def test_an_unnamed_central_bank_is_its_country(analyzer: Analyzer) -> None:
    text = ("Chile's statistics office INE said prices rose 4% in March. The central bank "
            "raised its benchmark rate by 50 basis points.")
    assert subject_of(analyzer, text, "50 basis points") == "Chile"


@pytest.mark.parametrize(("text", "unit"), [
    ("a grant of NIS 40 million", "ILS"), ("profit of Dh3.1 billion", "AED"),
    ("a QR2 billion fund", "QAR"), ("Tk 120 crore in loans", "BDT"),
    ("sales of 8 billion rubles", "RUB"), ("15 billion CFA francs", "XOF"),
    ("Nu 3 billion of power exports", "BTN"), ("RMB 7 billion", "CNY"),
])
def test_press_abbreviations_of_currencies(text: str, unit: str) -> None:
    assert [f.unit for f in find_figures(text)] == [unit]


@pytest.mark.spacy
def test_it_opening_a_sentence_continues_the_previoussubject_of(analyzer: Analyzer) -> None:
    text = ("The Bank of Ghana said eCedi wallets hold GH₵40 million. It will pay traders "
            "GH₵50 per new account.")
    assert subject_of(analyzer, text, "50") == "Bank of Ghana"


@pytest.mark.spacy
def test_an_unnamed_regulator_is_the_stories_organisation(analyzer: Analyzer) -> None:
    text = ("FINMA opened a case against Northwind Exchange, the operator of Coinlane in "
            "Geneva, on Monday. The regulator is seeking a fine of at least CHF 3 million.")
    assert subject_of(analyzer, text, "CHF 3 million") == "FINMA"


@pytest.mark.spacy
def test_an_organisations_people_are_counted_for_it(analyzer: Analyzer) -> None:
    text = "Police in Lagos held three Northwind executives for questioning."
    assert subject_of(analyzer, text, "three") == "Northwind"


@pytest.mark.spacy
def test_a_new_size_set_by_a_verb_is_its_objects(analyzer: Analyzer) -> None:
    text = "The court agreed to reduce Binance's penalty to $40 million on Tuesday."
    assert subject_of(analyzer, text, "$40 million") == "Binance"


@pytest.mark.spacy
def test_shares_in_a_fund_are_the_holders(analyzer: Analyzer) -> None:
    text = ("Norway's Government Pension Fund disclosed a stake of 2 million shares in "
            "BlackRock's trust on Friday.")
    assert subject_of(analyzer, text, "2 million shares") != "BlackRock"


@pytest.mark.spacy
def test_a_firm_of_a_nationality_is_not_its_country(analyzer: Analyzer) -> None:
    text = ("Coinbase expanded in Asia this year. The Japanese exchange bitFlyer said the "
            "American company paid $90 million for the licence.")
    assert subject_of(analyzer, text, "$90 million") != "United States"


@pytest.mark.spacy
def test_the_country_far_from_another_place_is_the_main_one(analyzer: Analyzer) -> None:
    text = ("Kenya's parliament debated the crypto bill on Monday. Kenya wants to license "
            "exchanges. Lawmakers cited a report from Germany. Kenya's central bank objected. "
            "Kenya's treasury backed the plan. Several amendments were tabled. Traders "
            "welcomed them. The country's crypto users number about 4 million people.")
    assert subject_of(analyzer, text, "4 million") == "Kenya"


@pytest.mark.parametrize(("text", "countries", "value", "unit"), [
    ("a levy of CN¥4 billion", (), 4e9, "CNY"), ("GH¢3 billion in bonds", ("GH",), 3e9, "GHS"),
    ("E£7 billion of aid", ("EG",), 7e9, "EGP"), ("spent 9 billion zł", (), 9e9, "PLN"),
    ("Gs 40 billion in fees", ("PY",), 4e10, "PYG"), ("TL 2 billion in fines", ("TR",), 2e9, "TRY"),
    ("P8 billion for roads", ("PH",), 8e9, "PHP"), ("SR4 billion", ("SA",), 4e9, "SAR"),
    ("a $2.5-billion deal", (), 2.5e9, "USD"), ("RM4bil in grants", ("MY",), 4e9, "MYR"),
    ("SFr 6 billion", (), 6e9, "CHF"), ("12 billion leva", (), 1.2e10, "BGN"),
])
def test_signs_and_scales_of_the_press(text: str, countries: tuple[str, ...], value: float,
                                       unit: str) -> None:
    assert [(f.value, f.unit) for f in find_figures(text, countries=countries)] == [(value, unit)]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("the dam holds 3.1m cubic metres of water", 3.1e6, "m3"), ("exports 60,000 bpd", 6e4, "bbl"),
    ("a 14 bcm pipeline", 14, "bcm"), ("solar capacity of 1.1 TW", 1.1, "TW"),
    ("mined 2.4m tonnes of coal", 2.4e6, "t"),
])
def test_physical_units_of_policy_news(text: str, value: float, unit: str) -> None:
    assert [(f.value, f.unit) for f in find_figures(text)] == [(value, unit)]


def test_a_lone_m_is_still_metres() -> None:
    assert find_figures("a sea wall 4m high") == []


@pytest.mark.spacy
def test_the_worlds_largest_cryptocurrency_is_the_articles_asset(analyzer: Analyzer) -> None:
    text = ("Chile's customs office sold 300 bitcoin seized from smugglers. The world's largest "
            "cryptocurrency traded at $88,000 on the day of the sale.")
    assert subject_of(analyzer, text, "$88,000") == "Bitcoin"


@pytest.mark.spacy
@pytest.mark.parametrize("description", ["leading crypto", "flagship digital asset"])
def test_other_descriptions_of_one_coin_are_the_articles_asset(analyzer: Analyzer,
                                                               description: str) -> None:
    text = (f"Chile's customs office sold 300 bitcoin seized from smugglers. The world's "
            f"{description} hit a high of $69,000 the week after.")
    assert subject_of(analyzer, text, "$69,000") == "Bitcoin"


@pytest.mark.spacy
def test_plural_digital_assets_are_not_one_coin(analyzer: Analyzer) -> None:
    text = ("Chile's customs office holds 300 bitcoin seized from smugglers. The digital assets "
            "are worth $27 million.")
    assert subject_of(analyzer, text, "$27 million") != "Bitcoin"


@pytest.mark.spacy
def test_an_assets_own_move_in_percent_is_the_assets(analyzer: Analyzer) -> None:
    text = "Bitcoin fell 6% on Tuesday while Chile's central bank kept rates on hold."
    assert subject_of(analyzer, text, "6%") == "Bitcoin"


@pytest.mark.spacy
def test_we_in_an_officials_quote_is_their_side_and_the_city_is_only_a_setting(
        analyzer: Analyzer) -> None:
    text = ("Chile plans a mining zone in the Atacama. \"We will spend $300 million on grid "
            "links,\" Energy Minister Diego Pardo said in Santiago.")
    assert subject_of(analyzer, text, "$300 million") == "Chile"


@pytest.mark.parametrize("text", [
    "Web3 firms lobbied the ministry.", "It tracked COVID-19 cases.",
    "The rules cover Layer 2 networks too.", "It joined a list of Fortune 500 companies.",
])
def test_numbers_inside_names_count_nothing(text: str) -> None:
    assert find_figures(text) == []


def test_a_count_after_a_verb_still_counts() -> None:
    assert [f.unit for f in find_figures("Binance has 3 licences in Texas.")] == ["licences"]


@pytest.mark.spacy
def test_an_office_holder_without_an_organisation_acts_for_the_country(
        analyzer: Analyzer) -> None:
    text = ("Argentina is weighing a crypto reserve. President Javier Milei signed a decree "
            "that sets aside 10,000 BTC for it.")
    assert subject_of(analyzer, text, "10,000 BTC") == "Argentina"


@pytest.mark.spacy
def test_an_amount_after_a_name_is_not_part_of_it(analyzer: Analyzer) -> None:
    text = "The Securities Commission Malaysia fined Koinly Malaysia RM3 million on Monday."
    names = {e.name for e in analyzer.analyze(ArticleIn(url=None, title="", text=text)).entities}
    assert not any("RM3" in n for n in names)


def test_a_name_with_a_number_stays_whole() -> None:
    from bot.nlp.model import _amount
    assert not _amount("G20") and _amount("RM3") and _amount("N62", scaled=True)


@pytest.mark.parametrize(("text", "countries", "value", "unit"), [
    ("Egypt let the pound slide to 52 per dollar.", ("EG",), 52, "EGP/USD"),
    ("The shilling closed at 131 to the dollar.", ("KE",), 131, "KES/USD"),
])
def test_a_bare_quote_against_a_currency_is_the_named_currencys_rate(
        text: str, countries: tuple[str, ...], value: float, unit: str) -> None:
    assert [(f.value, f.unit) for f in find_figures(text, countries=countries)] == [(value, unit)]


@pytest.mark.parametrize(("text", "countries", "value", "unit"), [
    # the currency nearest the number wins, not the first one in the window
    ("Against the dollar, the rand fell to 18.9 per dollar.", ("ZA",), 18.9, "ZAR/USD"),
    ("After the euro rallied, the zloty firmed to 4.3 per euro.", ("PL",), 4.3, "PLN/EUR"),
    # the currency quoted against is never the one quoted
    ("The dollar's slide lifted the won to 1,350 to the dollar.", ("KR",), 1350, "KRW/USD"),
])
def test_a_bare_quote_takes_the_nearest_currency_in_its_clause(
        text: str, countries: tuple[str, ...], value: float, unit: str) -> None:
    assert [(f.value, f.unit) for f in find_figures(text, countries=countries)] == [(value, unit)]


def test_a_currency_in_an_earlier_clause_does_not_quote_a_bare_number() -> None:
    assert find_figures("The peso held firm; officials said it was 5 to the dollar.",
                        countries=("MX",)) == []


def test_a_percent_move_and_a_bare_level_are_two_figures() -> None:
    assert [(f.value, f.unit) for f in find_figures(
        "The forint slipped 0.6% to 402 per euro.", countries=("HU",))] == [
        (0.6, "%"), (402, "HUF/EUR")]


def test_a_bare_number_before_to_the_dollar_without_a_currency_is_nothing() -> None:
    assert find_figures("He said it was 5 to the dollar.") == []


@pytest.mark.spacy
def test_a_disbursement_for_a_country_is_the_countrys(analyzer: Analyzer) -> None:
    text = ("The IMF approved a $250 million disbursement for Zambia, lifting total support "
            "under the programme to $1.1 billion.")
    assert subject_of(analyzer, text, "$1.1 billion") == "Zambia"


@pytest.mark.spacy
def test_an_asset_quoted_at_a_level_owns_it(analyzer: Analyzer) -> None:
    text = ("Chile bought 40 BTC on Monday. With bitcoin at $97,000, the country's coins are "
            "worth about $4 million.")
    assert subject_of(analyzer, text, "$97,000") == "Bitcoin"
    assert subject_of(analyzer, text, "$4 million") == "Chile"


@pytest.mark.spacy
def test_prices_of_the_coin_are_the_assets(analyzer: Analyzer) -> None:
    text = ("Chile sold 200 BTC in March, as prices of the cryptocurrency rose 35% in a "
            "quarter.")
    assert subject_of(analyzer, text, "35%") == "Bitcoin"


@pytest.mark.parametrize(("text", "unit"), [
    ("Ohio hosts 14 bitcoin mining farms.", "farms"), ("It listed 3 bitcoin ETFs.", "ETFs"),
    ("The state holds 900 bitcoin.", "BTC"), ("Police seized 61,000 bitcoins.", "BTC"),
])
def test_bitcoin_before_a_counted_noun_only_describes_it(text: str, unit: str) -> None:
    assert [f.unit for f in find_figures(text)] == [unit]


@pytest.mark.spacy
def test_a_source_tagged_as_a_place_is_not_the_treasurys_country(analyzer: Analyzer) -> None:
    text = ("The agency sold 9,000 bitcoin last year, according to data from Arkham. Senator "
            "Jo Ames has proposed that the Treasury buy 50,000 bitcoin.")
    assert subject_of(analyzer, text, "50,000") != "Arkham"


@pytest.mark.spacy
@pytest.mark.parametrize(("text", "surface", "owner"), [
    # a share that a holding or producing verb's subject has is that subject's
    ("Kazakhstan produced 13% of the world's bitcoin hashrate in 2021.", "13%", "Kazakhstan"),
    ("Chile's pension fund ProVida holds 4% of Codelco's bonds.", "4%", "ProVida"),
    # a share acted on, or one that is the subject, stays with its base
    ("The SEC froze 30% of Binance's reserves.", "30%", "Binance"),
    ("About 40% of Nigeria's adults own crypto, the survey found.", "About 40%", "Nigeria"),
    # a number of coins valued at a sum is a holding; one coin priced at a level is the coin
    ("Chile bought 21 bitcoin on Monday. The country now holds 6,190 BTC, valued at "
     "$650 million.", "$650 million", "Chile"),
    ("Bitcoin, priced at $90,000, fell on Monday.", "$90,000", "Bitcoin"),
    # "its" before a quoted source points back, not to the source
    ("Bhutan has mined bitcoin since 2019. Its sovereign fund holds roughly 12,000 BTC, "
     "analytics firm Arkham said.", "12,000 BTC", "Bhutan"),
    # "criticised X for spending N": X spent it
    ("Critics in Lisbon attacked Acme Corp for paying $2 million to its chief.", "$2 million",
     "Acme Corp"),
    ("Regulators in Lisbon fined Acme Corp after its auditor criticised the firm for spending "
     "$630,000 on flights.", "$630,000", "Acme Corp"),
])
def test_shares_holdings_and_pronouns_go_to_their_owner(analyzer: Analyzer, text: str,
                                                        surface: str, owner: str) -> None:
    assert subject_of(analyzer, text, surface) == owner


@pytest.mark.spacy
def test_a_tables_rows_are_their_labels_and_not_the_story(analyzer: Analyzer) -> None:
    text = ("Miners use ever more power.\n\nAnnual electricity use\n\nChile 81 TWh\n\n"
            "Peru 59 TWh\n\nChile 81 TWh\n\nBolivia plans to cut power to miners. The country "
            "added only 1.2 gigawatts of capacity in 2021, Bolivia's ministry said.")
    analysis = analyzer.analyze(ArticleIn(url=None, title="Power", text=text))
    subjects = {f.text: f.subject for f in analysis.figures}
    assert subjects["59 TWh"] == "Peru"
    assert subjects["1.2 gigawatts"] == "Bolivia"
    assert not any(e.name.endswith(("59", "81")) for e in analysis.entities)


@pytest.mark.spacy
def test_only_whole_lines_of_a_name_a_number_and_a_unit_are_table_rows(
        analyzer: Analyzer) -> None:
    doc = analyzer.nlp("Bitcoin at $100,000\nArgentina 121 TWh\nThe plan costs 5 MW.")
    assert [table_row(s) for s in doc.sents] == [False, True, False]


@pytest.mark.parametrize(("text", "surface", "country"), [
    ("The Bank of Korea said 2.3 million South Koreans hold crypto.", "2.3 million",
     "South Korea"),
    ("Binance said 2 million Filipinos use its app.", "2 million", "Philippines"),
])
def test_nationals_counted_by_their_nationality_are_their_countrys(
        analyzer: Analyzer, text: str, surface: str, country: str) -> None:
    """Not the sayer's: the people counted are the country's nationals."""
    assert subject_of(analyzer, text, surface) == country


@pytest.mark.spacy
@pytest.mark.parametrize("text", [
    "No one knows how many miners remain, but one cares little.",
    "A 2-1 defeat leaves them nine points adrift.",
])
def test_a_verb_is_never_what_a_count_counts(analyzer: Analyzer, text: str) -> None:
    figures = analyzer.analyze(ArticleIn(url=None, title="", text=text)).figures
    assert not [f for f in figures if f.unit in {"knows", "cares", "leaves"}]


@pytest.mark.spacy
def test_a_scale_word_tagged_as_a_verb_still_counts(analyzer: Analyzer) -> None:
    text = ("Nearly 21m personal and 3.51m corporate digital yuan wallets have been issued "
            "during China's trials.")
    figures = analyzer.analyze(ArticleIn(url=None, title="", text=text)).figures
    assert (3_510_000.0, "wallets") in {(f.value, f.unit) for f in figures}


@pytest.mark.spacy
@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The number of crypto users in Nigeria rose by 2 million.", 2e6, "crypto users"),
    ("The number of Nigerians using crypto rose to 22 million.", 22e6, "people"),
    ("The urban population will grow by 10 million by 2040.", 10e6, "people"),
])
def test_a_count_set_through_its_verb_keeps_its_noun(
        analyzer: Analyzer, text: str, value: float, unit: str) -> None:
    """"rose by N" is a change in the same unit as "rose to N"; nationals counted through
    "the number of" and any kind of population are people."""
    figures = analyzer.analyze(ArticleIn(url=None, title="", text=text)).figures
    assert (value, unit) in {(f.value, f.unit) for f in figures}
