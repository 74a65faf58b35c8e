"""Roles that say how one person or firm stands to another: an aide *to* a named official,
a firm *based* somewhere, people known as a show's or a party's star or figure. Sentences of
our own."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer
from tests.nlp.roles_helpers import roles_of

pytestmark = pytest.mark.spacy


def test_the_official_an_aide_serves_keeps_their_own_title(analyzer: Analyzer) -> None:
    roles = roles_of(analyzer, "Lawmakers questioned Jane Ortis, a top security aide to "
                               "Vice President Mike Pence, on Tuesday.")
    assert not any("aide" in text for text, _ in roles.get("Mike Pence", set()))
    assert any(text.startswith("Vice President") for text, _ in roles["Mike Pence"])


def test_a_formal_title_with_to_stays_whole(analyzer: Analyzer) -> None:
    roles = roles_of(analyzer, "Special Assistant to the Prime Minister Kamil Rauf said so.")
    assert any("Special Assistant" in text for text, _ in roles["Kamil Rauf"])


def test_a_place_based_firm_is_the_org_not_the_place(analyzer: Analyzer) -> None:
    roles = roles_of(analyzer, '"We must act," said Will Moy, chief executive of the '
                               "London-based fact-checking website Full Fact.")
    assert ("chief executive", "Full Fact") in roles["Will Moy"]


@pytest.mark.parametrize(("text", "name", "role"), [
    ("The reality show star Joey Essex backed the plan.", "Joey Essex", "star"),
    ("Keir Starmer, a senior Labour Party figure, said the tax was fair.", "Keir Starmer",
     "figure"),
])
def test_a_star_or_a_figure_is_a_role(analyzer: Analyzer, text: str, name: str,
                                      role: str) -> None:
    assert any(t.endswith(role) for t, _ in roles_of(analyzer, text)[name])


def test_no_one_holds_a_role_in_themself(analyzer: Analyzer) -> None:
    roles = roles_of(analyzer, "The Only Way is Essex star Joey Essex backed the plan.")
    assert roles["Joey Essex"] and all(org != "Joey Essex" for _, org in roles["Joey Essex"])


@pytest.mark.parametrize(("text", "name", "role"), [
    ("The research was published in the journal JAMA Psychiatry on Wednesday.",
     "JAMA Psychiatry", "journal"),
    ("The claims spread on the messaging app Telegram last week.", "Telegram", "messaging app"),
    ("Shares in e-commerce giant Alibaba rose on Monday.", "Alibaba", "e-commerce giant"),
    ("Will Moy runs the fact-checking website Full Fact.", "Full Fact",
     "fact-checking website"),
    ("The headset was built by the virtual-reality start-up Evanescent Studios in Leeds.",
     "Evanescent Studios", "virtual-reality start-up"),
])
def test_a_kind_written_before_an_organisation_describes_it(
        analyzer: Analyzer, text: str, name: str, role: str) -> None:
    assert (role, None) in roles_of(analyzer, text)[name]


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Last week State Department official David Holmes revealed the call.", "David Holmes",
     ("official", "State Department")),
    ('"It was fine," said Hogan Gidley, the principal deputy White House press secretary.',
     "Hogan Gidley", ("principal deputy press secretary", "White House")),
    ("Keith Joseph, the education secretary and a close friend, agreed with her.",
     "Keith Joseph", ("education secretary", None)),
    ("Ronny Jackson, who was then serving as the President's physician, gave the results.",
     "Ronny Jackson", ("physician", None)),
])
def test_titles_around_dates_offices_and_second_descriptions(
        analyzer: Analyzer, text: str, name: str, role: tuple[str, str | None]) -> None:
    assert role in roles_of(analyzer, text)[name]


def test_an_office_inside_a_title_is_no_person(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=(
        '"It was fine," said Hogan Gidley, the principal deputy White House press secretary.')))
    assert {e.name: e.type for e in analysis.entities}.get("White House") == "ORG"


@pytest.mark.parametrize(("text", "name", "role"), [
    ("It was backed by neighboring Vermont Sen. Bernie Sanders on Monday.", "Bernie Sanders",
     ("Senator", "Vermont")),
    ("The plan was opposed by lagging Governor Jerry Brown.", "Jerry Brown",
     ("Governor", None)),
    # qualifiers, levels of office and lower-case portfolios stay in the title
    ("It was backed by former Vice President Joe Biden.", "Joe Biden",
     ("former Vice President", None)),
    ("The bill was filed by state Senator Wendy Davis.", "Wendy Davis", ("state Senator", None)),
    ("The budget was read by finance Minister Ken Ofori-Atta.", "Ken Ofori-Atta",
     ("finance Minister", None)),
])
def test_a_loose_word_before_a_capitalised_title_is_not_part_of_it(
        analyzer: Analyzer, text: str, name: str, role: tuple[str, str | None]) -> None:
    assert any(r[0] == role[0] and (role[1] is None or r[1] == role[1])
               for r in roles_of(analyzer, text)[name])


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Steve Clarke, deputy associate administrator for exploration in NASA's Science Mission "
     "Directorate, said the landers would fly.", "Steve Clarke",
     ("deputy associate administrator for exploration", "NASA")),
    ("Ann Lee, a director in the Treasury, said so.", "Ann Lee", ("director", "Treasury")),
    ("Jane Roe, a teacher in Texas, said so.", "Jane Roe", ("teacher", None)),  # a place
])
def test_an_organisation_after_in_is_a_persons_org(
        analyzer: Analyzer, text: str, name: str, role: tuple[str, str | None]) -> None:
    assert role in roles_of(analyzer, text)[name]


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Juan Perez, who leads the fintech unit at the Central Bank of Chile, presented the plan.",
     "Juan Perez", ("leader of the fintech unit", "Central Bank of Chile")),
    ("Juan Perez, who heads the crypto desk of Binance, presented the plan.", "Juan Perez",
     ("head of the crypto desk", "Binance")),
])
def test_who_heads_a_unit_of_an_organisation(analyzer: Analyzer, text: str, name: str,
                                             role: tuple[str, str]) -> None:
    assert role in roles_of(analyzer, text)[name]


def test_an_organisation_named_past_the_object_is_not_the_one_headed(analyzer: Analyzer) -> None:
    text = "Juan Perez, who runs a small shop near Binance, spoke on Monday."
    assert "Juan Perez" not in roles_of(analyzer, text)
