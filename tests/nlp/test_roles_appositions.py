"""Roles written after a person's name: appositions, relative clauses, copulas, appointments."""

from __future__ import annotations

import pytest

from bot.nlp.analyzer import Analyzer
from tests.nlp.roles_helpers import roles_of

pytestmark = pytest.mark.spacy


def test_apposition_with_of_org(analyzer: Analyzer) -> None:
    text = "Ales Michl, governor of the Czech National Bank, wants to buy bitcoin."
    assert ("governor", "Czech National Bank") in roles_of(analyzer, text)["Ales Michl"]


def test_relative_clause_with_a_verb_of_office(analyzer: Analyzer) -> None:
    text = ("Frank Leonette, who heads the Financial Sector Conduct Authority, spoke to "
            "reporters on Monday.")
    roles = roles_of(analyzer, text)["Frank Leonette"]
    assert ("head", "Financial Sector Conduct Authority") in roles


def test_possessor_noun_points_back_to_the_organisation(analyzer: Analyzer) -> None:
    text = ("The Bank of England kept its rate unchanged. Sarah Breeden, the bank's chief "
            "economist, said inflation was falling.")
    roles = roles_of(analyzer, text)["Sarah Breeden"]
    assert ("chief economist", "Bank of England") in roles


def test_two_roles_joined_by_and(analyzer: Analyzer) -> None:
    text = "Brian Armstrong, CEO of Coinbase and founder of GiveCrypto, welcomed the rules."
    roles = roles_of(analyzer, text)["Brian Armstrong"]
    assert roles == {("CEO", "Coinbase"), ("founder", "GiveCrypto")}


def test_demonym_title_goes_to_the_org(analyzer: Analyzer) -> None:
    text = "Annika Saarikko, the Finnish Finance Minister, announced the sale of the coins."
    assert ("Finance Minister", "Finland") in roles_of(analyzer, text)["Annika Saarikko"]


def test_title_for_a_country(analyzer: Analyzer) -> None:
    text = "Trygve Slagsvold Vedum, Finance Minister for Norway, said the ban was needed."
    roles = roles_of(analyzer, text)
    assert ("Finance Minister", "Norway") in next(r for n, r in roles.items() if "Vedum" in n)


def test_appointed_as_takes_the_appointer(analyzer: Analyzer) -> None:
    text = "Pakistan appointed former Binance CEO Changpeng Zhao as an adviser last month."
    roles = roles_of(analyzer, text)["Changpeng Zhao"]
    assert ("adviser", "Pakistan") in roles
    assert ("former CEO", "Binance") in roles


def test_a_listed_name_is_never_a_role(analyzer: Analyzer) -> None:
    text = "The bill has support from Cynthia Lummis, Senator Tim Scott and others."
    roles = roles_of(analyzer, text)
    assert not any("Scott" in t for t, _ in roles.get("Cynthia Lummis", set()))


def test_a_clause_is_not_a_role(analyzer: Analyzer) -> None:
    text = "Michael Saylor, who said the company would keep buying, spoke on Friday."
    assert "Michael Saylor" not in roles_of(analyzer, text)


def test_age_between_name_and_role_is_skipped(analyzer: Analyzer) -> None:
    text = "Jane Walsh, 51, a managing director at Goldman Sachs, left the firm this week."
    assert ("managing director", "Goldman Sachs") in roles_of(analyzer, text)["Jane Walsh"]


def test_founded_by_gives_the_founder(analyzer: Analyzer) -> None:
    text = ("The regulator licensed Afridax, a new crypto exchange founded by Frank Leonette, "
            "on Monday.")
    assert ("founder", "Afridax") in roles_of(analyzer, text)["Frank Leonette"]


def test_a_new_clause_is_not_an_apposition(analyzer: Analyzer) -> None:
    text = ("According to a report by the agency Reuters, Deputy Head of the Ministry of "
            "Finance Anton Siluanov said the ban would start soon.")
    roles = roles_of(analyzer, text)
    assert not any("Head" in t for t, _ in roles.get("Reuters", set()))
    assert ("Deputy Head", "Ministry of Finance") in roles["Anton Siluanov"]


def test_untagged_country_possessor(analyzer: Analyzer) -> None:
    text = "Wales' Environment Secretary Lesley Griffiths said the scheme was supported."
    assert ("Environment Secretary", "Wales") in roles_of(analyzer, text)["Lesley Griffiths"]


def test_title_after_an_of_org(analyzer: Analyzer) -> None:
    text = ("Rep. Cha Gyu-geun of the Rebuilding Korea Party asked the central bank about "
            "stablecoins.")
    roles = roles_of(analyzer, text)["Cha Gyu-geun"]
    assert ("Representative", "Rebuilding Korea Party") in roles


def test_org_after_a_place_and_a_description(analyzer: Analyzer) -> None:
    text = "Jane Walsh, a partner at New York law firm Cravath Swaine, joined the board."
    roles = roles_of(analyzer, text)["Jane Walsh"]
    assert any(t == "partner" and o and "Cravath" in o for t, o in roles)


def test_titles_joined_by_and_share_the_org(analyzer: Analyzer) -> None:
    text = "Michael Saylor, the co-founder and executive chairman of MicroStrategy, bought more."
    roles = roles_of(analyzer, text)["Michael Saylor"]
    assert {("co-founder", "MicroStrategy"), ("executive chairman", "MicroStrategy")} <= roles


def test_untagged_possessor_names_the_org(analyzer: Analyzer) -> None:
    text = "Paolo Ardoino, Tether's chief executive, said the funds were frozen."
    assert ("chief executive", "Tether") in roles_of(analyzer, text)["Paolo Ardoino"]


def test_he_is_continues_the_previous_subject(analyzer: Analyzer) -> None:
    text = ("Pakistan Crypto Council CEO Bilal Bin Saqib was recently appointed as the special "
            "assistant on blockchain to Prime Minister Shehbaz Sharif. He is the founder of "
            "Tayaba, a social enterprise.")
    roles = roles_of(analyzer, text)["Bilal Bin Saqib"]
    assert ("founder", "Tayaba") in roles
    assert any(t == "special assistant on blockchain" for t, _ in roles)
    assert ("CEO", "Pakistan Crypto Council") in roles


def test_an_org_before_the_last_title_is_not_shared(analyzer: Analyzer) -> None:
    text = ("Brock Pierce, a crypto venture capitalist and former US presidential candidate, "
            "spoke at the event.")
    roles = next(r for n, r in roles_of(analyzer, text).items() if "Pierce" in n)
    assert ("former presidential candidate", "United States") in roles
    assert ("crypto venture capitalist", "United States") not in roles


def test_of_the_company_is_the_main_organisation(analyzer: Analyzer) -> None:
    text = ("Binance settled with regulators. Binance will pay a fine. The president of the "
            "company, John Smith, resigned on Friday.")
    assert roles_of(analyzer, text)["John Smith"] == {("president", "Binance")}


@pytest.mark.parametrize(("text", "name", "role", "org"), [
    ('"Trade is the focus," said Jo Hale, a market analyst with the research firm Oanda.',
     "Jo Hale", "market analyst", "Oanda"),
    ("Jane Roe, a lawyer with a passion for sailing, spoke.", "Jane Roe",
     "lawyer with a passion for sailing", None),
])
def test_with_an_organisation_names_the_employer(analyzer: Analyzer, text: str, name: str,
                                                 role: str, org: str | None) -> None:
    assert (role, org) in roles_of(analyzer, text).get(name, set())


@pytest.mark.parametrize(("text", "name", "role"), [
    ("John Smith, one of the founders of Kraken, said the rules were unclear.", "John Smith",
     ("founder", "Kraken")),
    ("Ann Lee, one of the three judges, dissented from the ruling.", "Ann Lee",
     ("judge", None)),
])
def test_one_of_several_holders_gets_the_title_in_the_singular(
        analyzer: Analyzer, text: str, name: str, role: tuple[str, str | None]) -> None:
    assert role in roles_of(analyzer, text)[name]


def test_one_of_a_crowd_without_a_title_is_no_role(analyzer: Analyzer) -> None:
    text = "Bob Ray, one of the most famous people in town, came to the hearing."
    assert roles_of(analyzer, text).get("Bob Ray", set()) == set()


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Tom Hill - a lawyer at Clifford Chance - said the law was vague.", "Tom Hill",
     ("lawyer", "Clifford Chance")),
    ("David Lat – a lawyer and legal commenter – said the show was rigged.", "David Lat",
     ("legal commenter", None)),
])
def test_an_aside_between_dashes_is_read_like_one_between_commas(
        analyzer: Analyzer, text: str, name: str, role: tuple[str, str | None]) -> None:
    assert role in roles_of(analyzer, text)[name]


def test_an_aside_about_someone_named_inside_it_gives_them_no_role(analyzer: Analyzer) -> None:
    text = "The vote - a blow to Tom Hill - came late on Monday."
    assert roles_of(analyzer, text).get("Tom Hill", set()) == set()


@pytest.mark.parametrize(("text", "name", "role"), [
    # "another" only says there are more holders of the title
    ("Kurt Volker and Tim Morrison, another top White House aide, testified on Tuesday.",
     "Tim Morrison", ("top aide", "White House")),
    ("Jane Okafor, another deputy governor of the Central Bank of Nigeria, disagreed.",
     "Jane Okafor", ("deputy governor", "Central Bank of Nigeria")),
    # "top" is a rank in a person's title, not praise
    ("Wang Yi, China's top diplomat, met the envoy.", "Wang Yi", ("top diplomat", "China")),
])
def test_another_and_top_in_a_persons_apposition(analyzer: Analyzer, text: str, name: str,
                                                  role: tuple[str, str]) -> None:
    assert role in roles_of(analyzer, text)[name]
