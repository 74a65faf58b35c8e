"""Role heads from data: WordNet's person nouns ("sergeant", "nun") and ordinal titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.nlp.analyzer import Analyzer
from bot.nlp.gazetteer import person_nouns
from tests.nlp.roles_helpers import roles_of


@pytest.mark.parametrize(("text", "name", "role"), [
    # a WordNet person noun before a name
    ("Detective Sergeant Amy Ward said the two men had been charged.", "Amy Ward",
     "Detective Sergeant"),
    ("The appeal was led by retired nun Maria Kern, who runs the shelter.", "Maria Kern",
     "retired nun"),
    ("Award-winning filmmaker Sam Okoro premiered the documentary in Lagos.", "Sam Okoro",
     "Award-winning filmmaker"),
    # a capitalised ordinal opening the title
    ("First Minister Moira Dunn said the budget would pass.", "Moira Dunn", "First Minister"),
    ("The plan came from Deputy First Minister Ewan Fyfe on Monday.", "Ewan Fyfe",
     "Deputy First Minister"),
    ("The central bank's First Deputy Governor Oleg Marin spoke in Moscow.", "Oleg Marin",
     "First Deputy Governor"),
])
def test_the_title_before_a_name_is_the_role(analyzer: Analyzer, text: str, name: str,
                                             role: str) -> None:
    assert role in {t for t, _ in roles_of(analyzer, text).get(name, set())}


def test_kinship_is_not_a_role(analyzer: Analyzer) -> None:
    text = "The actress arrived with her husband Daniel Roth and her cousin Eva Roth."
    roles = roles_of(analyzer, text)
    assert "Daniel Roth" not in roles and "Eva Roth" not in roles


def test_the_noun_list_keeps_roles_and_leaves_ties_and_other_senses_out() -> None:
    nouns = person_nouns()
    assert {"sergeant", "suspect", "nun", "filmmaker", "auctioneer"} <= nouns
    assert not {"husband", "cousin", "friend", "head", "party", "giant", "bank"} & nouns


def test_a_lower_case_ordinal_is_a_rank_not_a_title(analyzer: Analyzer) -> None:
    text = "Senegal named its first crypto minister Awa Diop on Tuesday."
    roles = {t for t, _ in roles_of(analyzer, text).get("Awa Diop", set())}
    assert roles and not any(t.startswith("first") for t in roles)


def test_a_participle_after_a_noun_does_not_join_the_title(analyzer: Analyzer) -> None:
    text = "She won wide fame playing detective Nora Vance in the long-running series."
    assert {t for t, _ in roles_of(analyzer, text).get("Nora Vance", set())} <= {"detective"}


def test_person_noun_data_is_what_wordnet_gives() -> None:
    """person_nouns.json is generated (python -m bot.nlp.person_nouns_build --write)."""
    from bot.nlp.person_nouns_build import TARGET, WORDNET, render

    if not (WORDNET / "index.noun").exists():
        pytest.skip("WordNet (Debian's wordnet-base) is not installed")
    assert Path(TARGET).read_text(encoding="utf-8") == render()


@pytest.mark.parametrize(("text", "role"), [
    ("The two suspects, Omar Reid and Lena Holt, were held overnight in Leeds.", "suspect"),
    ("Three senators, Mark Udall and Joan Pryor, wrote to the regulator.", "senator"),
])
def test_a_plural_noun_before_a_list_of_names_is_each_ones_role(analyzer: Analyzer,
                                                                text: str, role: str) -> None:
    roles = roles_of(analyzer, text)
    for name in ("Omar Reid", "Lena Holt") if role == "suspect" else ("Mark Udall", "Joan Pryor"):
        assert role in {t for t, _ in roles.get(name, set())}


def test_a_comma_after_a_plural_needs_a_list_of_names(analyzer: Analyzer) -> None:
    text = "After talks with investors, Nora Blake said the fund would close."
    assert "investor" not in {t for t, _ in roles_of(analyzer, text).get("Nora Blake", set())}


@pytest.mark.parametrize("text", [
    "Secretary for Financial Services and the Treasury Paul Chan said the rules start in May.",
    "Paul Chan, Secretary for Financial Services and the Treasury, said the rules start soon.",
])
def test_a_capitalised_portfolio_with_and_stays_in_the_title(analyzer: Analyzer,
                                                             text: str) -> None:
    roles = roles_of(analyzer, text)
    assert ("Secretary for Financial Services and the Treasury", None) in roles["Paul Chan"]
    assert "Treasury" not in roles  # inside the portfolio: no title of its own


def test_under_secretary_keeps_under(analyzer: Analyzer) -> None:
    text = "Under Secretary for Economic Growth Ruth Adler visited the plant."
    assert "Under Secretary for Economic Growth" in {
        t for t, _ in roles_of(analyzer, text).get("Ruth Adler", set())}


def test_a_person_glued_to_the_portfolio_after_the_title_is_split_off(analyzer: Analyzer) -> None:
    text = "Minister for Digital Economy Ann Lee opened the new hub in Kuching on Friday."
    roles = roles_of(analyzer, text)
    assert ("Minister for Digital Economy", None) in roles.get("Ann Lee", set())


def test_a_title_to_an_office_is_kept_whole(analyzer: Analyzer) -> None:
    text = "Economic Secretary to the Treasury Emma Reynolds said the rules would follow."
    assert "Economic Secretary to the Treasury" in {
        t for t, _ in roles_of(analyzer, text).get("Emma Reynolds", set())}


def test_a_possessor_before_listed_titles_owns_each_of_them(analyzer: Analyzer) -> None:
    text = "Ravi Menon, Tokenly's founder and former chief executive, was charged in May."
    roles = roles_of(analyzer, text).get("Ravi Menon", set())
    assert {("founder", "Tokenly"), ("former chief executive", "Tokenly")} <= roles
