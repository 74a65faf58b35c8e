"""Role constructions of the second round: descriptions written as false titles, a kind
noun after an organisation's name, titles shared along a list, "became", copulas joined by
"and", "in charge of", "including", and bare titles that take the story's company or city."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer
from tests.nlp.roles_helpers import roles_of

pytestmark = pytest.mark.spacy


def test_participle_before_the_org_of_a_title(analyzer: Analyzer) -> None:
    text = "David Miller was confirmed as the new leader of the banned Freedom Party."
    assert ("leader", "Freedom Party") in roles_of(analyzer, text)["David Miller"]


def test_description_noun_right_before_a_name(analyzer: Analyzer) -> None:
    text = "\"It works,\" said beauty blogger Maria Lopez after the session."
    assert ("beauty blogger", None) in roles_of(analyzer, text)["Maria Lopez"]


def test_two_descriptions_joined_before_a_name(analyzer: Analyzer) -> None:
    text = "The school was founded by saxophonist and educator John Baxter in 1990."
    roles = roles_of(analyzer, text)["John Baxter"]
    assert {("saxophonist", None), ("educator", None)} <= roles


def test_titles_in_a_list_share_the_org(analyzer: Analyzer) -> None:
    text = "Microsoft founder and former CEO Jane Smith left the company in October."
    roles = roles_of(analyzer, text)["Jane Smith"]
    assert {("founder", "Microsoft"), ("former CEO", "Microsoft")} <= roles


def test_comma_list_of_titles(analyzer: Analyzer) -> None:
    text = ("Northwind Bank reported higher profits on Tuesday. Northwind Bank also raised its "
            "dividend, and Northwind Bank shares rose. \"We had a strong quarter,\" chairman, "
            "CEO and president Tom Harris said.")
    roles = roles_of(analyzer, text)["Tom Harris"]
    assert {("chairman", "Northwind Bank"), ("CEO", "Northwind Bank"),
            ("president", "Northwind Bank")} <= roles


def test_bare_company_title_takes_the_story_company(analyzer: Analyzer) -> None:
    text = ("Northwind Bank reported a profit of $2 billion on Friday. Northwind Bank said costs "
            "fell and Northwind Bank shares rose. Chief executive Tom Harris said the results "
            "were strong.")
    assert ("Chief executive", "Northwind Bank") in roles_of(analyzer, text)["Tom Harris"]


def test_mayor_takes_the_city(analyzer: Analyzer) -> None:
    text = "The new centre opened in Chicago on Friday, alongside Mayor John Cooper."
    assert ("Mayor", "Chicago") in roles_of(analyzer, text)["John Cooper"]


def test_kind_noun_after_an_org_name(analyzer: Analyzer) -> None:
    text = "The plan was approved at a meeting of the SDPK parliamentary faction on Monday."
    assert ("parliamentary faction", None) in roles_of(analyzer, text)["SDPK"]


@pytest.mark.parametrize(("text", "names"), [
    ("Members of the Unite and GMB unions walked out on Monday.", ("Unite", "GMB")),
    ("The Northwind and Eastgate exchanges were fined last year.", ("Northwind", "Eastgate")),
])
def test_names_listed_before_a_plural_kind_each_take_it(analyzer: Analyzer, text: str,
                                                         names: tuple[str, ...]) -> None:
    roles = roles_of(analyzer, text)
    kind = "union" if "unions" in text else "exchange"
    for name in names:
        assert (kind, None) in roles[name]


def test_a_possessive_plural_before_the_kind_is_part_of_it(analyzer: Analyzer) -> None:
    text = "Claire Jacobson, head of policy at the EEF manufacturers' organisation, said so."
    assert roles_of(analyzer, text)["EEF"] == {("manufacturers organisation", None)}


def test_a_single_name_before_a_plural_noun_takes_no_kind(analyzer: Analyzer) -> None:
    text = "The Northwind engineers and traders walked out on Monday."
    assert not roles_of(analyzer, text).get("Northwind")


def test_became(analyzer: Analyzer) -> None:
    text = "Last year Jane Smith became the chief economist of the Bank of Ghana."
    assert ("chief economist", "Bank of Ghana") in roles_of(analyzer, text)["Jane Smith"]


def test_copulas_joined_by_and(analyzer: Analyzer) -> None:
    text = ("Ali Hassan was an army commander and was vice chairman of the Revolutionary "
            "Command Council until 2003.")
    roles = roles_of(analyzer, text)["Ali Hassan"]
    assert ("vice chairman", "Revolutionary Command Council") in roles


def test_in_charge_of(analyzer: Analyzer) -> None:
    text = "The minister put Kathleen Sawyer in charge of the Bureau of Prisons on Monday."
    assert ("head", "Bureau of Prisons") in roles_of(analyzer, text)["Kathleen Sawyer"]


def test_plural_kind_before_including(analyzer: Analyzer) -> None:
    text = ("Several registered exchange operators in Japan, including bitFlyer, welcomed the "
            "new rules on Monday.")
    assert ("registered exchange operator", "Japan") in roles_of(analyzer, text)["bitFlyer"]


def test_kind_before_an_org_inside_an_of_phrase(analyzer: Analyzer) -> None:
    text = "The court fined the local operator of US-based cryptocurrency exchange Kraken."
    assert ("cryptocurrency exchange", None) in roles_of(analyzer, text)["Kraken"]


def test_description_of_an_org_keeps_its_of_phrase(analyzer: Analyzer) -> None:
    text = "InfoNation, a Texas-based provider of automobile data, said sales fell."
    assert ("provider of automobile data", None) in roles_of(analyzer, text)["InfoNation"]


def test_definite_description_of_the_story_company(analyzer: Analyzer) -> None:
    text = ("Home Depot reported quarterly earnings on Tuesday. Home Depot shares rose 2%. "
            "The home-improvement retailer earned $2.8 billion in the quarter.")
    assert ("home-improvement retailer", None) in roles_of(analyzer, text)["Home Depot"]


def test_the_watchdog_alone_names_the_one_regulator(analyzer: Analyzer) -> None:
    text = ("India's Financial Intelligence Unit fined the exchange for working in India. The "
            "exchange registered after the watchdog issued notices to nine offshore firms.")
    roles = roles_of(analyzer, text)["Financial Intelligence Unit"]
    assert ("watchdog", "India") in roles


@pytest.mark.parametrize(("text", "person", "role"), [
    ("The Capital Markets Authority (CMA) chief executive Wyckliffe Shamiah said so.",
     "Wyckliffe Shamiah", ("chief executive", "Capital Markets Authority")),
    ("Northwind Securities Commission (NSC) Chair Ana Petrov spoke on Monday.",
     "Ana Petrov", ("Chair", "Northwind Securities Commission")),
])
def test_a_bracketed_acronym_between_the_org_and_the_title(
        analyzer: Analyzer, text: str, person: str, role: tuple[str, str]) -> None:
    assert role in roles_of(analyzer, text)[person]


@pytest.mark.parametrize(("text", "person", "role"), [
    ("Texas passed a crypto law. Governor Greg Abbott signed it on Monday.", "Greg Abbott",
     ("Governor", "Texas")),
    ("The festival began in New Orleans on Friday. Mayor Mitch Landrieu spoke at the "
     "opening.", "Mitch Landrieu", ("Mayor", "New Orleans")),
])
def test_a_bare_title_takes_the_only_place_of_its_kind_in_a_short_story(
        analyzer: Analyzer, text: str, person: str, role: tuple[str, str]) -> None:
    assert role in roles_of(analyzer, text)[person]


def test_two_states_leave_a_bare_governor_without_one(analyzer: Analyzer) -> None:
    text = "Texas and Ohio passed crypto laws. Governor Lena Marsh signed hers on Monday."
    assert ("Governor", None) in roles_of(analyzer, text)["Lena Marsh"]


@pytest.mark.parametrize(("text", "name", "role", "org"), [
    # a lower-case portfolio after "of" still belongs to the title before the name
    ("FCA executive director of enforcement Jo Hale said the firm failed.", "Jo Hale",
     "executive director of enforcement", "FCA"),
    # a bare acronym the article defined is its organisation even where the model missed it
    ("The Centre for Harbour Studies (CHS) released a report. CHS director of research Jo "
     "Hale said that the growth was important.", "Jo Hale", "director of research",
     "Centre for Harbour Studies"),
    # a role noun glued to a word of address before the name
    ("Surgeon Dr Shafi Ahmed offered a live virtual surgery.", "Shafi Ahmed", "Surgeon", None),
    # a passive "founded by" states the founder of the clause's subject
    ("Acme Holdings was founded in 2002 by Samir Patel.", "Samir Patel", "founder",
     "Acme Holdings"),
    # ... and a relative clause's "which" still points at the noun it describes
    ("The rate was set by the Monetary Policy Committee (MPC), which was chaired by Urjit "
     "Patel.", "Urjit Patel", "chair", "Monetary Policy Committee"),
])
def test_titles_portfolios_and_founders_in_more_forms(analyzer: Analyzer, text: str, name: str,
                                                      role: str, org: str | None) -> None:
    assert (role, org) in roles_of(analyzer, text).get(name, set())


@pytest.mark.parametrize(("text", "name", "role", "org"), [
    # a party before an elected office is not its organisation; the place is
    ("Kentucky GOP Gov. Matt Bevin lost his reelection bid.", "Matt Bevin", "Governor",
     "Kentucky"),
    ("Wyoming Republican Sen. Cynthia Lummis backed the bill.", "Cynthia Lummis", "Senator",
     "Wyoming"),
    ("Republican Sen. Cynthia Lummis of Wyoming backed the bill.", "Cynthia Lummis",
     "Senator", "Wyoming"),
    # a party's own office is the party's
    ("Labour leader Jane Roe said the plan was bad.", "Jane Roe", "leader", "Labour"),
])
def test_parties_before_elected_offices(analyzer: Analyzer, text: str, name: str, role: str,
                                        org: str | None) -> None:
    assert (role, org) in roles_of(analyzer, text).get(name, set())


@pytest.mark.parametrize(("text", "name", "role"), [
    ("She told then-host Meredith Vieira a story.", "Meredith Vieira", "then-host"),
    ("The threat was posed by then-President of Iraq Saddam Hussein.", "Saddam Hussein",
     "then-President"),
])
def test_then_joined_to_a_title_is_kept_like_former(analyzer: Analyzer, text: str, name: str,
                                                    role: str) -> None:
    assert role in {r for r, _ in roles_of(analyzer, text).get(name, set())}


def test_a_bare_mayor_takes_no_city_from_a_fragment_of_another_name(analyzer: Analyzer) -> None:
    text = ("Wein cut the ribbon on Thursday alongside Mayor Mitch Landrieu. In 2008, the "
            "foundation bought the former Tharp-Sontheimer-Laudumiey Funeral Home.")
    assert not {r for r in roles_of(analyzer, text).get("Mitch Landrieu", set())
                if r[1] and r[1].startswith("Tharp")}


def test_the_state_a_story_is_about_gives_a_bare_governor_hers(analyzer: Analyzer) -> None:
    text = ("The State of New York imposed a two-year moratorium on crypto mining. A bill has "
            "been under consideration in Arizona, Washington and Virginia. The state of New York "
            "hosts about 12 data centers. Thank you, Governor Hochul, for stepping up.")
    assert ("Governor", "New York") in roles_of(analyzer, text)["Hochul"]
    names = {e.name for e in analyzer.analyze(ArticleIn(url=None, title="T", text=text)).entities}
    assert "New York" in names and "State of New York" not in names


def test_a_state_named_as_often_as_another_gives_a_bare_governor_none(
        analyzer: Analyzer) -> None:
    text = ("Texas passed a mining law, and Ohio passed one too. Texas and Ohio both tax mining. "
            "Governor Lena Marsh signed the bill on Monday.")
    assert ("Governor", None) in roles_of(analyzer, text)["Lena Marsh"]


@pytest.mark.parametrize(("text", "role"), [
    ("Jane Doe joined Acme Holdings as chief financial officer in 2019.",
     ("chief financial officer", "Acme Holdings")),
    ("Jane Doe took over as chief executive of Acme Holdings in May.",
     ("chief executive", "Acme Holdings")),
])
def test_the_role_a_subject_takes_after_as(analyzer: Analyzer, text: str,
                                          role: tuple[str, str]) -> None:
    assert role in roles_of(analyzer, text)["Jane Doe"]


def test_a_job_taken_as_is_no_takeover(analyzer: Analyzer) -> None:
    assert not roles_of(analyzer, "Jane Doe took a job as a teacher.").get("Jane Doe")


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Sandro Rosell resigned as Barcelona president on Thursday.", "Sandro Rosell",
     ("former president", "Barcelona")),
    ("Jane Doe stepped down as chief executive of Acme Holdings last year.", "Jane Doe",
     ("former chief executive", "Acme Holdings")),
    ("Tom Lee retired as a judge in 2010.", "Tom Lee", ("former judge", None)),
])
def test_a_role_left_after_as_is_a_former_one(analyzer: Analyzer, text: str, name: str,
                                              role: tuple[str, str | None]) -> None:
    assert role in roles_of(analyzer, text)[name]


def test_stepping_in_as_is_no_role_left(analyzer: Analyzer) -> None:
    roles = roles_of(analyzer, "Jane Doe stepped in as interim chair of Acme Holdings.")
    assert not any(text.startswith("former") for text, _ in roles.get("Jane Doe", ()))
